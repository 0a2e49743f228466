using ScrutinyWorkflow.Core.Calendar;
using ScrutinyWorkflow.Core.Reviews;

namespace ScrutinyWorkflow.Core.Decisions;

/// <summary>
/// When a service is chased for evidence that a remedy was done. Unlike a review's question, a remedy's date is the
/// council's promise to the Ombudsman: the service is reminded before it as a review's officers are (the policy's
/// reminders), and the escalation to its manager comes after the date has passed without evidence, not on it, because
/// until the end of that day the remedy is on time.
/// </summary>
public static class RemedyChasing
{
    /// <summary>The chasers for a remedy due on <paramref name="due"/>: the review's reminders, then an escalation <paramref name="escalateWorkingDaysAfter"/> working days after.</summary>
    public static ChaseSchedule For(DateOnly due, ReviewPolicy policy, WorkingCalendar calendar, int escalateWorkingDaysAfter = 1)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(calendar);
        var towards = ChaseSchedule.Towards(due, policy, calendar);
        var escalation = new ChaseStep(ChaseAction.Escalation, 1, calendar.AddWorkingDays(due, Math.Max(1, escalateWorkingDaysAfter)).ToDateTime(policy.ChaseTimeOfDay));
        return towards with { Steps = [.. towards.Steps.Where(step => step.Action == ChaseAction.Reminder), escalation] };
    }

    /// <summary>
    /// The chasers for a remedy due on <paramref name="due"/>, asked for at <paramref name="requestedAt"/>
    /// (council-local). A remedy already past its escalation when it is asked for (agreed months before the decisions
    /// review that follows it up was sent) would otherwise never be raised with anyone: it is raised with the manager
    /// at the next chase time instead, and its reminders, all past, are not sent. A remedy whose escalation is still to
    /// come keeps its schedule; a reminder already past is skipped as any request's is.
    /// </summary>
    public static ChaseSchedule For(DateOnly due, ReviewPolicy policy, WorkingCalendar calendar, DateTime requestedAt)
    {
        var schedule = For(due, policy, calendar);
        var escalation = schedule.Steps[^1];
        return escalation.Due > requestedAt
            ? schedule
            : schedule with { Steps = [escalation with { Due = NextChaseTime(requestedAt, policy, calendar) }] };
    }

    /// <summary>The first chase time strictly after <paramref name="localNow"/>: today's if it is still to come on a working day, else the next working day's.</summary>
    private static DateTime NextChaseTime(DateTime localNow, ReviewPolicy policy, WorkingCalendar calendar)
    {
        var today = DateOnly.FromDateTime(localNow);
        var from = TimeOnly.FromDateTime(localNow) < policy.ChaseTimeOfDay ? today : today.AddDays(1);
        return calendar.NextWorkingDayOnOrAfter(from).ToDateTime(policy.ChaseTimeOfDay);
    }
}
