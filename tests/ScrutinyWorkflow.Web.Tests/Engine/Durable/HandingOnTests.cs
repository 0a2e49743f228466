using System.Net;
using Microsoft.Extensions.DependencyInjection;
using ScrutinyWorkflow.Core.Calendar;
using ScrutinyWorkflow.Tests.Shared;
using ScrutinyWorkflow.Web.Engine.Durable;
using static ScrutinyWorkflow.Web.Tests.EndToEnd.AssuranceReviewScenario;

namespace ScrutinyWorkflow.Web.Tests.Engine.Durable;

/// <summary>
/// How a recorded decision's work is handed on, on the web host's Durable runtime (Azurite): a host killed while holding
/// a review's delivery delays its mail by no more than the claim, and no pass clears the mark of a decision it did not see.
/// </summary>
[Trait("Speed", "Slow")]
public sealed class HandingOnTests : IAsyncLifetime
{
    private Azurite azurite = null!;

    private TestWorld DurableWorld(string taskHub)
    {
        var world = new TestWorld(DateTimeOffset.UtcNow);
        world.Settings["Scrutiny:Runtime"] = "Durable";
        world.Settings["Scrutiny:Storage:ConnectionString"] = azurite.ConnectionString;
        world.Settings["Scrutiny:Durable:TaskHub"] = taskHub;
        return world;
    }

    private static async Task<string> CreateAsync(TestWorld world)
    {
        var calendar = new WorkingCalendar();
        var deadline = calendar.AddWorkingDays(DateOnly.FromDateTime(DateTime.UtcNow), 20);
        return await world.App.CreateReviewAsync(RequestWithDates(deadline, calendar.AddWorkingDays(deadline, 8)));
    }

    public async Task InitializeAsync() => azurite = await Azurite.StartAsync();

    public async Task DisposeAsync() => await azurite.DisposeAsync();

    [Fact]
    public async Task A_pass_that_read_the_review_before_another_decision_was_recorded_leaves_that_decisions_mark_for_the_sweep()
    {
        await using var world = DurableWorld("marks");
        var id = await CreateAsync(world);
        await world.App.RunRunnerAsync();
        var streams = world.App.Services.GetRequiredService<TableReviewStreams>();
        var version = (await streams.HeadAsync(id, CancellationToken.None))!.Version;
        // Marked by the host deciding the next decision (on another host, say), not yet recorded; and an old mark
        // of this version, as a host that handed on and stopped before clearing would leave.
        await streams.MarkAsync(id, version, CancellationToken.None);
        await streams.MarkAsync(id, version + 1, CancellationToken.None);

        await world.App.Services.GetRequiredService<ReviewAdvance>().AdvanceAsync(id, CancellationToken.None);

        var left = await streams.MarksOfAsync(id, CancellationToken.None);
        Assert.Equal([version + 1], left.Select(m => m.Version));
        Assert.Contains(id, await streams.MarkedBeforeAsync(DateTimeOffset.UtcNow.AddMinutes(1), 100, CancellationToken.None));
    }

    [Fact]
    public async Task Mail_a_killed_host_had_claimed_goes_out_once_its_claim_runs_out_and_the_review_stays_marked_until_it_has()
    {
        await using var world = DurableWorld("claims");
        var id = await CreateAsync(world);
        await world.App.RunRunnerAsync();
        var streams = world.App.Services.GetRequiredService<TableReviewStreams>();
        var progress = await streams.DeliveryAsync(id, CancellationToken.None);
        // A host that claimed the review's delivery and was killed before sending: its claim stands, renewed by nobody.
        Assert.NotNull(await streams.SaveDeliveryAsync(id, progress with { ClaimedUntil = world.Clock.GetUtcNow() + TimeSpan.FromSeconds(30) }, CancellationToken.None));

        Assert.Equal(HttpStatusCode.Accepted, (await world.App.CreateClient().PostAsync($"/api/reviews/{id}/dispatch", Api.NoBody())).StatusCode);
        await world.App.RunRunnerAsync();
        var whileClaimed = world.App.Mailbox.List().Count;
        var markedWhileClaimed = await streams.MarkedBeforeAsync(DateTimeOffset.UtcNow.AddMinutes(1), 100, CancellationToken.None);

        world.Clock.Advance(TimeSpan.FromSeconds(31));
        await world.App.Services.GetRequiredService<ReviewAdvance>().AdvanceAsync(id, CancellationToken.None);
        await world.App.RunRunnerAsync();

        var mails = world.App.Mailbox.List();
        Assert.Equal(0, whileClaimed);
        Assert.Contains(id, markedWhileClaimed);
        Assert.NotEmpty(mails);
        Assert.Equal(mails.Count, mails.Select(m => (string.Join(",", m.To), m.Subject)).Distinct().Count());
        Assert.DoesNotContain(id, await streams.MarkedBeforeAsync(DateTimeOffset.UtcNow.AddMinutes(1), 100, CancellationToken.None));
        var delivered = await streams.DeliveryAsync(id, CancellationToken.None);
        Assert.Null(delivered.ClaimedUntil);
        Assert.Equal((await streams.HeadAsync(id, CancellationToken.None))!.Version, delivered.Through);
    }
}
