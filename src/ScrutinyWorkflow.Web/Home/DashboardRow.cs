using ScrutinyWorkflow.Core.Reviews;
using ScrutinyWorkflow.Web.ReviewPages;
using ScrutinyWorkflow.Web.Reviews;

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
    IReadOnlyList<NeedsYou> NeedsYou)
{
    /// <summary>Answered as a whole percentage of the questions, for the progress bar (0 with no questions).</summary>
    public int Percent => Questions == 0 ? 0 : Answered * 100 / Questions;

    /// <param name="review">The review's state, when the row may need her because of an officer (a decline, a bounce); null otherwise.</param>
    public static DashboardRow From(ReviewSummary summary, ReviewState? review)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var status = Enum.GetValues<ReviewStatus>().FirstOrDefault(s => ReviewView.StatusName(s) == summary.Status);
        List<NeedsYou> needs = status switch
        {
            ReviewStatus.Draft => [new("Check the questions and send them", $"/reviews/{summary.Id}/draft")],
            ReviewStatus.Assembled => [new("Check and release the statement", $"/reviews/{summary.Id}#statement")],
            _ => [],
        };
        if (review is not null && DeclinesToActOn(review) is > 0 and var declines)
        {
            needs.Add(new(declines == 1 ? "1 declined question to hand on" : $"{declines} declined questions to hand on", $"/reviews/{summary.Id}#officers"));
        }
        if (review is not null && UndeliverableOfficers.ToActOn(review).Count is > 0 and var bounced)
        {
            needs.Add(new(bounced == 1 ? "1 officer your mail could not reach" : $"{bounced} officers your mail could not reach", $"/reviews/{summary.Id}#officers"));
        }
        return new DashboardRow(summary.Id, summary.Title, summary.Panel, StatusWords.Of(status), summary.Answered, summary.Questions, summary.Overdue,
            summary.Deadline, summary.MeetingDate, needs);
    }

    /// <summary>Whether a row of this status can need her because of something an officer did, so its state is worth reading.</summary>
    public static bool MayHaveDeclines(ReviewSummary summary) =>
        summary?.Status is "open" or "responses-closed" or "assembled";

    /// <summary>
    /// Declines nobody has acted on: the officer said "not me", the question is still in the review and unanswered,
    /// and it has not been handed to anyone yet (a handed-on assignment is marked as such, not as declined).
    /// </summary>
    public static int DeclinesToActOn(ReviewState review)
    {
        ArgumentNullException.ThrowIfNull(review);
        if (review.IsReleased)
        {
            return 0;
        }
        var inReview = review.Questions.Select(q => q.QuestionId).ToHashSet(StringComparer.Ordinal);
        return review.Assignments.Count(a => a.Outcome == AssignmentOutcome.Declined && inReview.Contains(a.QuestionId) && !review.Answers.ContainsKey(a.QuestionId));
    }
}

/// <summary>Something waiting for the scrutiny officer, and where to do it.</summary>
public sealed record NeedsYou(string Text, string Link);
