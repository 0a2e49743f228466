using System.Collections.Concurrent;
using ScrutinyWorkflow.Core.Reviews;

namespace ScrutinyWorkflow.Workflow.Tests;

/// <summary>The read side as a list per review, keeping every write so a test can see repeats.</summary>
internal sealed class FakeReviewRecord : IReviewRecord
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<long, ReviewEvent>> reviews = new();

    public int Writes;

    public Task RecordAsync(string reviewId, long firstVersion, IReadOnlyList<ReviewEvent> events, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref Writes);
        var stream = reviews.GetOrAdd(reviewId, _ => new());
        for (var i = 0; i < events.Count; i++)
        {
            stream[firstVersion + i] = events[i];
        }
        return Task.CompletedTask;
    }

    public IReadOnlyList<(long Version, ReviewEvent Event)> Events(string reviewId) =>
        reviews.TryGetValue(reviewId, out var stream) ? [.. stream.OrderBy(e => e.Key).Select(e => (e.Key, e.Value))] : [];
}

/// <summary>Delivers nothing: notes each effect by review and id, and records filings and notifications as the real one would.</summary>
internal sealed class FakeEffectDelivery : IEffectDelivery
{
    private readonly ConcurrentQueue<(string ReviewId, string EffectId, ReviewEffect Effect)> delivered = new();

    public Task<ReviewCommand?> DeliverAsync(string reviewId, string effectId, ReviewEffect effect, CancellationToken cancellationToken)
    {
        delivered.Enqueue((reviewId, effectId, effect));
        return Task.FromResult<ReviewCommand?>(effect switch
        {
            FileStatement => new RecordStatementFiled($"https://panel.example/{reviewId}/position-statement.html", default),
            NotifyPanel => new RecordPanelNotified(default),
            _ => null,
        });
    }

    /// <summary>What was delivered for one review, in order.</summary>
    public IReadOnlyList<(string EffectId, ReviewEffect Effect)> Of(string reviewId) =>
        [.. delivered.Where(d => d.ReviewId == reviewId).Select(d => (d.EffectId, d.Effect))];

    public IReadOnlyList<T> Of<T>(string reviewId) where T : ReviewEffect => [.. Of(reviewId).Select(d => d.Effect).OfType<T>()];
}
