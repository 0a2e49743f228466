using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using ScrutinyWorkflow.Web.Engine.Durable;
using ScrutinyWorkflow.Workflow;

namespace ScrutinyWorkflow.Functions.Reviews;

/// <summary>
/// A review's clock as the Durable extension's triggers: the orchestration and its activity hand over to the workflow
/// project's classes, as the Durable Task SDK's source generator would write them, and the sweep runs on a timer.
/// </summary>
public sealed class ReviewWorkflowFunctions(IServiceProvider services, ILogger<ReviewWorkflowFunctions> logger)
{
    private static readonly ReviewTimer Orchestration = new();

    [Function(nameof(ReviewTimer))]
    public static Task<string> RunReview([OrchestrationTrigger] TaskOrchestrationContext context) =>
        Orchestration.RunAsync(context, context.GetInput<ReviewTimerRun>()!);

    [Function(nameof(AdvanceReview))]
    public async Task<DateTime?> Advance([ActivityTrigger] string reviewId, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken)
    {
        services.GetRequiredService<DurableClientSlot>().Use(durable);
        return await services.GetRequiredService<IReviewAdvance>().AdvanceAsync(reviewId, cancellationToken);
    }

    /// <summary>Every half minute: reviews whose work a stopped instance recorded but never handed on.</summary>
    [Function("ReviewSweep")]
    public async Task Sweep([TimerTrigger("*/30 * * * * *")] TimerInfo timer, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken)
    {
        services.GetRequiredService<DurableClientSlot>().Use(durable);
        if (await services.GetRequiredService<ReviewSweep>().SweepAsync(cancellationToken) is > 0 and var left)
        {
            logger.LogInformation("The sweep handed on the work of {Reviews} reviews.", left);
        }
    }
}
