using ScrutinyWorkflow.Core.Calendar;

namespace ScrutinyWorkflow.Core.Reviews;

public enum ChaseAction
{
    Reminder,
    Escalation,
}

/// <summary>One step of chasing an unanswered assignment, due at a council-local wall-clock time.</summary>
public sealed record ChaseStep(ChaseAction Action, int Number, DateTime Due);

/// <summary>
/// When unanswered assignments are chased, when responses close, and when an assembled statement nobody has
/// released goes to the panel. Times are council-local wall-clock times (Europe/London): a reminder at 09:00 means
/// 09:00 in the council's offices, summer or winter. <see cref="ReleaseAt"/> is null in schedules recorded before
/// statements waited for release: those are released as soon as they are assembled, as they always were.
/// </summary>
public sealed record ChaseSchedule(IReadOnlyList<ChaseStep> Steps, DateTime ClosesAt, DateTime? ReleaseAt = null)
{
    public static ChaseSchedule For(DateOnly deadline, DateOnly meetingDate, ReviewPolicy policy, WorkingCalendar calendar) =>
        Towards(deadline, policy, calendar) with { ReleaseAt = ReleaseTime(meetingDate, policy, calendar) };

    /// <summary>
    /// The chasers towards a deadline with no statement to release: the same reminders and escalation a review's
    /// officers get, for anything else the council asks someone to do by a date (an update on a recommendation).
    /// </summary>
    public static ChaseSchedule Towards(DateOnly deadline, ReviewPolicy policy, WorkingCalendar calendar)
    {
        var steps = new List<ChaseStep>();
        var number = 1;
        foreach (var daysBefore in policy.ReminderWorkingDaysBefore.Where(d => d > 0).Distinct().OrderDescending())
        {
            steps.Add(new ChaseStep(ChaseAction.Reminder, number++, At(calendar.AddWorkingDays(deadline, -daysBefore), policy.ChaseTimeOfDay)));
        }
        // A deadline recorded before closed days were refused may fall on one: nobody is chased on a day the office is shut.
        var escalationDay = calendar.PreviousWorkingDayOnOrBefore(calendar.AddWorkingDays(deadline, -Math.Max(0, policy.EscalationWorkingDaysBefore)));
        steps.Add(new ChaseStep(ChaseAction.Escalation, 1, At(escalationDay, policy.ChaseTimeOfDay)));

        // Responses are accepted until the end of the deadline day.
        var closesAt = deadline.AddDays(1).ToDateTime(TimeOnly.MinValue);
        return new ChaseSchedule([.. steps.OrderBy(s => s.Due)], closesAt);
    }

    /// <summary>
    /// The last moment the statement can go to the panel in time for the agenda: the release time of day on the
    /// last working day that still leaves the required clear working days before the meeting.
    /// </summary>
    public static DateTime ReleaseTime(DateOnly meetingDate, ReviewPolicy policy, WorkingCalendar calendar) =>
        At(calendar.AddWorkingDays(meetingDate, -(policy.ClearWorkingDaysBeforeMeeting + 1)), policy.ReleaseTimeOfDay);

    /// <summary>
    /// The latest deadline for a meeting: the working day before agenda papers must be published, so that answers
    /// close (at the end of the deadline day) before the statement is due to the panel.
    /// </summary>
    public static DateOnly LatestDeadline(DateOnly meetingDate, int clearWorkingDaysBeforeMeeting, WorkingCalendar calendar) =>
        calendar.AddWorkingDays(meetingDate, -(clearWorkingDaysBeforeMeeting + 2));

    /// <summary>The index of the first step still to come after <paramref name="localNow"/>; Steps.Count when none is.</summary>
    public int FirstStepAfter(DateTime localNow)
    {
        for (var i = 0; i < Steps.Count; i++)
        {
            if (Steps[i].Due > localNow)
            {
                return i;
            }
        }
        return Steps.Count;
    }

    /// <summary>
    /// The latest step at or before <paramref name="localNow"/>, starting from <paramref name="nextStep"/>:
    /// when the runner was stopped through several steps, a person gets one chaser, not a burst of them.
    /// </summary>
    public int? LatestDueStep(int nextStep, DateTime localNow)
    {
        int? latest = null;
        for (var i = nextStep; i < Steps.Count && Steps[i].Due <= localNow; i++)
        {
            latest = i;
        }
        return latest;
    }

    private static DateTime At(DateOnly day, TimeOnly time) => day.ToDateTime(time);
}
