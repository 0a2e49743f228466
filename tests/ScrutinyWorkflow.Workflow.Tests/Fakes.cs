using System.Collections.Concurrent;

namespace ScrutinyWorkflow.Workflow.Tests;

/// <summary>
/// A review's work as the orchestration sees it: each hand-on is noted, and says the review next needs waking at the
/// time the test set for it (or never), as the real one reads it from the review's next due time.
/// </summary>
public sealed class FakeReviewAdvance : IReviewAdvance
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<DateTime?>> wakes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> calls = new(StringComparer.Ordinal);

    /// <summary>The times the review's next hand-ons name, in turn; after them, never.</summary>
    public void WakeAt(string reviewId, params DateTime?[] times) => wakes[reviewId] = new(times);

    public int Calls(string reviewId) => calls.GetValueOrDefault(reviewId);

    public Task<DateTime?> AdvanceAsync(string reviewId, CancellationToken cancellationToken)
    {
        calls.AddOrUpdate(reviewId, 1, (_, n) => n + 1);
        return Task.FromResult(wakes.TryGetValue(reviewId, out var times) && times.TryDequeue(out var at) ? at : null);
    }
}
