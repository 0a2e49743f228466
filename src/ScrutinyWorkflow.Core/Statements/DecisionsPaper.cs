using ScrutinyWorkflow.Core.Decisions;
using ScrutinyWorkflow.Core.Reviews;

namespace ScrutinyWorkflow.Core.Statements;

/// <summary>
/// One remedy as the decisions paper lists it, with where it stands when the paper is made: null when compliance does
/// not count it (the scrutiny officer closed it as no longer needed).
/// </summary>
public sealed record PaperRemedy(int Number, RemedyKind Kind, string Text, decimal? Amount, DateOnly Due, RemedyStanding? Standing)
{
    public string KindInWords => Kind.Describe();

    /// <summary>"Payment of £300: ...", as every rendering says it.</summary>
    public string Describe() => Amount is { } amount
        ? $"{KindInWords} of {Money(amount)}: {Text}"
        : $"{KindInWords}: {Text}";

    public string StandingInWords => Standing is { } standing ? DecisionsPaper.Describe(standing) : DecisionsPaper.NotCounted;

    internal static string Money(decimal amount) =>
        amount == decimal.Truncate(amount)
            ? $"\u00a3{amount.ToString("#,0", System.Globalization.CultureInfo.InvariantCulture)}"
            : $"\u00a3{amount.ToString("#,0.00", System.Globalization.CultureInfo.InvariantCulture)}";
}

/// <summary>One of the month's decisions, upheld or not, as the paper reports it.</summary>
public sealed record PaperDecision(string Reference, DateOnly DecisionDate, string Category, DecisionFinding Finding, string Summary, IReadOnlyList<PaperRemedy> Remedies)
{
    public string FindingInWords => Finding.Describe();

    public bool IsUpheld => Finding.IsUpheld();
}

/// <summary>
/// The learning from one upheld decision: the service's answer to its learning question, printed as the position
/// statement prints an answer (<see cref="StatementRow"/>: the answer, its reporters, or "No response received by ...").
/// </summary>
public sealed record DecisionLearning(PaperDecision Decision, StatementRow Row);

/// <summary>The year's remedy compliance beside the Ombudsman's own published figure for that year, when entered.</summary>
public sealed record ComplianceAgainstPublished(YearCompliance Year, decimal? PublishedPercent)
{
    /// <summary>"75% of remedies due (6 of 8)", or that none has fallen due yet.</summary>
    public string ByRemedyInWords => Rate(Year.ByRemedy, "remedies", "remedy");

    public string ByDecisionInWords => Rate(Year.ByDecision, "decisions", "decision");

    public string PublishedInWords => PublishedPercent is { } percent
        ? $"{Percent(percent)} (the Ombudsman's published figure for {Year.Name})"
        : $"Not entered yet: the Ombudsman's figure for {Year.Name} has not been recorded";

    private string Rate(RemedyTally tally, string plural, string singular) => tally.OnTimeRate is { } rate
        ? $"{Percent(rate)} on time ({tally.OnTime} of {tally.Due} {(tally.Due == 1 ? singular : plural)} due)"
        : $"None fallen due yet in {Year.Name}";

    internal static string Percent(decimal value) => $"{value.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture)}%";
}

/// <summary>
/// The monthly paper a panel gets from a decisions review: every decision about the council that month (upheld or
/// not), the learning each upheld one drew from its service, how the remedies the council agreed stand (the month's,
/// those outstanding from earlier months, and the Ombudsman's year to date beside the Ombudsman's published figure),
/// and progress on the panel's earlier recommendations. Built once, rendered as Word and HTML alike.
/// </summary>
public sealed record DecisionsPaper(
    string ReviewId,
    Panel Panel,
    DateOnly MeetingDate,
    YearMonth Month,
    DateOnly CompiledOn,
    IReadOnlyList<PaperDecision> Decisions,
    IReadOnlyList<DecisionLearning> Learning,
    MonthCompliance Compliance,
    ComplianceAgainstPublished YearRate,
    IReadOnlyList<ProgressEntry> Progress,
    IReadOnlyDictionary<string, RichText> Answers,
    bool Released = false,
    DateOnly? ReleasedOn = null,
    int Version = 1)
{
    public string Title => TitleFor(Month);

    public static string TitleFor(YearMonth month) => $"Ombudsman decisions: {month.ToDisplayString()}";

    /// <summary>How many of the month's decisions were upheld, in the sentence every rendering opens with.</summary>
    public string Summary
    {
        get
        {
            var upheld = Decisions.Count(d => d.IsUpheld);
            return Decisions.Count switch
            {
                0 => $"The Ombudsman made no decisions about the council in {Month.ToDisplayString()}.",
                1 => $"The Ombudsman made 1 decision about the council in {Month.ToDisplayString()}; it was {(upheld == 1 ? "upheld" : "not upheld")}.",
                var n => $"The Ombudsman made {n} decisions about the council in {Month.ToDisplayString()}; {upheld} of them {(upheld == 1 ? "was" : "were")} upheld.",
            };
        }
    }

    /// <summary>The learning's answer as the panel reads it, or null when none came.</summary>
    public RichText? AnswerTo(DecisionLearning learning) => learning.Row.Answer is null ? null : Answers[learning.Row.QuestionId];

    /// <summary>
    /// The paper for a decisions review whose answers are assembled. <paramref name="otherRemedies"/> are the remedies
    /// of the council's other decisions reviews (the caller gathers them; this review's own are added here, and any the
    /// caller also gave are counted once); <paramref name="progress"/> is <see cref="RecommendationsProgress.For"/>'s.
    /// <paramref name="publishedElsewhere"/> holds the Ombudsman's published figures entered on other decisions reviews,
    /// by year: the figure comes once a year and she enters it on whichever month's review is open then, so every later
    /// paper of that year shows it. One entered on this review comes first.
    /// </summary>
    public static DecisionsPaper From(
        ReviewState state,
        IEnumerable<TrackedRemedy> otherRemedies,
        IReadOnlyList<ProgressEntry> progress,
        DateTimeOffset now,
        Func<string, RichText> parse,
        IReadOnlyDictionary<int, decimal>? publishedElsewhere = null)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(otherRemedies);
        ArgumentNullException.ThrowIfNull(parse);
        if (state.Kind != ReviewKind.Decisions || state.DecisionsMonth is not { } month || state.Panel is null || state.AssembledAt is not { } assembledAt)
        {
            throw new InvalidOperationException($"Review {state.ReviewId} is not a decisions review with its answers assembled.");
        }
        var own = CountedRemedies(state).ToList();
        var ownKeys = own.Select(r => (r.DecisionReference, r.Number)).ToHashSet();
        var remedies = own.Concat(otherRemedies.Where(r => !ownKeys.Contains((r.DecisionReference, r.Number)))).ToList();
        var standings = own.ToDictionary(r => (r.DecisionReference, r.Number), r => (RemedyStanding?)r.StandingAt(now));

        var decisions = state.Decisions.Select(d => new PaperDecision(
            d.Reference, d.DecisionDate, d.Category, d.Finding, d.Summary,
            [.. d.Remedies.Select(r => new PaperRemedy(r.Number, r.Kind, r.Text, r.Amount, r.Due,
                standings.GetValueOrDefault((d.Reference, r.Number))))])).ToList();
        var learning = state.Decisions.Zip(decisions)
            .Where(pair => pair.First.QuestionId is not null && pair.Second.IsUpheld)
            .Select(pair => new DecisionLearning(pair.Second, PositionStatement.RowOf(state, QuestionOf(state, pair.First))))
            .ToList();
        var compliance = RemedyCompliance.ForMonth(month, remedies, now);
        var published = state.PublishedCompliance.TryGetValue(compliance.Year.FirstYear, out var percent) ? percent
            : publishedElsewhere?.TryGetValue(compliance.Year.FirstYear, out var elsewhere) == true ? elsewhere
            : (decimal?)null;
        return new DecisionsPaper(
            state.ReviewId,
            state.Panel,
            state.MeetingDate,
            month,
            DateOnly.FromDateTime(assembledAt.DateTime),
            decisions,
            learning,
            compliance,
            new ComplianceAgainstPublished(compliance.Year, published),
            progress,
            learning.Where(l => l.Row.Answer is not null).ToDictionary(l => l.Row.QuestionId, l => parse(l.Row.Answer!)),
            state.IsReleased,
            state.ReleasedAt is { } released && state.IsReleased ? DateOnly.FromDateTime(released.DateTime) : null,
            Math.Max(state.StatementVersion, 1));
    }

    /// <summary>
    /// The remedies of a decisions review that compliance counts: <see cref="ReviewState.TrackedRemedies"/>, which says
    /// which count (not one closed as no longer needed) and when each was evidenced. A draft's remedies are not yet
    /// followed, so none are counted.
    /// </summary>
    public static IEnumerable<TrackedRemedy> CountedRemedies(ReviewState review)
    {
        ArgumentNullException.ThrowIfNull(review);
        return review.Kind != ReviewKind.Decisions || review.Status is ReviewStatus.None or ReviewStatus.Draft or ReviewStatus.Discarded
            ? []
            : review.TrackedRemedies;
    }

    /// <summary>A remedy compliance does not count, in the words of the paper's tables.</summary>
    public const string NotCounted = "No longer needed, so not counted";

    /// <summary>Where a remedy stands, in the words of the paper's tables.</summary>
    public static string Describe(RemedyStanding standing) => standing switch
    {
        RemedyStanding.OnTime => "Done on time",
        RemedyStanding.Late => "Done late",
        RemedyStanding.Outstanding => "Outstanding",
        _ => "Not yet due",
    };

    // The learning question is an ordinary question of the review; one taken out since still has its words.
    private static Question QuestionOf(ReviewState state, RecordedDecision decision) =>
        state.FindQuestion(decision.QuestionId!)
        ?? (state.Withdrawn.TryGetValue(decision.QuestionId!, out var withdrawn) ? withdrawn.Question : new Question(decision.QuestionId!, ReviewDecider.LearningQuestion, []));
}
