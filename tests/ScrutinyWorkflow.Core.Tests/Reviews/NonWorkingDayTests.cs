using ScrutinyWorkflow.Core.Calendar;
using ScrutinyWorkflow.Core.Reviews;
using static ScrutinyWorkflow.Core.Tests.Reviews.Reviews;

namespace ScrutinyWorkflow.Core.Tests.Reviews;

public sealed class NonWorkingDayTests
{
    [Theory]
    [InlineData("2026-12-25", "Christmas Day", "Thursday 24 December 2026", "Tuesday 29 December 2026")]
    [InlineData("2027-01-01", "New Year's Day", "Thursday 31 December 2026", "Monday 4 January 2027")]
    [InlineData("2027-01-09", "a Saturday", "Friday 8 January 2027", "Monday 11 January 2027")]
    [InlineData("2027-01-10", "a Sunday", "Friday 8 January 2027", "Monday 11 January 2027")]
    public void A_deadline_on_a_day_the_council_is_closed_is_refused_with_the_working_days_either_side(
        string deadline, string why, string before, string after)
    {
        var rejection = new DeciderSpecification()
            .When(Draft(deadline: DateOnly.Parse(deadline, System.Globalization.CultureInfo.InvariantCulture), meeting: new DateOnly(2027, 2, 3)))
            .ThenRejected(RejectionCodes.Invalid);

        var problem = Assert.Single(rejection.Problems);
        Assert.Equal("deadline", problem.Field);
        Assert.Contains(why, problem.Message, StringComparison.Ordinal);
        Assert.Contains($"choose {before} or {after}", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2027-03-26", "Good Friday")]
    [InlineData("2027-03-29", "Easter Monday")]
    [InlineData("2027-03-28", "a Sunday")]
    public void A_meeting_on_a_day_the_council_is_closed_is_refused_naming_the_day(string meeting, string why)
    {
        var rejection = new DeciderSpecification()
            .When(Draft(deadline: new DateOnly(2027, 3, 10), meeting: DateOnly.Parse(meeting, System.Globalization.CultureInfo.InvariantCulture)))
            .ThenRejected(RejectionCodes.Invalid);

        var problem = Assert.Single(rejection.Problems);
        Assert.Equal("meetingDate", problem.Field);
        Assert.Contains(why, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Moving_the_meeting_to_christmas_day_is_refused()
    {
        var rejection = new DeciderSpecification().GivenDispatched()
            .When(new ChangeMeetingDate(new DateOnly(2028, 12, 25), Start))
            .ThenRejected(RejectionCodes.Invalid);

        Assert.Contains("Christmas Day", Assert.Single(rejection.Problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Moving_the_deadline_to_a_sunday_is_refused()
    {
        var rejection = new DeciderSpecification().GivenDispatched()
            .When(new ChangeDeadline(new DateOnly(2027, 1, 3), Start))
            .ThenRejected(RejectionCodes.Invalid);

        Assert.Equal("deadline", Assert.Single(rejection.Problems).Field);
    }

    [Fact]
    public void A_deadline_recorded_on_christmas_day_before_the_rule_is_escalated_on_the_last_working_day_before_it()
    {
        var schedule = ChaseSchedule.For(new DateOnly(2026, 12, 25), new DateOnly(2027, 1, 20), ReviewPolicy.Default, new WorkingCalendar());

        Assert.Equal(new DateTime(2026, 12, 24, 9, 0, 0), schedule.Steps.Single(s => s.Action == ChaseAction.Escalation).Due);
    }

    [Fact]
    public void No_chaser_or_release_ever_falls_on_a_day_the_council_is_closed_whatever_the_deadline_and_policy()
    {
        var calendar = new WorkingCalendar([new DateOnly(2027, 6, 7)]);
        ReviewPolicy[] policies =
        [
            ReviewPolicy.Default,
            ReviewPolicy.Default with { ReminderWorkingDaysBefore = [10, 3, 1], EscalationWorkingDaysBefore = 1 },
            ReviewPolicy.Default with { ClearWorkingDaysBeforeMeeting = 0 },
        ];
        for (var deadline = new DateOnly(2026, 12, 1); deadline < new DateOnly(2028, 1, 1); deadline = deadline.AddDays(1))
        {
            foreach (var policy in policies)
            {
                var schedule = ChaseSchedule.For(deadline, deadline.AddDays(21), policy, calendar);
                var days = schedule.Steps.Select(s => s.Due).Append(schedule.ReleaseAt!.Value).Select(DateOnly.FromDateTime);
                Assert.All(days, day => Assert.True(calendar.IsWorkingDay(day), $"A deadline of {deadline} put a chaser on {day}."));
            }
        }
    }

    [Fact]
    public void Chasers_either_side_of_the_clocks_changing_are_at_nine_council_time()
    {
        // British Summer Time starts on Sunday 28 March 2027: the schedule is in council wall-clock time, so a
        // reminder on the Thursday before and the escalation on the Wednesday after are both at 09:00.
        var schedule = ChaseSchedule.For(new DateOnly(2027, 3, 31), new DateOnly(2027, 4, 14), ReviewPolicy.Default, new WorkingCalendar());

        Assert.All(schedule.Steps, s => Assert.Equal(new TimeOnly(9, 0), TimeOnly.FromDateTime(s.Due)));
    }
}
