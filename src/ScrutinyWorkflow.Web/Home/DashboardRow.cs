using ScrutinyWorkflow.Core.Decisions;
using ScrutinyWorkflow.Core.Recommendations;
using ScrutinyWorkflow.Core.Reviews;
using ScrutinyWorkflow.Web.Engine;
using ScrutinyWorkflow.Web.Hosting;
using ScrutinyWorkflow.Web.ReviewPages;

namespace ScrutinyWorkflow.Web.Home;

/// <summary>
/// One review on the scrutiny officer's dashboard: how far the answers have come, the dates that matter, how many
/// questions are overdue, and what is waiting for her (a draft to send, a statement to check, a decline to act on).
/// </summary>
public sealed record DashboardRow(
    string Id,
    string Title,
    string Panel,
    string Status,
    int Answered,
    int Questions,
    int Overdue,
    DateOnly Deadline,
    DateOnly MeetingDate,
    IReadOnlyList<NeedsYou> NeedsYou,
    DateOnly? Started = null)
{
    /// <summary>"Focus report review" or "Decisions review": which kind of work the row is.</summary>
    public string Kind { get; init; } = "Focus report review";

    /// <summary>The panel's recommendations followed up from this review, and how many are still open.</summary>
    public int Recommendations { get; init; }

    public int OpenRecommendations { get; init; }

    /// <summary>Follow-ups the owner says are done, awaiting the scrutiny officer's close.</summary>
    public int ReportedDone { get; init; }

    /// <summary>Follow-ups whose update's date has passed without one.</summary>
    public int OverdueUpdates { get; init; }

    /// <summary>Remedies whose date has passed with no evidence accepted.</summary>
    public int OutstandingRemedies { get; init; }

    /// <summary>
    /// The row with what the review's follow-ups ask of the scrutiny officer, read from the review itself: the list
    /// counts them, but where each stands (an update overdue, a remedy outstanding) depends on the day.
    /// </summary>
    public DashboardRow WithFollowUps(ReviewState review, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(review);
        var lines = FollowUpLines.Of(review, now);
        var recommendations = lines.Where(l => !l.IsRemedy).ToList();
        var done = lines.Count(l => l.Standing == RecommendationStanding.ReportedDone);
        var overdue = lines.Count(l => l.Standing == RecommendationStanding.UpdateOverdue);
        var outstanding = lines.Count(l => l.Remedy is { Standing: RemedyStanding.Outstanding });
        List<NeedsYou> needs = [.. NeedsYou];
        if (done > 0)
        {
            needs.Add(new(done == 1 ? "1 update reported done to close" : $"{done} updates reported done to close", $"/reviews/{Id}#follow-ups"));
        }
        if (overdue > 0)
        {
            needs.Add(new(overdue == 1 ? "1 update overdue" : $"{overdue} updates overdue", $"/reviews/{Id}#follow-ups"));
        }
        if (outstanding > 0)
        {
            needs.Add(new(outstanding == 1 ? "1 remedy outstanding" : $"{outstanding} remedies outstanding", $"/reviews/{Id}#remedies"));
        }
        return this with
        {
            Title = ReviewPageModel.TitleOf(review),
            Kind = KindWords(review.Kind == ReviewKind.Decisions),
            Recommendations = recommendations.Count,
            OpenRecommendations = recommendations.Count(l => l.Open),
            ReportedDone = done,
            OverdueUpdates = overdue,
            OutstandingRemedies = outstanding,
            NeedsYou = needs,
        };
    }

    private static string KindWords(bool decisions) => decisions ? "Decisions review" : "Focus report review";

    /// <summary>Answered as a whole percentage of the questions, for the progress bar (0 with no questions).</summary>
    public int Percent => Questions == 0 ? 0 : Answered * 100 / Questions;

    /// <summary>The row from the review list alone: every count it shows is kept there, so no review is read whole.</summary>
    /// <param name="clock">Says on which council day the review was started (drafts of one report differ only by it).</param>
    public static DashboardRow From(ReviewSummary summary, CouncilClock? clock = null)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var status = Enum.GetValues<ReviewStatus>().FirstOrDefault(s => ReviewSummary.StatusName(s) == summary.Status);
        var kind = summary.Kind == ReviewSummary.KindName(ReviewKind.Decisions) ? ReviewKind.Decisions : ReviewKind.FocusReport;
        List<NeedsYou> needs = status switch
        {
            ReviewStatus.Draft => [new("Check the questions and send them", $"/reviews/{summary.Id}/draft")],
            ReviewStatus.Assembled => [new($"Check and release the {StatusWords.PaperOf(kind)}", $"/reviews/{summary.Id}#statement")],
            _ => [],
        };
        if (summary.Declines > 0)
        {
            needs.Add(new(summary.Declines == 1 ? "1 declined question to hand on" : $"{summary.Declines} declined questions to hand on", $"/reviews/{summary.Id}#officers"));
        }
        if (summary.Unreachable > 0)
        {
            needs.Add(new(summary.Unreachable == 1 ? "1 officer your mail could not reach" : $"{summary.Unreachable} officers your mail could not reach", $"/reviews/{summary.Id}#officers"));
        }
        return new DashboardRow(summary.Id, summary.Title, summary.Panel, StatusWords.Of(status, kind), summary.Answered, summary.Questions, summary.Overdue,
            summary.Deadline, summary.MeetingDate, needs,
            summary.StartedAt is { } started ? DateOnly.FromDateTime((clock?.Local(started) ?? started).DateTime) : null)
        {
            Kind = KindWords(kind == ReviewKind.Decisions),
        };
    }
}

/// <summary>Something waiting for the scrutiny officer, and where to do it.</summary>
public sealed record NeedsYou(string Text, string Link);
