using ScrutinyWorkflow.Web.Engine.Serialization;
using ScrutinyWorkflow.Web.Links;

namespace ScrutinyWorkflow.Web.Engine.Storage;

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
/// A review's state as it stood at <see cref="Version"/>, serialised; <see cref="Format"/> names the shape of the state
/// it was written from, so a snapshot of another shape is never read as this one.
/// </summary>
public sealed record StoredSnapshot(long Version, string Format, string State);

/// <summary>A review's line in the review list as of <see cref="Version"/>, and when the review was created (for newest first).</summary>
public sealed record ReviewListing(ReviewSummary Summary, long Version, DateTimeOffset CreatedAt);

/// <summary>One decision to record: its events, and the effects, links and next due time they bring, written together or not at all.</summary>
public sealed record ReviewAppend(
    string ReviewId,
    long ExpectedVersion,
    IReadOnlyList<NewEvent> Events,
    IReadOnlyList<OutboxEntry> Effects,
    IReadOnlyList<IndexedLink> Links,
    DateTime? NextDueLocal,
    DateTimeOffset RecordedAt);

/// <summary>What a read or write transaction sees of the streams, all as of one moment.</summary>
public interface IReviewStreamReader
{
    /// <summary>The stream's version, 0 when there is no such review.</summary>
    Task<long> VersionAsync(string reviewId, CancellationToken cancellationToken);

    /// <summary>The versions of those of these streams that exist, in one read.</summary>
    Task<IReadOnlyDictionary<string, long>> VersionsAsync(IReadOnlyCollection<string> reviewIds, CancellationToken cancellationToken);

    Task<StoredSnapshot?> SnapshotAsync(string reviewId, CancellationToken cancellationToken);

    /// <summary>The events after <paramref name="version"/>, in order.</summary>
    Task<IReadOnlyList<StoredEvent>> EventsAfterAsync(string reviewId, long version, CancellationToken cancellationToken);
}

/// <summary>
/// A write transaction: it holds the store's write lock from its start, so what it reads is what its appends are decided
/// on, and no other writer (in this process or another) can move a stream in between.
/// </summary>
public interface IReviewStreamWriter : IReviewStreamReader
{
    /// <summary>
    /// Records one decision. <paramref name="isolated"/>: in a savepoint of its own, so a failed append leaves the rest of
    /// the transaction as it was; otherwise a failed append leaves the transaction fit only to be rolled back (cheaper,
    /// for a caller that then tries again isolated).
    /// </summary>
    /// <exception cref="StreamConflictException">The stream is no longer at the expected version.</exception>
    /// <exception cref="InvalidOperationException">A link's hash is already indexed for someone else, or an effect id repeats.</exception>
    Task AppendAsync(ReviewAppend append, bool isolated, CancellationToken cancellationToken);

    /// <summary>Writes the review's line in the review list; a line of a newer version already there is kept.</summary>
    Task ListAsync(string reviewId, ReviewListing listing, CancellationToken cancellationToken);

    /// <summary>Keeps the review's state as of a version; a snapshot of a newer version already there is kept.</summary>
    Task SaveSnapshotAsync(string reviewId, StoredSnapshot snapshot, CancellationToken cancellationToken);
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

    /// <summary>Runs <paramref name="read"/> in one read transaction: everything it reads is as of one moment.</summary>
    Task<T> ReadAsync<T>(Func<IReviewStreamReader, Task<T>> read, CancellationToken cancellationToken);

    /// <summary>Runs <paramref name="write"/> holding the store's write lock, and commits what it appended when it returns.</summary>
    Task<T> WriteAsync<T>(Func<IReviewStreamWriter, Task<T>> write, CancellationToken cancellationToken);

    /// <summary>One page of the review list.</summary>
    Task<ReviewListPage> ListPageAsync(ReviewListQuery query, CancellationToken cancellationToken);

    /// <summary>The earliest next due time of any review (council local time), or null when nothing is due ever.</summary>
    Task<DateTime?> NextDueAsync(CancellationToken cancellationToken);

    /// <summary>Reviews recorded before the review list existed, and not yet listed.</summary>
    Task<IReadOnlyList<string>> UnlistedAsync(int max, CancellationToken cancellationToken);
}

/// <summary>The effects waiting to be carried out, oldest first.</summary>
public interface IOutbox
{
    Task<IReadOnlyList<PendingEffect>> PendingAsync(DateTimeOffset now, int max, CancellationToken cancellationToken);

    /// <summary>
    /// The oldest <paramref name="perReview"/> waiting effects of each review, taken in turns (every review's first, then
    /// every review's second...), so one review with thousands of messages cannot keep another's out of a batch.
    /// </summary>
    Task<IReadOnlyList<PendingEffect>> PendingInTurnsAsync(DateTimeOffset now, int max, int perReview, CancellationToken cancellationToken);

    Task CompleteAsync(string effectId, DateTimeOffset completedAt, CancellationToken cancellationToken);

    /// <summary>Completes a batch of effects in one transaction.</summary>
    Task CompleteAsync(IReadOnlyCollection<string> effectIds, DateTimeOffset completedAt, CancellationToken cancellationToken);

    /// <summary>Records a failed attempt; the effect is offered again from <paramref name="retryAt"/>.</summary>
    Task DeferAsync(string effectId, string failure, DateTimeOffset retryAt, CancellationToken cancellationToken);
}
