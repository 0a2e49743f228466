using ScrutinyWorkflow.Core.Calendar;
using ScrutinyWorkflow.Core.Decisions;
using ScrutinyWorkflow.Core.Reviews;

namespace ScrutinyWorkflow.Core.Tests.Decisions;

public sealed class RemedyChasingTests
{
    [Fact]
    public void A_remedy_due_before_the_August_bank_holiday_is_reminded_of_before_its_date_and_escalated_on_the_next_working_day_after()
    {
        // Due Friday 23 August 2024; Monday 26 August is the summer bank holiday.
        var schedule = RemedyChasing.For(new DateOnly(2024, 8, 23), ReviewPolicy.Default, new WorkingCalendar());

        Assert.Equal(
            [
                new ChaseStep(ChaseAction.Reminder, 1, new DateTime(2024, 8, 16, 9, 0, 0)),
                new ChaseStep(ChaseAction.Reminder, 2, new DateTime(2024, 8, 21, 9, 0, 0)),
                new ChaseStep(ChaseAction.Escalation, 1, new DateTime(2024, 8, 27, 9, 0, 0)),
            ],
            schedule.Steps);
        Assert.Equal(new DateTime(2024, 8, 24), schedule.ClosesAt);
    }

    [Fact]
    public void The_escalation_never_comes_on_the_due_date_itself_however_the_council_sets_it()
    {
        var schedule = RemedyChasing.For(new DateOnly(2024, 8, 23), ReviewPolicy.Default, new WorkingCalendar(), escalateWorkingDaysAfter: 0);

        Assert.Equal(new DateTime(2024, 8, 27, 9, 0, 0), schedule.Steps[^1].Due);
    }
}
