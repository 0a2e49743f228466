using ScrutinyWorkflow.Core.Reviews;

namespace ScrutinyWorkflow.Core.Decisions;

/// <summary>Where one remedy the council agreed to stands against its date.</summary>
public enum RemedyStanding
{
    /// <summary>Not evidenced, and its date is still to come.</summary>
    NotYetDue,

    /// <summary>Not evidenced, and its date has passed.</summary>
    Outstanding,

    /// <summary>Evidenced on or before its date (early counts as on time).</summary>
    OnTime,

    /// <summary>Evidenced after its date.</summary>
    Late,
}

/// <summary>
/// A remedy being followed: which decision it belongs to, its date, and when the evidence that the scrutiny officer
/// accepted was given (null while none has been accepted).
/// </summary>
/// <param name="EvidencedAt">
/// When the service gave the evidence that was accepted, not when the scrutiny officer got round to accepting it: a
/// slow check by the scrutiny team must not make the service late. Council-local time.
/// </param>
public sealed record TrackedRemedy(string DecisionReference, int Number, RemedyKind Kind, DateOnly Due, DateTimeOffset? EvidencedAt)
{
    /// <summary>
    /// Where it stands at <paramref name="now"/>. A remedy is due by the end of its day: evidence given on the due date
    /// is on time, and one with no evidence is outstanding from the next day.
    /// </summary>
    public RemedyStanding StandingAt(DateTimeOffset now) => EvidencedAt switch
    {
        { } given when DateOnly.FromDateTime(given.DateTime) <= Due => RemedyStanding.OnTime,
        not null => RemedyStanding.Late,
        null when DateOnly.FromDateTime(now.DateTime) > Due => RemedyStanding.Outstanding,
        null => RemedyStanding.NotYetDue,
    };
}

/// <summary>How many remedies stand where.</summary>
public sealed record RemedyTally(int OnTime, int Late, int Outstanding, int NotYetDue)
{
    public static RemedyTally Empty { get; } = new(0, 0, 0, 0);

    /// <summary>Remedies that have fallen due or been done: every one but those not yet due.</summary>
    public int Due => OnTime + Late + Outstanding;

    /// <summary>Done on time as a share of <see cref="Due"/>; null when nothing was due, which is not the same as 0%.</summary>
    public decimal? OnTimeRate => Due == 0 ? null : Math.Round(100m * OnTime / Due, 1);

    /// <summary>Done at all (on time or late) as a share of <see cref="Due"/>.</summary>
    public decimal? DoneRate => Due == 0 ? null : Math.Round(100m * (OnTime + Late) / Due, 1);

    public static RemedyTally Of(IEnumerable<TrackedRemedy> remedies, DateTimeOffset now) => Count(remedies.Select(r => r.StandingAt(now)));

    public static RemedyTally Count(IEnumerable<RemedyStanding> standings) =>
        standings.Aggregate(Empty, (tally, standing) => standing switch
        {
            RemedyStanding.OnTime => tally with { OnTime = tally.OnTime + 1 },
            RemedyStanding.Late => tally with { Late = tally.Late + 1 },
            RemedyStanding.Outstanding => tally with { Outstanding = tally.Outstanding + 1 },
            _ => tally with { NotYetDue = tally.NotYetDue + 1 },
        });
}

/// <summary>The remedy compliance a monthly decisions paper reports.</summary>
/// <param name="DueInMonth">Remedies whose date fell in the month, as they stand now.</param>
/// <param name="OutstandingFromEarlier">Remedies due before the month that are still not evidenced.</param>
/// <param name="Year">The Ombudsman's year (April to March) the month falls in, to date.</param>
public sealed record MonthCompliance(YearMonth Month, RemedyTally DueInMonth, IReadOnlyList<TrackedRemedy> OutstandingFromEarlier, YearCompliance Year);

/// <summary>
/// A year's compliance, counted as the Ombudsman counts it: the Ombudsman's year runs from 1 April to 31 March (its
/// annual review letters cover that year), and a remedy belongs to the year its date falls in.
/// </summary>
/// <remarks>
/// The rate is remedies evidenced on time ÷ remedies due, where "due" means the remedy's date has passed or it has
/// been evidenced already (done early counts at once rather than waiting for its date). Late compliance is counted
/// apart, as the Ombudsman reports it apart, and is in <see cref="RemedyTally.DoneRate"/>. The Ombudsman's own
/// published figure counts cases (a case complies when every remedy in it does); <see cref="ByDecision"/> counts the
/// same way, so the two can sit side by side, and <see cref="ByRemedy"/> gives the finer figure services act on.
/// </remarks>
public sealed record YearCompliance(int FirstYear, RemedyTally ByRemedy, RemedyTally ByDecision)
{
    /// <summary>"2024/25", as the Ombudsman names its years.</summary>
    public string Name => $"{FirstYear}/{(FirstYear + 1) % 100:D2}";

    public DateOnly Starts => new(FirstYear, 4, 1);

    public DateOnly Ends => new(FirstYear + 1, 3, 31);

    /// <summary>The first calendar year of the Ombudsman's year <paramref name="date"/> falls in.</summary>
    public static int FirstYearOf(DateOnly date) => date.Month >= 4 ? date.Year : date.Year - 1;

    public static YearCompliance Of(int firstYear, IEnumerable<TrackedRemedy> remedies, DateTimeOffset now)
    {
        var inYear = remedies.Where(r => FirstYearOf(r.Due) == firstYear).ToList();
        // A decision stands as its worst remedy does: outstanding beats late beats not yet due beats on time.
        var byDecision = inYear.GroupBy(r => r.DecisionReference).Select(g => g.Select(r => r.StandingAt(now)).MaxBy(Worst));
        return new YearCompliance(firstYear, RemedyTally.Of(inYear, now), RemedyTally.Count(byDecision));
    }

    private static int Worst(RemedyStanding standing) => standing switch
    {
        RemedyStanding.OnTime => 0,
        RemedyStanding.NotYetDue => 1,
        RemedyStanding.Late => 2,
        _ => 3,
    };
}

public static class RemedyCompliance
{
    public static MonthCompliance ForMonth(YearMonth month, IReadOnlyCollection<TrackedRemedy> remedies, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(remedies);
        var first = new DateOnly(month.Year, month.Month, 1);
        var next = first.AddMonths(1);
        var dueInMonth = remedies.Where(r => r.Due >= first && r.Due < next);
        var earlier = remedies.Where(r => r.Due < first && r.StandingAt(now) == RemedyStanding.Outstanding).OrderBy(r => r.Due).ToList();
        return new MonthCompliance(month, RemedyTally.Of(dueInMonth, now), earlier, YearCompliance.Of(YearCompliance.FirstYearOf(first), remedies, now));
    }
}
