using ScrutinyWorkflow.Workflow;

namespace ScrutinyWorkflow.Web.Engine.Durable;

/// <summary>
/// Finds reviews whose work was recorded but never handed on (the host that took the command stopped first) and
/// hands it on: effects carried out, the list line written, the orchestration woken to set its timer. A review is
/// marked before its decision is recorded and the mark cleared once the work is done, so a mark older than
/// <see cref="Grace"/> means nobody is at it.
/// </summary>
public sealed class ReviewSweep(TableReviewStreams streams, ReviewAdvance advance, IReviewTimers timers, ILogger<ReviewSweep> logger)
{
    /// <summary>Longer than a pass normally takes, so the sweep does not do what the host that took the command is doing.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(30);

    private const int Batch = 100;

    /// <returns>How many reviews it found left.</returns>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        // The real clock, not the council's: marks are stamped by the storage service.
        var left = await streams.MarkedBeforeAsync(DateTimeOffset.UtcNow - Grace, Batch, cancellationToken);
        foreach (var reviewId in left)
        {
            try
            {
                logger.LogInformation("Review {ReviewId} has work nobody handed on; handing it on now.", reviewId);
                await advance.AdvanceAsync(reviewId, cancellationToken);
                await timers.WakeAsync(reviewId, cancellationToken);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Sweeping review {ReviewId} failed; the next sweep tries again.", reviewId);
            }
        }
        return left.Count;
    }
}

/// <summary>Runs the sweep in the web host every <see cref="Every"/>; the Functions app runs it on a timer trigger.</summary>
public sealed class ReviewSweepService(ReviewSweep sweep, TimeProvider time, ILogger<ReviewSweepService> logger) : BackgroundService
{
    public static readonly TimeSpan Every = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await sweep.SweepAsync(stoppingToken);
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    logger.LogWarning(ex, "A sweep failed; the next one tries again.");
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }
}
