using System.Globalization;
using System.Text.RegularExpressions;

namespace ScrutinyWorkflow.Web.Mail;

/// <summary>The RFC 5322 §3.3 date-time: <c>Tue, 01 Dec 2020 09:30:00 +0000</c>.</summary>
internal static partial class RfcDate
{
    private static readonly string[] Months =
        ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

    // Obsolete zone names RFC 5322 §4.3 still asks readers to understand; anything else means "unknown" (-0000).
    private static readonly Dictionary<string, int> ZoneHours = new(StringComparer.OrdinalIgnoreCase)
    {
        ["UT"] = 0, ["GMT"] = 0, ["Z"] = 0,
        ["EST"] = -5, ["EDT"] = -4, ["CST"] = -6, ["CDT"] = -5,
        ["MST"] = -7, ["MDT"] = -6, ["PST"] = -8, ["PDT"] = -7,
    };

    public static string Format(DateTimeOffset date)
    {
        var offset = date.Offset;
        var sign = offset < TimeSpan.Zero ? '-' : '+';
        var absolute = offset.Duration();
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{date:ddd, dd} {Months[date.Month - 1]} {date:yyyy HH:mm:ss} {sign}{absolute.Hours:D2}{absolute.Minutes:D2}");
    }

    public static bool TryParse(string text, out DateTimeOffset date)
    {
        date = default;
        var match = DateTime().Match(text);
        if (!match.Success)
        {
            return false;
        }
        var month = Array.FindIndex(Months, m => m.Equals(match.Groups["month"].Value, StringComparison.OrdinalIgnoreCase)) + 1;
        if (month == 0)
        {
            return false;
        }
        var year = int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture);
        // RFC 5322 §4.3: two-digit years below 50 are 20xx, others 19xx; three-digit years add 1900.
        year = match.Groups["year"].Length switch
        {
            2 => year < 50 ? 2000 + year : 1900 + year,
            3 => 1900 + year,
            _ => year,
        };
        if (!TryParseZone(match.Groups["zone"].Value, out var offset))
        {
            return false;
        }
        var second = match.Groups["second"].Success ? int.Parse(match.Groups["second"].Value, CultureInfo.InvariantCulture) : 0;
        try
        {
            date = new DateTimeOffset(
                year,
                month,
                int.Parse(match.Groups["day"].Value, CultureInfo.InvariantCulture),
                int.Parse(match.Groups["hour"].Value, CultureInfo.InvariantCulture),
                int.Parse(match.Groups["minute"].Value, CultureInfo.InvariantCulture),
                // A leap second (":60") is legal in the syntax but not in DateTimeOffset.
                Math.Min(second, 59),
                offset);
            return true;
        }
        catch (ArgumentOutOfRangeException)
        {
            return false;
        }
    }

    private static bool TryParseZone(string zone, out TimeSpan offset)
    {
        offset = TimeSpan.Zero;
        if (zone.Length == 5 && zone[0] is '+' or '-')
        {
            var hours = int.Parse(zone.AsSpan(1, 2), CultureInfo.InvariantCulture);
            var minutes = int.Parse(zone.AsSpan(3, 2), CultureInfo.InvariantCulture);
            if (hours > 14 || minutes > 59)
            {
                return false;
            }
            offset = new TimeSpan(hours, minutes, 0);
            if (zone[0] == '-')
            {
                offset = -offset;
            }
            return true;
        }
        if (ZoneHours.TryGetValue(zone, out var zoneHours))
        {
            offset = TimeSpan.FromHours(zoneHours);
        }
        return true;
    }

    [GeneratedRegex(
        @"^\s*(?:[A-Za-z]{3}\s*,\s*)?(?<day>\d{1,2})\s+(?<month>[A-Za-z]{3})\s+(?<year>\d{2,4})\s+(?<hour>\d{1,2})\s*:\s*(?<minute>\d{2})(?:\s*:\s*(?<second>\d{2}))?\s+(?<zone>[+-]\d{4}|[A-Za-z]{1,5})\b")]
    private static partial Regex DateTime();
}
