using Microsoft.Extensions.DependencyInjection;
using ScrutinyWorkflow.Web.Engine.Embedded;
using ScrutinyWorkflow.Web.Engine.Storage;
using static ScrutinyWorkflow.Web.Tests.EndToEnd.AssuranceReviewScenario;

namespace ScrutinyWorkflow.Web.Tests.Engine.Embedded;

/// <summary>The runner works while there is work: an append wakes it, and it never sends anything twice.</summary>
public sealed class ReviewRunnerTests
{
    [Fact]
    public async Task A_dispatch_wakes_the_background_runner_which_sends_the_requests_without_waiting_for_its_poll()
    {
        await using var world = new TestWorld();
        world.Settings["Scrutiny:Runner:Enabled"] = "true";
        // An hour's poll on a clock that never moves by itself: only being woken can send the mail.
        world.Settings["Scrutiny:Runner:PollSeconds"] = "3600";

        await CreateAndDispatchAsync(world.App);

        var sent = await Eventually(() => world.App.Mailbox.List().Count, count => count == 4);
        Assert.Equal(4, sent);
        Assert.Empty(await world.App.Services.GetRequiredService<IOutbox>().PendingAsync(world.Clock.GetUtcNow(), 100, CancellationToken.None));
    }

    [Fact]
    public async Task Runner_passes_at_the_same_time_send_each_message_once_and_leave_nothing_pending()
    {
        await using var world = new TestWorld();
        for (var i = 0; i < 5; i++)
        {
            await CreateAndDispatchAsync(world.App);
        }
        var runner = world.App.Services.GetRequiredService<ReviewRunner>();

        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => runner.RunOnceAsync(CancellationToken.None))));

        var mail = world.App.Mailbox.List();
        Assert.Equal(20, mail.Count);
        Assert.Equal(20, mail.Select(m => m.MessageId).Distinct().Count());
        Assert.Empty(await world.App.Services.GetRequiredService<IOutbox>().PendingAsync(world.Clock.GetUtcNow(), 100, CancellationToken.None));
    }

    [Fact]
    public async Task A_runner_that_found_nothing_sleeps_until_the_next_due_time_and_no_longer_than_its_poll()
    {
        await using var world = new TestWorld();
        world.Settings["Scrutiny:Runner:PollSeconds"] = "15";
        var runner = world.App.Services.GetRequiredService<ReviewRunner>();
        Assert.Equal(TimeSpan.FromSeconds(15), await runner.IdleForAsync(CancellationToken.None));

        await CreateAndDispatchAsync(world.App);
        await SendRequestsAsync(world.App);
        // The first reminder is due at 09:00 on Thursday 31 December: ten seconds before it, the runner sleeps ten seconds.
        world.Clock.SetUtcNow(Uk(2026, 12, 31, 8, 59).AddSeconds(50));

        Assert.Equal(TimeSpan.FromSeconds(10), await runner.IdleForAsync(CancellationToken.None));
    }

    private static async Task<T> Eventually<T>(Func<T> read, Func<T, bool> done)
    {
        // A ceiling for a stuck test on a loaded machine, not a timing: the runner is expected to act at once.
        var give = DateTime.UtcNow.AddMinutes(5);
        var value = read();
        while (!done(value) && DateTime.UtcNow < give)
        {
            await Task.Delay(50);
            value = read();
        }
        return value;
    }
}
