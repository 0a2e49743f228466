using System.Collections.Immutable;
using ScrutinyWorkflow.Core.Calendar;
using ScrutinyWorkflow.Core.Decisions;
using ScrutinyWorkflow.Core.Recommendations;
using ScrutinyWorkflow.Core.Reviews;
using ScrutinyWorkflow.Core.Statements;

namespace ScrutinyWorkflow.Testing;

/// <summary>
/// November 2026's decisions review for the Corporate Scrutiny Panel's meeting on 14 January 2027, as its state stands
/// once its learning is assembled, with the council's other remedies and two earlier papers to the panel: the same
/// sample for the core, Word and HTML tests. Built straight from state so the papers can be tested before the decider
/// records decisions reviews.
/// </summary>
internal static class SampleDecisionsPapers
{
    public static readonly Panel CorporatePanel = new("Corporate Scrutiny Panel", "corporate.scrutiny@council.example");
    public static readonly YearMonth November = new(2026, 11);
    public static readonly DateOnly Meeting = new(2027, 1, 14);
    public static readonly DateOnly LearningDeadline = new(2027, 1, 6);

    /// <summary>Monday 11 January 2027, when the paper is made.</summary>
    public static readonly DateTimeOffset Now = At(2027, 1, 11);

    public static readonly Officer Asha = new("asha.patel@council.example", "Asha Patel", "Head of Adult Social Care Operations", null);
    public static readonly Officer Mark = new("mark.hughes@council.example", "Mark Hughes", "Housing Options Manager", null);
    public static readonly Officer Priya = new("priya.shah@council.example", "Priya Shah", "Head of Service, Children in Care", null);

    public const string AshaAnswer = """
        We have changed how hospital discharge referrals are allocated: every referral now goes to the **duty team** on the day it arrives.

        - waiting times are reported weekly to the head of service
        - the family has had our apology and the payment
        """;

    public static DateTimeOffset At(int year, int month, int day, int hour = 10) => new(year, month, day, hour, 0, 0, TimeSpan.Zero);

    public static RecordedDecision Upheld => new(
        "25 004 512", new DateOnly(2026, 11, 3), "Adult care services", DecisionFinding.UpheldWithInjustice,
        "The Council delayed assessing Mrs X's care needs for five months after she left hospital, causing distress and extra cost to her family.",
        Asha.Email, "Q1",
        [
            new RecordedRemedy(1, RemedyKind.Apology, "Apologise to Mrs X's daughter", null, new DateOnly(2026, 12, 3), "M1"),
            new RecordedRemedy(2, RemedyKind.FinancialRedress, "Pay Mrs X's daughter for the distress and her time and trouble", 500m, new DateOnly(2026, 12, 3), "M2"),
            new RecordedRemedy(3, RemedyKind.ProcedureChange, "Review how hospital discharge referrals are allocated, and tell the Ombudsman what changed", null, new DateOnly(2027, 2, 3), "M3"),
        ]);

    public static RecordedDecision FaultOnly => new(
        "25 006 118", new DateOnly(2026, 11, 12), "Housing", DecisionFinding.FaultWithoutInjustice,
        "The Council took too long to review Mr Y's homelessness decision, but a prompt review would have reached the same outcome.",
        Mark.Email, "Q2",
        [new RecordedRemedy(1, RemedyKind.StaffTraining, "Remind housing officers of the 56-day time limit for reviews", null, new DateOnly(2026, 12, 12), "M4")]);

    public static RecordedDecision NotUpheld => new(
        "25 007 903", new DateOnly(2026, 11, 19), "Highways and transport", DecisionFinding.NotUpheld,
        "There was no fault in how the Council considered Ms Z's challenge to a penalty charge notice.", null, null, []);

    public static RecordedDecision Premature => new(
        "25 008 221", new DateOnly(2026, 11, 26), "Education", DecisionFinding.Premature,
        "The complaint about school transport had not been through the Council's own complaints procedure.", null, null, []);

    /// <summary>The decisions review: Asha answered her learning question, Mark did not; two remedies evidenced (one late).</summary>
    public static ReviewState Review(IReadOnlyList<RecordedDecision>? decisions = null, ImmutableDictionary<int, decimal>? published = null)
    {
        decisions ??= [Upheld, FaultOnly, NotUpheld, Premature];
        var questions = decisions.Where(d => d.QuestionId is not null)
            .Select(d => new Question(d.QuestionId!, $"What has the service learned from decision {d.Reference}, and what has changed?", [d.OfficerEmail!]))
            .ToList();
        var assignments = questions.Select((q, i) => new Assignment($"A{i + 1}", q.QuestionId, q.OfficerEmails[0], At(2026, 12, 1), 0, 0, false,
            q.QuestionId == "Q1" ? AssignmentOutcome.Answered : AssignmentOutcome.NoResponse));
        var followUps = ImmutableDictionary<string, RecommendationState>.Empty;
        foreach (var remedy in decisions.SelectMany(d => d.Remedies))
        {
            followUps = followUps.Add(remedy.FollowUpId, RemedyFollowUp(remedy));
        }
        return ReviewState.Initial with
        {
            Status = ReviewStatus.Assembled,
            ReviewId = "rv-decisions-2026-11",
            Kind = ReviewKind.Decisions,
            DecisionsMonth = November,
            FocusReport = new FocusReport(DecisionsPaper.TitleFor(November), November),
            Decisions = decisions,
            Panel = CorporatePanel,
            MeetingDate = Meeting,
            Deadline = LearningDeadline,
            Areas = questions.Count == 0 ? [] : [new AreaOfFocus("Learning from upheld decisions", questions)],
            Officers = ImmutableDictionary<string, Officer>.Empty.Add(Asha.Email, Asha).Add(Mark.Email, Mark),
            Assignments = assignments.Aggregate(AssignmentTable.Empty, (table, a) => table.Add(a)),
            Answers = questions.Any(q => q.QuestionId == "Q1")
                ? ImmutableDictionary<string, Answer>.Empty.Add("Q1", new Answer(AshaAnswer, new Respondent(Asha.Email), At(2027, 1, 4), []))
                : ImmutableDictionary<string, Answer>.Empty,
            FollowUps = followUps,
            PublishedCompliance = published ?? ImmutableDictionary<int, decimal>.Empty,
            DispatchedAt = At(2026, 12, 1),
            AnswersCloseAt = new DateTime(2027, 1, 7),
            AssembledAt = At(2027, 1, 8),
            StatementVersion = 1,
        };
    }

    /// <summary>The council's other remedies this year and last: two due in November, three from earlier months, one from the year before.</summary>
    public static IReadOnlyList<TrackedRemedy> OtherRemedies =>
    [
        new("25 003 340", 1, RemedyKind.Apology, new DateOnly(2026, 11, 14), At(2026, 11, 13)),
        new("25 003 340", 2, RemedyKind.FinancialRedress, new DateOnly(2026, 11, 28), null),
        new("25 001 777", 1, RemedyKind.FinancialRedress, new DateOnly(2026, 10, 20), null),
        new("25 001 777", 2, RemedyKind.Apology, new DateOnly(2026, 10, 20), At(2026, 10, 15)),
        new("25 002 010", 1, RemedyKind.ProcedureChange, new DateOnly(2026, 9, 30), At(2026, 10, 2)),
        new("24 019 300", 1, RemedyKind.Apology, new DateOnly(2026, 2, 10), null),
    ];

    public const string OpenRecommendation = "Report each quarter how many hospital discharge referrals waited more than a week to be allocated.";
    public const string ClosedRecommendation = "Publish the homelessness review procedure on the Council's website.";
    public const string OldOpenRecommendation = "Bring the children in care placement sufficiency strategy to the panel.";
    public const string ReportedBefore = "Write to every care leaver about their personal adviser.";

    /// <summary>
    /// Earlier papers: the panel's December paper (released 2 December, meeting 10 December) with one open and one
    /// closed recommendation, the October paper with one open and one closed before December's paper went out, and a
    /// paper to another panel.
    /// </summary>
    public static IReadOnlyList<ReviewState> EarlierPapers()
    {
        var december = Paper("rv-careless", "Careless: helping to improve council services to children in care", CorporatePanel, new DateOnly(2026, 12, 10), At(2026, 12, 2),
            ("R1", Recommendation("R1", "rv-careless", OpenRecommendation, Asha, At(2026, 12, 11), update: ("Referrals are now counted weekly; the first quarter's figures come in April.", At(2027, 1, 5)))),
            ("R2", Recommendation("R2", "rv-careless", ClosedRecommendation, Mark, At(2026, 12, 11), closed: At(2027, 1, 6))));
        var october = Paper("rv-housing", "Home truths: how councils use the private rented sector", CorporatePanel, new DateOnly(2026, 10, 15), At(2026, 10, 5),
            ("R1", Recommendation("R1", "rv-housing", OldOpenRecommendation, Priya, At(2026, 10, 16))),
            ("R2", Recommendation("R2", "rv-housing", ReportedBefore, Priya, At(2026, 10, 16), closed: At(2026, 11, 20))));
        var elsewhere = Paper("rv-other", "Planning enforcement", new Panel("Place Scrutiny Panel", "place@council.example"), new DateOnly(2026, 11, 20), At(2026, 11, 10),
            ("R1", Recommendation("R1", "rv-other", "Not this panel's recommendation.", Mark, At(2026, 11, 21))));
        return [december, october, elsewhere];
    }

    private static ReviewState Paper(string id, string title, Panel panel, DateOnly meeting, DateTimeOffset released, params (string Id, RecommendationState State)[] followUps) =>
        ReviewState.Initial with
        {
            Status = ReviewStatus.Completed,
            ReviewId = id,
            FocusReport = new FocusReport(title, new YearMonth(2026, 6)),
            Panel = panel,
            MeetingDate = meeting,
            AssembledAt = released.AddDays(-1),
            ReleasedAt = released,
            ReleasedVersion = 1,
            StatementVersion = 1,
            FollowUps = followUps.ToImmutableDictionary(f => f.Id, f => f.State),
        };

    private static RecommendationState Recommendation(string id, string reviewId, string text, Officer owner, DateTimeOffset at,
        (string Text, DateTimeOffset At)? update = null, DateTimeOffset? closed = null)
    {
        var due = DateOnly.FromDateTime(at.DateTime).AddDays(60);
        List<RecommendationEvent> events =
        [
            new RecommendationRecorded(id, new RecommendationSource(RecommendationSubject.Review, reviewId, ""), text, owner, "scrutiny@council.example", at),
            new UpdateRequested(1, due, ChaseSchedule.Towards(due, ReviewPolicy.Default, new WorkingCalendar()), at),
        ];
        if (update is { } words)
        {
            events.Add(new UpdateProvided(1, words.Text, RecommendationProgress.InProgress, owner.Email, false, words.At));
        }
        if (closed is { } closedAt)
        {
            events.Add(new UpdateProvided(1, "Done: it is on the website.", RecommendationProgress.Done, owner.Email, false, closedAt.AddDays(-1)));
            events.Add(new RecommendationClosed(RecommendationClosure.Implemented, "Checked on the website.", "scrutiny@council.example", closedAt));
        }
        return RecommendationState.From(events);
    }

    /// <summary>M1 evidenced before its date, M2 after it; the rest not yet.</summary>
    private static RecommendationState RemedyFollowUp(RecordedRemedy remedy)
    {
        var owner = remedy.FollowUpId == "M4" ? Mark : Asha;
        var recorded = At(2026, 12, 1);
        List<RecommendationEvent> events =
        [
            new RecommendationRecorded(remedy.FollowUpId, new RecommendationSource(RecommendationSubject.Remedy, "rv-decisions-2026-11", "Ombudsman decisions: November 2026"), remedy.Text, owner, "scrutiny@council.example", recorded),
            new UpdateRequested(1, remedy.Due, ChaseSchedule.Towards(remedy.Due, ReviewPolicy.Default, new WorkingCalendar()), recorded),
        ];
        DateTimeOffset? evidenced = remedy.FollowUpId switch
        {
            "M1" => At(2026, 12, 2),
            "M2" => At(2026, 12, 10),
            _ => null,
        };
        if (evidenced is { } given)
        {
            events.Add(new UpdateProvided(1, "Done: evidence attached.", RecommendationProgress.Done, owner.Email, false, given));
            events.Add(new RecommendationClosed(RecommendationClosure.Implemented, "Evidence seen.", "scrutiny@council.example", given.AddDays(2)));
        }
        return RecommendationState.From(events);
    }

    public static DecisionsPaper Paper(ReviewState? review = null, Func<string, RichText>? parse = null, IReadOnlyList<TrackedRemedy>? others = null, IReadOnlyList<ReviewState>? earlier = null)
    {
        review ??= Review();
        return DecisionsPaper.From(review, others ?? OtherRemedies, RecommendationsProgress.For(review, earlier ?? EarlierPapers(), Now), Now, parse ?? RichText.Plain);
    }
}
