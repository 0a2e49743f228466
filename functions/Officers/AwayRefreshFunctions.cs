using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using ScrutinyWorkflow.Functions.Reviews;
using ScrutinyWorkflow.Web.AwayRefresh;

namespace ScrutinyWorkflow.Functions.Officers;

/// <summary>Officers' automatic replies read again after dispatch, on the Functions app's own timer.</summary>
public sealed class AwayRefreshFunctions(AwayRefreshJob job, IServiceProvider services, ILogger<AwayRefreshFunctions> logger)
{
    [Function("AwayRefresh")]
    public async Task<AwayRefreshPass> Hourly(
        [TimerTrigger(AwayRefreshJob.HourlySchedule)] TimerInfo timer,
        [DurableClient] DurableTaskClient durable,
        CancellationToken cancellationToken)
    {
        (services.GetService(typeof(DurableClientSlot)) as DurableClientSlot)?.Use(durable);
        var pass = await job.RunAsync(cancellationToken);
        logger.LogInformation("Automatic replies read again: {Reviews} reviews, {Changed} changed, {Unreadable} addresses unreadable.", pass.Reviews, pass.Changed, pass.Unreadable);
        return pass;
    }
}
