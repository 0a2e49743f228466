namespace ScrutinyWorkflow.Core.Reviews;

/// <summary>
/// What in a review waits on the scrutiny officer because of something that happened to an officer: a question
/// declined and not yet handed on, or an officer the mail service could not reach who still owes answers. The
/// review list keeps these counts, so the dashboard need not read reviews whole to show them.
/// </summary>
public static class OfficerAttention
{
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

    /// <summary>
    /// The last bounce for each officer with questions still open, unless they have been reminded by hand since (once
    /// their mailbox is fixed). Until then nobody has asked them anything: their questions can be handed on to their
    /// right address or to someone else.
    /// </summary>
    public static IReadOnlyList<MailUndeliverable> UndeliverableToActOn(ReviewState review)
    {
        ArgumentNullException.ThrowIfNull(review);
        return [.. review.Undeliverable.Values
            .Where(bounce => review.Assignments.OfOfficer(bounce.Email).Any(a => a.IsOpen))
            .Where(bounce => !(review.RemindedByHand.TryGetValue(bounce.Email, out var reminded) && reminded > bounce.At))
            .OrderBy(bounce => bounce.At)
            .ThenBy(bounce => bounce.Email, StringComparer.Ordinal)];
    }
}
