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
}
