namespace ScrutinyWorkflow.Core.Reviews;

public sealed partial class ReviewDecider
{
    /// <summary>
    /// A draft's meeting date and deadline, changed together before anything is sent, by the same rules as when the
    /// review was started: working days, a deadline not past, and the clear working days agenda papers need. The
    /// facts recorded are the ones a sent review's date changes record.
    /// </summary>
    private Decision ChangeDraft(ChangeDraftDates c, ReviewState state)
    {
        if (state.Status != ReviewStatus.Draft)
        {
            return state.Status == ReviewStatus.None
                ? NotFound()
                : Decision.Reject(RejectionCodes.NotDraft, "This review has been sent out: change its dates on its page, where officers are told.");
        }
        if (CheckDraftDates(c.MeetingDate, c.Deadline, c.Now) is { Count: > 0 } problems)
        {
            return Invalid(problems);
        }
        var meeting = c.MeetingDate!.Value;
        var deadline = c.Deadline!.Value;
        List<ReviewEvent> events = [];
        if (meeting != state.MeetingDate)
        {
            events.Add(new MeetingDateChanged(state.MeetingDate, meeting, ChaseSchedule.ReleaseTime(meeting, policy, calendar), c.Now));
        }
        if (deadline != state.Deadline)
        {
            events.Add(new DeadlineChanged(state.Deadline, deadline, ChaseSchedule.For(deadline, meeting, policy, calendar), c.Now));
        }
        return Decision.Accept(events);
    }

    /// <summary>A meeting date and deadline for a review not sent yet: both given, and each fit for the other.</summary>
    private List<Problem> CheckDraftDates(DateOnly? meetingDate, DateOnly? deadline, DateTimeOffset now)
    {
        var problems = new List<Problem>();
        if (meetingDate is null)
        {
            problems.Add(new("meetingDate", "Give the panel meeting date as yyyy-MM-dd."));
        }
        if (deadline is null)
        {
            problems.Add(new("deadline", "Give the response deadline as yyyy-MM-dd."));
        }
        if (meetingDate is { } meeting && deadline is { } due)
        {
            problems.AddRange(CheckWorkingDay(meeting, "meetingDate", "meeting"));
            problems.AddRange(CheckDates(due, meeting, now));
        }
        return problems;
    }
}
