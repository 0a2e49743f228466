using System.Globalization;
using ScrutinyWorkflow.Core.Calendar;

namespace ScrutinyWorkflow.Core.Tests.Calendar;

public sealed class EnglandAndWalesBankHolidaysTests
{
    // As published at https://www.gov.uk/bank-holidays for England and Wales.
    public static TheoryData<int, string[]> PublishedLists => new()
    {
        { 2019, ["2019-01-01", "2019-04-19", "2019-04-22", "2019-05-06", "2019-05-27", "2019-08-26", "2019-12-25", "2019-12-26"] },
        { 2020, ["2020-01-01", "2020-04-10", "2020-04-13", "2020-05-08", "2020-05-25", "2020-08-31", "2020-12-25", "2020-12-28"] },
        { 2021, ["2021-01-01", "2021-04-02", "2021-04-05", "2021-05-03", "2021-05-31", "2021-08-30", "2021-12-27", "2021-12-28"] },
        {
            2022,
            ["2022-01-03", "2022-04-15", "2022-04-18", "2022-05-02", "2022-06-02", "2022-06-03", "2022-08-29", "2022-09-19", "2022-12-26", "2022-12-27"]
        },
        { 2023, ["2023-01-02", "2023-04-07", "2023-04-10", "2023-05-01", "2023-05-08", "2023-05-29", "2023-08-28", "2023-12-25", "2023-12-26"] },
        { 2024, ["2024-01-01", "2024-03-29", "2024-04-01", "2024-05-06", "2024-05-27", "2024-08-26", "2024-12-25", "2024-12-26"] },
        { 2025, ["2025-01-01", "2025-04-18", "2025-04-21", "2025-05-05", "2025-05-26", "2025-08-25", "2025-12-25", "2025-12-26"] },
        { 2026, ["2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04", "2026-05-25", "2026-08-31", "2026-12-25", "2026-12-28"] },
        { 2027, ["2027-01-01", "2027-03-26", "2027-03-29", "2027-05-03", "2027-05-31", "2027-08-30", "2027-12-27", "2027-12-28"] },
    };

    [Theory]
    [MemberData(nameof(PublishedLists))]
    public void The_computed_holidays_equal_the_published_GOV_UK_list(int year, string[] published)
    {
        var expected = published.Select(d => DateOnly.ParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture));

        Assert.Equal(expected, EnglandAndWalesBankHolidays.For(year).Select(h => h.Date));
    }

    [Theory]
    [InlineData("2020-12-28", "Boxing Day")]
    [InlineData("2021-12-27", "Christmas Day")]
    [InlineData("2021-12-28", "Boxing Day")]
    [InlineData("2022-01-03", "New Year")]
    [InlineData("2022-12-27", "Christmas Day")]
    [InlineData("2023-01-02", "New Year")]
    [InlineData("2026-12-28", "Boxing Day")]
    [InlineData("2027-12-27", "Christmas Day")]
    [InlineData("2027-12-28", "Boxing Day")]
    public void A_holiday_moved_off_a_weekend_is_named_as_the_substitute_for_the_right_day(string date, string substituteFor)
    {
        var holiday = HolidayOn(DateOnly.ParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture));

        Assert.StartsWith(substituteFor, holiday.Name, StringComparison.Ordinal);
        Assert.Contains("substitute", holiday.Name, StringComparison.Ordinal);
    }

    [Fact]
    public void Christmas_on_a_Sunday_keeps_Boxing_Day_on_Monday_26th_by_its_own_name()
    {
        var boxingDay = HolidayOn(new DateOnly(2022, 12, 26));

        Assert.Equal("Boxing Day", boxingDay.Name);
    }

    [Fact]
    public void The_proclaimed_holidays_of_2022_carry_their_own_names()
    {
        Assert.Contains("Platinum Jubilee", HolidayOn(new DateOnly(2022, 6, 3)).Name, StringComparison.Ordinal);
        Assert.Contains("State Funeral", HolidayOn(new DateOnly(2022, 9, 19)).Name, StringComparison.Ordinal);
        Assert.Equal("Spring bank holiday", HolidayOn(new DateOnly(2022, 6, 2)).Name);
    }

    [Fact]
    public void The_first_supported_year_1978_has_the_first_early_May_holiday_and_a_substitute_New_Years_Day()
    {
        DateOnly[] expected =
        [
            new(1978, 1, 2), new(1978, 3, 24), new(1978, 3, 27), new(1978, 5, 1),
            new(1978, 5, 29), new(1978, 8, 28), new(1978, 12, 25), new(1978, 12, 26),
        ];

        Assert.Equal(expected, EnglandAndWalesBankHolidays.For(1978).Select(h => h.Date));
    }

    [Theory]
    [InlineData(1977)]
    [InlineData(1900)]
    [InlineData(10000)]
    public void Rejects_years_the_rules_do_not_cover(int year) =>
        Assert.Throws<ArgumentOutOfRangeException>(nameof(year), () => EnglandAndWalesBankHolidays.For(year));

    [Theory]
    [InlineData("1995-05-08", "1995-05-01")] // VE Day 50th anniversary
    [InlineData("2002-06-04", "2002-05-27")] // Golden Jubilee
    [InlineData("2012-06-04", "2012-05-28")] // Diamond Jubilee
    [InlineData("2020-05-08", "2020-05-04")] // VE Day 75th anniversary
    [InlineData("2022-06-02", "2022-05-30")] // Platinum Jubilee
    public void A_proclamation_moves_the_rules_holiday_rather_than_adding_to_it(string movedTo, string movedFrom)
    {
        var to = DateOnly.ParseExact(movedTo, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var from = DateOnly.ParseExact(movedFrom, "yyyy-MM-dd", CultureInfo.InvariantCulture);

        var dates = EnglandAndWalesBankHolidays.For(to.Year).Select(h => h.Date).ToList();

        Assert.Contains(to, dates);
        Assert.DoesNotContain(from, dates);
    }

    [Theory]
    [InlineData("1981-07-29", 9)] // Royal wedding of the Prince of Wales
    [InlineData("1999-12-31", 9)] // Millennium
    [InlineData("2002-06-03", 9)] // Golden Jubilee
    [InlineData("2011-04-29", 9)] // Royal wedding of Prince William
    [InlineData("2012-06-05", 9)] // Diamond Jubilee
    [InlineData("2022-06-03", 10)] // Platinum Jubilee, in the year of the State Funeral too
    [InlineData("2022-09-19", 10)] // State Funeral of Queen Elizabeth II
    [InlineData("2023-05-08", 9)] // Coronation of King Charles III
    public void A_proclaimed_extra_holiday_is_added_to_the_year(string date, int holidaysThatYear)
    {
        var extra = DateOnly.ParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture);

        var holidays = EnglandAndWalesBankHolidays.For(extra.Year);

        Assert.Contains(holidays, h => h.Date == extra);
        Assert.Equal(holidaysThatYear, holidays.Count);
    }

    [Fact]
    public void The_millennium_year_end_has_both_Christmas_substitutes_and_the_extra_Friday()
    {
        var december = EnglandAndWalesBankHolidays.For(1999).Where(h => h.Date.Month == 12).Select(h => h.Date);

        Assert.Equal([new(1999, 12, 27), new(1999, 12, 28), new(1999, 12, 31)], december);
    }

    [Fact]
    public void Every_supported_year_has_its_holidays_on_distinct_weekdays_in_date_order()
    {
        for (var year = EnglandAndWalesBankHolidays.FirstSupportedYear; year <= 2199; year++)
        {
            var dates = EnglandAndWalesBankHolidays.For(year).Select(h => h.Date).ToList();

            Assert.All(dates, d => Assert.Equal(year, d.Year));
            Assert.All(dates, d => Assert.False(d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday, $"{d} is at a weekend"));
            Assert.Equal(dates.Order(), dates);
            Assert.Equal(dates.Count, dates.Distinct().Count());
            Assert.InRange(dates.Count, 8, 10);
        }
    }

    [Fact]
    public void A_year_without_proclamations_has_the_eight_standing_holidays()
    {
        var names = EnglandAndWalesBankHolidays.For(2031).Select(h => h.Name);

        Assert.Equal(
            ["New Year's Day", "Good Friday", "Easter Monday", "Early May bank holiday", "Spring bank holiday",
             "Summer bank holiday", "Christmas Day", "Boxing Day"],
            names);
    }

    private static BankHoliday HolidayOn(DateOnly date) =>
        Assert.Single(EnglandAndWalesBankHolidays.For(date.Year), h => h.Date == date);
}
