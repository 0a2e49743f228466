using ScrutinyWorkflow.Core.Calendar;

namespace ScrutinyWorkflow.Core.Tests.Calendar;

public sealed class WorkingCalendarTests
{
    private readonly WorkingCalendar calendar = new();

    [Theory]
    [InlineData(2026, 1, 5, true)] // Monday
    [InlineData(2026, 1, 9, true)] // Friday
    [InlineData(2026, 1, 10, false)] // Saturday
    [InlineData(2026, 1, 11, false)] // Sunday
    [InlineData(2026, 1, 1, false)] // New Year's Day, a Thursday
    [InlineData(2026, 4, 3, false)] // Good Friday
    [InlineData(2026, 4, 6, false)] // Easter Monday
    [InlineData(2026, 12, 28, false)] // Boxing Day's substitute, a Monday
    [InlineData(2026, 12, 29, true)] // Tuesday between Christmas and New Year
    [InlineData(2024, 2, 29, true)] // leap day, a Thursday
    [InlineData(2024, 12, 31, true)] // last day of a leap year, a Tuesday
    public void Knows_which_days_are_working_days(int year, int month, int day, bool working) =>
        Assert.Equal(working, calendar.IsWorkingDay(new DateOnly(year, month, day)));

    [Fact]
    public void The_day_after_the_Thursday_before_Good_Friday_is_the_Tuesday_after_Easter_Monday() =>
        Assert.Equal(new DateOnly(2026, 4, 7), calendar.AddWorkingDays(new DateOnly(2026, 4, 2), 1));

    [Fact]
    public void The_day_before_the_Tuesday_after_Easter_Monday_is_the_Thursday_before_Good_Friday() =>
        Assert.Equal(new DateOnly(2026, 4, 2), calendar.AddWorkingDays(new DateOnly(2026, 4, 7), -1));

    [Fact]
    public void The_day_after_Christmas_Eve_2026_skips_Christmas_the_weekend_and_the_Boxing_Day_substitute() =>
        Assert.Equal(new DateOnly(2026, 12, 29), calendar.AddWorkingDays(new DateOnly(2026, 12, 24), 1));

    [Fact]
    public void Five_working_days_back_from_8_January_2027_crosses_New_Years_Day_into_2026() =>
        Assert.Equal(new DateOnly(2026, 12, 31), calendar.AddWorkingDays(new DateOnly(2027, 1, 8), -5));

    [Fact]
    public void Ten_working_days_forward_from_Christmas_Eve_2026_crosses_the_year_end()
    {
        // Working days after Thu 24 Dec 2026: 29, 30, 31 Dec, then 4, 5, 6, 7, 8, 11, 12 Jan 2027.
        Assert.Equal(new DateOnly(2027, 1, 12), calendar.AddWorkingDays(new DateOnly(2026, 12, 24), 10));
    }

    [Fact]
    public void Adding_zero_working_days_returns_the_start_even_when_it_is_a_holiday() =>
        Assert.Equal(new DateOnly(2026, 12, 26), calendar.AddWorkingDays(new DateOnly(2026, 12, 26), 0));

    [Fact]
    public void Counting_forward_from_a_holiday_starts_at_the_next_working_day() =>
        Assert.Equal(new DateOnly(2026, 12, 29), calendar.AddWorkingDays(new DateOnly(2026, 12, 26), 1));

    [Fact]
    public void Counting_back_from_a_weekend_starts_at_the_previous_working_day() =>
        Assert.Equal(new DateOnly(2026, 12, 31), calendar.AddWorkingDays(new DateOnly(2027, 1, 2), -1));

    [Fact]
    public void Papers_sent_on_the_Tuesday_give_five_clear_working_days_before_a_meeting_on_the_next_Wednesday_week()
    {
        // Wed 7, Thu 8, Fri 9, Mon 12, Tue 13 January 2026.
        Assert.Equal(5, calendar.ClearWorkingDaysBetween(new DateOnly(2026, 1, 6), new DateOnly(2026, 1, 14)));
        Assert.Equal(4, calendar.ClearWorkingDaysBetween(new DateOnly(2026, 1, 7), new DateOnly(2026, 1, 14)));
    }

    [Fact]
    public void Clear_working_days_over_Christmas_2026_are_only_the_three_between_the_holidays()
    {
        // Tue 29, Wed 30 and Thu 31 December; 25, 28 December and 1 January are holidays.
        Assert.Equal(3, calendar.ClearWorkingDaysBetween(new DateOnly(2026, 12, 24), new DateOnly(2027, 1, 4)));
    }

    [Theory]
    [InlineData(2026, 1, 14, 2026, 1, 14)] // the same day
    [InlineData(2026, 1, 14, 2026, 1, 15)] // consecutive days have nothing between them
    [InlineData(2026, 1, 14, 2026, 1, 6)] // the wrong way round
    public void There_are_no_clear_working_days_unless_a_day_lies_between(int y1, int m1, int d1, int y2, int m2, int d2) =>
        Assert.Equal(0, calendar.ClearWorkingDaysBetween(new DateOnly(y1, m1, d1), new DateOnly(y2, m2, d2)));

    [Fact]
    public void A_whole_year_of_2026_has_252_working_days_between_its_ends()
    {
        // 261 weekdays in 2026, less 8 bank holidays, none of them at a weekend: 253; 1 January is one of the
        // holidays and 31 December is a working day, so 252 lie strictly between 31 Dec 2025 and 31 Dec 2026.
        Assert.Equal(252, calendar.ClearWorkingDaysBetween(new DateOnly(2025, 12, 31), new DateOnly(2026, 12, 31)));
    }

    [Theory]
    [InlineData(2026, 1, 14, 2026, 1, 14)] // a working day is its own answer
    [InlineData(2026, 12, 25, 2026, 12, 29)] // Christmas, the weekend and the Boxing Day substitute
    [InlineData(2026, 4, 3, 2026, 4, 7)] // Good Friday to the Tuesday after Easter
    [InlineData(2027, 1, 2, 2027, 1, 4)] // a Saturday
    public void The_next_working_day_on_or_after_a_date(int year, int month, int day, int nextYear, int nextMonth, int nextDay) =>
        Assert.Equal(
            new DateOnly(nextYear, nextMonth, nextDay),
            calendar.NextWorkingDayOnOrAfter(new DateOnly(year, month, day)));

    [Fact]
    public void Extra_non_working_days_from_configuration_are_not_working_days()
    {
        // A council that closes between Christmas and New Year.
        var closing = new WorkingCalendar([new(2026, 12, 29), new(2026, 12, 30), new(2026, 12, 31)]);

        Assert.False(closing.IsWorkingDay(new DateOnly(2026, 12, 30)));
        Assert.Equal(new DateOnly(2027, 1, 4), closing.AddWorkingDays(new DateOnly(2026, 12, 24), 1));
        Assert.Equal(new DateOnly(2026, 12, 24), closing.AddWorkingDays(new DateOnly(2027, 1, 4), -1));
        Assert.Equal(0, closing.ClearWorkingDaysBetween(new DateOnly(2026, 12, 24), new DateOnly(2027, 1, 4)));
        Assert.Equal(new DateOnly(2027, 1, 4), closing.NextWorkingDayOnOrAfter(new DateOnly(2026, 12, 29)));
    }

    [Fact]
    public void Extra_non_working_days_belong_to_that_calendar_alone()
    {
        _ = new WorkingCalendar([new(2026, 12, 30)]);

        Assert.True(calendar.IsWorkingDay(new DateOnly(2026, 12, 30)));
    }

    [Fact]
    public void An_extra_day_that_is_already_a_holiday_or_weekend_changes_nothing()
    {
        var overlapping = new WorkingCalendar([new(2026, 12, 25), new(2026, 12, 26), new(2026, 12, 26)]);

        Assert.Equal(new DateOnly(2026, 12, 29), overlapping.AddWorkingDays(new DateOnly(2026, 12, 24), 1));
    }

    [Fact]
    public void Dates_before_1978_are_rejected_rather_than_guessed()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => calendar.IsWorkingDay(new DateOnly(1977, 12, 30)));
        Assert.Throws<ArgumentOutOfRangeException>(() => calendar.AddWorkingDays(new DateOnly(1978, 1, 3), -2));
    }

    [Fact]
    public void Working_days_can_be_asked_up_to_the_last_representable_date()
    {
        // 31 December 9999 is a Friday and no holiday.
        Assert.True(calendar.IsWorkingDay(DateOnly.MaxValue));
        Assert.Equal(DateOnly.MaxValue, calendar.AddWorkingDays(new DateOnly(9999, 12, 30), 1));
    }

    [Fact]
    public void Answers_are_the_same_when_many_threads_ask_a_new_calendar_at_once()
    {
        var shared = new WorkingCalendar([new(2030, 6, 12)]);
        var years = Enumerable.Range(EnglandAndWalesBankHolidays.FirstSupportedYear, 300).ToArray();

        var concurrent = new int[years.Length];
        Parallel.For(0, years.Length * 4, i =>
        {
            var index = i % years.Length;
            var year = years[index];
            concurrent[index] = shared.ClearWorkingDaysBetween(new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
        });

        var sequential = new WorkingCalendar([new(2030, 6, 12)]);
        var expected = years
            .Select(year => sequential.ClearWorkingDaysBetween(new DateOnly(year, 1, 1), new DateOnly(year, 12, 31)))
            .ToArray();
        Assert.Equal(expected, concurrent);
    }
}
