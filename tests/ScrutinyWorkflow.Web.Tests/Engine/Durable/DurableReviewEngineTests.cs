using System.Collections.Concurrent;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ScrutinyWorkflow.Core.Reviews;
using ScrutinyWorkflow.Tests.Shared;
using ScrutinyWorkflow.Web.Engine;
using ScrutinyWorkflow.Web.Engine.Durable;
using ScrutinyWorkflow.Web.Engine.Serialization;
using ScrutinyWorkflow.Web.Engine.Storage;
using ScrutinyWorkflow.Web.Hosting;
using ScrutinyWorkflow.Web.Links;
using ScrutinyWorkflow.Workflow;

namespace ScrutinyWorkflow.Web.Tests.Engine.Durable;

/// <summary>
/// The Durable runtime's review store on Azure Table Storage (Azurite), through the engine that decides where a command
/// arrives: the read-side contract, and the conditional append that keeps every version to one decision when several
/// hosts decide on one review at once.
/// </summary>
[Trait("Speed", "Slow")]
public sealed class DurableReviewEngineTests : ReviewReadSideContract, IAsyncLifetime
{
    private static readonly ResponseLinks LinkMaker = new(new byte[32], Options.Create(new ScrutinyOptions { PublicBaseUrl = "https://scrutiny.council.example" }));
    private static readonly ReviewRules Rules = ReviewRules.For(ReviewPolicy.Default, TimeZoneInfo.FindSystemTimeZoneById("Europe/London"));

    private readonly HandedOn handedOn = new();
    private readonly List<ServiceProvider> hosts = [];
    private Azurite azurite = null!;
    private DurableReviewEngine engine = null!;

    protected override IReviewQueries Queries => engine;

    protected override ILinkIndex Index => engine;

    protected override ResponseLinks Links => LinkMaker;

    public async Task InitializeAsync()
    {
        azurite = await Azurite.StartAsync();
        engine = Host();
    }

    public async Task DisposeAsync()
    {
        foreach (var host in hosts)
        {
            await host.DisposeAsync();
        }
        await azurite.DisposeAsync();
    }

    /// <summary>One host's engine: its own memory of reviews, the same storage account as every other.</summary>
    private DurableReviewEngine Host(TableClientOptions? options = null)
    {
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton(new TableReviewStreams(new TableServiceClient(azurite.ConnectionString, options)))
            .AddSingleton(new ReviewEventSerializer())
            .AddSingleton(LinkMaker)
            .AddSingleton(Rules)
            .AddSingleton<IReviewAdvance>(handedOn)
            .AddSingleton<IReviewTimers>(handedOn)
            .AddSingleton<ReviewHandoff>()
            .AddSingleton<DurableReviewEngine>()
            .BuildServiceProvider();
        hosts.Add(services);
        return services.GetRequiredService<DurableReviewEngine>();
    }

    protected override async Task ApplyAsync(string reviewId, IReadOnlyList<ReviewCommand> commands)
    {
        foreach (var command in commands)
        {
            Assert.IsType<CommandApplied>(await engine.HandleAsync(reviewId, command, expectedVersion: null, CancellationToken.None));
        }
        // The list line is written by the hand-off, straight after the command is answered.
        await hosts[0].GetRequiredService<ReviewHandoff>().IdleAsync();
    }

    [Fact]
    public async Task Three_hosts_deciding_on_one_review_at_once_record_every_command_once_and_every_version_once()
    {
        await ApplyAsync("rv-race", Opened("rv-race", At(14)));
        DurableReviewEngine[] three = [engine, Host(), Host()];
        var drafts = Enumerable.Range(1, 45).Select(n => $"Draft {n}").ToList();

        var outcomes = await Task.WhenAll(drafts.Select((text, n) =>
            three[n % 3].HandleAsync("rv-race", new SaveAnswer("A1", text, At(15)), null, CancellationToken.None)));

        var trail = (await engine.AuditTrailAsync("rv-race", CancellationToken.None))!;
        Assert.All(outcomes, o => Assert.IsType<CommandApplied>(o));
        Assert.Equal(Enumerable.Range(1, trail.Count).Select(v => (long)v), trail.Select(e => e.Version));
        var saved = trail.Select(e => e.Event).OfType<AnswerSaved>().Select(e => e.Text).ToList();
        Assert.Equal(drafts.Order(StringComparer.Ordinal), saved.Order(StringComparer.Ordinal));
        // Each caller was told the version its own decision reached, and no two were told the same.
        Assert.Equal(outcomes.Length, outcomes.Select(o => o.Version).Distinct().Count());
    }

    [Fact]
    public async Task A_step_run_again_on_the_head_it_first_read_cannot_record_another_decision_at_a_version_already_recorded()
    {
        await ApplyAsync("rv-twice", Opened("rv-twice", At(14)));
        var streams = new TableReviewStreams(new TableServiceClient(azurite.ConnectionString));
        var stale = (await streams.HeadAsync("rv-twice", CancellationToken.None))!;
        Assert.IsType<CommandApplied>(await engine.HandleAsync("rv-twice", new SubmitAnswer("A1", "The first attempt's answer.", At(15)), null, CancellationToken.None));
        var other = new StoredDecision(stale.Version + 1, [new ReviewEventSerializer().Serialize(new AnswerSaved("A1", "Another decision.", At(15)))], [], At(15));

        await Assert.ThrowsAsync<StreamConflictException>(() => streams.AppendAsync("rv-twice", stale, stale.Rules, other, null, CancellationToken.None));

        var review = (await engine.FindAsync("rv-twice", CancellationToken.None))!;
        Assert.Equal("The first attempt's answer.", review.State.Answers["Q1"].Text);
        Assert.DoesNotContain((await engine.AuditTrailAsync("rv-twice", CancellationToken.None))!, e => e.Event is AnswerSaved);
    }

    [Fact]
    public async Task Every_effect_is_named_by_the_version_of_the_decision_that_asked_for_it_so_no_id_means_two_messages()
    {
        await ApplyAsync("rv-ids", Opened("rv-ids", At(14), new SubmitAnswer("A1", "Forty-two.", At(15)), new ReleaseStatement(At(16))));
        var streams = new TableReviewStreams(new TableServiceClient(azurite.ConnectionString));

        var decisions = await streams.DecisionsAsync("rv-ids", 0, long.MaxValue, CancellationToken.None);

        var ids = decisions.SelectMany(d => d.Effects.Select(e => (d, e.Id))).ToList();
        Assert.NotEmpty(ids);
        Assert.Equal(ids.Count, ids.Select(i => i.Id).Distinct(StringComparer.Ordinal).Count());
        Assert.All(ids, i => Assert.StartsWith($"rv-ids.{i.d.LastVersion}.", i.Id, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_recorded_command_hands_its_review_on_and_wakes_the_timer_when_its_due_time_changed()
    {
        await ApplyAsync("rv-hand", Opened("rv-hand", At(14)));
        await hosts[0].GetRequiredService<ReviewHandoff>().IdleAsync();

        Assert.Contains("rv-hand", handedOn.Advanced);
        Assert.Contains("rv-hand", handedOn.Woken);
        var marks = await new TableReviewStreams(new TableServiceClient(azurite.ConnectionString)).MarkedBeforeAsync(DateTimeOffset.UtcNow.AddMinutes(1), 10, CancellationToken.None);
        // This fake hands nothing on, so the mark stays for the sweep: a host that stopped here loses nothing.
        Assert.Contains("rv-hand", marks);
    }

    [Fact]
    public async Task A_refused_command_records_nothing_and_marks_nothing()
    {
        await ApplyAsync("rv-no", Opened("rv-no", At(14)));
        var before = (await engine.FindAsync("rv-no", CancellationToken.None))!.Version;

        var outcome = await engine.HandleAsync("rv-no", new SubmitAnswer("A9", "Not an assignment.", At(15)), null, CancellationToken.None);

        Assert.IsType<CommandRefused>(outcome);
        Assert.Equal(before, (await engine.FindAsync("rv-no", CancellationToken.None))!.Version);
        Assert.IsType<CommandRefused>(await engine.HandleAsync("rv-missing", new DispatchReview(At(14)), null, CancellationToken.None));
        Assert.Null(await engine.FindAsync("rv-missing", CancellationToken.None));
    }

    [Fact]
    public async Task A_host_that_listed_before_lists_a_review_another_host_created_and_then_moved_on_with_its_new_status()
    {
        var other = Host();
        var before = await other.ListAsync(new ReviewListQuery(), CancellationToken.None);

        await ApplyAsync("rv-listed", Opened("rv-listed", At(14)));
        var created = await other.ListAsync(new ReviewListQuery(), CancellationToken.None);
        await ApplyAsync("rv-listed", [new SubmitAnswer("A1", "Forty-two.", At(15)), new ReleaseStatement(At(16))]);
        var movedOn = await other.ListAsync(new ReviewListQuery(), CancellationToken.None);

        Assert.DoesNotContain(before.Reviews, r => r.Id == "rv-listed");
        var first = Assert.Single(created.Reviews, r => r.Id == "rv-listed");
        var last = Assert.Single(movedOn.Reviews, r => r.Id == "rv-listed");
        Assert.NotEqual(first.Status, last.Status);
        Assert.Equal(ReviewSummary.From((await engine.FindAsync("rv-listed", CancellationToken.None))!.State), last);
        Assert.Equal(before.Total + 1, movedOn.Total);
    }

    [Fact]
    public async Task A_host_deciding_on_a_review_it_remembers_does_not_overwrite_what_another_host_recorded_since()
    {
        await ApplyAsync("rv-behind", Opened("rv-behind", At(14)));
        var other = Host();
        var theirs = await other.HandleAsync("rv-behind", new SubmitAnswer("A1", "The other host's answer.", At(15)), null, CancellationToken.None);

        // This host still remembers the review as it recorded it, before the other host's answer.
        var outcome = await engine.HandleAsync("rv-behind", new SaveAnswer("A1", "A draft correction.", At(15)), null, CancellationToken.None);

        var applied = Assert.IsType<CommandApplied>(outcome);
        Assert.Equal(theirs.Version + 1, applied.Version);
        Assert.Equal("The other host's answer.", applied.State.Answers["Q1"].Text);
        var trail = (await other.AuditTrailAsync("rv-behind", CancellationToken.None))!;
        Assert.Equal(Enumerable.Range(1, trail.Count).Select(v => (long)v), trail.Select(e => e.Version));
        Assert.Contains(trail, e => e.Event is AnswerSubmitted { Text: "The other host's answer." });
        Assert.Contains(trail, e => e.Event is AnswerSaved { Text: "A draft correction." });
    }

    [Fact]
    public async Task A_command_that_changes_nothing_on_the_review_a_host_remembers_is_decided_again_when_another_host_recorded_since()
    {
        await ApplyAsync("rv-noop", Opened("rv-noop", At(14), new SaveAnswer("A1", "Mine.", At(15))));
        await Host().HandleAsync("rv-noop", new SaveAnswer("A1", "Theirs.", At(15)), null, CancellationToken.None);

        // Remembered, the draft is already "Mine.": only the store says it is not, any more.
        var outcome = await engine.HandleAsync("rv-noop", new SaveAnswer("A1", "Mine.", At(16)), null, CancellationToken.None);

        Assert.NotEmpty(Assert.IsType<CommandApplied>(outcome).Recorded);
        var trail = (await Host().AuditTrailAsync("rv-noop", CancellationToken.None))!;
        Assert.Equal(["Mine.", "Theirs.", "Mine."], trail.Select(e => e.Event).OfType<AnswerSaved>().Select(e => e.Text));
    }

    [Fact]
    public async Task A_command_sent_with_the_version_another_host_recorded_is_decided_not_called_stale_by_a_host_that_remembers_an_older_one()
    {
        await ApplyAsync("rv-seen", Opened("rv-seen", At(14)));
        var theirs = await Host().HandleAsync("rv-seen", new SaveAnswer("A1", "Theirs.", At(15)), null, CancellationToken.None);

        var outcome = await engine.HandleAsync("rv-seen", new SaveAnswer("A1", "Mine.", At(15)), theirs.Version, CancellationToken.None);

        Assert.Equal(theirs.Version + 1, Assert.IsType<CommandApplied>(outcome).Version);
    }

    [Fact]
    public async Task A_host_records_an_answer_on_a_review_it_remembers_with_two_requests_the_mark_and_the_append()
    {
        var (host, requests) = await OpenedOnALoggedHostAsync("rv-two");

        Assert.IsType<CommandApplied>(await host.HandleAsync("rv-two", new SubmitAnswer("A1", "Forty-two.", At(15)), null, CancellationToken.None));

        // The list line is the hand-off's, after the person is answered; nothing reads the review again to decide.
        var made = requests.Made.Where(r => !r.Contains(TableReviewStreams.ListTable, StringComparison.Ordinal)).ToList();
        Assert.Collection(made,
            mark => Assert.StartsWith($"PUT /{TableReviewStreams.WorkTable}(", mark, StringComparison.Ordinal),
            append => Assert.StartsWith("POST /$batch", append, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Commands_on_one_review_at_once_on_one_host_take_turns_so_each_is_appended_once_without_losing_a_race()
    {
        var (host, requests) = await OpenedOnALoggedHostAsync("rv-turns");

        var outcomes = await Task.WhenAll(Enumerable.Range(1, 8).Select(n =>
            host.HandleAsync("rv-turns", new SaveAnswer("A1", $"Draft {n}", At(15)), null, CancellationToken.None)));

        Assert.All(outcomes, o => Assert.IsType<CommandApplied>(o));
        Assert.Equal(8, requests.Made.Count(r => r.StartsWith("POST /$batch", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_host_writing_a_list_line_it_remembers_as_older_keeps_the_newer_line_another_host_wrote_since()
    {
        await ApplyAsync("rv-line", Opened("rv-line", At(14)));
        using var mine = new TableReviewStreams(new TableServiceClient(azurite.ConnectionString));
        using var theirs = new TableReviewStreams(new TableServiceClient(azurite.ConnectionString));
        var summary = ReviewSummary.From((await engine.FindAsync("rv-line", CancellationToken.None))!.State);
        var createdAt = (await theirs.ListingsAsync(null, CancellationToken.None)).Single(l => l.Summary.Id == "rv-line").CreatedAt;

        await mine.ListAsync(summary, 100, createdAt, CancellationToken.None);
        await theirs.ListAsync(summary, 300, createdAt, CancellationToken.None);
        await mine.ListAsync(summary, 200, createdAt, CancellationToken.None);
        var kept = await ListedVersionAsync();
        await mine.ListAsync(summary, 400, createdAt, CancellationToken.None);

        Assert.Equal(300, kept);
        Assert.Equal(400, await ListedVersionAsync());

        async Task<long> ListedVersionAsync() =>
            (await theirs.ListingsAsync(null, CancellationToken.None)).Single(l => l.Summary.Id == "rv-line").Version;
    }

    /// <summary>A host whose table requests are logged, with the review opened on it and the log cleared.</summary>
    private async Task<(DurableReviewEngine Host, RequestLog Requests)> OpenedOnALoggedHostAsync(string reviewId)
    {
        var requests = new RequestLog();
        var options = new TableClientOptions();
        options.AddPolicy(requests, Azure.Core.HttpPipelinePosition.PerCall);
        var host = Host(options);
        foreach (var command in Opened(reviewId, At(14)))
        {
            Assert.IsType<CommandApplied>(await host.HandleAsync(reviewId, command, null, CancellationToken.None));
        }
        requests.Clear();
        return (host, requests);
    }

    /// <summary>The requests a host's table client makes, method and path (account name left out).</summary>
    private sealed class RequestLog : Azure.Core.Pipeline.HttpPipelineSynchronousPolicy
    {
        private readonly ConcurrentQueue<string> made = new();

        public IReadOnlyList<string> Made => [.. made];

        public void Clear() => made.Clear();

        public override void OnSendingRequest(Azure.Core.HttpMessage message)
        {
            var path = Uri.UnescapeDataString(message.Request.Uri.Path);
            made.Enqueue($"{message.Request.Method} {path[path.IndexOf('/', 1)..]}");
        }
    }

    /// <summary>Counts what was handed on, and hands nothing on: the engine's side of the hand-off alone.</summary>
    private sealed class HandedOn : IReviewAdvance, IReviewTimers
    {
        public ConcurrentBag<string> Advanced { get; } = [];

        public ConcurrentBag<string> Woken { get; } = [];

        public Task<DateTime?> AdvanceAsync(string reviewId, CancellationToken cancellationToken)
        {
            Advanced.Add(reviewId);
            return Task.FromResult<DateTime?>(null);
        }

        public Task WakeAsync(string reviewId, CancellationToken cancellationToken)
        {
            Woken.Add(reviewId);
            return Task.CompletedTask;
        }

        public Task<string?> ProblemAsync(string reviewId, CancellationToken cancellationToken) => Task.FromResult<string?>(null);

        public Task RestartAsync(string reviewId, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
