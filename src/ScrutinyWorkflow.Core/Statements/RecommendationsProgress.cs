using ScrutinyWorkflow.Core.Calendar;
using ScrutinyWorkflow.Core.Recommendations;
using ScrutinyWorkflow.Core.Reviews;

namespace ScrutinyWorkflow.Core.Statements;

/// <summary>One row of a paper's "Progress on recommendations", with the paper the panel made it on and that paper's meeting.</summary>
public sealed record ProgressEntry(string Paper, DateOnly Meeting, RecommendationProgressRow Row)
{
    /// <summary>"Careless (14 December 2026)": which paper and meeting the recommendation came out of, as every rendering says it.</summary>
    public string MadeOn => $"{Paper} ({LongDate.Format(Meeting)})";
}

/// <summary>
/// What a paper reports back to its panel on the recommendations the panel made on earlier papers.
/// </summary>
/// <remarks>
/// The rule: every recommendation (R1...; never a remedy's evidence, M1...) made on another paper to the same panel
/// (by name, as the review list gives it) whose meeting came before this paper's, that is either still open or was
/// closed after the previous paper went to that panel (the latest such earlier paper's release). One closed before then
/// was reported closed in that paper and is not repeated; the panel hears of each closure once. A paper at the same
/// meeting is not earlier, and a paper's own recommendations are made after it, so it never reports them. Rows come in
/// the order of their papers' meetings, then as the panel numbered them.
/// </remarks>
public static class RecommendationsProgress
{
    public static IReadOnlyList<ProgressEntry> For(ReviewState paper, IEnumerable<ReviewState> others, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(paper);
        ArgumentNullException.ThrowIfNull(others);
        if (paper.Panel is null)
        {
            return [];
        }
        var earlier = others
            .Where(o => o.ReviewId != paper.ReviewId && SamePanel(o, paper.Panel) && o.MeetingDate < paper.MeetingDate && o.Status is not (ReviewStatus.None or ReviewStatus.Discarded))
            .OrderBy(o => o.MeetingDate)
            .ThenBy(o => o.ReviewId, StringComparer.Ordinal)
            .ToList();
        var previousSentAt = earlier.Where(o => o.IsReleased && o.ReleasedAt is not null).Select(o => o.ReleasedAt).Max();
        return [.. earlier.SelectMany(review => review.FollowUps
            .Where(f => !FollowUpIds.IsRemedy(f.Key) && f.Value.Status != RecommendationStatus.None)
            .Where(f => f.Value.Status == RecommendationStatus.Open || previousSentAt is null || f.Value.Closed!.At > previousSentAt)
            .OrderBy(f => FollowUpIds.NumberOf(f.Key))
            .Select(f => new ProgressEntry(f.Value.Source?.Title is { Length: > 0 } title ? title : PanelPapers.TitleOf(review), review.MeetingDate, RecommendationProgressRows.From(f.Value, now))))];
    }

    private static bool SamePanel(ReviewState review, Panel panel) =>
        review.Panel is { } other && string.Equals(other.Name.Trim(), panel.Name.Trim(), StringComparison.OrdinalIgnoreCase);
}

/// <summary>What each kind of review's paper is called, wherever one paper names another.</summary>
public static class PanelPapers
{
    public static string TitleOf(ReviewState review)
    {
        ArgumentNullException.ThrowIfNull(review);
        return review is { Kind: ReviewKind.Decisions, DecisionsMonth: { } month } ? DecisionsPaper.TitleFor(month) : review.FocusReport?.Title ?? review.ReviewId;
    }
}
