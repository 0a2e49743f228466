using ScrutinyWorkflow.Core.Reviews;

namespace ScrutinyWorkflow.Web.Reviews;

/// <summary>A review as last recorded: its state and its stream's version, which the API gives out as the ETag.</summary>
public sealed record ReviewSnapshot(ReviewState State, long Version);

/// <summary>One event of the audit trail, with where and when it was recorded.</summary>
public sealed record RecordedEvent(long Version, string Type, int SchemaVersion, ReviewEvent Event, DateTimeOffset RecordedAt);

/// <summary>What a command came to, with the review as it stands afterwards (unchanged unless it was applied).</summary>
public abstract record CommandOutcome(ReviewState State, long Version);

/// <summary>Decided and recorded; <see cref="Recorded"/> is empty when it was already satisfied (an idempotent repeat).</summary>
public sealed record CommandApplied(ReviewState State, long Version, IReadOnlyList<ReviewEvent> Recorded) : CommandOutcome(State, Version);

/// <summary>The decider refused it; nothing was recorded.</summary>
public sealed record CommandRefused(Rejection Rejection, ReviewState State, long Version) : CommandOutcome(State, Version);

/// <summary>
/// The caller decided on a version the review has moved past (a stale edit); nothing was recorded. Only a caller
/// that names the version it saw gets this: the others are decided again on the latest state.
/// </summary>
public sealed record CommandStale(long ExpectedVersion, ReviewState State, long Version) : CommandOutcome(State, Version);

/// <summary>
/// Received but not decided yet: the engine queues commands, and this one was still waiting when the caller stopped
/// waiting. It will be decided; nothing is lost. <see cref="CommandOutcome.State"/> is the review as last recorded.
/// </summary>
public sealed record CommandReceived(ReviewState State, long Version) : CommandOutcome(State, Version);

/// <summary>
/// The one way commands reach a review, whichever engine runs it (embedded SQLite, or Durable orchestrations).
/// </summary>
public interface IReviewCommands
{
    /// <param name="expectedVersion">The version the caller saw, to refuse a stale edit; null to decide on the latest.</param>
    Task<CommandOutcome> HandleAsync(string reviewId, ReviewCommand command, long? expectedVersion, CancellationToken cancellationToken);
}

/// <summary>How pages and the API read reviews, whichever engine runs them.</summary>
public interface IReviewQueries
{
    Task<ReviewSnapshot?> FindAsync(string reviewId, CancellationToken cancellationToken);

    /// <summary>Every event of the review in order, or null when there is no such review.</summary>
    Task<IReadOnlyList<RecordedEvent>?> AuditTrailAsync(string reviewId, CancellationToken cancellationToken);

    /// <summary>The most recently created reviews, newest first.</summary>
    Task<IReadOnlyList<ReviewState>> RecentAsync(int max, CancellationToken cancellationToken);
}
