namespace ScrutinyWorkflow.Core.Recommendations;

/// <summary>
/// What the world must be told because of what happened to a recommendation: mail, carried out once after the events
/// are kept, as a review's effects are. Each names the round it is about, so an effect's id can name the
/// recommendation, the event's version and the effect, and one id never means two messages.
/// </summary>
public abstract record RecommendationEffect;

/// <summary>Ask the owner for update <paramref name="Round"/>, with their link.</summary>
public sealed record SendUpdateRequest(string OwnerEmail, int Round) : RecommendationEffect;

public sealed record SendUpdateReminder(string OwnerEmail, int Round) : RecommendationEffect;

/// <summary>Raise the awaited update with the owner's manager (or the scrutiny team, when they have none), copying the owner.</summary>
public sealed record SendUpdateEscalation(string OwnerEmail, string? ManagerEmail, int Round) : RecommendationEffect;

public sealed record SendUpdateDateNotice(string OwnerEmail, int Round) : RecommendationEffect;

/// <summary>Tell the scrutiny team the owner's words have come in.</summary>
public sealed record SendUpdateReceived(int Round) : RecommendationEffect;

/// <summary>Tell the owner (and whoever gave updates for them) that the scrutiny officer closed it.</summary>
public sealed record SendClosedNotice(string OwnerEmail) : RecommendationEffect;

/// <summary>Tell the former owner it is no longer theirs.</summary>
public sealed record SendHandedOnNotice(string FormerOwnerEmail) : RecommendationEffect;

public static class RecommendationEffects
{
    public static IReadOnlyList<RecommendationEffect> Of(IReadOnlyList<RecommendationEvent> events, RecommendationState after) =>
        [.. events.SelectMany(@event => @event switch
        {
            UpdateRequested e => [new SendUpdateRequest(after.Owner!.Email, e.Round)],
            UpdateReminderSent e => [new SendUpdateReminder(after.Owner!.Email, e.Round)],
            UpdateEscalated e => [new SendUpdateEscalation(after.Owner!.Email, e.ManagerEmail, e.Round)],
            UpdateDateChanged e => [new SendUpdateDateNotice(after.Owner!.Email, e.Round)],
            UpdateProvided e => [new SendUpdateReceived(e.Round)],
            RecommendationClosed => [new SendClosedNotice(after.Owner!.Email)],
            // The new owner is asked for the awaited update at once: the old one's request was not to them.
            OwnerChanged e => after.CurrentRound is { Awaited: true } round
                ? [new SendHandedOnNotice(e.From.Email), new SendUpdateRequest(e.To.Email, round.Round)]
                : (RecommendationEffect[])[new SendHandedOnNotice(e.From.Email)],
            _ => [],
        })];

    /// <summary>
    /// Whether an effect still makes sense when it is finally carried out: a chaser held up by a mail outage must
    /// not reach an owner who has since answered, or whose recommendation was closed or handed on.
    /// </summary>
    public static bool StillWanted(RecommendationEffect effect, RecommendationState now) => effect switch
    {
        SendUpdateRequest e => Awaited(now, e.OwnerEmail, e.Round),
        SendUpdateReminder e => Awaited(now, e.OwnerEmail, e.Round),
        SendUpdateEscalation e => Awaited(now, e.OwnerEmail, e.Round),
        _ => true,
    };

    private static bool Awaited(RecommendationState state, string ownerEmail, int round) =>
        state.Status == RecommendationStatus.Open && state.Owner?.Email == ownerEmail && state.CurrentRound is { Awaited: true } current && current.Round == round;
}
