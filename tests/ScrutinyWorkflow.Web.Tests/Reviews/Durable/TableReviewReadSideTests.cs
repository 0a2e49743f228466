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

/// <summary>The Durable runtime's read side on Azure Table Storage, against Azurite.</summary>
public sealed class TableReviewReadSideTests : IAsyncLifetime
{
    private static readonly Officer Asha = new("asha@council.example", "Asha Patel", "Head of Service", "dee@council.example");
    private static readonly Officer Dee = new("dee@council.example", "Dee Rector", "Director", null);
    private static readonly ReviewDecider Decider = new(ReviewPolicy.Default, new WorkingCalendar());
    private static readonly ResponseLinks Links = new(new byte[32], Options.Create(new ScrutinyOptions { PublicBaseUrl = "https://scrutiny.council.example" }));

    private Azurite azurite = null!;
    private TableReviewReadSide readSide = null!;

    public async Task InitializeAsync()
    {
        azurite = await Azurite.StartAsync();
        readSide = new TableReviewReadSide(new TableServiceClient(azurite.ConnectionString), new ReviewEventSerializer(), Links);
    }

    public async Task DisposeAsync()
    {
        readSide.Dispose();
        await azurite.DisposeAsync();
    }

    private static DateTimeOffset At(int day, int hour = 10) => new(day < 14 ? 2027 : 2026, day < 14 ? 1 : 12, day, hour, 0, 0, TimeSpan.Zero);

    /// <summary>The events a review's commands decide, in order.</summary>
    private static List<ReviewEvent> Decided(string id, params ReviewCommand[] commands)
    {
        var state = ReviewState.Initial;
        var events = new List<ReviewEvent>();
        ReviewCommand[] all =
        [
            new DraftReview(id, "Careless", new YearMonth(2020, 12), "Children and Families Scrutiny Panel", "panel@council.example",
                new DateOnly(2027, 1, 20), new DateOnly(2027, 1, 8), [new AreaInput("Accommodation", [new QuestionInput("How many?", [Asha.Email])])], [Asha, Dee], At(14)),
            new DispatchReview(At(14)),
            .. commands,
        ];
        foreach (var command in all)
        {
            var accepted = Assert.IsType<Accepted>(Decider.Decide(command, state));
            state = accepted.Events.Aggregate(state, ReviewState.Evolve);
            events.AddRange(accepted.Events);
        }
        return events;
    }

    [Fact]
    public async Task Recorded_events_read_back_as_the_review_in_order_and_recording_them_again_changes_nothing()
    {
        var events = Decided("rv-1", new SubmitAnswer("A1", new string('x', 50_000), At(16)));

        await readSide.RecordAsync("rv-1", 1, events[..2], CancellationToken.None);
        await readSide.RecordAsync("rv-1", 3, events[2..], CancellationToken.None);
        await readSide.RecordAsync("rv-1", 3, events[2..], CancellationToken.None);

        var review = await readSide.FindAsync("rv-1", CancellationToken.None);
        Assert.Equal(events.Count, review!.Version);
        Assert.Equal(ReviewState.From(events).Status, review.State.Status);
        Assert.Equal(new string('x', 50_000), review.State.Answers["Q1"].Text);
        var trail = await readSide.AuditTrailAsync("rv-1", CancellationToken.None);
        Assert.Equal(Enumerable.Range(1, events.Count).Select(v => (long)v), trail!.Select(e => e.Version));
        Assert.Equal(["review-drafted", "review-dispatched", "request-sent", "answer-submitted", "statement-assembled"], trail!.Select(e => e.Type));
        Assert.Null(await readSide.FindAsync("rv-none", CancellationToken.None));
    }

    [Fact]
    public async Task Links_made_by_a_request_and_by_an_escalation_lead_to_their_person()
    {
        var events = Decided("rv-2", new ProcessDueTimers(At(8, 9)));
        await readSide.RecordAsync("rv-2", 1, events[..3], CancellationToken.None);
        await readSide.RecordAsync("rv-2", 4, events[3..], CancellationToken.None);
        ILinkIndex index = readSide;

        var officer = await index.FindAsync(Links.HashOf(Links.TokenFor("rv-2", new Respondent(Asha.Email))), CancellationToken.None);
        var manager = await index.FindAsync(Links.HashOf(Links.TokenFor("rv-2", new Respondent(Dee.Email, Asha.Email))), CancellationToken.None);

        Assert.Equal(new LinkTarget("rv-2", Asha.Email), officer);
        Assert.Equal(new LinkTarget("rv-2", $"{Dee.Email}>{Asha.Email}"), manager);
        Assert.Null(await index.FindAsync(Links.HashOf(Links.TokenFor("rv-2", new Respondent(Dee.Email))), CancellationToken.None));
    }

    [Fact]
    public async Task Recent_reviews_come_newest_first()
    {
        var older = Decided("rv-old");
        var newer = Decided("rv-new");
        newer[0] = ((ReviewDrafted)newer[0]) with { At = At(15) };

        await readSide.RecordAsync("rv-old", 1, older, CancellationToken.None);
        await readSide.RecordAsync("rv-new", 1, newer, CancellationToken.None);

        Assert.Equal(["rv-new", "rv-old"], (await readSide.ListAsync(new ReviewListQuery(PageSize: 10), CancellationToken.None)).Reviews.Select(r => r.Id));
        var first = await readSide.ListAsync(new ReviewListQuery(PageSize: 1), CancellationToken.None);
        Assert.Equal(["rv-new"], first.Reviews.Select(r => r.Id));
        Assert.Equal(2, first.Total);
        Assert.Equal(["rv-old"], (await readSide.ListAsync(new ReviewListQuery(Page: 2, PageSize: 1), CancellationToken.None)).Reviews.Select(r => r.Id));
    }
}
