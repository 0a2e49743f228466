using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using ScrutinyWorkflow.Core.Calendar;
using ScrutinyWorkflow.Core.Reviews;
using ScrutinyWorkflow.Tests.Shared;
using ScrutinyWorkflow.Web.Hosting;
using ScrutinyWorkflow.Web.Links;
using ScrutinyWorkflow.Web.Reviews;
using ScrutinyWorkflow.Web.Reviews.Durable;
using ScrutinyWorkflow.Workflow.Serialization;

namespace ScrutinyWorkflow.Web.Tests.Reviews.Durable;

/// <summary>The Durable runtime's read side on Azure Table Storage, against Azurite: the read-side contract, and recording that may repeat.</summary>
public sealed class TableReviewReadSideTests : ReviewReadSideContract, IAsyncLifetime
{
    private static readonly ReviewDecider Decider = new(ReviewPolicy.Default, new WorkingCalendar());
    private static readonly ResponseLinks LinkMaker = new(new byte[32], Options.Create(new ScrutinyOptions { PublicBaseUrl = "https://scrutiny.council.example" }));

    private readonly Dictionary<string, List<ReviewEvent>> recorded = [];
    private Azurite azurite = null!;
    private TableReviewReadSide readSide = null!;

    protected override IReviewQueries Queries => readSide;

    protected override ILinkIndex Index => readSide;

    protected override ResponseLinks Links => LinkMaker;

    public async Task InitializeAsync()
    {
        azurite = await Azurite.StartAsync();
        readSide = new TableReviewReadSide(new TableServiceClient(azurite.ConnectionString), new ReviewEventSerializer(), LinkMaker);
    }

    public async Task DisposeAsync()
    {
        readSide.Dispose();
        await azurite.DisposeAsync();
    }

    /// <summary>As the orchestration does: each command decided on the events so far, its events recorded from the next version on.</summary>
    protected override async Task ApplyAsync(string reviewId, IReadOnlyList<ReviewCommand> commands)
    {
        var events = recorded.TryGetValue(reviewId, out var known) ? known : recorded[reviewId] = [];
        foreach (var command in commands)
        {
            var accepted = Assert.IsType<Accepted>(Decider.Decide(command, ReviewState.From(events)));
            await readSide.RecordAsync(reviewId, events.Count + 1, accepted.Events, CancellationToken.None);
            events.AddRange(accepted.Events);
        }
    }

    [Fact]
    public async Task Recording_the_same_events_again_changes_nothing()
    {
        await ApplyAsync("rv-9", Opened("rv-9", At(14), new SubmitAnswer("A1", "Forty-two.", At(16))));
        var events = recorded["rv-9"];

        await readSide.RecordAsync("rv-9", 3, events[2..], CancellationToken.None);
        await readSide.RecordAsync("rv-9", 1, events, CancellationToken.None);

        Assert.Equal(events.Count, (await readSide.FindAsync("rv-9", CancellationToken.None))!.Version);
        Assert.Equal(Enumerable.Range(1, events.Count).Select(v => (long)v), (await readSide.AuditTrailAsync("rv-9", CancellationToken.None))!.Select(e => e.Version));
    }
}
