using System.Globalization;

namespace ScrutinyWorkflow.Core.Calendar;

/// <summary>Dates as councils write them in letters and papers ("8 January 2027"): one form, everywhere.</summary>
public static class LongDate
{
    public static string Format(DateOnly date) => date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>With the weekday, for deadlines people act on ("Friday 8 January 2027").</summary>
    public static string FormatWithDay(DateOnly date) => date.ToString("dddd d MMMM yyyy", CultureInfo.InvariantCulture);
}
