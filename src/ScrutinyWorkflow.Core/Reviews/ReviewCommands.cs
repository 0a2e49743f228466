namespace ScrutinyWorkflow.Core.Reviews;

public sealed record QuestionInput(string Text, IReadOnlyList<string> OfficerEmails, string? QuestionId = null, ReportSource? Source = null);

public sealed record AreaInput(string Heading, IReadOnlyList<QuestionInput> Questions);

/// <summary>
/// What someone (or the scheduler) asks of a review, in the imperative. <see cref="Now"/> is council-local time,
/// given by the caller: the core never reads a clock.
/// </summary>
public abstract record ReviewCommand(DateTimeOffset Now);

/// <summary>
/// Start a review. Every input is as the caller read it, unreadable parts as null, so that the decider alone says
/// what is wrong with all of them at once. <paramref name="KnownOfficers"/> are the directory entries found for the
/// addresses the areas name; any address without one is rejected by the decider, not silently dropped.
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
    DateTimeOffset Now) : ReviewCommand(Now);

/// <summary>Replace the draft's areas and questions. A question keeps its id when the input names it.</summary>
public sealed record ReviseQuestions(IReadOnlyList<AreaInput> Areas, IReadOnlyList<Officer> KnownOfficers, DateTimeOffset Now) : ReviewCommand(Now);

public sealed record DispatchReview(DateTimeOffset Now) : ReviewCommand(Now);

/// <summary>Sent by the scheduler when the review's next due time has come.</summary>
public sealed record ProcessDueTimers(DateTimeOffset Now) : ReviewCommand(Now);

public sealed record SaveAnswer(string AssignmentId, string Text, DateTimeOffset Now) : ReviewCommand(Now);

public sealed record SubmitAnswer(string AssignmentId, string Text, DateTimeOffset Now) : ReviewCommand(Now);

/// <summary>Hand an assignment to someone else. <paramref name="To"/> is null when the directory has no such person.</summary>
public sealed record ReassignAssignment(string AssignmentId, string ToEmail, Officer? To, string Reason, DateTimeOffset Now) : ReviewCommand(Now);

/// <summary>Move the deadline later. <paramref name="NewDeadline"/> is null when the caller could not read a date.</summary>
public sealed record ExtendDeadline(DateOnly? NewDeadline, DateTimeOffset Now) : ReviewCommand(Now);

public sealed record CloseEarly(string Reason, DateTimeOffset Now) : ReviewCommand(Now);

public sealed record RecordStatementFiled(string Location, DateTimeOffset Now) : ReviewCommand(Now);

public sealed record RecordPanelNotified(DateTimeOffset Now) : ReviewCommand(Now);
