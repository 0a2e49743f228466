namespace ScrutinyWorkflow.Core.Reviews;

/// <summary>
/// Something the world must be told or given because of an event: an email, a filing. Effects leave the core as
/// outbox entries written with the events that caused them, and are carried out idempotently afterwards.
/// </summary>
public abstract record ReviewEffect;

public sealed record SendRequest(string AssignmentId) : ReviewEffect;

public sealed record SendReminder(string AssignmentId, int ReminderNumber) : ReviewEffect;

public sealed record SendEscalation(string AssignmentId) : ReviewEffect;

/// <summary>Tell an officer that a colleague asked the same question has answered it, so they need not.</summary>
public sealed record SendAnsweredByColleague(string AssignmentId, string AnsweredByAssignmentId) : ReviewEffect;

/// <summary>Tell an officer that their request has been handed to someone else.</summary>
public sealed record SendReassignmentNotice(string AssignmentId) : ReviewEffect;

/// <summary>Tell an officer still to answer that the deadline has moved.</summary>
public sealed record SendDeadlineNotice(string AssignmentId) : ReviewEffect;

public sealed record FileStatement : ReviewEffect;

public sealed record NotifyPanel : ReviewEffect;

public static class ReviewEffects
{
    /// <summary>The effects an event calls for, given the state just after it.</summary>
    public static IReadOnlyList<ReviewEffect> Of(ReviewEvent @event, ReviewState after) => @event switch
    {
        RequestSent e => [new SendRequest(e.AssignmentId)],
        ReminderSent e => [new SendReminder(e.AssignmentId, e.ReminderNumber)],
        Escalated e => [new SendEscalation(e.AssignmentId)],
        AnswerSubmitted e =>
        [
            .. after.Assignments
                .Where(a => a.QuestionId == e.QuestionId && a.IsCurrent && a.Id != e.AssignmentId)
                .Select(a => new SendAnsweredByColleague(a.Id, e.AssignmentId)),
        ],
        AssignmentReassigned e => [new SendReassignmentNotice(e.AssignmentId)],
        DeadlineExtended => [.. after.Assignments.Where(a => a.IsOpen).Select(a => new SendDeadlineNotice(a.Id))],
        StatementAssembled => [new FileStatement()],
        StatementFiled => [new NotifyPanel()],
        _ => [],
    };

    /// <summary>
    /// Whether an effect still makes sense when it is finally carried out. A chaser held up (a mail outage, a
    /// stopped runner) must not reach someone who has since answered, been replaced, or whose review has closed.
    /// Notices that tell people what happened are always wanted.
    /// </summary>
    public static bool StillWanted(ReviewEffect effect, ReviewState now) => effect switch
    {
        SendRequest e => IsBeingChased(e.AssignmentId, now),
        SendReminder e => IsBeingChased(e.AssignmentId, now),
        SendEscalation e => IsBeingChased(e.AssignmentId, now),
        SendDeadlineNotice e => IsBeingChased(e.AssignmentId, now),
        _ => true,
    };

    private static bool IsBeingChased(string assignmentId, ReviewState state) =>
        state.Status == ReviewStatus.Open && state.FindAssignment(assignmentId) is { IsOpen: true };
}
