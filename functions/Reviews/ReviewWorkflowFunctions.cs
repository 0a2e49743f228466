using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using ScrutinyWorkflow.Workflow;
using ScrutinyWorkflow.Workflow.Serialization;

namespace ScrutinyWorkflow.Functions.Reviews;

/// <summary>
/// The review orchestration and its activities as the Durable extension's triggers: each hands over to the workflow
/// project's class, as the Durable Task SDK's source generator would write it.
/// </summary>
public static class ReviewWorkflowFunctions
{
    private static readonly ReviewOrchestration Orchestration = new();

    [Function(nameof(ReviewOrchestration))]
    public static Task<string> RunReview([OrchestrationTrigger] TaskOrchestrationContext context) =>
        Orchestration.RunAsync(context, context.GetInput<ReviewRun>()!);

    [Function(nameof(RecordReviewEvents))]
    public static Task<bool> RecordEvents([ActivityTrigger] RecordRequest request, string instanceId, FunctionContext function) =>
        Activity<RecordReviewEvents>(function).RunAsync(new ActivityContext(nameof(RecordReviewEvents), instanceId), request);

    [Function(nameof(DeliverEffect))]
    public static Task<CommandEnvelope?> Deliver([ActivityTrigger] DeliveryRequest request, string instanceId, FunctionContext function) =>
        Activity<DeliverEffect>(function).RunAsync(new ActivityContext(nameof(DeliverEffect), instanceId), request);

    private static T Activity<T>(FunctionContext function)
    {
        ArgumentNullException.ThrowIfNull(function);
        return ActivatorUtilities.GetServiceOrCreateInstance<T>(function.InstanceServices);
    }

    private sealed class ActivityContext(TaskName name, string instanceId) : TaskActivityContext
    {
        public override TaskName Name { get; } = name;

        public override string InstanceId { get; } = instanceId;
    }
}
