using ScrutinyWorkflow.Core.Reviews;
using ScrutinyWorkflow.Web.Engine.Serialization;
using ScrutinyWorkflow.Web.Engine.Storage;

namespace ScrutinyWorkflow.Web.Engine.Embedded;

/// <summary>A review as the engine holds it: its state, version, and the version of its latest snapshot.</summary>
public sealed record Current(ReviewState State, long Version, long SnapshotVersion);

/// <summary>
/// Reads reviews without replaying them: the latest state of the reviews used most recently is held in memory, every
/// review has a snapshot at most <see cref="SnapshotEvery"/> events old, and only the events after either are folded.
/// </summary>
public sealed class ReviewLoader(IReviewStore store, ReviewEventSerializer serializer, ILogger<ReviewLoader> logger)
{
    // A snapshot is written once this many events have followed the last, so a cold load folds at most this many.
    public const int SnapshotEvery = 16;

    private readonly ReviewCache cache = new(capacity: 2_000);

    /// <summary>Keeps what a committed transaction left, for the next load.</summary>
    public void Remember(string reviewId, Current current) => cache.Put(reviewId, current);

    /// <summary>Lists (and snapshots) reviews recorded before the review list existed. Run at start; safe to run twice.</summary>
    public async Task ListUnlistedAsync(CancellationToken cancellationToken)
    {
        while (await store.UnlistedAsync(100, cancellationToken) is { Count: > 0 } unlisted)
        {
            await store.WriteAsync(async writer =>
            {
                foreach (var reviewId in unlisted)
                {
                    var current = await LoadAsync(writer, reviewId, cancellationToken);
                    await writer.ListAsync(reviewId, Listing(current), cancellationToken);
                    await writer.SaveSnapshotAsync(reviewId, ReviewSnapshots.Write(current.State, current.Version), cancellationToken);
                }
                return true;
            }, cancellationToken);
        }
    }

    /// <summary>
    /// The review as the transaction sees it: from memory when that is its latest version, else from its snapshot (when
    /// it is of this shape) or from the start, with every event after folded in. A snapshot is never newer than the
    /// stream it was written with, and the events after it are always read, so an old one only costs a longer fold.
    /// </summary>
    /// <param name="knownVersion">The stream's version when the caller has just read it in the same transaction.</param>
    public async Task<Current> LoadAsync(IReviewStreamReader reader, string reviewId, CancellationToken cancellationToken, long? knownVersion = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var version = knownVersion ?? await reader.VersionAsync(reviewId, cancellationToken);
        if (version == 0)
        {
            return new Current(ReviewState.Initial, 0, 0);
        }
        var start = cache.Find(reviewId) is { } held && held.Version <= version ? held : null;
        if (start is null && await reader.SnapshotAsync(reviewId, cancellationToken) is { } snapshot && snapshot.Version <= version
            && ReadSnapshot(reviewId, snapshot) is { } fromSnapshot)
        {
            start = new Current(fromSnapshot, snapshot.Version, snapshot.Version);
        }
        start ??= new Current(ReviewState.Initial, 0, 0);
        if (start.Version == version)
        {
            return start;
        }
        var state = start.State;
        var last = start.Version;
        foreach (var stored in await reader.EventsAfterAsync(reviewId, start.Version, cancellationToken))
        {
            state = ReviewState.Evolve(state, serializer.Deserialize(stored));
            last = stored.Version;
        }
        var loaded = start with { State = state, Version = last };
        cache.Put(reviewId, loaded);
        return loaded;
    }

    private ReviewState? ReadSnapshot(string reviewId, StoredSnapshot snapshot)
    {
        try
        {
            return ReviewSnapshots.Read(snapshot);
        }
        catch (System.Text.Json.JsonException ex)
        {
            // A snapshot is only ever a shortcut: the stream is the record, so an unreadable one is replayed past.
            logger.LogWarning(ex, "The snapshot of review {ReviewId} at version {Version} could not be read; replaying its events.", reviewId, snapshot.Version);
            return null;
        }
    }

    public static ReviewListing Listing(Current current) =>
        new(ReviewSummary.From(current.State), current.Version, current.State.DraftedAt ?? DateTimeOffset.UnixEpoch);

    /// <summary>
    /// The latest state of the reviews used most recently, so a busy review is decided without reading it back. Entries
    /// are only a head start: every load checks the stream's version under the transaction and folds in anything newer.
    /// </summary>
    private sealed class ReviewCache(int capacity)
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (Current Current, long Used)> entries = new(StringComparer.Ordinal);
        private long clock;

        public Current? Find(string reviewId)
        {
            if (!entries.TryGetValue(reviewId, out var entry))
            {
                return null;
            }
            entries.TryUpdate(reviewId, (entry.Current, Interlocked.Increment(ref clock)), entry);
            return entry.Current;
        }

        public void Put(string reviewId, Current current)
        {
            var used = Interlocked.Increment(ref clock);
            entries.AddOrUpdate(reviewId, (current, used), (_, old) => old.Current.Version > current.Version ? old : (current, used));
            if (entries.Count > capacity)
            {
                // Evict the least recently used quarter in one go, so the cost is rare and spread over many puts.
                foreach (var stale in entries.OrderBy(e => e.Value.Used).Take(capacity / 4).ToList())
                {
                    entries.TryRemove(stale);
                }
            }
        }
    }
}
