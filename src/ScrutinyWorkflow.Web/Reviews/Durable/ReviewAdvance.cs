using Microsoft.Extensions.Options;
using ScrutinyWorkflow.Core.Reviews;
using ScrutinyWorkflow.Web.Hosting;
using ScrutinyWorkflow.Workflow;
using ScrutinyWorkflow.Workflow.Serialization;

namespace ScrutinyWorkflow.Web.Reviews.Durable;

/// <summary>
/// Brings one review's work up to date on the Durable runtime: fires its timers when they are due, carries out the
/// effects of every decision recorded since the last delivery (claiming the review's delivery first, so two hosts never
/// send its messages at once), writes its list line, and says when it next needs waking. Everything it needs is in the
/// store, so the host that took a command, the orchestration's activity and the sweep can each run it, any number of
/// times, after any kill; mail is idempotent per message id, so a kill mid-delivery only means the same messages again.
/// </summary>
public sealed class ReviewAdvance(
    TableReviewStreams streams,
    DurableReviewEngine engine,
    EffectCarrier carrier,
    CouncilClock clock,
    IOptions<ScrutinyOptions> options,
    ILogger<ReviewAdvance> logger) : IReviewAdvance
{
    // Carrying out an effect can lead to more (filing leads to telling the panel): rounds until quiet, bounded.
    private const int MaxRounds = 10;

    // Long enough for a decision's mail (a thousand officers' requests); a host killed holding it is waited for this long.
    private static readonly TimeSpan Claim = TimeSpan.FromMinutes(2);

    public async Task<DateTime?> AdvanceAsync(string reviewId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reviewId);
        // Read before the work: a mark made while it runs (a newer decision) is left for the next pass.
        var mark = await streams.MarkOfAsync(reviewId, cancellationToken);
        DateTime? retryAt = null;
        StreamHead? head = null;
        ReviewSnapshot? review = null;
        for (var round = 0; round < MaxRounds; round++)
        {
            // The head once a round: the review as of it serves the timers, the delivery and the list line.
            head = await streams.HeadAsync(reviewId, cancellationToken);
            review = head is null ? null : await engine.FindAsync(reviewId, head, cancellationToken);
            if (head is null || review is null)
            {
                return null;
            }
            var now = clock.Now;
            if (review.State.NextDue is { } due && due <= now.DateTime
                && await engine.HandleAsync(reviewId, new ProcessDueTimers(now), null, cancellationToken) is CommandApplied { Recorded.Count: > 0 })
            {
                continue;
            }
            var (delivered, retry) = await DeliverAsync(reviewId, review, cancellationToken);
            retryAt = retry;
            if (!delivered)
            {
                break;
            }
        }
        await streams.ListAsync(ReviewSummary.From(review!.State), review.Version, head!.CreatedAt, cancellationToken);
        if (retryAt is null && mark is { } held)
        {
            await streams.ClearMarkAsync(reviewId, held, cancellationToken);
        }
        return retryAt is { } retry2 && (head.NextDueUtc is not { } next || retry2 < next) ? retry2 : head.NextDueUtc;
    }

    /// <summary>Carries out the effects recorded since the last delivery; whether any were, and when to try again after a failure.</summary>
    private async Task<(bool Delivered, DateTime? RetryAt)> DeliverAsync(string reviewId, ReviewSnapshot review, CancellationToken cancellationToken)
    {
        var progress = await streams.DeliveryAsync(reviewId, cancellationToken);
        var now = clock.UtcNow;
        if (progress.ClaimedUntil > now)
        {
            // Another host is delivering: it finishes, or its claim runs out and this is tried again then.
            return (false, progress.ClaimedUntil.Value.UtcDateTime);
        }
        if (progress.RetryAt > now)
        {
            return (false, progress.RetryAt.Value.UtcDateTime);
        }
        if (review.Version <= progress.Through)
        {
            return (false, null);
        }
        var decisions = await streams.DecisionsAsync(reviewId, progress.Through, review.Version, cancellationToken);
        if (decisions.All(d => d.Effects.Count == 0))
        {
            await streams.SaveDeliveryAsync(reviewId, progress with { Through = review.Version }, cancellationToken);
            return (false, null);
        }
        if (await streams.SaveDeliveryAsync(reviewId, progress with { ClaimedUntil = now + Claim }, cancellationToken) is not { } claimed)
        {
            return (false, null);
        }
        var through = progress.Through;
        try
        {
            foreach (var decision in decisions)
            {
                await DeliverDecisionAsync(reviewId, review.State, decision, cancellationToken);
                through = decision.LastVersion;
            }
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Back off 1, 2, 4... minutes, up to an hour, so a mail outage is retried without hammering.
            var delay = TimeSpan.FromMinutes(Math.Min(60, Math.Pow(2, Math.Min(claimed.Attempts, 6))));
            logger.LogWarning(ex, "Review {ReviewId}'s effects after version {Version} failed on attempt {Attempt}; retrying in {Delay}.", reviewId, through, claimed.Attempts + 1, delay);
            await streams.SaveDeliveryAsync(reviewId, claimed with { Through = through, Attempts = claimed.Attempts + 1, RetryAt = now + delay, ClaimedUntil = null }, cancellationToken);
            return (through > progress.Through, (now + delay).UtcDateTime);
        }
        await streams.SaveDeliveryAsync(reviewId, claimed with { Through = through, Attempts = 0, RetryAt = null, ClaimedUntil = null }, cancellationToken);
        return (true, null);
    }

    /// <summary>One decision's effects together (they go to different people); what came of them is recorded before it counts as done.</summary>
    private async Task DeliverDecisionAsync(string reviewId, ReviewState review, StoredDecision decision, CancellationToken cancellationToken)
    {
        var follows = new System.Collections.Concurrent.ConcurrentBag<(string EffectId, ReviewCommand Command)>();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Value.Runner.MailConcurrency, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(decision.Effects, parallel, async (effect, token) =>
        {
            if (await carrier.DeliverAsync(reviewId, review, effect.Id, ReviewEffectSerializer.Deserialize(effect.Kind, effect.Payload), token) is { } follow)
            {
                follows.Add((effect.Id, follow));
            }
        });
        foreach (var (effectId, follow) in follows.OrderBy(f => f.EffectId, StringComparer.Ordinal))
        {
            if (await engine.HandleAsync(reviewId, follow, null, cancellationToken) is CommandRefused refused)
            {
                throw new InvalidOperationException($"Recording the result of {effectId} was refused: {refused.Rejection.Message}");
            }
        }
    }
}
