using ScrutinyWorkflow.Core.Reviews;

namespace ScrutinyWorkflow.Core.Recommendations;

/// <summary>What happened to a recommendation, in the past tense; its state is rebuilt from these alone.</summary>
public abstract record RecommendationEvent(DateTimeOffset At);

public sealed record RecommendationRecorded(
    string RecommendationId,
    RecommendationSource Source,
    string Text,
    Officer Owner,
    string RecordedBy,
    DateTimeOffset At) : RecommendationEvent(At);

/// <summary>
/// The owner was asked for update number <see cref="Round"/> by <see cref="Due"/>. The chase schedule is recorded so
/// that later configuration leaves a request already made alone, as a review's is.
/// </summary>
public sealed record UpdateRequested(int Round, DateOnly Due, ChaseSchedule Schedule, DateTimeOffset At) : RecommendationEvent(At);

public sealed record UpdateDateChanged(int Round, DateOnly From, DateOnly To, ChaseSchedule Schedule, DateTimeOffset At) : RecommendationEvent(At);

public sealed record UpdateReminderSent(int Round, int Step, DateTimeOffset At) : RecommendationEvent(At);

/// <summary>The awaited update was raised with the owner's manager (or the scrutiny team, when the owner has none).</summary>
public sealed record UpdateEscalated(int Round, int Step, string? ManagerEmail, DateTimeOffset At) : RecommendationEvent(At);

/// <summary>
/// The owner's words for round <see cref="Round"/>, as given by <see cref="By"/>. Given again in the same round, the
/// newer words stand in the paper; every version stays in the stream.
/// </summary>
public sealed record UpdateProvided(int Round, string Text, RecommendationProgress Progress, string By, bool ByScrutinyTeam, DateTimeOffset At) : RecommendationEvent(At);

public sealed record RecommendationClosed(RecommendationClosure Closure, string Note, string By, DateTimeOffset At) : RecommendationEvent(At);

/// <summary>Another officer owns the recommendation from now on; an awaited update's chasers go to them.</summary>
public sealed record OwnerChanged(Officer From, Officer To, string Reason, DateTimeOffset At) : RecommendationEvent(At);
