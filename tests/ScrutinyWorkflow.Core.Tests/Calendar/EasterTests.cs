using ScrutinyWorkflow.Core.Calendar;

namespace ScrutinyWorkflow.Core.Tests.Calendar;

public sealed class EasterTests
{
    [Theory]
    [InlineData(1818, 3, 22)] // the earliest possible date
    [InlineData(1900, 4, 15)]
    [InlineData(1943, 4, 25)] // the latest possible date
    [InlineData(1954, 4, 18)]
    [InlineData(1961, 4, 2)]
    [InlineData(1981, 4, 19)]
    [InlineData(2000, 4, 23)]
    [InlineData(2008, 3, 23)]
    [InlineData(2011, 4, 24)]
    [InlineData(2019, 4, 21)]
    [InlineData(2024, 3, 31)]
    [InlineData(2025, 4, 20)]
    [InlineData(2026, 4, 5)]
    [InlineData(2027, 3, 28)]
    [InlineData(2038, 4, 25)]
    [InlineData(2100, 3, 28)]
    [InlineData(2285, 3, 22)]
    public void Easter_Sunday_falls_on_the_published_date(int year, int month, int day) =>
        Assert.Equal(new DateOnly(year, month, day), Easter.Sunday(year));

    [Fact]
    public void Easter_Sunday_is_always_a_Sunday_between_22_March_and_25_April()
    {
        for (var year = 1900; year <= 2199; year++)
        {
            var sunday = Easter.Sunday(year);

            Assert.Equal(DayOfWeek.Sunday, sunday.DayOfWeek);
            Assert.InRange(sunday, new DateOnly(year, 3, 22), new DateOnly(year, 4, 25));
        }
    }

    [Theory]
    [InlineData(1582)]
    [InlineData(10000)]
    [InlineData(-1)]
    public void Rejects_years_outside_the_Gregorian_range(int year) =>
        Assert.Throws<ArgumentOutOfRangeException>(nameof(year), () => Easter.Sunday(year));
}
