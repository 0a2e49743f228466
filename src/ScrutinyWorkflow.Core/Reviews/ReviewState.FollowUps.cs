using ScrutinyWorkflow.Core.Decisions;
using ScrutinyWorkflow.Core.Recommendations;

namespace ScrutinyWorkflow.Core.Reviews;

/// <summary>What the pages and papers read of a review's follow-ups and decisions.</summary>
public sealed partial record ReviewState
{
    /// <summary>The panel's recommendations, R1 first.</summary>
    public IEnumerable<RecommendationState> PanelRecommendations => FollowUpsInOrder.Where(f => !FollowUpIds.IsRemedy(f.RecommendationId));

    /// <summary>The remedies' follow-ups, M1 first.</summary>
    public IEnumerable<RecommendationState> RemedyFollowUps => FollowUpsInOrder.Where(f => FollowUpIds.IsRemedy(f.RecommendationId));

    /// <summary>The decision a remedy's follow-up (M1...) belongs to; null for a recommendation or an id not in the review.</summary>
    public RecordedDecision? DecisionOfRemedy(string followUpId) => Decisions.FirstOrDefault(d => d.Remedies.Any(r => r.FollowUpId == followUpId));

    /// <summary>Every follow-up: the panel's recommendations in number order, then the remedies in number order.</summary>
    public IEnumerable<RecommendationState> FollowUpsInOrder =>
        FollowUps.Values.OrderBy(f => FollowUpIds.IsRemedy(f.RecommendationId)).ThenBy(f => FollowUpIds.NumberOf(f.RecommendationId));

    /// <summary>
    /// The open follow-ups a person arriving through a link may give the update for: their own, or (through the
    /// manager's link) the ones of the officer's that were escalated to them. As for questions, a manager sees only
    /// what was raised with them.
    /// </summary>
    public IEnumerable<RecommendationState> FollowUpsFor(Respondent respondent) =>
        FollowUpsInOrder.Where(f =>
            f.Status == RecommendationStatus.Open
            && f.Owner?.Email == (respondent.OnBehalfOf ?? respondent.Email)
            && (respondent.OnBehalfOf is null || f.MayUpdate(Actor.LinkHolder(respondent.Email))));

    /// <summary>
    /// Every remedy of the month's decisions that compliance counts, in the order recorded. A remedy is evidenced when
    /// the scrutiny officer closed its follow-up as implemented, at the time the service said it was done (its latest
    /// update saying so before the close), or at the close when it never said so itself. One closed as no longer needed
    /// (the Ombudsman withdrew or replaced it) is left out: it is neither on time, late nor outstanding, where otherwise
    /// it would stand outstanding for ever. One closed as not implemented stays in, unevidenced.
    /// </summary>
    public IEnumerable<TrackedRemedy> TrackedRemedies =>
        Decisions.SelectMany(d => d.Remedies
            .Select(r => (Remedy: r, FollowUp: FollowUps.GetValueOrDefault(r.FollowUpId)))
            .Where(x => x.FollowUp?.Closed is not { Closure: RecommendationClosure.NoLongerNeeded })
            .Select(x => new TrackedRemedy(d.Reference, x.Remedy.Number, x.Remedy.Kind, x.Remedy.Due, EvidencedAt(x.FollowUp))));

    private static DateTimeOffset? EvidencedAt(RecommendationState? followUp)
    {
        if (followUp?.Closed is not { Closure: RecommendationClosure.Implemented } closed)
        {
            return null;
        }
        var done = followUp.Rounds
            .Select(r => r.Update)
            .Where(u => u is { Progress: RecommendationProgress.Done } && u.At <= closed.At)
            .Select(u => (DateTimeOffset?)u!.At)
            .Max();
        return done ?? closed.At;
    }
}
