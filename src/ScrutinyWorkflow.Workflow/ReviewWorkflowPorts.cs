using ScrutinyWorkflow.Core.Reviews;

namespace ScrutinyWorkflow.Workflow;

/// <summary>
/// Where the events a review's orchestration decides are recorded for reading: the audit trail, the pages and the
/// link index read from there. Recording the same versions again changes nothing.
/// </summary>
public interface IReviewRecord
{
    Task RecordAsync(string reviewId, long firstVersion, IReadOnlyList<ReviewEvent> events, CancellationToken cancellationToken);
}

/// <summary>
/// Carries out one effect (an email, a filing), idempotently by its id. Returns the command that records what came of
/// it, when something did (a statement filed at a location, the panel told), for the review to decide.
/// </summary>
public interface IEffectDelivery
{
    Task<ReviewCommand?> DeliverAsync(string reviewId, string effectId, ReviewEffect effect, CancellationToken cancellationToken);
}
