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
/// When unanswered assignments are chased, and when responses close. Times are council-local wall-clock times
/// (Europe/London): a reminder at 09:00 means 09:00 in the council's offices, summer or winter.
/// </summary>
public sealed record ChaseSchedule(IReadOnlyList<ChaseStep> Steps, DateTime ClosesAt)
{
    public static ChaseSchedule For(DateOnly deadline, ReviewPolicy policy, WorkingCalendar calendar)
    {
        var steps = new List<ChaseStep>();
        var number = 1;
        foreach (var daysBefore in policy.ReminderWorkingDaysBefore.Where(d => d > 0).Distinct().OrderDescending())
        {
            steps.Add(new ChaseStep(ChaseAction.Reminder, number++, At(calendar.AddWorkingDays(deadline, -daysBefore), policy.ChaseTimeOfDay)));
        }
        var escalationDay = calendar.AddWorkingDays(deadline, -Math.Max(0, policy.EscalationWorkingDaysBefore));
        steps.Add(new ChaseStep(ChaseAction.Escalation, 1, At(escalationDay, policy.ChaseTimeOfDay)));

        // Responses are accepted until the end of the deadline day.
        var closesAt = deadline.AddDays(1).ToDateTime(TimeOnly.MinValue);
        return new ChaseSchedule([.. steps.OrderBy(s => s.Due)], closesAt);
    }

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
