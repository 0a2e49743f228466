namespace ScrutinyWorkflow.Core.Calendar;

/// <summary>A day England and Wales do not do business, named as GOV.UK names it.</summary>
public sealed record BankHoliday(DateOnly Date, string Name);

/// <summary>
/// The bank holidays of England and Wales, worked out from the standing rules (the Banking and Financial Dealings
/// Act 1971, the common-law holidays of Good Friday and Christmas Day, and the customary substitute days) so that
/// deadlines stay right in years nobody has typed in. Only changes made by royal proclamation, which no rule can
/// foresee, are listed; a future one is supplied from configuration to <see cref="WorkingCalendar"/> until it is added here.
/// </summary>
public static class EnglandAndWalesBankHolidays
{
    /// <summary>The early May bank holiday began in 1978; before then these rules would give the wrong days.</summary>
    public const int FirstSupportedYear = 1978;

    public const int LastSupportedYear = Easter.LastYear;

    private const string SubstituteDay = " (substitute day)";

    /// <summary>A proclaimed holiday, either extra or moving the rule's day named by <see cref="Replaces"/>.</summary>
    private sealed record Proclamation(BankHoliday Holiday, DateOnly? Replaces = null);

    private static readonly Proclamation[] Proclamations =
    [
        // Proclaimed for the wedding of the Prince of Wales and Lady Diana Spencer.
        new(new(new(1981, 7, 29), "Royal wedding")),
        // Proclaimed for the 50th anniversary of VE Day: the early May holiday moved from Monday 1 May.
        new(new(new(1995, 5, 8), "Early May bank holiday (VE Day)"), Replaces: new(1995, 5, 1)),
        // Proclaimed for the millennium.
        new(new(new(1999, 12, 31), "Millennium Celebrations")),
        // Proclaimed for the Golden Jubilee of Queen Elizabeth II: the spring holiday moved from Monday 27 May.
        new(new(new(2002, 6, 4), "Spring bank holiday"), Replaces: new(2002, 5, 27)),
        // Proclaimed for the Golden Jubilee of Queen Elizabeth II.
        new(new(new(2002, 6, 3), "Golden Jubilee bank holiday")),
        // Proclaimed for the wedding of Prince William and Catherine Middleton.
        new(new(new(2011, 4, 29), "Royal wedding")),
        // Proclaimed for the Diamond Jubilee of Queen Elizabeth II: the spring holiday moved from Monday 28 May.
        new(new(new(2012, 6, 4), "Spring bank holiday"), Replaces: new(2012, 5, 28)),
        // Proclaimed for the Diamond Jubilee of Queen Elizabeth II.
        new(new(new(2012, 6, 5), "Queen's Diamond Jubilee")),
        // Proclaimed for the 75th anniversary of VE Day: the early May holiday moved from Monday 4 May.
        new(new(new(2020, 5, 8), "Early May bank holiday (VE day)"), Replaces: new(2020, 5, 4)),
        // Proclaimed for the Platinum Jubilee of Queen Elizabeth II: the spring holiday moved from Monday 30 May.
        new(new(new(2022, 6, 2), "Spring bank holiday"), Replaces: new(2022, 5, 30)),
        // Proclaimed for the Platinum Jubilee of Queen Elizabeth II.
        new(new(new(2022, 6, 3), "Platinum Jubilee bank holiday")),
        // Proclaimed for the State Funeral of Queen Elizabeth II.
        new(new(new(2022, 9, 19), "Bank Holiday for the State Funeral of Queen Elizabeth II")),
        // Proclaimed for the coronation of King Charles III.
        new(new(new(2023, 5, 8), "Bank holiday for the coronation of King Charles III")),
    ];

    /// <summary>The year's bank holidays in date order.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The year is before 1978 or after 9999.</exception>
    public static IReadOnlyList<BankHoliday> For(int year)
    {
        if (year is < FirstSupportedYear or > LastSupportedYear)
        {
            throw new ArgumentOutOfRangeException(
                nameof(year),
                year,
                $"England and Wales bank holidays are computed for {FirstSupportedYear} (when the early May bank holiday began) to {LastSupportedYear}.");
        }

        var easterSunday = Easter.Sunday(year);
        List<BankHoliday> holidays =
        [
            NewYearsDay(year),
            new(easterSunday.AddDays(-2), "Good Friday"),
            new(easterSunday.AddDays(1), "Easter Monday"),
            new(FirstMonday(year, 5), "Early May bank holiday"),
            new(LastMonday(year, 5), "Spring bank holiday"),
            new(LastMonday(year, 8), "Summer bank holiday"),
            .. ChristmasAndBoxingDay(year),
        ];

        foreach (var proclamation in Proclamations.Where(p => p.Holiday.Date.Year == year))
        {
            if (proclamation.Replaces is { } replaced && holidays.RemoveAll(h => h.Date == replaced) != 1)
            {
                throw new InvalidOperationException(
                    $"The proclamation table moves a holiday from {replaced:yyyy-MM-dd}, which the rules do not give.");
            }
            holidays.Add(proclamation.Holiday);
        }

        holidays.Sort((x, y) => x.Date.CompareTo(y.Date));
        return holidays.AsReadOnly();
    }

    private static BankHoliday NewYearsDay(int year)
    {
        var newYearsDay = new DateOnly(year, 1, 1);
        return newYearsDay.DayOfWeek switch
        {
            DayOfWeek.Saturday => new(newYearsDay.AddDays(2), "New Year's Day" + SubstituteDay),
            DayOfWeek.Sunday => new(newYearsDay.AddDays(1), "New Year's Day" + SubstituteDay),
            _ => new(newYearsDay, "New Year's Day"),
        };
    }

    private static BankHoliday[] ChristmasAndBoxingDay(int year)
    {
        DateOnly December(int day) => new(year, 12, day);

        // Each holiday that falls at a weekend moves to the next weekday neither of them already occupies.
        return December(25).DayOfWeek switch
        {
            DayOfWeek.Friday =>
                [new(December(25), "Christmas Day"), new(December(28), "Boxing Day" + SubstituteDay)],
            DayOfWeek.Saturday =>
                [new(December(27), "Christmas Day" + SubstituteDay), new(December(28), "Boxing Day" + SubstituteDay)],
            DayOfWeek.Sunday =>
                [new(December(26), "Boxing Day"), new(December(27), "Christmas Day" + SubstituteDay)],
            _ => [new(December(25), "Christmas Day"), new(December(26), "Boxing Day")],
        };
    }

    private static DateOnly FirstMonday(int year, int month)
    {
        var first = new DateOnly(year, month, 1);
        return first.AddDays(((int)DayOfWeek.Monday - (int)first.DayOfWeek + 7) % 7);
    }

    private static DateOnly LastMonday(int year, int month)
    {
        var last = new DateOnly(year, month, DateTime.DaysInMonth(year, month));
        return last.AddDays(-(((int)last.DayOfWeek - (int)DayOfWeek.Monday + 7) % 7));
    }
}
