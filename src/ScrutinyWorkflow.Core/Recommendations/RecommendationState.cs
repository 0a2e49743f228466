using System.Collections.Immutable;
using ScrutinyWorkflow.Core.Reviews;

namespace ScrutinyWorkflow.Core.Recommendations;

/// <summary>One request for an update and what came of it. <see cref="NextStep"/> indexes its chase schedule.</summary>
public sealed record UpdateRound(
    int Round,
    DateTimeOffset RequestedAt,
    DateOnly Due,
    ChaseSchedule Schedule,
    int NextStep,
    string? EscalatedTo,
    UpdateProvided? Update)
{
    public bool Awaited => Update is null;
}

/// <summary>Where a recommendation stands, as the "Progress on recommendations" table says it.</summary>
public enum RecommendationStanding
{
    /// <summary>An update has been asked for and is not yet due.</summary>
    AwaitingUpdate,

    /// <summary>The update's date has passed without one.</summary>
    UpdateOverdue,
    InProgress,

    /// <summary>The owner says it is done; the scrutiny officer has not yet closed it.</summary>
    ReportedDone,
    Closed,
}

public enum RecommendationStatus
{
    None,
    Open,
    Closed,
}

/// <summary>A recommendation as its events left it. Rebuilt by folding <see cref="Evolve"/> over the stream.</summary>
public sealed record RecommendationState
{
    public static RecommendationState Initial { get; } = new();

    public RecommendationStatus Status { get; init; } = RecommendationStatus.None;
    public string RecommendationId { get; init; } = "";
    public RecommendationSource? Source { get; init; }
    public string Text { get; init; } = "";
    public Officer? Owner { get; init; }
    public ImmutableList<UpdateRound> Rounds { get; init; } = [];
    public RecommendationClosed? Closed { get; init; }

    public UpdateRound? CurrentRound => Rounds.IsEmpty ? null : Rounds[^1];

    /// <summary>The owner's latest words, whichever round they came in.</summary>
    public UpdateProvided? LatestUpdate => Rounds.LastOrDefault(r => r.Update is not null)?.Update;

    /// <summary>When the scheduler should next wake this recommendation (council-local); null when nothing is to chase.</summary>
    public DateTime? NextDue => Status == RecommendationStatus.Open && CurrentRound is { Awaited: true } round && round.NextStep < round.Schedule.Steps.Count
        ? round.Schedule.Steps[round.NextStep].Due
        : null;

    /// <summary>Where it stands at <paramref name="now"/>: an update is overdue from the day after it was due.</summary>
    public RecommendationStanding StandingAt(DateTimeOffset now) => this switch
    {
        { Status: RecommendationStatus.Closed } => RecommendationStanding.Closed,
        { CurrentRound: { Awaited: true } round } when now.DateTime >= round.Schedule.ClosesAt => RecommendationStanding.UpdateOverdue,
        { CurrentRound.Awaited: true } => RecommendationStanding.AwaitingUpdate,
        { LatestUpdate.Progress: RecommendationProgress.Done } => RecommendationStanding.ReportedDone,
        _ => RecommendationStanding.InProgress,
    };

    /// <summary>Whether <paramref name="by"/> may give the owner's update: the owner, or the manager it was escalated to.</summary>
    public bool MayUpdate(Actor by) =>
        by.ScrutinyTeam || by.Email == Owner?.Email || (CurrentRound?.EscalatedTo is { } manager && by.Email == manager);

    public static RecommendationState From(IEnumerable<RecommendationEvent> events) => events.Aggregate(Initial, Evolve);

    public static RecommendationState Evolve(RecommendationState state, RecommendationEvent @event) => @event switch
    {
        RecommendationRecorded e => state with
        {
            Status = RecommendationStatus.Open,
            RecommendationId = e.RecommendationId,
            Source = e.Source,
            Text = e.Text,
            Owner = e.Owner,
        },
        UpdateRequested e => state with { Rounds = state.Rounds.Add(new UpdateRound(e.Round, e.At, e.Due, e.Schedule, e.Schedule.FirstStepAfter(e.At.DateTime), null, null)) },
        UpdateDateChanged e => WithRound(state, e.Round, r => r with { Due = e.To, Schedule = e.Schedule, NextStep = e.Schedule.FirstStepAfter(e.At.DateTime) }),
        UpdateReminderSent e => WithRound(state, e.Round, r => r with { NextStep = e.Step + 1 }),
        UpdateEscalated e => WithRound(state, e.Round, r => r with { NextStep = e.Step + 1, EscalatedTo = e.ManagerEmail }),
        UpdateProvided e => WithRound(state, e.Round, r => r with { Update = e }),
        RecommendationClosed e => state with { Status = RecommendationStatus.Closed, Closed = e },
        // The new owner's manager, not the old one's, is who an escalation goes to from now on.
        OwnerChanged e => state with { Owner = e.To, Rounds = state.Rounds.IsEmpty ? state.Rounds : state.Rounds.SetItem(state.Rounds.Count - 1, state.Rounds[^1] with { EscalatedTo = null }) },
        _ => throw new ArgumentOutOfRangeException(nameof(@event), @event.GetType().Name, "Unknown recommendation event."),
    };

    private static RecommendationState WithRound(RecommendationState state, int round, Func<UpdateRound, UpdateRound> change)
    {
        var index = state.Rounds.FindIndex(r => r.Round == round);
        return index < 0 ? state : state with { Rounds = state.Rounds.SetItem(index, change(state.Rounds[index])) };
    }
}
