using ScrutinyWorkflow.Core.Reviews;
using ScrutinyWorkflow.Web.Responses;
using ScrutinyWorkflow.Web.Reviews.Storage;

namespace ScrutinyWorkflow.Web.Reviews;

/// <summary>A review as loaded: its state and the stream version it was built from.</summary>
public sealed record LoadedReview(ReviewState State, long Version, IReadOnlyList<(StoredEvent Stored, ReviewEvent Event)> History);

/// <summary>What a command came to, and the review as it stands afterwards (unchanged when nothing was appended).</summary>
public sealed record Handled(Decision Decision, ReviewState State);

/// <summary>
/// The one way commands reach a review: load the stream, decide, append with the expected version.
/// Effects and the next due time are written in the same append, so nothing decided can be lost.
/// </summary>
public sealed class ReviewService(
    IReviewStore store,
    ILinkIndex links,
    ReviewEventSerializer serializer,
    ReviewDecider decider,
    ResponseLinks responseLinks,
    ILogger<ReviewService> logger)
{
    private const int ConflictRetries = 5;

    public async Task<LoadedReview?> LoadAsync(string reviewId, CancellationToken cancellationToken)
    {
        if (await store.LoadAsync(reviewId, cancellationToken) is not { } history)
        {
            return null;
        }
        var events = history.Events.Select(e => (e, serializer.Deserialize(e))).ToList();
        return new LoadedReview(ReviewState.From(events.Select(e => e.Item2)), history.Version, events);
    }

    /// <summary>The most recently created reviews, newest first.</summary>
    public async Task<IReadOnlyList<ReviewState>> LoadRecentAsync(int max, CancellationToken cancellationToken)
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

    /// <summary>Decides the command against the latest state and appends what it decides.</summary>
    public async Task<Handled> HandleAsync(string reviewId, ReviewCommand command, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var loaded = await LoadAsync(reviewId, cancellationToken);
            var state = loaded?.State ?? ReviewState.Initial;
            var version = loaded?.Version ?? 0;

            var decision = decider.Decide(command, state);
            if (decision is not Accepted { Events.Count: > 0 } accepted)
            {
                return new Handled(decision, state);
            }
            try
            {
                return new Handled(decision, await AppendAsync(reviewId, version, state, accepted.Events, command.Now, cancellationToken));
            }
            catch (StreamConflictException) when (attempt < ConflictRetries)
            {
                // Someone else appended first (another request, the runner, another instance): decide again on their result.
                logger.LogInformation("Review {ReviewId} moved past version {Version}; deciding {Command} again.", reviewId, version, command.GetType().Name);
            }
        }
    }

    private async Task<ReviewState> AppendAsync(string reviewId, long version, ReviewState state, IReadOnlyList<ReviewEvent> events, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var effects = new List<OutboxEntry>();
        var stored = new List<NewEvent>();
        for (var i = 0; i < events.Count; i++)
        {
            state = ReviewState.Evolve(state, events[i]);
            stored.Add(serializer.Serialize(events[i]));
            var eventVersion = version + i + 1;
            var position = 0;
            foreach (var effect in ReviewEffects.Of(events[i], state))
            {
                var (kind, payload) = ReviewEffectSerializer.Serialize(effect);
                // Stable: the same event always yields the same effect ids, so a message id never changes on retry.
                effects.Add(new OutboxEntry($"{reviewId}.{eventVersion}.{++position}", kind, payload));
            }
            if (events[i] is RequestSent request)
            {
                // The index is written before the events: a crash in between leaves only a hash that leads nowhere.
                await links.AddAsync(responseLinks.HashOf(responseLinks.TokenFor(reviewId, request.AssignmentId)), new LinkTarget(reviewId, request.AssignmentId), cancellationToken);
            }
        }
        await store.AppendAsync(reviewId, version, stored, effects, state.NextDue, now, cancellationToken);
        return state;
    }
}
