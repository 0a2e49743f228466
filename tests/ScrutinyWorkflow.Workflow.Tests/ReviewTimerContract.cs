using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.DependencyInjection;
using ScrutinyWorkflow.Tests.Shared;

namespace ScrutinyWorkflow.Workflow.Tests;

/// <summary>
/// A review's clock on a real Durable Task engine: real replays, external events and durable timers. Each engine runs
/// the same tests. Waits are ceilings for a loaded machine, never the time a step is expected to take.
/// </summary>
public abstract class ReviewTimerContract : IAsyncLifetime
{
    // Ten minutes, as the web tests' ceiling: at a load average of 55 to 60 on 2 cores, a new build's host took longer
    // than five to take the task hub's leases over from the one it replaced (the redeploy test), and passes when quiet.
    protected static readonly TimeSpan Patience = TimeSpan.FromMinutes(10);

    protected FakeReviewAdvance Advance { get; } = new();

    protected DurableTaskClient Engine { get; private set; } = null!;

    protected IReviewTimers Timers => new DurableReviewTimers(Engine);

    /// <summary>Starts the engine with the review workflow registered over these services; returns its client.</summary>
    protected abstract Task<DurableTaskClient> StartEngineAsync(Action<IServiceCollection> services);

    protected abstract Task StopEngineAsync();

    public async Task InitializeAsync() => Engine = await StartEngineAsync(services => services.AddSingleton<IReviewAdvance>(Advance));

    public Task DisposeAsync() => StopEngineAsync();

    /// <summary>Until <paramref name="done"/> holds, or the patience runs out; whether it held.</summary>
    protected static async Task<bool> EventuallyAsync(Func<Task<bool>> done)
    {
        for (var until = DateTime.UtcNow + Patience; ; await Task.Delay(100))
        {
            if (await done() || DateTime.UtcNow > until)
            {
                return await done();
            }
        }
    }

    protected static Task<bool> EventuallyAsync(Func<bool> done) => EventuallyAsync(() => Task.FromResult(done()));

    [Fact]
    public async Task A_wake_up_starts_the_reviews_clock_which_hands_its_work_on_and_again_when_the_time_it_named_comes()
    {
        Advance.WakeAt("rv-1", DateTime.UtcNow.AddSeconds(2));

        await Timers.WakeAsync("rv-1", CancellationToken.None);

        Assert.True(await EventuallyAsync(() => Advance.Calls("rv-1") >= 2), $"Handed on {Advance.Calls("rv-1")} times.");
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await Engine.GetInstanceAsync("rv-1"))!.RuntimeStatus);
    }

    [Fact]
    public async Task A_review_with_nothing_due_sleeps_until_woken_and_a_wake_up_hands_its_work_on_again()
    {
        await Timers.WakeAsync("rv-2", CancellationToken.None);
        Assert.True(await EventuallyAsync(() => Advance.Calls("rv-2") == 1));

        await Timers.WakeAsync("rv-2", CancellationToken.None);

        Assert.True(await EventuallyAsync(() => Advance.Calls("rv-2") == 2), $"Handed on {Advance.Calls("rv-2")} times.");
    }

    [Fact]
    public async Task The_orchestrations_input_is_the_same_few_bytes_however_long_the_review_runs()
    {
        Advance.WakeAt("rv-3", [null]);
        await Timers.WakeAsync("rv-3", CancellationToken.None);
        for (var n = 2; n <= 6; n++)
        {
            Assert.True(await EventuallyAsync(() => Advance.Calls("rv-3") == n - 1));
            await Timers.WakeAsync("rv-3", CancellationToken.None);
        }
        Assert.True(await EventuallyAsync(() => Advance.Calls("rv-3") == 6));

        var instance = (await Engine.GetInstanceAsync("rv-3", getInputsAndOutputs: true))!;

        Assert.Equal(new ReviewTimerRun("rv-3"), instance.ReadInputAs<ReviewTimerRun>());
        Assert.True(instance.SerializedInput!.Length < 64, instance.SerializedInput);
    }

    [Fact]
    public async Task A_failed_clock_is_reported_left_failed_by_wake_ups_and_brought_back_by_a_restart()
    {
        // A generation in a shape no build knows fails, as a replay that no longer matches its code would.
        await Engine.ScheduleNewOrchestrationInstanceAsync(nameof(ReviewTimer), new ReviewTimerRun("rv-4", Shape: 99), new StartOrchestrationOptions("rv-4"));
        Assert.True(await EventuallyAsync(async () => (await Engine.GetInstanceAsync("rv-4"))?.RuntimeStatus == OrchestrationRuntimeStatus.Failed));

        var problem = await Timers.ProblemAsync("rv-4", CancellationToken.None);
        await Timers.WakeAsync("rv-4", CancellationToken.None);
        var afterWake = (await Engine.GetInstanceAsync("rv-4"))!.RuntimeStatus;
        await Timers.RestartAsync("rv-4", CancellationToken.None);

        Assert.Contains("stopped with an error", problem, StringComparison.Ordinal);
        Assert.Equal(OrchestrationRuntimeStatus.Failed, afterWake);
        Assert.True(await EventuallyAsync(() => Advance.Calls("rv-4") == 1));
        Assert.Null(await Timers.ProblemAsync("rv-4", CancellationToken.None));
    }
}

/// <summary>On the Durable Task SDK's in-process host: an in-memory backend behind the same gRPC protocol.</summary>
[Trait("Speed", "Slow")]
public sealed class ReviewTimerOnTheInProcessHost : ReviewTimerContract
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
[Trait("Speed", "Slow")]
public sealed class ReviewTimerOnAzureStorage : ReviewTimerContract
{
    private const string TaskHub = "scrutinytests";

    private Azurite? azurite;
    private AzureStorageDurableHost? host;

    protected override async Task<DurableTaskClient> StartEngineAsync(Action<IServiceCollection> services)
    {
        azurite = await Azurite.StartAsync();
        host = await AzureStorageDurableHost.StartAsync(azurite.ConnectionString, TaskHub, registry => registry.AddReviewWorkflow(), services);
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

    /// <summary>
    /// A redeploy mid-wait: reviews whose generation began on this build, waiting on its timer, finish that generation
    /// on the next build (which changed the orchestration's shape) and go on in the new shape, none failing.
    /// </summary>
    [Fact]
    public async Task Reviews_waiting_on_one_build_of_the_orchestration_finish_on_the_next_build_which_changed_its_shape()
    {
        var reviews = Enumerable.Range(1, 5).Select(n => $"rv-redeploy-{n}").ToList();
        foreach (var id in reviews)
        {
            Advance.WakeAt(id, DateTime.UtcNow.AddSeconds(20));
            await Timers.WakeAsync(id, CancellationToken.None);
        }
        Assert.True(await EventuallyAsync(() => reviews.All(id => Advance.Calls(id) == 1)));
        await host!.DisposeAsync();
        host = null;

        var heartbeats = new NextBuild.Heartbeats();
        await using var next = await AzureStorageDurableHost.StartAsync(azurite!.ConnectionString, TaskHub,
            registry => registry.AddOrchestrator<NextBuild.ReviewTimer>().AddActivity<AdvanceReview>().AddActivity<NextBuild.Heartbeat>(),
            services => services.AddSingleton<IReviewAdvance>(Advance).AddSingleton(heartbeats));

        Assert.True(await EventuallyAsync(() => reviews.All(heartbeats.Of)), "Not every review reached the next build's shape.");
        foreach (var id in reviews)
        {
            var instance = (await next.Client.GetInstanceAsync(id, getInputsAndOutputs: true))!;
            Assert.NotEqual(OrchestrationRuntimeStatus.Failed, instance.RuntimeStatus);
            Assert.Equal(2, Advance.Calls(id));
        }
    }
}

/// <summary>
/// The next build, as a developer changing the orchestration's shape would write it: a generation begun in shape 1 is
/// replayed with shape 1's steps, and every later generation runs shape 2 (hand the work on, then note a heartbeat).
/// </summary>
internal static class NextBuild
{
    public sealed class Heartbeats
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> seen = new(StringComparer.Ordinal);

        public void Note(string reviewId) => seen[reviewId] = true;

        public bool Of(string reviewId) => seen.ContainsKey(reviewId);
    }

    public sealed class Heartbeat(Heartbeats heartbeats) : TaskActivity<string, bool>
    {
        public override Task<bool> RunAsync(TaskActivityContext context, string input)
        {
            heartbeats.Note(input);
            return Task.FromResult(true);
        }
    }

    [DurableTask(nameof(Workflow.ReviewTimer))]
    public sealed class ReviewTimer : TaskOrchestrator<ReviewTimerRun, string>
    {
        public override async Task<string> RunAsync(TaskOrchestrationContext context, ReviewTimerRun run)
        {
            switch (run.Shape)
            {
                case 1:
                    await Workflow.ReviewTimer.ShapeOneAsync(context, run.ReviewId);
                    break;
                case 2:
                    var wakeAt = await context.CallActivityAsync<DateTime?>(nameof(AdvanceReview), run.ReviewId);
                    await context.CallActivityAsync<bool>(nameof(Heartbeat), run.ReviewId);
                    await Workflow.ReviewTimer.WakeOrTimeAsync(context, wakeAt);
                    break;
                default:
                    throw new InvalidOperationException($"Shape {run.Shape} is unknown.");
            }
            context.ContinueAsNew(run with { Shape = 2 });
            return "continued";
        }
    }
}
