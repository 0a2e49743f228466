namespace ScrutinyWorkflow.Core.Reviews;

/// <summary>
/// After the panel has had the statement, a late answer the scrutiny team accepts or a correction she makes starts a
/// new version: assembled again for her to check, released by her (never automatically), filed beside the last one,
/// and sent to the panel saying what changed.
/// </summary>
public sealed partial class ReviewDecider
{
    private Decision Correct(CorrectAnswer c, ReviewState state)
    {
        if (CheckAmendable(state) is { } refusal)
        {
            return refusal;
        }
        if (state.FindQuestion(c.QuestionId) is null)
        {
            return Decision.Reject(RejectionCodes.UnknownQuestion, $"This review has no question {c.QuestionId}.");
        }
        if (!state.Answers.TryGetValue(c.QuestionId, out var answer))
        {
            return Decision.Reject(RejectionCodes.NoAnswerToCorrect,
                $"Question {c.QuestionId} has no answer to correct: record the answer that reached you as a late answer to one of its assignments.");
        }
        if (CheckAnswerText(c.Text) is { } invalid)
        {
            return invalid;
        }
        var text = c.Text.Trim();
        return text == answer.Text ? Decision.Accept() : Decision.Accept(AsNewVersionIfReleased(state, new AnswerCorrected(c.QuestionId, text, c.Now)));
    }

    /// <summary>
    /// The scrutiny team may change answers while she checks the statement, and once the panel has been told of a
    /// release; not while a release is being filed, so each version is filed whole.
    /// </summary>
    private static Decision? CheckAmendable(ReviewState state) => state.Status switch
    {
        ReviewStatus.Completed => null,
        ReviewStatus.Released or ReviewStatus.Filed => Decision.Reject(RejectionCodes.ReleaseUnderway,
            "The statement is being filed and sent to the panel; once the panel has been told, a change makes a new version."),
        _ => CheckAssembled(state),
    };

    /// <summary>A change to a statement the panel already has assembles its next version for the scrutiny officer to check.</summary>
    private static ReviewEvent[] AsNewVersionIfReleased(ReviewState state, ReviewEvent change) =>
        state.Status == ReviewStatus.Completed ? [change, new StatementAssembled(change.At)] : [change];

    /// <summary>A new version is changed by accepting late answers and correcting answers, not by reopening or rescheduling.</summary>
    private static Decision? CheckNotRevising(ReviewState state) => state.ReleasedVersion > 0 && !state.IsReleased
        ? Decision.Reject(RejectionCodes.AlreadyReleased,
            $"Version {state.ReleasedVersion} of the statement has gone to the panel; version {state.StatementVersion} can take late answers and corrections, then be released.")
        : null;
}
