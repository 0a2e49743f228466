using Microsoft.Extensions.Options;
using ScrutinyWorkflow.Core.Reviews;
using ScrutinyWorkflow.Web.Engine.Serialization;
using ScrutinyWorkflow.Web.Hosting;
using ScrutinyWorkflow.Workflow;

namespace ScrutinyWorkflow.Web.Engine.Durable;

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
    IEffectCarrier carrier,
    CouncilClock clock,
    IOptions<ScrutinyOptions> options,
    ILogger<ReviewAdvance> logger) : IReviewAdvance
{
    // Carrying out an effect can lead to more (filing leads to telling the panel): rounds until quiet, bounded.
    private const int MaxRounds = 10;

    // Short, so a review whose host was killed mid-delivery is taken over within a sweep or two; the host delivering
    // renews it every third of it for as long as it works (a thousand officers' requests take longer than one claim).
    private static readonly TimeSpan Claim = TimeSpan.FromSeconds(30);

    public async Task<DateTime?> AdvanceAsync(string reviewId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reviewId);
        // Read before the work: a mark made while it runs is for a newer decision, and left for the next pass.
        var marks = await streams.MarksOfAsync(reviewId, cancellationToken);
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
        if (retryAt is null)
        {
            // Cleared: the marks of decisions this pass carried out, and those of decisions never recorded (a host that
            // marked, then lost the race for its version or stopped), which nothing else would ever clear.
            var stale = DateTimeOffset.UtcNow - TimeSpan.FromMinutes(2); // the storage service's clock, not the council's
            await Task.WhenAll(marks.Where(m => m.Version <= review.Version || m.At < stale)
                .Select(m => streams.ClearMarkAsync(reviewId, m.Version, m.ETag, cancellationToken)));
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
            // Another host claimed it between the read and the write: it delivers, and should it stop first its claim
            // runs out. The review stays marked, so the sweep looks again even if that host never comes back.
            var other = await streams.DeliveryAsync(reviewId, cancellationToken);
            return (false, (other.ClaimedUntil ?? other.RetryAt ?? now + TimeSpan.FromSeconds(5)).UtcDateTime);
        }
        await using var claim = new DeliveryClaim(streams, reviewId, claimed, clock, Claim, logger, cancellationToken);
        var through = progress.Through;
        try
        {
            foreach (var decision in decisions)
            {
                await DeliverDecisionAsync(reviewId, review.State, decision, claim.Token);
                through = decision.LastVersion;
                // Each decision done is recorded at once (renewing the claim), so a host taking over repeats no more than one.
                if (!await claim.SaveAsync(p => p with { Through = through }))
                {
                    // Taken over (see below): the next round reads the other host's claim.
                    return (true, null);
                }
            }
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            if (claim.Lost)
            {
                // Held up longer than the claim: another host has taken the delivery over and carries on from what was recorded.
                // The next round reads its claim, so the review stays marked until that host is done.
                logger.LogWarning("Review {ReviewId}'s delivery was taken over by another host after version {Version}.", reviewId, through);
                return (true, null);
            }
            // Back off 1, 2, 4... minutes, up to an hour, so a mail outage is retried without hammering.
            var delay = TimeSpan.FromMinutes(Math.Min(60, Math.Pow(2, Math.Min(claimed.Attempts, 6))));
            logger.LogWarning(ex, "Review {ReviewId}'s effects after version {Version} failed on attempt {Attempt}; retrying in {Delay}.", reviewId, through, claimed.Attempts + 1, delay);
            await claim.SaveAsync(p => p with { Attempts = p.Attempts + 1, RetryAt = now + delay, ClaimedUntil = null }, release: true);
            return (through > progress.Through, (now + delay).UtcDateTime);
        }
        await claim.SaveAsync(p => p with { Attempts = 0, RetryAt = null, ClaimedUntil = null }, release: true);
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

/// <summary>
/// A host's claim on one review's delivery, renewed every third of its length while the host works, so it runs out
/// only when the host has stopped (or stalled longer than the claim). When a renewal finds the claim taken, the work
/// under <see cref="Token"/> is cancelled: another host carries on from the last decision recorded as done.
/// </summary>
internal sealed class DeliveryClaim : IAsyncDisposable
{
    private readonly TableReviewStreams streams;
    private readonly string reviewId;
    private readonly CouncilClock clock;
    private readonly TimeSpan length;
    private readonly ILogger logger;
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly CancellationTokenSource work;
    private readonly CancellationTokenSource renewing = new();
    private readonly Task renewals;
    private DeliveryProgress held;
    private bool released;

    public DeliveryClaim(TableReviewStreams streams, string reviewId, DeliveryProgress claimed, CouncilClock clock, TimeSpan length, ILogger logger, CancellationToken cancellationToken)
    {
        (this.streams, this.reviewId, held, this.clock, this.length, this.logger) = (streams, reviewId, claimed, clock, length, logger);
        work = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        renewals = RenewAsync();
    }

    public CancellationToken Token => work.Token;

    /// <summary>Whether another host took the delivery over.</summary>
    public bool Lost { get; private set; }

    /// <summary>Records a change to the delivery while still holding it (renewed), or with <paramref name="release"/> as the change leaves it; false when the claim was lost.</summary>
    public async Task<bool> SaveAsync(Func<DeliveryProgress, DeliveryProgress> change, bool release = false)
    {
        await gate.WaitAsync(CancellationToken.None);
        try
        {
            if (Lost || released)
            {
                return !Lost;
            }
            var next = change(held);
            if (!release)
            {
                next = next with { ClaimedUntil = clock.UtcNow + length };
            }
            if (await streams.SaveDeliveryAsync(reviewId, next, CancellationToken.None) is { } saved)
            {
                (held, released) = (saved, release);
                return true;
            }
            Lost = true;
            await work.CancelAsync();
            return false;
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task RenewAsync()
    {
        try
        {
            while (!renewing.IsCancellationRequested)
            {
                // Real time, not the council's clock: the claim must outlast the host's own pauses.
                await Task.Delay(length / 3, renewing.Token);
                if (!await SaveAsync(p => p))
                {
                    logger.LogWarning("Review {ReviewId}'s delivery claim was taken by another host.", reviewId);
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Done delivering.
        }
        catch (Exception ex)
        {
            // A storage hiccup: the claim runs out in its own time, and the delivery itself carries on.
            logger.LogWarning(ex, "Renewing review {ReviewId}'s delivery claim failed.", reviewId);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await renewing.CancelAsync();
        await renewals;
        renewing.Dispose();
        work.Dispose();
        gate.Dispose();
    }
}
