using Microsoft.Extensions.Options;
using ScrutinyWorkflow.Core.Reviews;
using ScrutinyWorkflow.Web.Hosting;
using ScrutinyWorkflow.Web.Reviews.Storage;
using ScrutinyWorkflow.Workflow.Serialization;

namespace ScrutinyWorkflow.Web.Reviews.Embedded;

/// <summary>What one pass of the runner did.</summary>
public sealed record RunnerPass(int TimersFired, int EffectsCompleted, int EffectsFailed);

/// <summary>
/// Turns due timers into commands and carries out pending effects. Everything it needs is in the store, so
/// any number of passes, on any instance, after any restart, pick up exactly where the last one stopped.
/// </summary>
public sealed class ReviewRunner(
    IReviewStore store,
    IOutbox outbox,
    IReviewCommands reviews,
    EffectCarrier effects,
    CouncilClock clock,
    ILogger<ReviewRunner> logger)
{
    private const int BatchSize = 100;

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

    private async Task<int> FireDueTimersAsync(CancellationToken cancellationToken)
    {
        var fired = 0;
        foreach (var reviewId in await store.DueAsync(clock.Now.DateTime, BatchSize, cancellationToken))
        {
            try
            {
                if (await reviews.HandleAsync(reviewId, new ProcessDueTimers(clock.Now), null, cancellationToken) is CommandApplied { Recorded.Count: > 0 })
                {
                    fired++;
                }
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                // Anything short of shutting down, a timed-out HTTP call included, is retried on the next pass.
                logger.LogError(ex, "Timers for review {ReviewId} failed; they will be tried again on the next pass.", reviewId);
            }
        }
        return fired;
    }

    private async Task<(int Completed, int Failed)> CarryOutEffectsAsync(CancellationToken cancellationToken)
    {
        var (completed, failed) = (0, 0);
        foreach (var pending in await outbox.PendingAsync(clock.UtcNow, BatchSize, cancellationToken))
        {
            try
            {
                var effect = ReviewEffectSerializer.Deserialize(pending.Kind, pending.Payload);
                if (await effects.DeliverAsync(pending.ReviewId, pending.Id, effect, cancellationToken) is { } result
                    && await reviews.HandleAsync(pending.ReviewId, result, null, cancellationToken) is CommandRefused refused)
                {
                    throw new InvalidOperationException($"Recording the result of {pending.Id} was refused: {refused.Rejection.Message}");
                }
                await outbox.CompleteAsync(pending.Id, clock.UtcNow, cancellationToken);
                completed++;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                failed++;
                // Back off 1, 2, 4... minutes, up to an hour, so a mail outage is retried without hammering.
                var delay = TimeSpan.FromMinutes(Math.Min(60, Math.Pow(2, Math.Min(pending.Attempts, 6))));
                logger.LogWarning(ex, "Effect {EffectId} ({Kind}) failed on attempt {Attempt}; retrying in {Delay}.", pending.Id, pending.Kind, pending.Attempts + 1, delay);
                await outbox.DeferAsync(pending.Id, ex.Message, clock.UtcNow + delay, cancellationToken);
            }
        }
        return (completed, failed);
    }
}

/// <summary>Runs <see cref="ReviewRunner"/> on a timer inside the web host.</summary>
public sealed class ReviewRunnerService(ReviewRunner runner, IOptions<ScrutinyOptions> options, TimeProvider time, ILogger<ReviewRunnerService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(options.Value.Runner.PollSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await runner.RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(ex, "A runner pass failed; the next pass will try again.");
            }
            try
            {
                await Task.Delay(interval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
