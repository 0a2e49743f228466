using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using ScrutinyWorkflow.Core.Reviews;
using ScrutinyWorkflow.Workflow.Serialization;

namespace ScrutinyWorkflow.Workflow;

/// <summary>
/// Sends commands to reviews' orchestrations: a new review starts its orchestration; every command is raised as an
/// event with an id, and the caller may wait a little for its result. Past the wait the command is still received:
/// the orchestration's queue holds it, so an acknowledged answer is never lost.
/// </summary>
public sealed class ReviewWorkflowClient(DurableTaskClient client, ReviewRules rules)
{
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(100);

    private static readonly TimeSpan RaiseAgainAfter = TimeSpan.FromSeconds(5);

    /// <returns>The command's result, or null when it was received but not yet decided within <paramref name="wait"/>.</returns>
    public async Task<CommandResult?> SendAsync(string reviewId, ReviewCommand command, string commandId, TimeSpan wait, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var instance = await client.GetInstanceAsync(reviewId, getInputsAndOutputs: false, cancellationToken);
        if (instance is null)
        {
            if (command is not DraftReview)
            {
                return new CommandResult(commandId, false, 0, new Rejection(RejectionCodes.NotFound, "There is no such review.", []));
            }
            await client.ScheduleNewOrchestrationInstanceAsync(nameof(ReviewOrchestration), ReviewRun.Start(reviewId, rules), new StartOrchestrationOptions(reviewId), cancellationToken);
        }
        else if (instance.IsCompleted)
        {
            // Reviews completed before new versions of a released statement were possible ended their orchestration:
            // nothing would ever read the command, so say so now. Reviews completed since keep waiting for commands.
            return new CommandResult(commandId, false, 0, new Rejection(RejectionCodes.NotOpen,
                "This review finished before a released statement could have a new version on this runtime, so its statement cannot change.", []));
        }
        // Raised again, under the same id, while no result has come: the orchestration decides an id once, so a repeat
        // costs nothing, and an event the engine dropped between generations is delivered after all.
        var envelope = ReviewCommandSerializer.Serialize(commandId, command);
        var until = DateTime.UtcNow + wait;
        while (true)
        {
            await client.RaiseEventAsync(reviewId, ReviewOrchestration.CommandEvent, envelope, cancellationToken);
            var left = until - DateTime.UtcNow;
            if (await ResultAsync(reviewId, commandId, left < RaiseAgainAfter ? left : RaiseAgainAfter, cancellationToken) is { } result)
            {
                return result;
            }
            if (DateTime.UtcNow >= until)
            {
                return null;
            }
        }
    }

    /// <summary>The result of a command sent earlier, if it has been decided within <paramref name="wait"/>.</summary>
    public async Task<CommandResult?> ResultAsync(string reviewId, string commandId, TimeSpan wait, CancellationToken cancellationToken)
    {
        var until = DateTime.UtcNow + wait;
        while (true)
        {
            var status = (await client.GetInstanceAsync(reviewId, getInputsAndOutputs: true, cancellationToken))?.ReadCustomStatusAs<ReviewRunStatus>();
            if (status?.RecentResults.FirstOrDefault(r => r.CommandId == commandId) is { } result)
            {
                return result;
            }
            if (DateTime.UtcNow >= until)
            {
                return null;
            }
            await Task.Delay(PollEvery, cancellationToken);
        }
    }
}
