using ScrutinyWorkflow.Core.Calendar;

namespace ScrutinyWorkflow.Core.Recommendations;

/// <summary>
/// One row of a paper's "Progress on recommendations": what was recommended, who owns it, where it stands in words
/// the panel reads, and the owner's latest words (kept from an earlier round while the next is awaited).
/// </summary>
public sealed record RecommendationProgressRow(
    string RecommendationId,
    string Recommendation,
    string Owner,
    string Designation,
    RecommendationStanding Standing,
    string Status,
    string? OwnersWords,
    DateTimeOffset? WordsGivenAt,
    string? ClosingNote);

public static class RecommendationProgressRows
{
    public static RecommendationProgressRow From(RecommendationState state, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Status == RecommendationStatus.None)
        {
            throw new ArgumentException("A recommendation never recorded has no progress to report.", nameof(state));
        }
        var standing = state.StandingAt(now);
        var latest = state.LatestUpdate;
        return new RecommendationProgressRow(
            state.RecommendationId,
            state.Text,
            state.Owner!.Name,
            state.Owner.Designation,
            standing,
            Describe(state, standing),
            latest?.Text,
            latest?.At,
            state.Closed is { Note.Length: > 0 } closed ? closed.Note : null);
    }

    private static string Describe(RecommendationState state, RecommendationStanding standing) => standing switch
    {
        RecommendationStanding.AwaitingUpdate => $"Update due by {LongDate.Format(state.CurrentRound!.Due)}",
        RecommendationStanding.UpdateOverdue => $"Update overdue: it was due by {LongDate.Format(state.CurrentRound!.Due)}",
        RecommendationStanding.ReportedDone => "Reported done by the owner; not yet closed by the scrutiny officer",
        RecommendationStanding.Closed => $"Closed: {state.Closed!.Closure.Describe()}",
        _ => "In progress",
    };
}
