using ScrutinyWorkflow.Core.Reviews;
using ScrutinyWorkflow.Web.Links;
using ScrutinyWorkflow.Web.Reviews.Storage;
using ScrutinyWorkflow.Workflow.Serialization;

namespace ScrutinyWorkflow.Web.Reviews.Embedded;

/// <summary>
/// Reviews on one machine: load the stream from SQLite, decide, append with the expected version. The events,
/// their effects, the links they create and the next due time are written in one transaction, so nothing decided
/// can be lost or half recorded.
/// </summary>
public sealed class EmbeddedReviewEngine(
    IReviewStore store,
    ReviewEventSerializer serializer,
    ReviewDecider decider,
    ResponseLinks responseLinks,
    ILogger<EmbeddedReviewEngine> logger) : IReviewCommands, IReviewQueries
{
    private const int ConflictRetries = 5;

    public async Task<ReviewSnapshot?> FindAsync(string reviewId, CancellationToken cancellationToken) =>
        await LoadAsync(reviewId, cancellationToken) is { } loaded ? new ReviewSnapshot(loaded.State, loaded.Version) : null;

    public async Task<IReadOnlyList<RecordedEvent>?> AuditTrailAsync(string reviewId, CancellationToken cancellationToken) =>
        (await LoadAsync(reviewId, cancellationToken))?.History;

    public async Task<IReadOnlyList<ReviewState>> RecentAsync(int max, CancellationToken cancellationToken)
    {
        var reviews = new List<ReviewState>();
        foreach (var id in await store.ListAsync(max, cancellationToken))
        {
            if (await LoadAsync(id, cancellationToken) is { } loaded)
            {
                reviews.Add(loaded.State);
            }
        }
        return reviews;
    }

    public async Task<CommandOutcome> HandleAsync(string reviewId, ReviewCommand command, long? expectedVersion, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var loaded = await LoadAsync(reviewId, cancellationToken);
            var state = loaded?.State ?? ReviewState.Initial;
            var version = loaded?.Version ?? 0;
            if (expectedVersion is { } seen && seen != version)
            {
                return new CommandStale(seen, state, version);
            }

            switch (decider.Decide(command, state))
            {
                case Rejected rejected:
                    return new CommandRefused(rejected.Rejection, state, version);
                case Accepted { Events.Count: 0 }:
                    return new CommandApplied(state, version, []);
                case Accepted accepted:
                    try
                    {
                        return await AppendAsync(reviewId, version, state, accepted.Events, command.Now, cancellationToken);
                    }
                    catch (StreamConflictException) when (expectedVersion is { } expected)
                    {
                        // Someone else appended after the check: the caller's edit is stale, not to be re-decided for them.
                        var latest = await LoadAsync(reviewId, cancellationToken);
                        return new CommandStale(expected, latest?.State ?? state, latest?.Version ?? version);
                    }
                    catch (StreamConflictException) when (attempt < ConflictRetries)
                    {
                        // Someone else appended first (another request, the runner, another instance): decide again on their result.
                        logger.LogInformation("Review {ReviewId} moved past version {Version}; deciding {Command} again.", reviewId, version, command.GetType().Name);
                        break;
                    }
                default:
                    throw new InvalidOperationException("The decider returned neither events nor a rejection.");
            }
        }
    }

    private sealed record Loaded(ReviewState State, long Version, IReadOnlyList<RecordedEvent> History);

    private async Task<Loaded?> LoadAsync(string reviewId, CancellationToken cancellationToken)
    {
        if (await store.LoadAsync(reviewId, cancellationToken) is not { } history)
        {
            return null;
        }
        var events = history.Events.Select(e => new RecordedEvent(e.Version, e.Type, e.SchemaVersion, serializer.Deserialize(e), e.RecordedAt)).ToList();
        return new Loaded(ReviewState.From(events.Select(e => e.Event)), history.Version, events);
    }

    private async Task<CommandApplied> AppendAsync(string reviewId, long version, ReviewState before, IReadOnlyList<ReviewEvent> events, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var after = events.Aggregate(before, ReviewState.Evolve);
        var newVersion = version + events.Count;
        // Stable: the same decision always yields the same effect ids, so a message id never changes on retry.
        var effects = new List<OutboxEntry>();
        foreach (var effect in ReviewEffects.Of(events, before, after))
        {
            var (kind, payload) = ReviewEffectSerializer.Serialize(effect);
            effects.Add(new OutboxEntry($"{reviewId}.{newVersion}.{effects.Count + 1}", kind, payload));
        }
        await store.AppendAsync(reviewId, version, [.. events.Select(serializer.Serialize)], effects, responseLinks.IndexFor(reviewId, events, before),
            after.NextDue, now, cancellationToken);
        return new CommandApplied(after, newVersion, events);
    }
}
