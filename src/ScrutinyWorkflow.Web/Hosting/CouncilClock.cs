using Microsoft.Extensions.Options;

namespace ScrutinyWorkflow.Web.Hosting;

/// <summary>
/// The time in the council's offices. Commands carry council-local time because the review's rules are about
/// local days: reminders at 09:00, deadlines ending at midnight, in GMT or BST as the season has it.
/// </summary>
public sealed class CouncilClock(TimeProvider time, IOptions<ScrutinyOptions> options)
{
    private readonly TimeZoneInfo zone = TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone);

    public DateTimeOffset Now => TimeZoneInfo.ConvertTime(time.GetUtcNow(), zone);

    public DateTimeOffset UtcNow => time.GetUtcNow();

    /// <summary>A moment as the council's offices saw it (a stored instant may be in UTC).</summary>
    public DateTimeOffset Local(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, zone);

    /// <summary>The moment a local day ends (the next local midnight): when a deadline on that day has passed.</summary>
    public DateTimeOffset EndOf(DateOnly day)
    {
        var midnight = day.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(midnight, zone.GetUtcOffset(midnight));
    }
}
