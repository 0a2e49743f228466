namespace ScrutinyWorkflow.Core.Reviews;

/// <summary>
/// The reference an officer is given for an answer they submitted, on the confirmation page and in the receipt email:
/// the review, the question's number (<see cref="ReviewState.NumberOf"/>, as every page and the statement show it) and which submission of its answer (1 the first, 2 after one amendment), so a person
/// quoting it to the scrutiny team names exactly the text they sent, and the same answer always has the same reference.
/// </summary>
public static class AnswerReference
{
    public static string Of(ReviewState review, string questionId)
    {
        ArgumentNullException.ThrowIfNull(review);
        var answer = review.Answers[questionId];
        return $"{review.ReviewId}-Q{review.NumberOf(questionId)}-{answer.Amendments.Count + 1}".ToUpperInvariant();
    }
}
