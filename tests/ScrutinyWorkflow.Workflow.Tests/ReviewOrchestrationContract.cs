using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.DependencyInjection;
using ScrutinyWorkflow.Core.Calendar;
using ScrutinyWorkflow.Core.Reviews;
using ScrutinyWorkflow.Tests.Shared;

namespace ScrutinyWorkflow.Workflow.Tests;

/// <summary>
/// The review orchestration on a real Durable Task engine: real orchestration replays, external events and durable
/// timers. The council's chase time is set a few seconds ahead of now, so the decider itself schedules a chaser that
/// the durable timer then fires; nothing in the orchestration is a test clock. Each engine runs the same tests. Each
/// test tells its review's effects apart by the review's id, since a review set up too slowly is left for another
/// (<see cref="InTimeForTheChaserAsync"/>).
/// </summary>
public abstract class ReviewOrchestrationContract : IAsyncLifetime
{
    private static readonly Officer Asha = new("asha@council.example", "Asha Patel", "Head of Service", "dee@council.example");
    private static readonly Officer Ben = new("ben@council.example", "Ben Okafor", "Data Lead", "asha@council.example");
    private static readonly Officer Dee = new("dee@council.example", "Dee Rector", "Director", null);
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
    // How long a command's answer or an awaited effect may take: a ceiling for a loaded machine, not an expected time.
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(10);

    private readonly FakeReviewRecord record = new();
    private readonly FakeEffectDelivery delivery = new();
    private DurableTaskClient engine = null!;

    /// <summary>Starts the engine with the review workflow registered over these services; returns its client.</summary>
    protected abstract Task<DurableTaskClient> StartEngineAsync(Action<IServiceCollection> services);

    protected abstract Task StopEngineAsync();

    public async Task InitializeAsync() =>
        engine = await StartEngineAsync(services => services.AddSingleton<IReviewRecord>(record).AddSingleton<IEffectDelivery>(delivery));

    public Task DisposeAsync() => StopEngineAsync();

    private static DateTimeOffset LocalNow => TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, London);

    /// <summary>Answers are due by the end of today, and the escalation goes at <paramref name="chaseIn"/> from now, today.</summary>
    private static (ReviewWorkflowClient Client, DraftReview Draft, DateTimeOffset ChaseAt) Review(DurableTaskClient client, TimeSpan chaseIn, string id)
    {
        var chaseAt = LocalNow + chaseIn;
        var calendar = new WorkingCalendar();
        var deadline = DateOnly.FromDateTime(chaseAt.DateTime);
        var policy = ReviewPolicy.Default with { ReminderWorkingDaysBefore = [], ChaseTimeOfDay = TimeOnly.FromDateTime(chaseAt.DateTime) };
        var draft = new DraftReview(id, "Careless: children in care", new YearMonth(2020, 12), "Children and Families Scrutiny Panel", "panel@council.example",
            calendar.AddWorkingDays(deadline, 10), deadline,
            [new AreaInput("Accommodation", [new QuestionInput("How many are in bed and breakfast?", [Asha.Email]), new QuestionInput("How are needs assessed?", [Ben.Email])])],
            [Asha, Ben, Dee], LocalNow);
        return (new ReviewWorkflowClient(client, ReviewRules.For(policy, London)), draft, chaseAt);
    }

    /// <summary>
    /// A review set up by <paramref name="setUp"/> with its chaser <paramref name="lead"/> from now, where every command
    /// of the set-up must be decided before the chaser is due. On a machine so loaded that they were not, that review
    /// is left and another set up with twice the lead: a slow machine makes the test slower, never wrong.
    /// </summary>
    private static async Task<(ReviewWorkflowClient Client, string Id)> InTimeForTheChaserAsync(
        string id, TimeSpan lead, Func<string, TimeSpan, Task<(ReviewWorkflowClient Client, DateTimeOffset ChaseAt)>> setUp)
    {
        for (var attempt = 1; ; attempt++, lead *= 2)
        {
            var review = attempt == 1 ? id : $"{id}-{attempt}";
            var (client, chaseAt) = await setUp(review, lead);
            if (LocalNow < chaseAt)
            {
                return (client, review);
            }
            Assert.True(lead < Patience, $"Setting review {review} up took longer than its chaser's lead of {lead.TotalSeconds} s.");
        }
    }

    private async Task<CommandResult> SendAsync(ReviewWorkflowClient client, string id, ReviewCommand command)
    {
        var result = await client.SendAsync(id, command, Guid.NewGuid().ToString("N"), Patience, CancellationToken.None);
        if (result is null)
        {
            var instance = await engine.GetInstanceAsync(id, getInputsAndOutputs: true);
            Assert.Fail($"No result for {command.GetType().Name}: the orchestration is {instance?.RuntimeStatus}: {instance?.FailureDetails?.ErrorMessage} {instance?.FailureDetails?.StackTrace}");
        }
        Assert.True(result.Applied, $"{command.GetType().Name} was refused: {result.Rejection?.Message}");
        return result;
    }

    private static async Task UntilAsync(Func<bool> condition, string what)
    {
        var until = DateTime.UtcNow + Patience;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < until, $"Waited {Patience.TotalSeconds} s for {what}.");
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task A_review_runs_from_dispatch_through_an_escalation_on_a_durable_timer_to_a_filed_statement_with_each_effect_once_and_a_late_answer_makes_version_two()
    {
        var (client, id) = await InTimeForTheChaserAsync("rv-durable-1", TimeSpan.FromSeconds(8), async (review, lead) =>
        {
            var (reviewClient, draft, chaseAt) = Review(engine, lead, review);
            await SendAsync(reviewClient, review, draft);
            await SendAsync(reviewClient, review, new DispatchReview(default));
            await SendAsync(reviewClient, review, new SubmitAnswer("A2", "Assessed jointly with housing.", default));
            return (reviewClient, chaseAt);
        });

        Assert.Equal([Asha.Email, Ben.Email], delivery.Of<SendRequest>(id).Select(r => r.OfficerEmail).Order());
        await UntilAsync(() => delivery.Of<SendReceipt>(id).Count > 0, "the receipt");
        var receipt = Assert.Single(delivery.Of<SendReceipt>(id));
        Assert.Equal((Ben.Email, $"{id}-Q2-1".ToUpperInvariant()), (receipt.To.Email, receipt.Reference));

        await UntilAsync(() => delivery.Of<SendEscalation>(id).Count > 0, "the escalation timer");
        var escalation = Assert.Single(delivery.Of<SendEscalation>(id));
        Assert.Equal((Asha.Email, Dee.Email), (escalation.OfficerEmail, escalation.ManagerEmail));
        Assert.Equal(["A1"], escalation.AssignmentIds);

        await SendAsync(client, id, new CloseEarly("The meeting moved", default));
        await SendAsync(client, id, new ReleaseStatement(default));
        await UntilAsync(() => ReviewState.From(record.Events(id).Select(e => e.Event)).Status == ReviewStatus.Completed, "the panel to be told");

        // A completed review's orchestration still runs, waiting for a new version.
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await engine.GetInstanceAsync(id))!.RuntimeStatus);
        var events = record.Events(id);
        Assert.Equal(Enumerable.Range(1, events.Count).Select(v => (long)v), events.Select(e => e.Version));
        var state = ReviewState.From(events.Select(e => e.Event));
        Assert.Equal(ReviewStatus.Completed, state.Status);
        Assert.Equal($"https://panel.example/{id}/position-statement.html", state.FiledLocation);
        Assert.Equal(delivery.Of(id).Count, delivery.Of(id).Select(d => d.EffectId).Distinct().Count());
        var late = await client.SendAsync(id, new SubmitAnswer("A1", "Too late.", default), "c-late", Patience, CancellationToken.None);
        Assert.Equal((false, RejectionCodes.NotOpen), (late!.Applied, late.Rejection!.Code));
        Assert.Equal(
            ["FileStatement", "NotifyPanel", "SendClosedNotice", "SendEscalation", "SendReceipt", "SendRequest", "SendRequest", "SendStatementForCheck"],
            delivery.Of(id).Select(d => d.Effect.GetType().Name).Order());

        await SendAsync(client, id, new AcceptLateAnswer("A1", "Placed within 28 days.", default));
        await SendAsync(client, id, new CorrectAnswer("Q2", "Assessed jointly with housing, within a day.", default));
        await SendAsync(client, id, new ReleaseStatement(default));
        await UntilAsync(() => ReviewState.From(record.Events(id).Select(e => e.Event)) is { Status: ReviewStatus.Completed, ReleasedVersion: 2 }, "version 2 to reach the panel");

        var version2 = ReviewState.From(record.Events(id).Select(e => e.Event));
        Assert.Equal(["Q1", "Q2"], version2.Changes.Select(c => c.QuestionId).Order());
        Assert.Equal(delivery.Of(id).Count, delivery.Of(id).Select(d => d.EffectId).Distinct().Count());
        Assert.Equal(
            ["FileStatement", "FileStatement", "NotifyPanel", "NotifyPanel", "SendClosedNotice", "SendEscalation", "SendReceipt", "SendRequest", "SendRequest", "SendStatementForCheck", "SendStatementForCheck"],
            delivery.Of(id).Select(d => d.Effect.GetType().Name).Order());
    }

    [Fact]
    public async Task A_reminder_goes_on_a_durable_timer_on_the_working_day_before_the_deadline()
    {
        var calendar = new WorkingCalendar();
        var chaseAt = default(DateTimeOffset);
        var today = default(DateOnly);
        var (_, id) = await InTimeForTheChaserAsync("rv-durable-4", TimeSpan.FromSeconds(6), async (review, lead) =>
        {
            chaseAt = LocalNow + lead;
            today = DateOnly.FromDateTime(chaseAt.DateTime);
            var deadline = calendar.AddWorkingDays(today, 1);
            var policy = ReviewPolicy.Default with { ReminderWorkingDaysBefore = [1], ChaseTimeOfDay = TimeOnly.FromDateTime(chaseAt.DateTime) };
            var reviewClient = new ReviewWorkflowClient(engine, ReviewRules.For(policy, London));
            await SendAsync(reviewClient, review, new DraftReview(review, "Careless: children in care", new YearMonth(2020, 12), "Children and Families Scrutiny Panel", "panel@council.example",
                calendar.AddWorkingDays(deadline, 10), deadline, [new AreaInput("Accommodation", [new QuestionInput("How many?", [Ben.Email])])], [Asha, Ben, Dee], LocalNow));
            await SendAsync(reviewClient, review, new DispatchReview(default));
            return (reviewClient, chaseAt);
        });

        // Four seconds past the chase time, a timer wrongly set for today would have fired.
        var past = chaseAt + TimeSpan.FromSeconds(4) - LocalNow;
        await Task.Delay(past > TimeSpan.Zero ? past : TimeSpan.Zero);

        // The working day before the deadline is today only when today is a working day; at a weekend the chase
        // starts with the escalation on the deadline day, and nothing is due within seconds.
        if (calendar.IsWorkingDay(today))
        {
            await UntilAsync(() => delivery.Of<SendReminder>(id).Count > 0, "the reminder timer");
            Assert.Equal(Ben.Email, Assert.Single(delivery.Of<SendReminder>(id)).OfficerEmail);
        }
        else
        {
            Assert.Empty(delivery.Of<SendReminder>(id));
        }
        Assert.Empty(delivery.Of<SendEscalation>(id));
    }

    [Fact]
    public async Task Answers_raised_at_the_same_moment_are_each_decided()
    {
        const string id = "rv-durable-5";
        var (client, draft, _) = Review(engine, TimeSpan.FromHours(1), id);
        await SendAsync(client, id, draft);
        await SendAsync(client, id, new DispatchReview(default));

        var results = await Task.WhenAll(
            client.SendAsync(id, new SubmitAnswer("A1", "Three this year.", default), "c-asha", Patience, CancellationToken.None),
            client.SendAsync(id, new SubmitAnswer("A2", "Jointly with housing.", default), "c-ben", Patience, CancellationToken.None),
            client.SendAsync(id, new SaveAnswer("A2", "Notes", default), "c-ben-notes", Patience, CancellationToken.None));

        Assert.All(results, r => Assert.NotNull(r));
        Assert.Equal([true, true], results.Take(2).Select(r => r!.Applied));
        var state = ReviewState.From(record.Events(id).Select(e => e.Event));
        Assert.Equal(["Q1", "Q2"], state.Answers.Keys.Order());
        Assert.Equal(ReviewStatus.Assembled, state.Status);
    }

    [Fact]
    public async Task A_timer_that_fires_after_the_answer_is_in_sends_nothing_and_the_review_carries_on()
    {
        var (client, id) = await InTimeForTheChaserAsync("rv-durable-2", TimeSpan.FromSeconds(4), async (review, lead) =>
        {
            var (reviewClient, draft, chaseAt) = Review(engine, lead, review);
            await SendAsync(reviewClient, review, draft);
            await SendAsync(reviewClient, review, new DispatchReview(default));
            await SendAsync(reviewClient, review, new SubmitAnswer("A1", "Three this year.", default));
            return (reviewClient, chaseAt);
        });

        // The timer has fired once Ben's escalation is out: Asha's would have been decided with it.
        await UntilAsync(() => delivery.Of<SendEscalation>(id).Count > 0, "the escalation timer");
        var afterTimer = await SendAsync(client, id, new SaveAnswer("A2", "Notes so far", default));

        Assert.Single(delivery.Of<SendEscalation>(id));
        Assert.Equal(Ben.Email, delivery.Of<SendEscalation>(id)[0].OfficerEmail);
        Assert.Equal(record.Events(id).Count, afterTimer.Version);
    }

    [Fact]
    public async Task A_refused_command_reports_why_and_records_nothing_and_a_command_raised_twice_is_decided_once()
    {
        const string id = "rv-durable-3";
        var (client, draft, _) = Review(engine, TimeSpan.FromHours(1), id);
        await SendAsync(client, id, draft);
        var version = record.Events(id).Count;

        var refused = await client.SendAsync(id, new SubmitAnswer("A1", "Too soon.", default), "c-refused", Patience, CancellationToken.None);
        var dispatched = await client.SendAsync(id, new DispatchReview(default), "c-dispatch", Patience, CancellationToken.None);
        var again = await client.SendAsync(id, new DispatchReview(default), "c-dispatch", Patience, CancellationToken.None);

        Assert.Equal((false, RejectionCodes.NotOpen, version), (refused!.Applied, refused.Rejection!.Code, refused.Version));
        Assert.Equal(dispatched, again);
        Assert.Equal(2, delivery.Of<SendRequest>(id).Count);
        Assert.Equal(RejectionCodes.NotFound, (await client.SendAsync("rv-nope", new DispatchReview(default), "c-x", Patience, CancellationToken.None))!.Rejection!.Code);
    }
}

/// <summary>On the Durable Task SDK's in-process host: an in-memory backend behind the same gRPC protocol.</summary>
public sealed class ReviewOrchestrationOnTheInProcessHost : ReviewOrchestrationContract
{
    private DurableTaskTestHost? host;

    protected override async Task<DurableTaskClient> StartEngineAsync(Action<IServiceCollection> services)
    {
        // A port the system says is free: left to itself the host picks one at random between 30000 and 40000 without
        // asking, which collided with a port another test class held at the time.
        host = await DurableTaskTestHost.StartAsync(registry => registry.AddReviewWorkflow(),
            new DurableTaskTestHostOptions { ConfigureServices = services, Port = Loopback.FreePort() });
        return host.Client;
    }

    protected override async Task StopEngineAsync()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }
    }
}

/// <summary>On the Durable Task Framework's Azure Storage backend, against Azurite: queues, leases, tables and timers.</summary>
public sealed class ReviewOrchestrationOnAzureStorage : ReviewOrchestrationContract
{
    private Azurite? azurite;
    private AzureStorageDurableHost? host;

    protected override async Task<DurableTaskClient> StartEngineAsync(Action<IServiceCollection> services)
    {
        azurite = await Azurite.StartAsync();
        host = await AzureStorageDurableHost.StartAsync(azurite.ConnectionString, "scrutinytests", registry => registry.AddReviewWorkflow(), services);
        return host.Client;
    }

    protected override async Task StopEngineAsync()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }
        if (azurite is not null)
        {
            await azurite.DisposeAsync();
        }
    }
}
