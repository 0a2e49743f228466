using System.Globalization;

namespace ScrutinyWorkflow.Web.ReviewPages;

/// <summary>
/// A date as GOV.UK's date input asks for it, in three boxes (day, month, year), kept as typed so a page can show it
/// back. Named <c>{name}-day</c>, <c>{name}-month</c> and <c>{name}-year</c> in the form.
/// </summary>
public sealed record DateAnswer(string Day, string Month, string Year)
{
    public static DateAnswer Empty { get; } = new("", "", "");

    public static DateAnswer Of(DateOnly date) => new(
        date.Day.ToString(CultureInfo.InvariantCulture), date.Month.ToString(CultureInfo.InvariantCulture), date.Year.ToString(CultureInfo.InvariantCulture));

    public static DateAnswer Read(IFormCollection form, string name)
    {
        ArgumentNullException.ThrowIfNull(form);
        return new(form[$"{name}-day"].ToString().Trim(), form[$"{name}-month"].ToString().Trim(), form[$"{name}-year"].ToString().Trim());
    }

    public bool IsBlank => Day.Length == 0 && Month.Length == 0 && Year.Length == 0;

    /// <summary>The day, when the three boxes make a real one (a four-digit year); null otherwise.</summary>
    public DateOnly? Date =>
        int.TryParse(Day, NumberStyles.None, CultureInfo.InvariantCulture, out var day)
        && int.TryParse(Month, NumberStyles.None, CultureInfo.InvariantCulture, out var month)
        && Year.Length == 4 && int.TryParse(Year, NumberStyles.None, CultureInfo.InvariantCulture, out var year)
        && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month)
            ? new DateOnly(year, month, day)
            : null;

    /// <summary>What to say when the boxes are filled in but make no real date (the decider only knows it got none).</summary>
    public string? Unreadable(string what) => IsBlank || Date is not null
        ? null
        : $"{what} must be a real date, for example 8 1 2027";
}
