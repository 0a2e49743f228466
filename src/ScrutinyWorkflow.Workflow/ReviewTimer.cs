using Microsoft.DurableTask;

namespace ScrutinyWorkflow.Workflow;

/// <summary>
/// A review's orchestration input: which review, and the shape of the orchestration that wrote it. Nothing of the
/// review's content travels here (the store holds it), so the input is the same few bytes for its whole life.
/// </summary>
/// <param name="Shape">
/// The orchestration's shape when this generation began. A new build that changes the shape keeps the old shape's
/// steps for a generation that began under it (it is replayed as it ran) and starts the next generation in its own.
/// </param>
public sealed record ReviewTimerRun(string ReviewId, int Shape = ReviewTimer.CurrentShape);

/// <summary>
/// One review's clock, as a Durable Task orchestration (instance id = review id). Each generation hands on the review's
/// work (<see cref="AdvanceReview"/>: due timers fired, effects carried out), which says when the review next needs
/// waking; it then waits for that time or a wake-up (a command moved the due time, or left work a host could not
/// finish), and continues as new. It decides nothing and carries nothing: commands are decided and recorded where they
/// arrive, so a person is never held by it and no answer waits in its queue.
/// </summary>
public sealed class ReviewTimer : TaskOrchestrator<ReviewTimerRun, string>
{
    /// <summary>The shape this build starts generations in: see <see cref="ReviewTimerRun.Shape"/>.</summary>
    public const int CurrentShape = 1;

    public const string WakeEvent = "wake";

    /// <summary>How soon the activity is tried again when it failed every retry (the store or mail out for a while).</summary>
    private static readonly TimeSpan RetryFailedAfter = TimeSpan.FromMinutes(15);

    private static readonly TaskOptions Retries = TaskOptions.FromRetryPolicy(
        new RetryPolicy(maxNumberOfAttempts: 5, firstRetryInterval: TimeSpan.FromSeconds(2), backoffCoefficient: 2, maxRetryInterval: TimeSpan.FromMinutes(1)));

    public override async Task<string> RunAsync(TaskOrchestrationContext context, ReviewTimerRun run)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(run);
        // A generation is replayed in the shape it began in; the next one begins in this build's. A build that changes
        // the shape adds a case here and keeps the old one until no generation of that shape can be waiting.
        switch (run.Shape)
        {
            case 1:
                await ShapeOneAsync(context, run.ReviewId);
                break;
            default:
                throw new InvalidOperationException($"Review {run.ReviewId}'s orchestration began in shape {run.Shape}, which this build does not know.");
        }
        context.ContinueAsNew(run with { Shape = CurrentShape });
        return "continued";
    }

    /// <summary>Shape 1: hand the review's work on, then wait for the time it names or a wake-up.</summary>
    public static async Task ShapeOneAsync(TaskOrchestrationContext context, string reviewId)
    {
        ArgumentNullException.ThrowIfNull(context);
        DateTime? wakeAt;
        try
        {
            wakeAt = await context.CallActivityAsync<DateTime?>(nameof(AdvanceReview), reviewId, Retries);
        }
        catch (TaskFailedException)
        {
            // Kept, and tried again later: a store or mail outage must not end a weeks-long review.
            wakeAt = context.CurrentUtcDateTime + RetryFailedAfter;
        }
        await WakeOrTimeAsync(context, wakeAt);
    }

    /// <summary>Waits for a wake-up, or until <paramref name="at"/> when there is a time; the loser is cancelled.</summary>
    public static async Task WakeOrTimeAsync(TaskOrchestrationContext context, DateTime? at)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var cancel = new CancellationTokenSource();
        var wake = context.WaitForExternalEvent<bool>(WakeEvent, cancel.Token);
        if (at is not { } time)
        {
            await wake;
            return;
        }
        var timer = context.CreateTimer(time < context.CurrentUtcDateTime ? context.CurrentUtcDateTime : time, cancel.Token);
        await Task.WhenAny(wake, timer);
        // Cancelled synchronously: an orchestration must not hop to the thread pool.
#pragma warning disable CA1849
        cancel.Cancel();
#pragma warning restore CA1849
    }
}

/// <summary>Brings one review's work up to date, and says when (UTC) it next needs waking, or null for never.</summary>
public interface IReviewAdvance
{
    Task<DateTime?> AdvanceAsync(string reviewId, CancellationToken cancellationToken);
}

/// <summary>The orchestration's one activity: hands on the review's work through <see cref="IReviewAdvance"/>.</summary>
public sealed class AdvanceReview(IReviewAdvance advance) : TaskActivity<string, DateTime?>
{
    public override Task<DateTime?> RunAsync(TaskActivityContext context, string input) => advance.AdvanceAsync(input, CancellationToken.None);
}
