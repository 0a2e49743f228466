using System.Collections.Immutable;
using ScrutinyWorkflow.Core.Decisions;
using ScrutinyWorkflow.Core.Recommendations;
using ScrutinyWorkflow.Core.Reviews;
using ScrutinyWorkflow.Core.Statements;
using static ScrutinyWorkflow.Testing.SampleDecisionsPapers;

namespace ScrutinyWorkflow.Core.Tests.Statements;

public sealed class DecisionsPaperTests
{
    [Fact]
    public void The_particulars_name_the_panel_the_meeting_the_month_and_when_it_was_compiled()
    {
        var paper = Paper();

        Assert.Equal("Ombudsman decisions: November 2026", paper.Title);
        Assert.Equal((CorporatePanel, Meeting, November, new DateOnly(2027, 1, 8), false, 1), (paper.Panel, paper.MeetingDate, paper.Month, paper.CompiledOn, paper.Released, paper.Version));
        Assert.Equal("The Ombudsman made 4 decisions about the council in November 2026; 2 of them were upheld.", paper.Summary);
    }

    [Fact]
    public void Every_decision_upheld_or_not_is_reported_with_its_finding_in_words_and_each_remedy_where_it_stands()
    {
        var paper = Paper();

        Assert.Equal(["25 004 512", "25 006 118", "25 007 903", "25 008 221"], paper.Decisions.Select(d => d.Reference));
        Assert.Equal(["Upheld: fault causing injustice", "Upheld: fault, no injustice", "Not upheld: no fault", "Premature"], paper.Decisions.Select(d => d.FindingInWords));
        Assert.Equal(["Adult care services", "Housing", "Highways and transport", "Education"], paper.Decisions.Select(d => d.Category));
        var remedies = paper.Decisions[0].Remedies;
        Assert.Equal(["Done on time", "Done late", "Not yet due"], remedies.Select(r => r.StandingInWords));
        Assert.Equal("Payment of \u00a3500: Pay Mrs X's daughter for the distress and her time and trouble", remedies[1].Describe());
        Assert.Equal(new DateOnly(2026, 12, 3), remedies[1].Due);
        Assert.Equal(RemedyStanding.Outstanding, Assert.Single(paper.Decisions[1].Remedies).Standing);
        Assert.Empty(paper.Decisions[2].Remedies);
    }

    [Fact]
    public void A_remedy_closed_as_no_longer_needed_is_listed_as_not_counted_and_left_out_of_compliance()
    {
        var review = Review();
        var m3 = review.FollowUps["M3"];
        var withdrawn = review with
        {
            FollowUps = review.FollowUps.SetItem("M3", RecommendationState.Evolve(m3,
                new RecommendationClosed(RecommendationClosure.NoLongerNeeded, "The Ombudsman withdrew it.", "scrutiny@council.example", At(2027, 1, 4)))),
        };

        var before = Paper(review);
        var paper = Paper(withdrawn);

        var remedy = paper.Decisions[0].Remedies[2];
        Assert.Null(remedy.Standing);
        Assert.Equal("No longer needed, so not counted", remedy.StandingInWords);
        Assert.Equal(before.Compliance.Year.ByRemedy.NotYetDue - 1, paper.Compliance.Year.ByRemedy.NotYetDue);
        Assert.Equal(before.Compliance.Year.ByRemedy with { NotYetDue = 0 }, paper.Compliance.Year.ByRemedy with { NotYetDue = 0 });
    }

    [Fact]
    public void The_published_figure_entered_on_another_months_review_is_shown_unless_this_review_has_its_own()
    {
        var elsewhere = new Dictionary<int, decimal> { [2026] = 81.5m, [2025] = 70m };

        var without = DecisionsPaper.From(Review(), OtherRemedies, [], Now, RichText.Plain, elsewhere);
        var own = DecisionsPaper.From(Review(published: ImmutableDictionary<int, decimal>.Empty.Add(2026, 90m)), OtherRemedies, [], Now, RichText.Plain, elsewhere);

        Assert.Equal(81.5m, without.YearRate.PublishedPercent);
        Assert.Equal(90m, own.YearRate.PublishedPercent);
        Assert.Null(DecisionsPaper.From(Review(), OtherRemedies, [], Now, RichText.Plain, new Dictionary<int, decimal> { [2025] = 70m }).YearRate.PublishedPercent);
    }

    [Fact]
    public void The_learning_gives_each_upheld_decisions_answer_with_its_reporter_or_says_none_came_by_the_deadline()
    {
        var paper = Paper();

        Assert.Equal(["25 004 512", "25 006 118"], paper.Learning.Select(l => l.Decision.Reference));
        var answered = paper.Learning[0];
        Assert.Equal(AshaAnswer, answered.Row.Answer);
        Assert.Equal([new Reporter("Asha Patel", "Head of Adult Social Care Operations")], answered.Row.Reporters);
        Assert.Contains("duty team", paper.AnswerTo(answered)!.PlainText, StringComparison.Ordinal);
        var silent = paper.Learning[1];
        Assert.Null(paper.AnswerTo(silent));
        Assert.Equal("No response received by 6 January 2027", silent.Row.Unanswered);
    }

    [Fact]
    public void Compliance_counts_the_months_remedies_those_outstanding_from_earlier_and_the_ombudsmans_year_to_date()
    {
        var compliance = Paper().Compliance;

        Assert.Equal(new RemedyTally(OnTime: 1, Late: 0, Outstanding: 1, NotYetDue: 0), compliance.DueInMonth);
        Assert.Equal([("24 019 300", 1), ("25 001 777", 1)], compliance.OutstandingFromEarlier.Select(r => (r.DecisionReference, r.Number)));
        // This review's own four remedies with the council's others in 2026/27 (last year's is left out).
        Assert.Equal(new RemedyTally(OnTime: 3, Late: 2, Outstanding: 3, NotYetDue: 1), compliance.Year.ByRemedy);
        Assert.Equal(37.5m, compliance.Year.ByRemedy.OnTimeRate);
        Assert.Equal(new RemedyTally(OnTime: 0, Late: 2, Outstanding: 3, NotYetDue: 0), compliance.Year.ByDecision);
    }

    [Fact]
    public void The_years_rate_stands_beside_the_ombudsmans_published_figure_or_says_it_has_not_been_entered()
    {
        var without = Paper().YearRate;
        var with = Paper(Review(published: ImmutableDictionary<int, decimal>.Empty.Add(2026, 72.5m).Add(2025, 90m))).YearRate;

        Assert.Equal("37.5% on time (3 of 8 remedies due)", without.ByRemedyInWords);
        Assert.Equal("0% on time (0 of 5 decisions due)", without.ByDecisionInWords);
        Assert.Equal("Not entered yet: the Ombudsman's figure for 2026/27 has not been recorded", without.PublishedInWords);
        Assert.Equal(72.5m, with.PublishedPercent);
        Assert.Equal("72.5% (the Ombudsman's published figure for 2026/27)", with.PublishedInWords);
    }

    [Fact]
    public void Remedies_the_caller_also_gathered_from_this_review_are_counted_once()
    {
        var review = Review();
        var twice = Paper(review, others: [.. OtherRemedies, .. DecisionsPaper.CountedRemedies(review)]);

        var once = Paper(review).Compliance;
        Assert.Equal((once.DueInMonth, once.Year, once.OutstandingFromEarlier.Count), (twice.Compliance.DueInMonth, twice.Compliance.Year, twice.Compliance.OutstandingFromEarlier.Count));
    }

    [Fact]
    public void A_month_with_no_upheld_decisions_and_no_remedies_reads_sensibly()
    {
        var paper = Paper(Review([NotUpheld, Premature]), others: [], earlier: []);

        Assert.Equal("The Ombudsman made 2 decisions about the council in November 2026; 0 of them were upheld.", paper.Summary);
        Assert.Empty(paper.Learning);
        Assert.Equal(RemedyTally.Empty, paper.Compliance.DueInMonth);
        Assert.Empty(paper.Compliance.OutstandingFromEarlier);
        Assert.Equal("None fallen due yet in 2026/27", paper.YearRate.ByRemedyInWords);
        Assert.Empty(paper.Progress);
    }

    [Fact]
    public void A_month_without_decisions_says_so()
    {
        Assert.Equal("The Ombudsman made no decisions about the council in November 2026.", Paper(Review([]), others: [], earlier: []).Summary);
    }

    [Fact]
    public void A_focus_reports_review_or_one_not_yet_assembled_has_no_decisions_paper()
    {
        Assert.Throws<InvalidOperationException>(() => Paper(Review() with { Kind = ReviewKind.FocusReport }));
        Assert.Throws<InvalidOperationException>(() => Paper(Review() with { AssembledAt = null }));
    }

    [Fact]
    public void A_remedy_closed_as_no_longer_needed_is_not_counted_and_one_not_implemented_stays_outstanding()
    {
        var review = Review();
        var withdrawn = review.FollowUps["M4"] with { Status = RecommendationStatus.Closed, Closed = new RecommendationClosed(RecommendationClosure.NoLongerNeeded, "The Ombudsman withdrew it.", "scrutiny@council.example", At(2026, 12, 20)) };
        var refused = review.FollowUps["M3"] with { Status = RecommendationStatus.Closed, Closed = new RecommendationClosed(RecommendationClosure.NotImplemented, "Not done.", "scrutiny@council.example", At(2026, 12, 20)) };

        var tracked = DecisionsPaper.CountedRemedies(review with { FollowUps = review.FollowUps.SetItem("M4", withdrawn).SetItem("M3", refused) }).ToList();

        Assert.DoesNotContain(tracked, r => r.DecisionReference == "25 006 118");
        Assert.Null(tracked.Single(r => r.Number == 3).EvidencedAt);
        Assert.Equal(At(2026, 12, 2), tracked.Single(r => r is { DecisionReference: "25 004 512", Number: 1 }).EvidencedAt);
        Assert.Empty(DecisionsPaper.CountedRemedies(review with { Status = ReviewStatus.Draft }));
    }
}
