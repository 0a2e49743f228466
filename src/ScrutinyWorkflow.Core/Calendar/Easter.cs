namespace ScrutinyWorkflow.Core.Calendar;

/// <summary>
/// Western (Gregorian) Easter, computed so that Good Friday and Easter Monday never need a yearly table.
/// </summary>
public static class Easter
{
    public const int FirstGregorianYear = 1583;
    public const int LastYear = 9999;

    /// <summary>Easter Sunday of <paramref name="year"/>, by the anonymous Gregorian algorithm (Meeus, Astronomical Algorithms).</summary>
    public static DateOnly Sunday(int year)
    {
        if (year is < FirstGregorianYear or > LastYear)
        {
            throw new ArgumentOutOfRangeException(
                nameof(year),
                year,
                $"Easter is computed for Gregorian years {FirstGregorianYear} to {LastYear}.");
        }

        // The single-letter names are the algorithm's own, kept so the code can be checked against the published steps.
        var a = year % 19;
        var b = year / 100;
        var c = year % 100;
        var d = b / 4;
        var e = b % 4;
        var f = (b + 8) / 25;
        var g = (b - f + 1) / 3;
        var h = ((19 * a) + b - d - g + 15) % 30;
        var i = c / 4;
        var k = c % 4;
        var l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        var m = (a + (11 * h) + (22 * l)) / 451;
        var monthAndDay = h + l - (7 * m) + 114;
        return new DateOnly(year, monthAndDay / 31, (monthAndDay % 31) + 1);
    }
}
