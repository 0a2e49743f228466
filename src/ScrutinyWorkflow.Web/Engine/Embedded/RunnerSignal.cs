namespace ScrutinyWorkflow.Web.Engine.Embedded;

/// <summary>
/// Wakes the runner when an append writes effects or moves a due time, so it does not wait for its next poll. A wake
/// while the runner is busy is kept: its next wait returns at once.
/// </summary>
public sealed class RunnerSignal
{
    private TaskCompletionSource woken = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Wake() => Volatile.Read(ref woken).TrySetResult();

    /// <summary>Completes at the first wake since the last <see cref="Reset"/>.</summary>
    public Task Woken => Volatile.Read(ref woken).Task;

    /// <summary>Called before a pass: wakes from now on are for work the pass may not see.</summary>
    public void Reset()
    {
        var current = Volatile.Read(ref woken);
        if (current.Task.IsCompleted)
        {
            Interlocked.CompareExchange(ref woken, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), current);
        }
    }
}
