using System.Net;
using System.Net.Http.Json;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using ScrutinyWorkflow.Core.Calendar;
using ScrutinyWorkflow.Tests.Shared;
using ScrutinyWorkflow.Web.Reviews;
using ScrutinyWorkflow.Workflow;
using static ScrutinyWorkflow.Web.Tests.EndToEnd.AssuranceReviewScenario;

namespace ScrutinyWorkflow.Web.Tests.Reviews;

/// <summary>
/// A review whose orchestration failed, on the web host's Durable runtime (Azurite): the scrutiny team sees it on the
/// review's page, the operator reads why and restarts it, and the restarted clock runs from the stored review.
/// </summary>
[Trait("Speed", "Slow")]
public sealed class ReviewTimerApiTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(5);

    private Azurite azurite = null!;

    public async Task InitializeAsync() => azurite = await Azurite.StartAsync();

    public async Task DisposeAsync() => await azurite.DisposeAsync();

    [Fact]
    public async Task A_failed_clock_shows_on_the_reviews_page_and_the_operators_restart_brings_it_back_with_nothing_lost()
    {
        await using var world = new TestWorld(DateTimeOffset.UtcNow);
        world.Settings["Scrutiny:Runtime"] = "Durable";
        world.Settings["Scrutiny:Storage:ConnectionString"] = azurite.ConnectionString;
        world.Settings["Scrutiny:Durable:TaskHub"] = "timerapi";
        var calendar = new WorkingCalendar();
        var deadline = calendar.AddWorkingDays(DateOnly.FromDateTime(DateTime.UtcNow), 20);
        var id = await world.App.CreateReviewAsync(RequestWithDates(deadline, calendar.AddWorkingDays(deadline, 8)));
        var client = world.App.CreateClient();
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync($"/api/reviews/{id}/dispatch", Api.NoBody())).StatusCode);
        await world.App.RunRunnerAsync();
        var durable = world.App.Services.GetRequiredService<DurableTaskClient>();
        var version = (await world.App.GetReviewAsync(id)).Assignments.Count;

        // Replaced by one in a shape no build knows, which fails as a replay that no longer matches its code would.
        await durable.TerminateInstanceAsync(id);
        await durable.WaitForInstanceCompletionAsync(id);
        await durable.PurgeInstanceAsync(id);
        await durable.ScheduleNewOrchestrationInstanceAsync(nameof(ReviewTimer), new ReviewTimerRun(id, Shape: 99), new StartOrchestrationOptions(id));
        var failed = await EventuallyAsync(() => client.GetFromJsonAsync<ReviewTimerView>($"/api/reviews/{id}/timer")!, v => v?.Problem is not null);
        var page = await client.GetStringAsync($"/reviews/{id}");

        var restarted = await client.PostAsync($"/api/reviews/{id}/timer/restart", Api.NoBody());
        var running = await EventuallyAsync(async () => (await durable.GetInstanceAsync(id))?.RuntimeStatus, s => s == OrchestrationRuntimeStatus.Running);

        Assert.Contains("stopped with an error", failed!.Problem, StringComparison.Ordinal);
        Assert.Contains("id=\"runtime-problem\"", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Accepted, restarted.StatusCode);
        Assert.Equal(OrchestrationRuntimeStatus.Running, running);
        Assert.Null((await client.GetFromJsonAsync<ReviewTimerView>($"/api/reviews/{id}/timer"))!.Problem);
        Assert.DoesNotContain("id=\"runtime-problem\"", await client.GetStringAsync($"/reviews/{id}"), StringComparison.Ordinal);
        Assert.Equal(version, (await world.App.GetReviewAsync(id)).Assignments.Count);
    }

    [Fact]
    public async Task The_embedded_runtime_says_it_has_no_orchestration_to_restart()
    {
        await using var world = new TestWorld();
        var id = await world.App.CreateReviewAsync(Request());
        var client = world.App.CreateClient();

        var shown = await client.GetAsync($"/api/reviews/{id}/timer");
        var restarted = await client.PostAsync($"/api/reviews/{id}/timer/restart", Api.NoBody());

        Assert.Equal(HttpStatusCode.NotFound, shown.StatusCode);
        Assert.Contains("embedded runtime", await shown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, restarted.StatusCode);
        Assert.DoesNotContain("id=\"runtime-problem\"", await client.GetStringAsync($"/reviews/{id}"), StringComparison.Ordinal);
    }

    private static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        for (var until = DateTime.UtcNow + Patience; ; await Task.Delay(200))
        {
            var value = await read();
            if (done(value) || DateTime.UtcNow > until)
            {
                return value;
            }
        }
    }
}
