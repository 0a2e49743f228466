using ScrutinyWorkflow.Core.Reviews;
using ScrutinyWorkflow.Workflow;

namespace ScrutinyWorkflow.Web.Reviews.Durable;

/// <summary>
/// Commands on the Durable runtime: each is raised to its review's orchestration with an id, and the caller waits a
/// little for the result, then reads the review from the read side. Past the wait it is received, queued in the
/// orchestration, and will be decided: an acknowledged answer is never lost.
/// </summary>
public sealed class DurableReviewCommands(ReviewWorkflowClient workflow, IReviewQueries queries) : IReviewCommands
{
    /// <summary>Long enough for a step on a busy task hub; short enough that a person is not left staring at a page.</summary>
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    public async Task<CommandOutcome> HandleAsync(string reviewId, ReviewCommand command, long? expectedVersion, CancellationToken cancellationToken)
    {
        using var span = ReviewTelemetry.Command(reviewId, command);
        if (expectedVersion is { } expected && await queries.FindAsync(reviewId, cancellationToken) is var seen && (seen?.Version ?? 0) != expected)
        {
            // Checked against the read side before sending: it catches the stale page, not a race within the same second.
            return new CommandStale(expected, seen?.State ?? ReviewState.Initial, seen?.Version ?? 0);
        }
        var result = await workflow.SendAsync(reviewId, command, Guid.NewGuid().ToString("N"), Wait, cancellationToken);
        var review = await queries.FindAsync(reviewId, cancellationToken);
        var (state, version) = (review?.State ?? ReviewState.Initial, review?.Version ?? 0);
        return result switch
        {
            null => new CommandReceived(state, version),
            { Applied: true } => new CommandApplied(state, version, []),
            _ => new CommandRefused(result.Rejection!, state, version),
        };
    }
}
