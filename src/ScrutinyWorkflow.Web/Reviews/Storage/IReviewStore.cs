using ScrutinyWorkflow.Web.Links;
using ScrutinyWorkflow.Workflow.Serialization;

namespace ScrutinyWorkflow.Web.Reviews.Storage;

/// <summary>One review's whole stream of events; <see cref="Version"/> is the number of the last event.</summary>
public sealed record ReviewHistory(string ReviewId, long Version, IReadOnlyList<StoredEvent> Events);

/// <summary>
/// An effect waiting to be carried out (an email, a filing), appended with the events of the review that
/// caused it. The id is stable: it is made from the review, the stream version that caused it and its
/// position, so a retried delivery is recognisable and a person is never sent the same message twice.
/// </summary>
public sealed record OutboxEntry(string Id, string Kind, string Payload);

/// <summary>An outbox entry not yet carried out, with how often it has been tried.</summary>
public sealed record PendingEffect(string Id, string ReviewId, string Kind, string Payload, int Attempts);

/// <summary>Raised when a stream has moved on since it was loaded: reload, decide again, append again.</summary>
public sealed class StreamConflictException(string reviewId, long expectedVersion)
    : Exception($"Review {reviewId} has changed since version {expectedVersion} was read.")
{
    public string ReviewId { get; } = reviewId;
    public long ExpectedVersion { get; } = expectedVersion;
}

/// <summary>
/// The review event store: one append-only stream per review, with the effects, the response links and the next
/// due timer written in the same transaction as the events that caused them.
/// </summary>
public interface IReviewStore
{
    Task<ReviewHistory?> LoadAsync(string reviewId, CancellationToken cancellationToken);

    /// <summary>
    /// Appends events, their effects, the links they create and the review's next due time atomically, or nothing
    /// at all. <paramref name="expectedVersion"/> is 0 for a new stream.
    /// </summary>
    /// <exception cref="StreamConflictException">The stream is no longer at <paramref name="expectedVersion"/>.</exception>
    /// <exception cref="InvalidOperationException">A link's hash is already indexed for another assignment.</exception>
    Task AppendAsync(
        string reviewId,
        long expectedVersion,
        IReadOnlyList<NewEvent> events,
        IReadOnlyList<OutboxEntry> effects,
        IReadOnlyList<IndexedLink> links,
        DateTime? nextDueLocal,
        DateTimeOffset recordedAt,
        CancellationToken cancellationToken);

    /// <summary>Reviews whose next due time (council local time) is at or before <paramref name="localNow"/>.</summary>
    Task<IReadOnlyList<string>> DueAsync(DateTime localNow, int max, CancellationToken cancellationToken);

    /// <summary>Every review id, newest first.</summary>
    Task<IReadOnlyList<string>> ListAsync(int max, CancellationToken cancellationToken);
}

/// <summary>The effects waiting to be carried out, oldest first.</summary>
public interface IOutbox
{
    Task<IReadOnlyList<PendingEffect>> PendingAsync(DateTimeOffset now, int max, CancellationToken cancellationToken);

    Task CompleteAsync(string effectId, DateTimeOffset completedAt, CancellationToken cancellationToken);

    /// <summary>Records a failed attempt; the effect is offered again from <paramref name="retryAt"/>.</summary>
    Task DeferAsync(string effectId, string failure, DateTimeOffset retryAt, CancellationToken cancellationToken);
}
