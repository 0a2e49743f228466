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

    [Fact]
    public void A_remedy_already_past_its_escalation_when_first_followed_up_is_escalated_at_the_next_chase_time_and_never_reminded()
    {
        // Due Friday 23 August 2024, so escalated Tuesday 27 August (after the bank holiday) had it been followed up in time.
        var due = new DateOnly(2024, 8, 23);

        Assert.Equal([new ChaseStep(ChaseAction.Escalation, 1, new DateTime(2024, 9, 3, 9, 0, 0))], Requested(due, new DateTime(2024, 9, 3, 8, 30, 0)).Steps);
        Assert.Equal(new DateTime(2024, 9, 4, 9, 0, 0), Assert.Single(Requested(due, new DateTime(2024, 9, 3, 9, 0, 0)).Steps).Due);
        // Followed up on a Friday afternoon: the manager hears on Monday, not on the weekend.
        Assert.Equal(new DateTime(2024, 9, 9, 9, 0, 0), Assert.Single(Requested(due, new DateTime(2024, 9, 6, 15, 0, 0)).Steps).Due);
        // Followed up over the bank holiday weekend, once the escalation on Tuesday 27 August has passed, the next is Wednesday.
        Assert.Equal(new DateTime(2024, 8, 28, 9, 0, 0), Assert.Single(Requested(due, new DateTime(2024, 8, 27, 12, 0, 0)).Steps).Due);
        Assert.Equal(new DateTime(2024, 8, 24), Requested(due, new DateTime(2024, 9, 3, 8, 30, 0)).ClosesAt);
    }

    [Fact]
    public void A_remedy_whose_escalation_is_still_to_come_keeps_its_schedule_however_late_it_is_followed_up()
    {
        var due = new DateOnly(2024, 8, 23);
        var schedule = RemedyChasing.For(due, ReviewPolicy.Default, new WorkingCalendar());

        // Before the reminders, between them, after its date (Saturday 24 August) and on the morning of the escalation.
        Assert.All(
            [new DateTime(2024, 8, 1, 10, 0, 0), new DateTime(2024, 8, 19, 10, 0, 0), new DateTime(2024, 8, 24, 10, 0, 0), new DateTime(2024, 8, 27, 8, 0, 0)],
            requestedAt => Assert.Equal(schedule.Steps, Requested(due, requestedAt).Steps));
    }

    private static ChaseSchedule Requested(DateOnly due, DateTime requestedAt) =>
        RemedyChasing.For(due, ReviewPolicy.Default, new WorkingCalendar(), requestedAt);
}
