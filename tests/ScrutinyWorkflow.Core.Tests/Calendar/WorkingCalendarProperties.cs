using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ScrutinyWorkflow.Core.Calendar;

namespace ScrutinyWorkflow.Core.Tests.Calendar;

/// <summary>A date in the years the generators cover, far enough from 1978 that ±400 working days stays supported.</summary>
public readonly record struct SupportedDate(DateOnly Value);

/// <summary>A supported date that is itself a working day.</summary>
public readonly record struct WorkingDate(DateOnly Value);

/// <summary>A count of working days, never zero, either sign.</summary>
public readonly record struct NonZeroWorkingDays(int Value);

/// <summary>A count of working days, at least one.</summary>
public readonly record struct PositiveWorkingDays(int Value);

public static class CalendarArbitraries
{
    private const int MaxWorkingDays = 400;

    private static readonly WorkingCalendar Calendar = new();

    // Holidays are a few days a year, so a uniform pick would rarely test them; a third of the dates
    // fall around Christmas and New Year or around Easter.
    private static readonly Gen<DateOnly> Dates = Gen.Frequency(
        (4, Gen.Choose(0, new DateOnly(2150, 12, 31).DayNumber - new DateOnly(1980, 1, 1).DayNumber)
            .Select(offset => new DateOnly(1980, 1, 1).AddDays(offset))),
        (1, Gen.Zip(Gen.Choose(1980, 2150), Gen.Choose(-10, 10))
            .Select(((int Year, int Offset) pick) => new DateOnly(pick.Year, 12, 28).AddDays(pick.Offset))),
        (1, Gen.Zip(Gen.Choose(1980, 2150), Gen.Choose(-7, 7))
            .Select(((int Year, int Offset) pick) => Easter.Sunday(pick.Year).AddDays(pick.Offset))));

    public static Arbitrary<SupportedDate> SupportedDates() =>
        Dates.Select(date => new SupportedDate(date)).ToArbitrary();

    public static Arbitrary<WorkingDate> WorkingDates() =>
        Dates.Where(Calendar.IsWorkingDay).Select(date => new WorkingDate(date)).ToArbitrary();

    public static Arbitrary<NonZeroWorkingDays> NonZeroCounts() =>
        Gen.Zip(Gen.Choose(1, MaxWorkingDays), Gen.Elements(1, -1))
            .Select(((int Size, int Sign) pick) => new NonZeroWorkingDays(pick.Size * pick.Sign))
            .ToArbitrary();

    public static Arbitrary<PositiveWorkingDays> PositiveCounts() =>
        Gen.Choose(1, MaxWorkingDays).Select(n => new PositiveWorkingDays(n)).ToArbitrary();
}

[Properties(Arbitrary = [typeof(CalendarArbitraries)], MaxTest = 500)]
public sealed class WorkingCalendarProperties
{
    private static readonly WorkingCalendar Calendar = new();

    [Property]
    public bool Adding_a_non_zero_number_of_working_days_always_lands_on_a_working_day(
        SupportedDate from, NonZeroWorkingDays workingDays) =>
        Calendar.IsWorkingDay(Calendar.AddWorkingDays(from.Value, workingDays.Value));

    [Property]
    public bool Counting_back_the_same_number_of_working_days_returns_to_a_working_day_start(
        WorkingDate from, NonZeroWorkingDays workingDays) =>
        Calendar.AddWorkingDays(Calendar.AddWorkingDays(from.Value, workingDays.Value), -workingDays.Value) == from.Value;

    [Property]
    public bool The_nth_working_day_after_a_date_has_n_minus_one_clear_working_days_before_it(
        SupportedDate from, PositiveWorkingDays workingDays) =>
        Calendar.ClearWorkingDaysBetween(from.Value, Calendar.AddWorkingDays(from.Value, workingDays.Value))
            == workingDays.Value - 1;

    [Property]
    public bool The_next_working_day_on_or_after_a_date_is_the_first_working_day_after_the_day_before(SupportedDate date) =>
        Calendar.NextWorkingDayOnOrAfter(date.Value) == Calendar.AddWorkingDays(date.Value.AddDays(-1), 1);
}
