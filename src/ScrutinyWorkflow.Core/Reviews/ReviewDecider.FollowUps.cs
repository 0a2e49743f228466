using ScrutinyWorkflow.Core.Decisions;
using ScrutinyWorkflow.Core.Recommendations;

namespace ScrutinyWorkflow.Core.Reviews;

/// <summary>
/// The monthly decisions review and the follow-ups a review carries (issue 26). A follow-up's own rules are
/// <see cref="RecommendationDecider"/>'s; this file only says when a review has one, names it, and wraps what that
/// decider decides in <see cref="FollowUpChanged"/>.
/// </summary>
public sealed partial class ReviewDecider
{
    /// <summary>What the service's officer is asked about each upheld decision, in the council's own words.</summary>
    public const string LearningQuestion =
        "What has the service learned from this decision, and what has it changed as a result? Where the council agreed remedies, say how each is being done.";

    /// <summary>
    /// Who recorded a remedy's follow-up: the scrutiny team, who checked the remedies when drafting the review. The
    /// command carries no person (a dispatch is the team's act), and the panel did not make the remedies, the Ombudsman did.
    /// </summary>
    public const string RemediesRecordedBy = "scrutiny team";

    private Decision DraftDecisions(DraftDecisionsReview c, ReviewState state)
    {
        if (CheckNew(state) is { } refusal)
        {
            return refusal;
        }
        if (CheckDecisionsReview(c) is { Count: > 0 } problems)
        {
            return Invalid(problems);
        }
        var month = c.Month!.Value;
        var questions = 0;
        var remedies = 0;
        var decisions = new List<RecordedDecision>();
        foreach (var decision in c.Decisions)
        {
            decisions.Add(Recorded(decision, ref questions, ref remedies));
        }
        var areas = decisions.Zip(c.Decisions)
            .Where(pair => pair.First.QuestionId is not null)
            .Select(pair => new AreaOfFocus(
                $"{pair.First.Reference}: {pair.First.Category}",
                [new Question(pair.First.QuestionId!, LearningQuestion, [pair.First.OfficerEmail!], RoutedBy: pair.Second.RoutedBy)]))
            .ToList();
        return Decision.Accept(
            new ReviewDrafted(
                c.ReviewId,
                new FocusReport($"Ombudsman decisions: {month.ToDisplayString()}", month),
                new Panel(c.PanelName!.Trim(), Officer.NormaliseEmail(c.PanelEmail!)),
                c.MeetingDate!.Value,
                c.Deadline!.Value,
                areas,
                OfficersNamed(decisions.Select(d => d.OfficerEmail).OfType<string>(), c.KnownOfficers),
                c.Now),
            new DecisionsRecorded(month, decisions, c.Now));
    }

    /// <summary>A decision as checked; an upheld one takes the next question number, and its remedies the next remedy numbers.</summary>
    private static RecordedDecision Recorded(DecisionInput d, ref int questions, ref int remedies)
    {
        var upheld = d.Finding!.Value.IsUpheld();
        var numbered = new List<RecordedRemedy>();
        foreach (var remedy in d.Remedies)
        {
            remedies++;
            numbered.Add(new RecordedRemedy(remedies, remedy.Kind, remedy.Text!.Trim(), remedy.Amount, remedy.Due!.Value, FollowUpIds.Remedy(remedies)));
        }
        return new RecordedDecision(
            d.Reference!.Trim(),
            d.DecisionDate!.Value,
            d.Category!.Trim(),
            d.Finding.Value,
            d.Summary?.Trim() ?? "",
            string.IsNullOrWhiteSpace(d.OfficerEmail) ? null : Officer.NormaliseEmail(d.OfficerEmail),
            upheld ? QuestionIds.Question(++questions) : null,
            numbered);
    }

    /// <summary>
    /// Once a decisions review is sent, each remedy is followed up with its decision's officer: evidence that it was
    /// done is asked for by its date and chased as <see cref="RemedyChasing"/> says. A date already past is still asked
    /// for: the remedy is outstanding, not refused, and is raised with the officer's manager at the next chase time.
    /// </summary>
    private List<ReviewEvent> RemediesFollowedUp(ReviewState state, DateTimeOffset now)
    {
        var source = new RecommendationSource(RecommendationSubject.Remedy, state.ReviewId, state.FocusReport!.Title);
        var events = new List<ReviewEvent>();
        foreach (var decision in state.Decisions)
        {
            foreach (var remedy in decision.Remedies)
            {
                var owner = state.OfficerOrAddress(decision.OfficerEmail!);
                events.Add(new FollowUpChanged(remedy.FollowUpId, new RecommendationRecorded(remedy.FollowUpId, source, remedy.Text, owner, RemediesRecordedBy, now), now));
                events.Add(new FollowUpChanged(remedy.FollowUpId, new UpdateRequested(1, remedy.Due, RemedyChasing.For(remedy.Due, policy, calendar, now.DateTime), now), now));
            }
        }
        return events;
    }

    private Decision Recommend(RecordPanelRecommendation c, ReviewState state)
    {
        if (state.Status == ReviewStatus.None)
        {
            return NotFound();
        }
        if (!state.IsReleased)
        {
            return Decision.Reject(RejectionCodes.NotReleased,
                "The panel's recommendations are recorded after the panel has had the statement: release it first.");
        }
        var id = FollowUpIds.Recommendation(state.PanelRecommendations.Count() + 1);
        var subject = state.Kind == ReviewKind.Decisions ? RecommendationSubject.DecisionsPaper : RecommendationSubject.Review;
        var command = new RecordRecommendation(id, new RecommendationSource(subject, state.ReviewId, state.FocusReport!.Title), c.Text, c.Owner, c.UpdateDue, c.By, c.Now);
        return Wrapped(id, FollowUpDecider.Decide(command, RecommendationState.Initial));
    }

    private Decision Act(ActOnFollowUp c, ReviewState state)
    {
        if (state.Status == ReviewStatus.None)
        {
            return NotFound();
        }
        if (!state.FollowUps.TryGetValue(c.FollowUpId, out var followUp))
        {
            return Decision.Reject(RejectionCodes.NotFound, "There is no such recommendation or remedy.");
        }
        // Recording and chasing are the review's own acts (RecordPanelRecommendation, ProcessDueTimers), never a caller's.
        if (c.Command is RecordRecommendation or ProcessRecommendationTimers)
        {
            return Decision.Reject(RejectionCodes.Invalid, "A recommendation is recorded against its review and chased by the scheduler, not through one of its follow-ups.");
        }
        return Wrapped(c.FollowUpId, FollowUpDecider.Decide(c.Command, followUp));
    }

    /// <summary>Every follow-up whose chaser is due, in the order pages list them.</summary>
    private IEnumerable<ReviewEvent> FollowUpTimers(ReviewState state, DateTimeOffset now)
    {
        var decider = FollowUpDecider;
        var timers = new ProcessRecommendationTimers(now);
        return state.FollowUpsInOrder
            .Where(f => f.NextDue <= now.DateTime)
            .SelectMany(f => decider.Decide(timers, f) is RecommendationAccepted accepted ? Wrap(f.RecommendationId, accepted.Events) : []);
    }

    private static Decision RecordCompliance(RecordPublishedCompliance c, ReviewState state)
    {
        if (state.Status == ReviewStatus.None)
        {
            return NotFound();
        }
        if (state.Kind != ReviewKind.Decisions)
        {
            return Decision.Reject(RejectionCodes.NotDecisionsReview, "The Ombudsman's compliance figures are kept with a monthly decisions review.");
        }
        var problems = new List<Problem>();
        if (c.FirstYear is < 2000 or > 2100)
        {
            problems.Add(new("firstYear", $"{c.FirstYear} is not a year the Ombudsman has published figures for: give the year its April starts in (for example 2025 for 2025/26)."));
        }
        if (c.Percent is not { } percent)
        {
            problems.Add(new("percent", "Give the Ombudsman's published compliance figure, in percent."));
        }
        else if (percent is < 0 or > 100)
        {
            problems.Add(new("percent", "A compliance figure is a percentage from 0 to 100."));
        }
        if (problems.Count > 0)
        {
            return Invalid(problems);
        }
        return state.PublishedCompliance.TryGetValue(c.FirstYear, out var recorded) && recorded == c.Percent
            ? Decision.Accept()
            : Decision.Accept(new PublishedComplianceRecorded(c.FirstYear, c.Percent!.Value, c.Now));
    }

    private List<Problem> CheckDecisionsReview(DraftDecisionsReview c)
    {
        var problems = new List<Problem>();
        if (c.Month is null)
        {
            problems.Add(new("month", "Give the month the decisions were made in, as yyyy-MM (for example 2026-11)."));
        }
        problems.AddRange(CheckPanelAndDates(c.PanelName, c.PanelEmail, c.MeetingDate, c.Deadline, c.Now));
        if (c.Decisions.Count == 0)
        {
            problems.Add(new("decisions", "A decisions review needs at least one of the Ombudsman's decisions."));
        }
        else if (c.Decisions.Count > DecisionStatementReader.MaxDecisions)
        {
            problems.Add(new("decisions", $"This review has {c.Decisions.Count:N0} decisions; one review may hold at most {DecisionStatementReader.MaxDecisions:N0}."));
            return problems;
        }
        var known = KnownAddresses(c.KnownOfficers);
        var references = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var d = 0; d < c.Decisions.Count; d++)
        {
            problems.AddRange(CheckDecision(c.Decisions[d], $"decisions[{d}]", known, references));
        }
        return problems;
    }

    private static IEnumerable<Problem> CheckDecision(DecisionInput decision, string path, HashSet<string> known, HashSet<string> references)
    {
        if (CheckLine(decision.Reference, $"{path}.reference", "the decision's reference", MaxLineLength) is { } reference)
        {
            yield return reference;
        }
        else if (!references.Add(decision.Reference!.Trim()))
        {
            yield return new($"{path}.reference", $"Decision {decision.Reference.Trim()} appears more than once.");
        }
        if (decision.DecisionDate is null)
        {
            yield return new($"{path}.decisionDate", "Give the date of the decision as yyyy-MM-dd.");
        }
        if (CheckLine(decision.Category, $"{path}.category", "the decision's category (for example Housing)", MaxLineLength) is { } category)
        {
            yield return category;
        }
        if (decision.Finding is null)
        {
            yield return new($"{path}.finding", "Say what the Ombudsman found.");
        }
        if (decision.Summary is { } summary && Cut(summary).Length > DecisionStatementReader.MaxSummaryLength)
        {
            yield return new($"{path}.summary", $"The summary is longer than {DecisionStatementReader.MaxSummaryLength:N0} characters.");
        }
        var upheld = decision.Finding?.IsUpheld() == true;
        if (string.IsNullOrWhiteSpace(decision.OfficerEmail))
        {
            if (upheld)
            {
                yield return new($"{path}.officer", "Name the service's officer who is asked what was learned from this upheld decision.");
            }
        }
        else if (CheckDirectoryOfficer(decision.OfficerEmail, known, $"{path}.officer") is { } officer)
        {
            yield return officer;
        }
        if (decision.Finding is { } finding && !upheld && decision.Remedies.Count > 0)
        {
            yield return new($"{path}.remedies",
                $"The Ombudsman did not uphold this decision ({finding.Describe()}), so the council has no remedies to carry out for it: remove them, or correct the finding.");
            yield break;
        }
        for (var r = 0; r < decision.Remedies.Count; r++)
        {
            var remedy = decision.Remedies[r];
            if (CheckLine(remedy.Text, $"{path}.remedies[{r}].text", "what the council agreed to do", DecisionStatementReader.MaxRemedyLength) is { } text)
            {
                yield return text;
            }
            if (remedy.Due is null)
            {
                yield return new($"{path}.remedies[{r}].due", "Give the date the remedy is due by, as yyyy-MM-dd.");
            }
            if (remedy.Amount is < 0)
            {
                yield return new($"{path}.remedies[{r}].amount", "A payment cannot be less than nothing.");
            }
        }
    }

    /// <summary>A line that must be given, no longer than <paramref name="max"/> (with the "…" the reader puts on one it cut short).</summary>
    private static Problem? CheckLine(string? text, string field, string what, int max)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return new(field, $"Give {what}.");
        }
        return Cut(text).Length > max ? new(field, $"This is longer than {max:N0} characters.") : null;
    }

    /// <summary>The text without the "…" the decision reader ends a passage it cut short with, so its own output passes.</summary>
    private static string Cut(string text) => text.Trim().TrimEnd('…');

    private RecommendationDecider FollowUpDecider => new(policy, calendar);

    private static Decision Wrapped(string followUpId, RecommendationDecision decision) => decision switch
    {
        RecommendationAccepted accepted => Decision.Accept(Wrap(followUpId, accepted.Events)),
        RecommendationRejected rejected => new Rejected(rejected.Rejection),
        _ => throw new ArgumentOutOfRangeException(nameof(decision), decision.GetType().Name, "Unknown recommendation decision."),
    };

    private static List<ReviewEvent> Wrap(string followUpId, IEnumerable<RecommendationEvent> events) =>
        [.. events.Select(e => new FollowUpChanged(followUpId, e, e.At))];
}
