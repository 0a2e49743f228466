using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace ScrutinyWorkflow.Workflow;

/// <summary>What a host asks of a review's orchestration.</summary>
public interface IReviewTimers
{
    /// <summary>Wakes the review's orchestration (starting it if it has none), so it hands on work and sets its timer again.</summary>
    Task WakeAsync(string reviewId, CancellationToken cancellationToken);

    /// <summary>Why the review's orchestration is not running, when it failed or was stopped; null when all is well.</summary>
    Task<string?> ProblemAsync(string reviewId, CancellationToken cancellationToken);

    /// <summary>Replaces the review's orchestration with a new one: the review itself is in the store, so nothing is lost.</summary>
    Task RestartAsync(string reviewId, CancellationToken cancellationToken);
}

/// <summary>The review's orchestration on a Durable Task engine, through its client.</summary>
public sealed class DurableReviewTimers(DurableTaskClient client) : IReviewTimers
{
    public async Task WakeAsync(string reviewId, CancellationToken cancellationToken)
    {
        var instance = await client.GetInstanceAsync(reviewId, getInputsAndOutputs: false, cancellationToken);
        if (instance is { RuntimeStatus: OrchestrationRuntimeStatus.Failed })
        {
            // Left failed for the operator to see and restart (ProblemAsync tells the review's page); waking it would hide why.
            return;
        }
        if (instance is null || instance.IsCompleted)
        {
            try
            {
                await client.ScheduleNewOrchestrationInstanceAsync(nameof(ReviewTimer), new ReviewTimerRun(reviewId), new StartOrchestrationOptions(reviewId), cancellationToken);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Another host started it at the same moment: wake that one instead.
            }
        }
        await client.RaiseEventAsync(reviewId, ReviewTimer.WakeEvent, true, cancellationToken);
    }

    public async Task<string?> ProblemAsync(string reviewId, CancellationToken cancellationToken)
    {
        var instance = await client.GetInstanceAsync(reviewId, getInputsAndOutputs: false, cancellationToken);
        return instance?.RuntimeStatus switch
        {
            OrchestrationRuntimeStatus.Failed => $"The review's timer stopped with an error: {instance.FailureDetails?.ErrorMessage ?? "no details"}. Reminders and escalations will not be sent until it is restarted.",
            OrchestrationRuntimeStatus.Terminated => "The review's timer was stopped by an operator. Reminders and escalations will not be sent until it is restarted.",
            _ => null,
        };
    }

    public async Task RestartAsync(string reviewId, CancellationToken cancellationToken)
    {
        var instance = await client.GetInstanceAsync(reviewId, getInputsAndOutputs: false, cancellationToken);
        if (instance is { IsRunning: true } or { RuntimeStatus: OrchestrationRuntimeStatus.Pending or OrchestrationRuntimeStatus.Suspended })
        {
            await client.TerminateInstanceAsync(reviewId, "Restarted by an operator.", cancellationToken);
            await client.WaitForInstanceCompletionAsync(reviewId, cancellationToken);
        }
        if (instance is not null)
        {
            await client.PurgeInstanceAsync(reviewId, cancellation: cancellationToken);
        }
        await client.ScheduleNewOrchestrationInstanceAsync(nameof(ReviewTimer), new ReviewTimerRun(reviewId), new StartOrchestrationOptions(reviewId), cancellationToken);
    }
}
