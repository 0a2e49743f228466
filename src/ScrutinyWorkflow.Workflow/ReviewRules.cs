using ScrutinyWorkflow.Core.Reviews;

namespace ScrutinyWorkflow.Workflow;

/// <summary>
/// The council's rules a review runs under, fixed when it starts so a configuration change never rewrites a running
/// review. The time zone travels by its id: the base class library's zone rules are data that give the same answer on
/// every replay, as the calendar's bank holiday rules do. (Its serialized form would be better still, but .NET cannot
/// read back what it writes for Europe/London on Linux.)
/// </summary>
public sealed record ReviewRules(ReviewPolicy Policy, string TimeZone, IReadOnlyList<DateOnly> ExtraNonWorkingDays)
{
    public static ReviewRules For(ReviewPolicy policy, TimeZoneInfo zone, IEnumerable<DateOnly>? extraNonWorkingDays = null) =>
        new(policy, zone.Id, [.. extraNonWorkingDays ?? []]);
}
