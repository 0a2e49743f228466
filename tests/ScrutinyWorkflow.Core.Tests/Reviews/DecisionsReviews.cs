using ScrutinyWorkflow.Core.Decisions;
using ScrutinyWorkflow.Core.Recommendations;
using ScrutinyWorkflow.Core.Reviews;
using static ScrutinyWorkflow.Core.Tests.Reviews.Reviews;

namespace ScrutinyWorkflow.Core.Tests.Reviews;

/// <summary>
/// November 2026's decisions about the council, reviewed by the same panel on the same dates as <see cref="Reviews"/>:
/// 24 001 234 (housing, upheld, remedies M1 and M2), 24 005 678 (adult care, not upheld) and 24 009 999 (children's
/// care, fault without injustice, remedy M3).
/// </summary>
internal static class DecisionsReviews
{
    public static readonly YearMonth November = new(2026, 11);

    public static readonly Actor ScrutinyOfficer = Actor.ScrutinyOfficer("scrutiny@council.example");

    /// <summary>Friday 8 January 2027, Friday 15 January 2027 and Friday 26 February 2027.</summary>
    public static readonly DateOnly ApologyDue = new(2027, 1, 8);
    public static readonly DateOnly PaymentDue = new(2027, 1, 15);
    public static readonly DateOnly ProcedureDue = new(2027, 2, 26);

    public static IReadOnlyList<DecisionInput> NovembersDecisions() =>
    [
        new("24 001 234", new DateOnly(2026, 11, 10), "Housing", DecisionFinding.UpheldWithInjustice,
            "The council delayed a homelessness review.", Housing.Email,
            [new(RemedyKind.Apology, "Apologise to Mr X.", null, ApologyDue), new(RemedyKind.FinancialRedress, "Pay Mr X £300 for distress.", 300m, PaymentDue)]),
        new("24 005 678", new DateOnly(2026, 11, 18), "Adult care services", DecisionFinding.NotUpheld, "No fault in a care assessment.", null, []),
        new("24 009 999", new DateOnly(2026, 11, 25), "Children's care services", DecisionFinding.FaultWithoutInjustice,
            "Records of a visit were late.", Head.Email,
            [new(RemedyKind.ProcedureChange, "Review how visit records are kept.", null, ProcedureDue)]),
    ];

    public static DraftDecisionsReview DraftDecisions(IReadOnlyList<DecisionInput>? decisions = null) =>
        new(Id, November, ThePanel.Name, ThePanel.Email, Meeting, Deadline, decisions ?? NovembersDecisions(), Council, Start);

    /// <summary>Drafted and sent: Q1 (24 001 234) is asked of Housing as A1, Q2 (24 009 999) of Head as A2; M1 to M3 are followed up.</summary>
    public static DeciderSpecification GivenDecisionsDispatched(this DeciderSpecification spec, IReadOnlyList<DecisionInput>? decisions = null) =>
        spec.GivenCommands(DraftDecisions(decisions), new DispatchReview(Start));

    /// <summary>A focus report's review sent, closed early and released to the panel on Tuesday 15 December 2026.</summary>
    public static DeciderSpecification GivenReleased(this DeciderSpecification spec) =>
        spec.GivenDispatched().GivenCommands(new CloseEarly("The panel asked for the statement early.", At(2026, 12, 15)), new ReleaseStatement(At(2026, 12, 15, 11)));

    public static RecordPanelRecommendation Recommend(Actor? by = null, DateTimeOffset? now = null) =>
        new("Report quarterly on bed and breakfast placements of 16 and 17 year olds.", Head, new DateOnly(2027, 2, 5), by ?? ScrutinyOfficer, now ?? At(2026, 12, 16));

    public static IEnumerable<T> Changes<T>(this IEnumerable<ReviewEvent> events, string followUpId) =>
        events.OfType<FollowUpChanged>().Where(e => e.FollowUpId == followUpId).Select(e => e.Change).OfType<T>();
}
