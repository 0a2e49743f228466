using ScrutinyWorkflow.Core.Decisions;
using ScrutinyWorkflow.Core.Recommendations;
using ScrutinyWorkflow.Core.Reviews;
using ScrutinyWorkflow.Core.Statements;

namespace ScrutinyWorkflow.Web.ReviewPages;

/// <summary>
/// One follow-up on the review's page: the panel's recommendation (R1...) or a remedy's evidence (M1...), its owner,
/// where it stands in the panel's words (<see cref="RecommendationProgressRow.Status"/>), the owner's latest words, and
/// what the scrutiny team can do with it now (the decider has the last word).
/// </summary>
public sealed record FollowUpLine(
    string Id,
    string Text,
    string Owner,
    RecommendationStanding Standing,
    string Status,
    string Colour,
    DateOnly? Due,
    string? OwnersWords,
    string? WordsGiven,
    string? ClosingNote,
    bool Open,
    bool Awaited,
    RemedyFacts? Remedy = null)
{
    public bool IsRemedy => Remedy is not null;
}

/// <summary>
/// A remedy's decision, kind, date and where it stands against that date; <see cref="Standing"/> is null for one
/// compliance does not count (closed as no longer needed, <see cref="ReviewState.TrackedRemedies"/>).
/// </summary>
public sealed record RemedyFacts(string DecisionReference, string Kind, DateOnly Due, RemedyStanding? Standing, string StandingText, string Colour);

/// <summary>One decision of a monthly decisions review, as the page lists it.</summary>
public sealed record DecisionLine(string Reference, DateOnly DecisionDate, string Category, string Finding, string Officer, int Remedies);

public static class FollowUpLines
{
    /// <summary>The review's follow-ups, recommendations then remedies, each in the order made.</summary>
    public static IReadOnlyList<FollowUpLine> Of(ReviewState review, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(review);
        var tracked = review.TrackedRemedies.ToDictionary(r => (r.DecisionReference, r.Number));
        return [.. review.FollowUpsInOrder
            .Where(f => f.Status != RecommendationStatus.None)
            .Select(f => Line(f, RemedyOf(review, f.RecommendationId, tracked), now))];
    }

    /// <summary>The remedy a follow-up asks evidence of, with how compliance counts it (null when it does not).</summary>
    private static (RecordedDecision Decision, RecordedRemedy Remedy, TrackedRemedy? Tracked)? RemedyOf(
        ReviewState review, string followUpId, Dictionary<(string, int), TrackedRemedy> tracked)
    {
        if (review.DecisionOfRemedy(followUpId) is not { } decision)
        {
            return null;
        }
        var remedy = decision.Remedies.First(r => r.FollowUpId == followUpId);
        return (decision, remedy, tracked.GetValueOrDefault((decision.Reference, remedy.Number)));
    }

    public static IReadOnlyList<DecisionLine> Decisions(ReviewState review)
    {
        ArgumentNullException.ThrowIfNull(review);
        return [.. review.Decisions.Select(d => new DecisionLine(d.Reference, d.DecisionDate, d.Category, FindingWords(d.Finding),
            d.OfficerEmail is { } email ? AuditSentences.Person(review, email) : "Not asked: not upheld", d.Remedies.Count))];
    }

    public static string FindingWords(DecisionFinding finding) => finding switch
    {
        DecisionFinding.UpheldWithInjustice => "Fault causing injustice",
        DecisionFinding.FaultWithoutInjustice => "Fault, no injustice",
        DecisionFinding.NotUpheld => "No fault",
        DecisionFinding.NotInvestigated => "Not investigated",
        _ => "Premature",
    };

    private static FollowUpLine Line(RecommendationState followUp, (RecordedDecision Decision, RecordedRemedy Remedy, TrackedRemedy? Tracked)? remedy, DateTimeOffset now)
    {
        var row = RecommendationProgressRows.From(followUp, now);
        var round = followUp.CurrentRound;
        var open = followUp.Status == RecommendationStatus.Open;
        RemedyFacts? facts = null;
        if (remedy is { Tracked: { } tracked } r)
        {
            var standing = tracked.StandingAt(now);
            facts = new RemedyFacts(r.Decision.Reference, KindWords(r.Remedy.Kind, r.Remedy.Amount), r.Remedy.Due, standing, DecisionsPaper.Describe(standing), StandingColour(standing));
        }
        else if (remedy is { } withdrawn)
        {
            // As the paper counts it: neither on time, late nor outstanding.
            facts = new RemedyFacts(withdrawn.Decision.Reference, KindWords(withdrawn.Remedy.Kind, withdrawn.Remedy.Amount), withdrawn.Remedy.Due, null, $"Not counted: {RecommendationClosure.NoLongerNeeded.Describe()}", "grey");
        }
        return new FollowUpLine(
            followUp.RecommendationId,
            remedy is { } x && string.IsNullOrWhiteSpace(followUp.Text) ? x.Remedy.Text : followUp.Text,
            string.IsNullOrWhiteSpace(row.Designation) ? row.Owner : $"{row.Owner}, {row.Designation}",
            row.Standing, row.Status, Colour(row.Standing),
            round?.Due, row.OwnersWords, row.WordsGivenAt is { } given ? AuditSentences.When(given) : null, row.ClosingNote,
            open, open && round is { Awaited: true }, facts);
    }

    public static string Colour(RecommendationStanding standing) => standing switch
    {
        RecommendationStanding.UpdateOverdue => "red",
        RecommendationStanding.ReportedDone => "orange",
        RecommendationStanding.Closed => "green",
        RecommendationStanding.InProgress => "light-blue",
        _ => "blue",
    };

    private static string StandingColour(RemedyStanding standing) => standing switch
    {
        RemedyStanding.OnTime => "green",
        RemedyStanding.Late => "yellow",
        RemedyStanding.Outstanding => "red",
        _ => "grey",
    };

    private static string KindWords(RemedyKind kind, decimal? amount) => kind switch
    {
        RemedyKind.Apology => "Apology",
        RemedyKind.FinancialRedress => amount is { } pounds ? $"Payment of \u00a3{pounds.ToString("N2", System.Globalization.CultureInfo.InvariantCulture)}" : "Payment",
        // "ServiceImprovement" reads "Service improvement".
        _ => string.Concat(kind.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? $" {char.ToLowerInvariant(c)}" : c.ToString())),
    };
}
