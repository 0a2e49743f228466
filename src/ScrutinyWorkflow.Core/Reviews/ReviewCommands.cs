namespace ScrutinyWorkflow.Core.Reviews;

/// <summary>A question as given; <paramref name="RoutedBy"/> is the routing rule that proposed its officers, when one did.</summary>
public sealed record QuestionInput(string Text, IReadOnlyList<string> OfficerEmails, string? QuestionId = null, ReportSource? Source = null, RoutingChoice? RoutedBy = null);

public sealed record AreaInput(string Heading, IReadOnlyList<QuestionInput> Questions);

/// <summary>
/// What someone (or the scheduler) asks of a review, in the imperative. <see cref="Now"/> is council-local time,
/// given by the caller: the core never reads a clock.
/// </summary>
public abstract record ReviewCommand(DateTimeOffset Now);

/// <summary>
/// Start a review. Every input is as the caller read it, unreadable parts as null, so that the decider alone says
/// what is wrong with all of them at once. <paramref name="KnownOfficers"/> are the directory entries found for the
/// addresses the areas name (and their managers); any address without one is rejected by the decider, not dropped.
/// <paramref name="AutomaticRelease"/>: the council lets this review's statement go to the panel unreleased at the
/// last publishing time; otherwise it waits for a person's release, however late. <paramref name="LayoutDoubts"/> say why
/// the report it was read from was hard to read as a whole (none for one that read cleanly, or questions typed in).
/// </summary>
public sealed record DraftReview(
    string ReviewId,
    string? Title,
    YearMonth? Published,
    string? PanelName,
    string? PanelEmail,
    DateOnly? MeetingDate,
    DateOnly? Deadline,
    IReadOnlyList<AreaInput> Areas,
    IReadOnlyList<Officer> KnownOfficers,
    DateTimeOffset Now,
    bool AutomaticRelease = false,
    IReadOnlyList<string>? LayoutDoubts = null) : ReviewCommand(Now);

/// <summary>Replace the draft's areas and questions. A question keeps its id when the input names it.</summary>
public sealed record ReviseQuestions(IReadOnlyList<AreaInput> Areas, IReadOnlyList<Officer> KnownOfficers, DateTimeOffset Now) : ReviewCommand(Now);

public sealed record DispatchReview(DateTimeOffset Now) : ReviewCommand(Now);

/// <summary>Delete a draft nobody has been sent: it leaves the review list, and its history is kept.</summary>
public sealed record DiscardDraft(DateTimeOffset Now) : ReviewCommand(Now);

/// <summary>Sent by the scheduler when the review's next due time has come.</summary>
public sealed record ProcessDueTimers(DateTimeOffset Now) : ReviewCommand(Now);

/// <summary>Keep an answer without submitting it. <paramref name="By"/> is null for the assignment's own officer.</summary>
public sealed record SaveAnswer(string AssignmentId, string Text, DateTimeOffset Now, Respondent? By = null) : ReviewCommand(Now);

/// <summary>
/// Submit (or amend) the answer to an assignment's question. <paramref name="By"/> is null for the assignment's own
/// officer. <paramref name="Replacing"/> is the answer the person saw and chose to replace: an answer someone else
/// wrote is replaced only when it is named, and only while it is still the text they saw.
/// </summary>
public sealed record SubmitAnswer(string AssignmentId, string Text, DateTimeOffset Now, Respondent? By = null, string? Replacing = null) : ReviewCommand(Now);

/// <summary>
/// "This is not for me": the officer declines a question, naming a colleague if they can, and why.
/// <paramref name="KnownOfficers"/> holds the directory entry for the colleague when there is one.
/// </summary>
public sealed record DeclineQuestion(string AssignmentId, string? SuggestedEmail, IReadOnlyList<Officer> KnownOfficers, string Reason, DateTimeOffset Now, Respondent? By = null) : ReviewCommand(Now);

/// <summary>
/// Hand an assignment to someone else: <paramref name="ToEmail"/>, or the colleague suggested when it was declined.
/// <paramref name="KnownOfficers"/> holds the directory entries for them and their manager.
/// </summary>
public sealed record ReassignAssignment(string AssignmentId, string? ToEmail, IReadOnlyList<Officer> KnownOfficers, string Reason, DateTimeOffset Now) : ReviewCommand(Now);

/// <summary>Ask a new question after the review has gone out; its officers are asked at once.</summary>
public sealed record AddQuestion(string AreaHeading, string Text, IReadOnlyList<string> OfficerEmails, IReadOnlyList<Officer> KnownOfficers, DateTimeOffset Now) : ReviewCommand(Now);

/// <summary>Take a question out of the review: its officers are told, and it leaves the statement.</summary>
public sealed record WithdrawQuestion(string QuestionId, string Reason, DateTimeOffset Now) : ReviewCommand(Now);

/// <summary>Move the deadline, later or earlier. <paramref name="NewDeadline"/> is null when the caller could not read a date.</summary>
public sealed record ChangeDeadline(DateOnly? NewDeadline, DateTimeOffset Now) : ReviewCommand(Now);

/// <summary>The panel meets on another day. <paramref name="NewMeetingDate"/> is null when the caller could not read a date.</summary>
public sealed record ChangeMeetingDate(DateOnly? NewMeetingDate, DateTimeOffset Now) : ReviewCommand(Now);

/// <summary>
/// Before dispatch, the panel meets on another day or answers are due on another: both dates together, so a move
/// of both never passes through a pair that breaks the clear-days rule. Null is a date the caller could not read.
/// </summary>
public sealed record ChangeDraftDates(DateOnly? MeetingDate, DateOnly? Deadline, DateTimeOffset Now) : ReviewCommand(Now);

/// <summary>Remind one officer now of every question they still have open (at most once an hour).</summary>
public sealed record RemindOfficer(string OfficerEmail, DateTimeOffset Now) : ReviewCommand(Now);

public sealed record CloseEarly(string Reason, DateTimeOffset Now) : ReviewCommand(Now);

/// <summary>Record an answer that reached the scrutiny team after responses closed, before the statement is released.</summary>
public sealed record AcceptLateAnswer(string AssignmentId, string Text, DateTimeOffset Now) : ReviewCommand(Now);

/// <summary>Let officers answer and amend again until the end of <paramref name="Until"/>, before the statement is released.</summary>
public sealed record ReopenAnswers(DateOnly? Until, DateTimeOffset Now) : ReviewCommand(Now);

/// <summary>The scrutiny officer has checked the assembled statement: file it and tell the panel.</summary>
public sealed record ReleaseStatement(DateTimeOffset Now) : ReviewCommand(Now);

public sealed record RecordStatementFiled(string Location, DateTimeOffset Now) : ReviewCommand(Now);

public sealed record RecordPanelNotified(DateTimeOffset Now) : ReviewCommand(Now);

/// <summary>
/// The directory says these officers are away until after the deadline (their automatic replies), as read when the
/// review went out: their chasers go to their managers early.
/// </summary>
public sealed record NoteOfficersAway(IReadOnlyList<OfficerAbsence> Away, DateTimeOffset Now) : ReviewCommand(Now);

/// <summary>
/// The mail service reported that a message to <paramref name="Email"/> bounced or was dropped (SendGrid's event
/// webhook, Notify's callback): they have not heard, and the scrutiny team must be told.
/// </summary>
public sealed record RecordUndeliverable(string Email, string MessageId, string Reason, DateTimeOffset Now) : ReviewCommand(Now);
