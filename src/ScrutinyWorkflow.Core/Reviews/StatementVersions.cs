namespace ScrutinyWorkflow.Core.Reviews;

/// <summary>
/// The scrutiny team corrects a submitted answer as the panel will read it: before release, or after it, when the
/// correction makes a new version of the statement for the panel.
/// </summary>
public sealed record CorrectAnswer(string QuestionId, string Text, DateTimeOffset Now) : ReviewCommand(Now);

/// <summary>The scrutiny team corrected the answer to a question; the officers who gave it still report it.</summary>
public sealed record AnswerCorrected(string QuestionId, string Text, DateTimeOffset At) : ReviewEvent(At);

/// <summary>How a question's row differs from the version of the statement the panel last received.</summary>
public enum StatementChangeKind
{
    /// <summary>It had no answer; it has one now (a late answer).</summary>
    AnswerAdded,

    /// <summary>Its answer was corrected.</summary>
    AnswerChanged,
}

/// <summary>One question whose answer differs from the version the panel last received.</summary>
public sealed record StatementChange(string QuestionId, StatementChangeKind Kind);
