namespace ScrutinyWorkflow.Core.Reviews;

public sealed record Question(string QuestionId, string Text, IReadOnlyList<string> OfficerEmails, ReportSource? Source = null);

public sealed record AreaOfFocus(string Heading, IReadOnlyList<Question> Questions);

/// <summary>
/// What happened to a review, in the past tense. Each event is a fact in the audit trail ("who was asked what,
/// when, who answered, who was chased") and the only thing the review's state is rebuilt from.
/// <see cref="At"/> is when it happened, in council-local time.
/// </summary>
public abstract record ReviewEvent(DateTimeOffset At);

public sealed record ReviewDrafted(
    string ReviewId,
    FocusReport FocusReport,
    Panel Panel,
    DateOnly MeetingDate,
    DateOnly Deadline,
    IReadOnlyList<AreaOfFocus> Areas,
    IReadOnlyList<Officer> Officers,
    DateTimeOffset At) : ReviewEvent(At);

/// <summary>The draft's areas and questions were edited before dispatch (reworded, reordered, re-routed).</summary>
public sealed record QuestionsRevised(IReadOnlyList<AreaOfFocus> Areas, IReadOnlyList<Officer> Officers, DateTimeOffset At) : ReviewEvent(At);

/// <summary>The review went out. The chase schedule is recorded so later configuration changes leave it alone.</summary>
public sealed record ReviewDispatched(ChaseSchedule Schedule, DateTimeOffset At) : ReviewEvent(At);

/// <summary>An officer was asked a question; their response link is made from the assignment id.</summary>
public sealed record RequestSent(string AssignmentId, string QuestionId, string OfficerEmail, DateTimeOffset At) : ReviewEvent(At);

public sealed record ReminderSent(string AssignmentId, int Step, int ReminderNumber, DateTimeOffset At) : ReviewEvent(At);

/// <summary>An unanswered assignment was raised with the officer's manager (or the scrutiny team, when the officer has none).</summary>
public sealed record Escalated(string AssignmentId, int Step, string? ManagerEmail, DateTimeOffset At) : ReviewEvent(At);

public sealed record AnswerSaved(string AssignmentId, string Text, DateTimeOffset At) : ReviewEvent(At);

/// <summary>The first submission for a question: it answers the question for every officer asked it.</summary>
public sealed record AnswerSubmitted(string AssignmentId, string QuestionId, string Text, DateTimeOffset At) : ReviewEvent(At);

/// <summary>A submitted answer was changed before responses closed.</summary>
public sealed record AnswerAmended(string AssignmentId, string QuestionId, string Text, DateTimeOffset At) : ReviewEvent(At);

/// <summary>An assignment was handed to someone else; <see cref="NewAssignmentId"/> is the new person's assignment.</summary>
public sealed record AssignmentReassigned(string AssignmentId, string NewAssignmentId, Officer To, string Reason, DateTimeOffset At) : ReviewEvent(At);

/// <summary>The deadline moved; the schedule is recomputed and unanswered assignments are chased against it.</summary>
public sealed record DeadlineExtended(DateOnly From, DateOnly To, ChaseSchedule Schedule, DateTimeOffset At) : ReviewEvent(At);

/// <summary>Responses closed at the deadline: whatever is unanswered is recorded as "no response received".</summary>
public sealed record DeadlinePassed(DateTimeOffset At) : ReviewEvent(At);

/// <summary>The scrutiny officer closed responses before the deadline.</summary>
public sealed record ReviewClosedEarly(string Reason, DateTimeOffset At) : ReviewEvent(At);

public sealed record StatementAssembled(DateTimeOffset At) : ReviewEvent(At);

/// <summary>The statement was filed for the panel; <see cref="Location"/> is where (a path or a URL).</summary>
public sealed record StatementFiled(string Location, DateTimeOffset At) : ReviewEvent(At);

public sealed record PanelNotified(DateTimeOffset At) : ReviewEvent(At);
