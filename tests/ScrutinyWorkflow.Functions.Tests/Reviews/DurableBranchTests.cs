using System.Text.Json;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ScrutinyWorkflow.Core.Calendar;
using ScrutinyWorkflow.Functions.Reviews;
using ScrutinyWorkflow.Functions.Tests.Http;
using ScrutinyWorkflow.Tests.Shared;
using ScrutinyWorkflow.Web.Tests;
using ScrutinyWorkflow.Workflow;
using ScrutinyWorkflow.Workflow.AzureStorage;

namespace ScrutinyWorkflow.Functions.Tests.Reviews;

/// <summary>
/// The Functions app on its Durable branch, as Azure runs it, with the Durable extension's part played by the Durable
/// Task SDK's own engine on Azure Storage (Azurite): reviews are created and commanded through the app's HTTP
/// functions with a real Durable client, each review's clock runs the app's orchestration trigger, and its activity
/// runs the app's activity trigger with the worker's own services. Nothing is mocked.
/// </summary>
public sealed class DurableBranchTests : IAsyncLifetime
{
    /// <summary>A ceiling for a loaded machine, not an expected time: each step takes a second or two when it is quiet.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(5);

    private readonly TemporaryFolder data = new();
    private Azurite azurite = null!;
    private FunctionsWorker functions = null!;
    private DurableTaskSidecar sidecar = null!;
    private IHost engine = null!;
    private DurableTaskClient durable = null!;

    public async Task InitializeAsync()
    {
        azurite = await Azurite.StartAsync();
        var taskHub = "fn" + Guid.NewGuid().ToString("N")[..12];
        // Orchestrations keep real time, so the worker does too.
        functions = await FunctionsWorker.StartAsync(
            data.Path,
            new Dictionary<string, string?>
            {
                ["Scrutiny:Runtime"] = "Durable",
                ["Scrutiny:Storage:ConnectionString"] = azurite.ConnectionString,
                ["Scrutiny:Durable:TaskHub"] = taskHub,
            },
            services => services.Replace(ServiceDescriptor.Singleton(TimeProvider.System)));
        sidecar = new DurableTaskSidecar(azurite.ConnectionString, taskHub, Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);
        await sidecar.StartAsync(CancellationToken.None);
        var triggers = ActivatorUtilities.CreateInstance<ReviewWorkflowFunctions>(functions.Services);
        engine = Host.CreateDefaultBuilder()
            .ConfigureLogging(logging => logging.ClearProviders())
            .ConfigureServices(services =>
            {
                // Each of the app's triggers, under the name the extension would call it by.
                services.AddDurableTaskWorker(worker => worker.UseGrpc(sidecar.Channel).AddTasks(tasks =>
                {
                    tasks.AddOrchestratorFunc<ReviewTimerRun, string>(nameof(ReviewTimer), (context, _) => ReviewWorkflowFunctions.RunReview(context));
                    tasks.AddActivityFunc<string, DateTime?>(nameof(AdvanceReview), (_, reviewId) => triggers.Advance(reviewId, durable, CancellationToken.None));
                }));
                services.AddDurableTaskClient(client => client.UseGrpc(sidecar.Channel).RegisterDirectly());
            })
            .Build();
        await engine.StartAsync();
        durable = engine.Services.GetRequiredService<DurableTaskClient>();
    }

    private Task<Answer> Api(string method, string path, object? body = null) =>
        functions.SendAsync((f, r) => f.Api(r, durable), method, path, body is null ? null : JsonSerializer.Serialize(body));

    [Fact]
    public async Task A_review_is_created_sent_closed_and_assembled_through_the_functions_on_the_durable_engine()
    {
        var calendar = new WorkingCalendar();
        var deadline = calendar.AddWorkingDays(DateOnly.FromDateTime(DateTime.UtcNow), 20);
        var review = JsonSerializer.Deserialize<JsonElement>(HttpFunctionsTests.NewReview(deadline.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
        var request = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(review.GetRawText())!;
        request["meetingDate"] = JsonSerializer.SerializeToElement(calendar.AddWorkingDays(deadline, 8).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));

        var created = await Api("POST", "/api/reviews", request);
        Assert.True(created.Status == 201, created.Body);
        var id = JsonDocument.Parse(created.Body).RootElement.GetProperty("id").GetString()!;
        var dispatched = await Api("POST", $"/api/reviews/{id}/dispatch", new { });
        Assert.True(dispatched.Status == 202, dispatched.Body);

        // The request emails are the dispatch's effects, carried out by the worker that took it, or by the app's own
        // activity trigger when the review's orchestration hands them on first.
        var mails = await EventuallyAsync(() => functions.Mailbox.List().Where(m => m.Subject.Contains("questions for you", StringComparison.OrdinalIgnoreCase) || m.TextBody.Contains("/respond/", StringComparison.Ordinal)).ToList(), m => m.Count >= 2);
        Assert.Equal(2, mails.Select(m => string.Join(",", m.To)).Distinct().Count());

        var closed = await Api("POST", $"/api/reviews/{id}/close", new { reason = "The panel meeting was brought forward" });
        Assert.True(closed.Status == 202, closed.Body);
        var assembled = await EventuallyAsync(async () => JsonDocument.Parse((await Api("GET", $"/api/reviews/{id}")).Body).RootElement.GetProperty("status").GetString(), s => s == "assembled");
        Assert.Equal("assembled", assembled);

        // The review the pages read is the one the app's HTTP functions recorded.
        var statement = await Api("GET", $"/api/reviews/{id}/statement");
        Assert.Equal(200, statement.Status);
        Assert.Contains("How do you make sure care leavers know what support they are entitled to?", statement.Body, StringComparison.Ordinal);
        Assert.Contains("Care leavers", statement.Body, StringComparison.Ordinal);
        // The dispatch's pass wakes the review's orchestration after its mail; the close can be assembled before then.
        var instance = await EventuallyAsync<OrchestrationMetadata?>(() => durable.GetInstanceAsync(id), i => i is not null);
        Assert.NotNull(instance);
        Assert.NotEqual(OrchestrationRuntimeStatus.Failed, instance.RuntimeStatus);
    }

    private static Task<T> EventuallyAsync<T>(Func<T> read, Func<T, bool> done) => EventuallyAsync(() => Task.FromResult(read()), done);

    private static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var until = DateTime.UtcNow + Patience;
        while (true)
        {
            var value = await read();
            if (done(value) || DateTime.UtcNow > until)
            {
                return value;
            }
            await Task.Delay(200);
        }
    }

    public async Task DisposeAsync()
    {
        await engine.StopAsync();
        engine.Dispose();
        await sidecar.StopAsync(CancellationToken.None);
        await sidecar.DisposeAsync();
        await functions.DisposeAsync();
        await azurite.DisposeAsync();
        data.Dispose();
    }
}
