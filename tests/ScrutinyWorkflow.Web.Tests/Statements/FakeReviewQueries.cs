using ScrutinyWorkflow.Core.Reviews;
using ScrutinyWorkflow.Web.Engine;

namespace ScrutinyWorkflow.Web.Tests.Statements;

/// <summary>The review list as the engine pages it, from states held in memory; it counts the reviews loaded.</summary>
internal sealed class FakeReviewQueries(IEnumerable<ReviewState> states) : IReviewQueries
{
    private readonly List<ReviewState> all = [.. states];

    public List<string> Loaded { get; } = [];

    public int PagesRead { get; private set; }

    public Task<ReviewSnapshot?> FindAsync(string reviewId, CancellationToken cancellationToken)
    {
        Loaded.Add(reviewId);
        return Task.FromResult(all.FirstOrDefault(s => s.ReviewId == reviewId) is { } state ? new ReviewSnapshot(state, 1) : null);
    }

    public Task<IReadOnlyList<RecordedEvent>?> AuditTrailAsync(string reviewId, CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<RecordedEvent>?>(null);

    public Task<ReviewListPage> ListAsync(ReviewListQuery query, CancellationToken cancellationToken)
    {
        PagesRead++;
        return Task.FromResult(ReviewListPage.Of(all.Select((s, i) => (ReviewSummary.From(s), new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddHours(i))), query));
    }
}
