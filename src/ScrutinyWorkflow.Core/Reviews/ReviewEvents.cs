namespace ScrutinyWorkflow.Core.Reviews;

/// <summary>
/// A question and who is asked it. <see cref="RoutedBy"/> is the routing rule that proposed those officers; null
/// when the scrutiny officer named them (or changed the proposal), and in streams recorded before routing.
/// </summary>
public sealed record Question(string QuestionId, string Text, IReadOnlyList<string> OfficerEmails, ReportSource? Source = null, RoutingChoice? RoutedBy = null);

public sealed record AreaOfFocus(string Heading, IReadOnlyList<Question> Questions);

/// <summary>
/// What happened to a review, in the past tense. Each event is a fact in the audit trail ("who was asked what,
/// when, who answered, who was chased") and the only thing the review's state is rebuilt from.
/// <see cref="At"/> is when it happened, in council-local time.
/// </summary>
public abstract record ReviewEvent(DateTimeOffset At);

/// <summary>
/// A review was started. <see cref="AutomaticRelease"/> is false in streams recorded before it was a choice: a person
/// releases. <see cref="LayoutDoubts"/> say why the report was hard to read as a whole; null in older streams and when
/// it read cleanly.
/// </summary>
public sealed record ReviewDrafted(
    string ReviewId,
    FocusReport FocusReport,
    Panel Panel,
    DateOnly MeetingDate,
    DateOnly Deadline,
    IReadOnlyList<AreaOfFocus> Areas,
    IReadOnlyList<Officer> Officers,
    DateTimeOffset At,
    bool AutomaticRelease = false,
    IReadOnlyList<string>? LayoutDoubts = null) : ReviewEvent(At);

/// <summary>The draft's areas and questions were edited before dispatch (reworded, reordered, re-routed).</summary>
public sealed record QuestionsRevised(IReadOnlyList<AreaOfFocus> Areas, IReadOnlyList<Officer> Officers, DateTimeOffset At) : ReviewEvent(At);

/// <summary>The scrutiny team deleted the draft before sending it; nobody had been asked anything.</summary>
public sealed record DraftDiscarded(DateTimeOffset At) : ReviewEvent(At);

/// <summary>The review went out. The chase schedule is recorded so later configuration changes leave it alone.</summary>
public sealed record ReviewDispatched(ChaseSchedule Schedule, DateTimeOffset At) : ReviewEvent(At);

/// <summary>An officer was asked a question. Each officer has one link per review, for all their questions.</summary>
public sealed record RequestSent(string AssignmentId, string QuestionId, string OfficerEmail, DateTimeOffset At) : ReviewEvent(At);

public sealed record ReminderSent(string AssignmentId, int Step, int ReminderNumber, DateTimeOffset At) : ReviewEvent(At);

/// <summary>
/// An unanswered assignment was raised with the officer's manager (or the scrutiny team, when the officer has none).
/// The manager gets a link of their own to answer on the officer's behalf.
/// </summary>
public sealed record Escalated(string AssignmentId, int Step, string? ManagerEmail, DateTimeOffset At) : ReviewEvent(At);

/// <summary>The scrutiny officer reminded an officer, there and then, of the questions they still had open.</summary>
public sealed record OfficerReminded(string OfficerEmail, IReadOnlyList<string> AssignmentIds, DateTimeOffset At) : ReviewEvent(At);

/// <summary>An answer was kept without being submitted. Private to the officer: the audit trail shows that it happened, not the text.</summary>
public sealed record AnswerSaved(string AssignmentId, string Text, DateTimeOffset At, Respondent? By = null) : ReviewEvent(At);

/// <summary>
/// The first submission for a question: it answers the question for every officer asked it. <see cref="By"/> is
/// who submitted it (null in streams recorded before it was kept: then the assignment's officer).
/// <see cref="ReceiptDue"/> is when (council-local) the receipt that acknowledges it goes, with whatever else the same
/// person sends before then; null in streams recorded before receipts were grouped, whose receipt went at once.
/// </summary>
public sealed record AnswerSubmitted(string AssignmentId, string QuestionId, string Text, DateTimeOffset At, Respondent? By = null, DateTime? ReceiptDue = null) : ReviewEvent(At);

/// <summary>A submitted answer was changed before answers closed, by <see cref="By"/>; <see cref="ReceiptDue"/> as for a submission.</summary>
public sealed record AnswerAmended(string AssignmentId, string QuestionId, string Text, DateTimeOffset At, Respondent? By = null, DateTime? ReceiptDue = null) : ReviewEvent(At);

/// <summary>One submission a receipt acknowledges: the text as sent, its reference, and whether it changed an answer already in.</summary>
public sealed record ReceiptLine(string AssignmentId, string QuestionId, string Reference, string Text, DateTimeOffset At, bool Amended);

/// <summary>
/// A person was sent one receipt for every answer they submitted or amended since their last, once they had stopped
/// sending for a while (<see cref="ReviewPolicy.ReceiptQuietPeriod"/>).
/// </summary>
public sealed record ReceiptSent(Respondent To, IReadOnlyList<ReceiptLine> Answers, DateTimeOffset At) : ReviewEvent(At);

/// <summary>The scrutiny team recorded an answer that reached them after responses closed.</summary>
public sealed record LateAnswerAccepted(string AssignmentId, string QuestionId, string Text, DateTimeOffset At) : ReviewEvent(At);

/// <summary>"This is not for me": the officer declined, suggesting a colleague (as the directory knew them, when it did).</summary>
public sealed record QuestionDeclined(string AssignmentId, string? SuggestedEmail, Officer? Suggested, string Reason, DateTimeOffset At) : ReviewEvent(At);

/// <summary>An assignment was handed to someone else; <see cref="NewAssignmentId"/> is the new person's assignment.</summary>
public sealed record AssignmentReassigned(string AssignmentId, string NewAssignmentId, Officer To, string Reason, DateTimeOffset At, Officer? ToManager = null) : ReviewEvent(At);

/// <summary>A question was asked after the review went out, under an existing area of focus or a new one.</summary>
public sealed record QuestionAdded(string AreaHeading, Question Question, IReadOnlyList<Officer> Officers, DateTimeOffset At) : ReviewEvent(At);

/// <summary>A question was taken out of the review; it leaves the statement.</summary>
public sealed record QuestionWithdrawn(string QuestionId, string Reason, DateTimeOffset At) : ReviewEvent(At);

/// <summary>The deadline moved, later or earlier; the chase is rescheduled against it.</summary>
public sealed record DeadlineChanged(DateOnly From, DateOnly To, ChaseSchedule Schedule, DateTimeOffset At) : ReviewEvent(At);

/// <summary>The panel meets on another day; the statement's release time moves with it.</summary>
public sealed record MeetingDateChanged(DateOnly From, DateOnly To, DateTime ReleaseAt, DateTimeOffset At) : ReviewEvent(At);

/// <summary>Responses closed at the deadline (or the end of a reopening): whatever is unanswered is recorded as "no response received".</summary>
public sealed record DeadlinePassed(DateTimeOffset At) : ReviewEvent(At);

/// <summary>The scrutiny officer closed responses before the deadline; open questions are marked as closed early, not late.</summary>
public sealed record ReviewClosedEarly(string Reason, DateTimeOffset At) : ReviewEvent(At);

/// <summary>The statement is compiled and waits for the scrutiny officer to check and release it.</summary>
public sealed record StatementAssembled(DateTimeOffset At) : ReviewEvent(At);

/// <summary>Answers were opened again until the end of <see cref="Until"/>, before the statement was released.</summary>
public sealed record AnswersReopened(DateOnly Until, DateTimeOffset At) : ReviewEvent(At);

/// <summary>The statement was released for the panel: by the scrutiny officer, or automatically in time for the agenda.</summary>
public sealed record StatementReleased(bool Automatically, DateTimeOffset At) : ReviewEvent(At);

/// <summary>The statement was filed for the panel; <see cref="Location"/> is where (a path or a URL).</summary>
public sealed record StatementFiled(string Location, DateTimeOffset At) : ReviewEvent(At);

public sealed record PanelNotified(DateTimeOffset At) : ReviewEvent(At);

/// <summary>An officer away, by their automatic replies: <see cref="Until"/> is when they are back (null: no end set).</summary>
public sealed record OfficerAbsence(string Email, DateTimeOffset? Until);

/// <summary>Officers were found to be away until after the deadline; their chasers go to their managers while they are away.</summary>
public sealed record OfficersAwayNoted(IReadOnlyList<OfficerAbsence> Away, DateTimeOffset At) : ReviewEvent(At);

/// <summary>A message to <see cref="Email"/> could not be delivered, as the mail service reported; the scrutiny team is told.</summary>
public sealed record MailUndeliverable(string Email, string MessageId, string Reason, DateTimeOffset At) : ReviewEvent(At);
