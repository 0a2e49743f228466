using System.Collections.Concurrent;
using System.Collections.Frozen;

namespace ScrutinyWorkflow.Core.Calendar;

/// <summary>
/// Working days in England and Wales: Monday to Friday, less bank holidays and any extra days the council closes
/// (or a bank holiday proclaimed after this code was written), which come from configuration.
/// Safe to share: it is asked on every command, so each year's closed days are worked out once and then only read.
/// </summary>
public sealed class WorkingCalendar(IEnumerable<DateOnly>? extraNonWorkingDays = null)
{
    private readonly FrozenSet<DateOnly> extraClosedDays = (extraNonWorkingDays ?? []).ToFrozenSet();

    // Indexed by day of year minus one; true where the office is closed. Arrays are never written after being added.
    private readonly ConcurrentDictionary<int, bool[]> closedDaysByYear = new();

    public bool IsWorkingDay(DateOnly date) => !ClosedDaysOf(date)[date.DayOfYear - 1];

    /// <summary>
    /// The working day <paramref name="workingDays"/> working days after <paramref name="from"/> (before it, when
    /// negative), not counting <paramref name="from"/> itself: +1 is the next working day, and 0 gives
    /// <paramref name="from"/> back even when it is not a working day.
    /// </summary>
    public DateOnly AddWorkingDays(DateOnly from, int workingDays)
    {
        var step = Math.Sign(workingDays);
        var date = from;
        // long, because the magnitude of int.MinValue does not fit in an int.
        for (var remaining = Math.Abs((long)workingDays); remaining > 0;)
        {
            date = date.AddDays(step);
            if (IsWorkingDay(date))
            {
                remaining--;
            }
        }
        return date;
    }

    /// <summary>
    /// Working days strictly between the two dates, neither end counted: the "clear working days" of the rules on
    /// publishing agenda papers. Zero when <paramref name="last"/> is not after <paramref name="first"/>.
    /// </summary>
    public int ClearWorkingDaysBetween(DateOnly first, DateOnly last)
    {
        if (last <= first)
        {
            return 0;
        }
        var count = 0;
        for (var date = first.AddDays(1); date < last; date = date.AddDays(1))
        {
            if (IsWorkingDay(date))
            {
                count++;
            }
        }
        return count;
    }

    public DateOnly PreviousWorkingDayOnOrBefore(DateOnly date)
    {
        while (!IsWorkingDay(date))
        {
            date = date.AddDays(-1);
        }
        return date;
    }

    /// <summary>Why the office is closed on a day that is not a working day: "a Sunday", "Christmas Day", and so on.</summary>
    public string WhyClosed(DateOnly date) =>
        EnglandAndWalesBankHolidays.For(date.Year).FirstOrDefault(h => h.Date == date) is { } holiday ? holiday.Name
        : date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? $"a {date.DayOfWeek}"
        : extraClosedDays.Contains(date) ? "a day the council has said it is closed"
        : "a working day";

    public DateOnly NextWorkingDayOnOrAfter(DateOnly date)
    {
        while (!IsWorkingDay(date))
        {
            date = date.AddDays(1);
        }
        return date;
    }

    private bool[] ClosedDaysOf(DateOnly date)
    {
        if (closedDaysByYear.TryGetValue(date.Year, out var closedDays))
        {
            return closedDays;
        }
        if (date.Year < EnglandAndWalesBankHolidays.FirstSupportedYear)
        {
            throw new ArgumentOutOfRangeException(
                nameof(date),
                date,
                $"Working days are known from {EnglandAndWalesBankHolidays.FirstSupportedYear}, when the early May bank holiday began.");
        }
        // Two threads may build the same year at once; both build the same array and one of them is kept.
        return closedDaysByYear.GetOrAdd(date.Year, BuildClosedDays, extraClosedDays);
    }

    private static bool[] BuildClosedDays(int year, FrozenSet<DateOnly> extraNonWorkingDays)
    {
        var closed = new bool[DateTime.IsLeapYear(year) ? 366 : 365];
        var firstWeekday = (int)new DateOnly(year, 1, 1).DayOfWeek;
        for (var day = 0; day < closed.Length; day++)
        {
            closed[day] = (DayOfWeek)((firstWeekday + day) % 7) is DayOfWeek.Saturday or DayOfWeek.Sunday;
        }
        foreach (var holiday in EnglandAndWalesBankHolidays.For(year))
        {
            closed[holiday.Date.DayOfYear - 1] = true;
        }
        foreach (var extra in extraNonWorkingDays.Where(d => d.Year == year))
        {
            closed[extra.DayOfYear - 1] = true;
        }
        return closed;
    }
}
