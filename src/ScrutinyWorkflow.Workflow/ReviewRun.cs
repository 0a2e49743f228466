using ScrutinyWorkflow.Core.Reviews;
using ScrutinyWorkflow.Workflow.Serialization;

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

/// <summary>What became of one command sent to a review: applied (recording the version it reached) or refused.</summary>
public sealed record CommandResult(string CommandId, bool Applied, long Version, Rejection? Rejection);

/// <summary>An effect to carry out, by its stable id; one that could not be carried out yet is tried again on the next step.</summary>
public sealed record EffectToDeliver(string EffectId, string Kind, string Payload);

/// <summary>
/// A review's orchestration input: the review as data (its events so far), not a suspended program. Each step ends
/// by continuing as new with this, so history stays one step long and a redeploy never replays old code.
/// </summary>
/// <param name="RecordedVersion">How many of the events the read side has: recording is retried until it catches up.</param>
public sealed record ReviewRun(
    string ReviewId,
    ReviewRules Rules,
    IReadOnlyList<NewEvent> Events,
    long RecordedVersion,
    IReadOnlyList<CommandResult> RecentResults,
    IReadOnlyList<EffectToDeliver> UndeliveredEffects)
{
    public static ReviewRun Start(string reviewId, ReviewRules rules) => new(reviewId, rules, [], 0, [], []);
}

/// <summary>What the orchestration publishes as its custom status, for callers waiting on a command's result.</summary>
public sealed record ReviewRunStatus(long Version, string Status, IReadOnlyList<CommandResult> RecentResults);
