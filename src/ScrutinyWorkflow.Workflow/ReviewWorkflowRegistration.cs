using Microsoft.DurableTask;

namespace ScrutinyWorkflow.Workflow;

public static class ReviewWorkflowRegistration
{
    /// <summary>The review orchestration and its activity, for every host: the web host's Durable mode, Functions, tests.</summary>
    public static DurableTaskRegistry AddReviewWorkflow(this DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return registry
            .AddOrchestrator<ReviewTimer>()
            .AddActivity<AdvanceReview>();
    }
}
