using Microsoft.Extensions.Options;
using ScrutinyWorkflow.Core.Reviews;
using ScrutinyWorkflow.Web.Engine.Serialization;
using ScrutinyWorkflow.Web.Engine.Storage;
using ScrutinyWorkflow.Web.Hosting;

namespace ScrutinyWorkflow.Web.Engine.Embedded;

/// <summary>What one pass of the runner did.</summary>
public sealed record RunnerPass(int TimersFired, int EffectsCompleted, int EffectsFailed);

/// <summary>
/// Turns due timers into commands and carries out pending effects. Everything it needs is in the store, so any number
/// of passes, on any instance, after any restart, pick up exactly where the last one stopped. A batch of effects reads
/// each review once, writes its mail in parallel (bounded, in order within a review: one decision's messages together,
/// the next decision's after), and is completed in one transaction; mail is idempotent per message id, so a crash
/// before completing only means the same messages are offered again and not written twice.
/// </summary>
public sealed class ReviewRunner(
    IReviewStore store,
    IOutbox outbox,
    IReviewCommands reviews,
    IReviewQueries queries,
    IEffectCarrier effects,
    CouncilClock clock,
    IOptions<ScrutinyOptions> options,
    ILogger<ReviewRunner> logger)
{
    private const int BatchSize = 500;

    // Fairness: a batch takes at most this many of one review's effects, and reviews take turns within it, so a
    // thousand-officer review's requests cannot hold up a small review's mail (or its panel's) for a whole pass.
    private const int PerReviewBatch = 100;

    // Carrying out an effect can cause more (filing leads to notifying the panel), so a pass repeats until
    // quiet; the bound keeps one pass from running forever if something keeps producing work.
    private const int MaxRounds = 20;

    public async Task<RunnerPass> RunOnceAsync(CancellationToken cancellationToken)
    {
        var total = new RunnerPass(0, 0, 0);
        for (var round = 0; round < MaxRounds; round++)
        {
            var fired = await FireDueTimersAsync(cancellationToken);
            var (completed, failed) = await CarryOutEffectsAsync(cancellationToken);
            total = new RunnerPass(total.TimersFired + fired, total.EffectsCompleted + completed, total.EffectsFailed + failed);
            if (fired == 0 && completed == 0)
            {
                break;
            }
        }
        return total;
    }

    /// <summary>
    /// How long the runner may sleep after a pass that found nothing: until the earliest due time, and never past the
    /// poll interval; at least a second, so a due time that brings nothing to do is not asked about in a tight loop.
    /// </summary>
    public async Task<TimeSpan> IdleForAsync(CancellationToken cancellationToken)
    {
        var poll = TimeSpan.FromSeconds(options.Value.Runner.PollSeconds);
        var least = TimeSpan.FromSeconds(Math.Min(1, options.Value.Runner.PollSeconds));
        return await store.NextDueAsync(cancellationToken) is { } due
            ? TimeSpan.FromTicks(Math.Clamp((due - clock.Now.DateTime).Ticks, least.Ticks, poll.Ticks))
            : poll;
    }

    private async Task<int> FireDueTimersAsync(CancellationToken cancellationToken)
    {
        // All at once: the engine's writer records whatever is waiting in one transaction.
        var due = await store.DueAsync(clock.Now.DateTime, BatchSize, cancellationToken);
        var fired = await Task.WhenAll(due.Select(async reviewId =>
        {
            try
            {
                return await reviews.HandleAsync(reviewId, new ProcessDueTimers(clock.Now), null, cancellationToken) is CommandApplied { Recorded.Count: > 0 };
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                // Anything short of shutting down is retried on the next pass.
                logger.LogError(ex, "Timers for review {ReviewId} failed; they will be tried again on the next pass.", reviewId);
                return false;
            }
        }));
        return fired.Count(f => f);
    }

    private async Task<(int Completed, int Failed)> CarryOutEffectsAsync(CancellationToken cancellationToken)
    {
        var pending = await outbox.PendingInTurnsAsync(clock.UtcNow, BatchSize, PerReviewBatch, cancellationToken);
        if (pending.Count == 0)
        {
            return (0, 0);
        }
        var states = new Dictionary<string, ReviewState?>(StringComparer.Ordinal);
        foreach (var reviewId in pending.Select(p => p.ReviewId).Distinct(StringComparer.Ordinal))
        {
            states[reviewId] = (await queries.FindAsync(reviewId, cancellationToken))?.State;
        }

        var completed = new System.Collections.Concurrent.ConcurrentBag<string>();
        var results = new System.Collections.Concurrent.ConcurrentBag<(PendingEffect Effect, ReviewCommand Result)>();
        var failed = new System.Collections.Concurrent.ConcurrentBag<(PendingEffect Effect, Exception Error)>();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Value.Runner.MailConcurrency, CancellationToken = cancellationToken };
        foreach (var wave in Waves(pending))
        {
            await Parallel.ForEachAsync(wave, parallel, async (item, token) =>
            {
                var (effect, decoded) = item;
                try
                {
                    var review = states[effect.ReviewId]
                        ?? throw new InvalidOperationException($"Effect {effect.Id} belongs to review {effect.ReviewId}, which does not exist.");
                    var result = await effects.DeliverAsync(effect.ReviewId, review, effect.Id, decoded ?? ReviewEffectSerializer.Deserialize(effect.Kind, effect.Payload), token);
                    if (result is null)
                    {
                        completed.Add(effect.Id);
                    }
                    else
                    {
                        results.Add((effect, result));
                    }
                }
                catch (Exception ex) when (!token.IsCancellationRequested)
                {
                    failed.Add((effect, ex));
                }
            });
        }

        // What came of a filing or the panel's email goes back to the review before the effect counts as done.
        foreach (var (effect, result) in results)
        {
            try
            {
                if (await reviews.HandleAsync(effect.ReviewId, result, null, cancellationToken) is CommandRefused refused)
                {
                    throw new InvalidOperationException($"Recording the result of {effect.Id} was refused: {refused.Rejection.Message}");
                }
                completed.Add(effect.Id);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                failed.Add((effect, ex));
            }
        }

        await outbox.CompleteAsync([.. completed], clock.UtcNow, cancellationToken);
        foreach (var (effect, error) in failed)
        {
            // Back off 1, 2, 4... minutes, up to an hour, so a mail outage is retried without hammering.
            var delay = TimeSpan.FromMinutes(Math.Min(60, Math.Pow(2, Math.Min(effect.Attempts, 6))));
            logger.LogWarning(error, "Effect {EffectId} ({Kind}) failed on attempt {Attempt}; retrying in {Delay}.", effect.Id, effect.Kind, effect.Attempts + 1, delay);
            await outbox.DeferAsync(effect.Id, error.Message, clock.UtcNow + delay, cancellationToken);
        }
        return (completed.Count, failed.Count);
    }

    /// <summary>
    /// The effects in waves that may run in parallel. Within a review a decision waits for the earlier decisions that
    /// write to any of the same people (a reminder after its request), and one that concerns the whole review (the
    /// statement, the team, a notice about an assignment) waits for every earlier one and holds up every later one;
    /// otherwise it joins the first wave it may. So the receipts of three hundred officers' answers to one review go
    /// out together, as they do over a hundred reviews, rather than one decision at a time. Within a wave the reviews
    /// take turns, one effect each, so a small review's message starts among the first.
    /// </summary>
    internal static IEnumerable<List<(PendingEffect Effect, ReviewEffect? Decoded)>> Waves(IReadOnlyList<PendingEffect> pending)
    {
        var placed = pending
            .Select(p => (Effect: p, Decoded: TryDecode(p)))
            .GroupBy(p => DecisionOf(p.Effect.Id), StringComparer.Ordinal)
            .GroupBy(d => d.First().Effect.ReviewId, StringComparer.Ordinal)
            .Select(review => Layered([.. review.Select(d => d.ToList())]))
            .ToList();
        var waves = placed.SelectMany(r => r).Select(d => d.Wave).DefaultIfEmpty(-1).Max();
        for (var wave = 0; wave <= waves; wave++)
        {
            var inWave = placed.SelectMany(r => r.Where(d => d.Wave == wave).Select(d => d.Effects)).ToList();
            if (inWave.Count == 0)
            {
                continue;
            }
            yield return [.. Enumerable.Range(0, inWave.Max(d => d.Count)).SelectMany(turn => inWave.Where(d => d.Count > turn).Select(d => d[turn]))];
        }
    }

    /// <summary>One review's decisions, in order, each with the first wave it may go in.</summary>
    private static List<(int Wave, List<(PendingEffect Effect, ReviewEffect? Decoded)> Effects)> Layered(List<List<(PendingEffect Effect, ReviewEffect? Decoded)>> decisions)
    {
        var layered = new List<(int, List<(PendingEffect, ReviewEffect?)>)>();
        var lastForPerson = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var lastWholeReview = -1;
        var latest = -1;
        foreach (var decision in decisions)
        {
            var people = decision.Select(e => e.Decoded is null ? null : PeopleWrittenTo(e.Decoded)).ToList();
            var wave = people.Any(p => p is null)
                ? latest + 1
                : people.SelectMany(p => p!).Select(person => lastForPerson.GetValueOrDefault(person, -1) + 1).Append(lastWholeReview + 1).Max();
            if (people.Any(p => p is null))
            {
                lastWholeReview = wave;
            }
            foreach (var person in people.OfType<string[]>().SelectMany(p => p))
            {
                lastForPerson[person] = wave;
            }
            latest = Math.Max(latest, wave);
            layered.Add((wave, decision));
        }
        return layered;
    }

    /// <summary>Who an effect writes to, when that is one person it names; null when it concerns the whole review.</summary>
    private static string[]? PeopleWrittenTo(ReviewEffect effect) => effect switch
    {
        SendRequest e => [e.OfficerEmail],
        SendReminder e => [e.OfficerEmail],
        SendAnsweredByColleague e => [e.OfficerEmail],
        SendAmendmentNotice e => [e.OfficerEmail],
        SendReceipt e => [e.To.Email],
        SendReceipts e => [e.To.Email],
        SendDeadlineNotice e => [e.OfficerEmail],
        SendWithdrawalNotice e => [e.OfficerEmail],
        SendClosedNotice e => [e.OfficerEmail],
        SendReopenedNotice e => [e.OfficerEmail],
        _ => null,
    };

    private static ReviewEffect? TryDecode(PendingEffect effect)
    {
        try
        {
            return ReviewEffectSerializer.Deserialize(effect.Kind, effect.Payload);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Read again when carried out, where it fails as any effect does (logged, retried later); meanwhile, not
            // knowing whom it writes to, it holds up the review's later decisions.
            return null;
        }
    }

    // Effect ids are "{review}.{version}.{position}": everything before the last dot names the decision.
    private static string DecisionOf(string effectId) => effectId.LastIndexOf('.') is var dot and > 0 ? effectId[..dot] : effectId;
}

/// <summary>
/// Runs <see cref="ReviewRunner"/> inside the web host: pass after pass while there is work, and between passes it
/// sleeps only until an append wakes it, the next timer falls due, or the poll interval ends, whichever comes first.
/// </summary>
public sealed class ReviewRunnerService(ReviewRunner runner, RunnerSignal signal, TimeProvider time, ILogger<ReviewRunnerService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var idle = TimeSpan.Zero;
            try
            {
                signal.Reset();
                var pass = await runner.RunOnceAsync(stoppingToken);
                if (pass.TimersFired == 0 && pass.EffectsCompleted == 0)
                {
                    idle = await runner.IdleForAsync(stoppingToken);
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(ex, "A runner pass failed; the next pass will try again.");
                idle = TimeSpan.FromSeconds(1);
            }
            try
            {
                await Task.WhenAny(signal.Woken, Task.Delay(idle, time, stoppingToken));
                stoppingToken.ThrowIfCancellationRequested();
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
