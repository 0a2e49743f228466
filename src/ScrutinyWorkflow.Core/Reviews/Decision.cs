namespace ScrutinyWorkflow.Core.Reviews;

/// <summary>One thing wrong with a command, tied to the field it came from (JSON path style, e.g. <c>areas[0].heading</c>).</summary>
public sealed record Problem(string Field, string Message);

/// <summary>Why a command was refused. Nothing was applied. (One constructor, so it travels as JSON between processes.)</summary>
public sealed record Rejection(string Code, string Message, IReadOnlyList<Problem> Problems);

/// <summary>The outcome of deciding a command: the events to append, or a rejection.</summary>
public abstract record Decision
{
    public static Decision Accept(params ReviewEvent[] events) => new Accepted(events);

    public static Decision Accept(IReadOnlyList<ReviewEvent> events) => new Accepted(events);

    public static Decision Reject(string code, string message) => new Rejected(new Rejection(code, message, []));
}

/// <summary>Accepted with no events means the command was already satisfied (an idempotent no-op).</summary>
public sealed record Accepted(IReadOnlyList<ReviewEvent> Events) : Decision;

public sealed record Rejected(Rejection Rejection) : Decision;

/// <summary>The stable codes of rejections, for callers that map them (e.g. to HTTP status codes).</summary>
public static class RejectionCodes
{
    public const string Invalid = "invalid";
    public const string NotFound = "not-found";
    public const string AlreadyExists = "already-exists";
    public const string NotDraft = "not-a-draft";
    public const string AlreadyDispatched = "already-dispatched";
    public const string NotOpen = "not-open";
    public const string AssignmentClosed = "assignment-closed";
    public const string UnknownAssignment = "unknown-assignment";
    public const string NotAssembled = "statement-not-assembled";
    public const string AlreadyReleased = "already-released";
    public const string UnknownQuestion = "unknown-question";
    public const string NothingToChase = "nothing-to-chase";
    public const string RemindedRecently = "reminded-recently";
    public const string NotYours = "not-yours";
    public const string NoAnswerToCorrect = "no-answer-to-correct";
    public const string ReleaseUnderway = "release-underway";
    public const string AnsweredBySomeoneElse = "answered-by-someone-else";
    public const string NotReleased = "statement-not-released";
    public const string NotDecisionsReview = "not-a-decisions-review";
}
