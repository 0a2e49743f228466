using ScrutinyWorkflow.Core.Decisions;
using ScrutinyWorkflow.Core.Recommendations;

namespace ScrutinyWorkflow.Core.Reviews;

// Between focus reports the same review engine runs two more kinds of work (issue 26), inside the review's own stream
// so that both runtimes, the timers, the effects and the links carry them unchanged:
// - a monthly decisions review: the Ombudsman's decisions about the council that month, each upheld one a question to
//   its service's officer (the learning), each of its remedies a follow-up owned by that officer (evidence by its date);
// - follow-ups: the panel's recommendations recorded against a review once its statement (or decisions paper) has
//   gone to the panel, and the remedies above. Each follow-up is decided by RecommendationDecider on its own state and
//   its events are kept wrapped in FollowUpChanged, so the rules of asking, chasing and closing live in one place.

/// <summary>What a review is about: a focus report's key questions, or a month's Ombudsman decisions about the council.</summary>
public enum ReviewKind
{
    FocusReport,
    Decisions,
}

/// <summary>
/// One remedy of a decision, as the scrutiny officer checked it. <paramref name="Due"/> may already have passed (a
/// remedy agreed months ago): it is then outstanding from the start, not refused.
/// </summary>
public sealed record RemedyInput(RemedyKind Kind, string? Text, decimal? Amount, DateOnly? Due);

/// <summary>
/// One decision about the council, as the scrutiny officer checked it (null where she left a field unreadable, so the
/// decider lists every problem at once). <paramref name="OfficerEmail"/> is the service's officer asked for the
/// learning and the remedies' evidence; required for an upheld decision only.
/// </summary>
public sealed record DecisionInput(
    string? Reference,
    DateOnly? DecisionDate,
    string? Category,
    DecisionFinding? Finding,
    string? Summary,
    string? OfficerEmail,
    IReadOnlyList<RemedyInput> Remedies,
    RoutingChoice? RoutedBy = null);

/// <summary>
/// Start a monthly decisions review: the month's decisions, the panel that gets the paper and when, and the date the
/// learning is due. Like <see cref="DraftReview"/> it makes a draft; dispatch asks the officers.
/// </summary>
public sealed record DraftDecisionsReview(
    string ReviewId,
    YearMonth? Month,
    string? PanelName,
    string? PanelEmail,
    DateOnly? MeetingDate,
    DateOnly? Deadline,
    IReadOnlyList<DecisionInput> Decisions,
    IReadOnlyList<Officer> KnownOfficers,
    DateTimeOffset Now) : ReviewCommand(Now);

/// <summary>
/// The panel made a recommendation on this review's statement (or decisions paper): record it with its owner and the
/// date their first update is due. The decider names it (R1, R2...) and says what it was made against.
/// </summary>
public sealed record RecordPanelRecommendation(string? Text, Officer? Owner, DateOnly? UpdateDue, Actor By, DateTimeOffset Now) : ReviewCommand(Now);

/// <summary>
/// Anything else asked of one follow-up (a recommendation, or a remedy's evidence): ask for the next update, move its
/// date, give an update, close it, hand it to another owner. <see cref="RecommendationCommand.Now"/> is the command's time.
/// </summary>
public sealed record ActOnFollowUp(string FollowUpId, RecommendationCommand Command) : ReviewCommand(Command.Now);

/// <summary>The scrutiny officer enters the Ombudsman's published compliance figure for a year (April to March), in percent.</summary>
public sealed record RecordPublishedCompliance(int FirstYear, decimal? Percent, DateTimeOffset Now) : ReviewCommand(Now);

/// <summary>
/// One remedy as recorded. <see cref="FollowUpId"/> names the follow-up that asks for its evidence (M1, M2...), made
/// when the review is sent.
/// </summary>
public sealed record RecordedRemedy(int Number, RemedyKind Kind, string Text, decimal? Amount, DateOnly Due, string FollowUpId);

/// <summary>
/// One decision as recorded. <see cref="QuestionId"/> is the learning question asked of <see cref="OfficerEmail"/> for
/// an upheld decision; null for one not upheld (it is reported, not asked about).
/// </summary>
public sealed record RecordedDecision(
    string Reference,
    DateOnly DecisionDate,
    string Category,
    DecisionFinding Finding,
    string Summary,
    string? OfficerEmail,
    string? QuestionId,
    IReadOnlyList<RecordedRemedy> Remedies);

/// <summary>The review is a monthly decisions review: these are the month's decisions. Recorded with <see cref="ReviewDrafted"/>.</summary>
public sealed record DecisionsRecorded(YearMonth Month, IReadOnlyList<RecordedDecision> Decisions, DateTimeOffset At) : ReviewEvent(At);

/// <summary>Something happened to one follow-up; <see cref="Change"/> is the follow-up's own event.</summary>
public sealed record FollowUpChanged(string FollowUpId, RecommendationEvent Change, DateTimeOffset At) : ReviewEvent(At);

/// <summary>The Ombudsman's published compliance figure for the year beginning 1 April <see cref="FirstYear"/>, as entered.</summary>
public sealed record PublishedComplianceRecorded(int FirstYear, decimal Percent, DateTimeOffset At) : ReviewEvent(At);

/// <summary>Mail about one follow-up (a request for an update, a chaser, a notice), carried out as the review's other effects are.</summary>
public sealed record FollowUpEffect(string FollowUpId, RecommendationEffect Effect) : ReviewEffect;

/// <summary>How follow-ups are named: R for the panel's recommendations, M for remedies, numbered in the order made.</summary>
public static class FollowUpIds
{
    public static string Recommendation(int number) => $"R{number}";

    public static string Remedy(int number) => $"M{number}";

    public static bool IsRemedy(string followUpId) => followUpId.StartsWith('M');

    public static int NumberOf(string followUpId) => QuestionIds.NumberOf(followUpId);
}
