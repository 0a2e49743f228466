using ScrutinyWorkflow.Core.Decisions;
using ScrutinyWorkflow.Core.Recommendations;
using ScrutinyWorkflow.Core.Reviews;
using static ScrutinyWorkflow.Core.Tests.Reviews.DecisionsReviews;
using static ScrutinyWorkflow.Core.Tests.Reviews.Reviews;

namespace ScrutinyWorkflow.Core.Tests.Reviews;

public sealed class DecisionsReviewTests
{
    [Fact]
    public void Drafting_a_decisions_review_asks_each_upheld_decisions_officer_what_was_learned_and_numbers_remedies_across_decisions()
    {
        var events = new DeciderSpecification().When(DraftDecisions()).ThenEvents();

        var drafted = Assert.IsType<ReviewDrafted>(events[0]);
        Assert.Equal(new FocusReport("Ombudsman decisions: November 2026", November), drafted.FocusReport);
        Assert.Equal(["24 001 234: Housing", "24 009 999: Children's care services"], drafted.Areas.Select(a => a.Heading));
        Assert.Equal(
            [("Q1", ReviewDecider.LearningQuestion, Housing.Email), ("Q2", ReviewDecider.LearningQuestion, Head.Email)],
            drafted.Areas.Select(a => Assert.Single(a.Questions)).Select(q => (q.QuestionId, q.Text, Assert.Single(q.OfficerEmails))));
        var recorded = Assert.IsType<DecisionsRecorded>(events[1]);
        Assert.Equal(November, recorded.Month);
        Assert.Equal(["Q1", null, "Q2"], recorded.Decisions.Select(d => d.QuestionId));
        Assert.Equal(
            [(1, "M1", ApologyDue), (2, "M2", PaymentDue), (3, "M3", ProcedureDue)],
            recorded.Decisions.SelectMany(d => d.Remedies).Select(r => (r.Number, r.FollowUpId, r.Due)));
        Assert.Equal(300m, recorded.Decisions[0].Remedies[1].Amount);

        var state = ReviewState.From(events);
        Assert.Equal((ReviewKind.Decisions, November, ReviewStatus.Draft), (state.Kind, state.DecisionsMonth, state.Status));
        Assert.Equal(3, state.Decisions.Count);
    }

    [Fact]
    public void A_focus_reports_review_stays_that_kind()
    {
        Assert.Equal(ReviewKind.FocusReport, new DeciderSpecification().GivenDispatched().State.Kind);
    }

    [Fact]
    public void The_routing_rule_that_proposed_a_decisions_officer_stays_with_its_question()
    {
        var routed = new RoutingChoice("housing", "Housing decisions go to the housing options manager");
        var decisions = NovembersDecisions().Select((d, i) => i == 0 ? d with { RoutedBy = routed } : d).ToList();

        var drafted = (ReviewDrafted)new DeciderSpecification().When(DraftDecisions(decisions)).ThenEvents()[0];

        Assert.Equal(routed, drafted.Areas[0].Questions[0].RoutedBy);
        Assert.Null(drafted.Areas[1].Questions[0].RoutedBy);
    }

    [Fact]
    public void Given_nothing_when_a_decisions_review_has_every_field_wrong_then_every_problem_is_named_at_once()
    {
        var decisions = new DecisionInput[]
        {
            new(null, null, " ", null, new string('x', DecisionStatementReader.MaxSummaryLength + 2), null, []),
            new("24 001 234", new DateOnly(2026, 11, 10), "Housing", DecisionFinding.UpheldWithInjustice, null, null,
                [new(RemedyKind.Apology, "", null, null), new(RemedyKind.FinancialRedress, "Pay £10.", -10m, PaymentDue)]),
            new("24 001 234 ", new DateOnly(2026, 11, 11), "Housing", DecisionFinding.FaultWithoutInjustice, null, "nobody@council.example", []),
            new("24 002 000", new DateOnly(2026, 11, 12), "Housing", DecisionFinding.UpheldWithInjustice, null, "not an address", []),
        };
        var command = new DraftDecisionsReview(Id, null, " ", "panel", null, Deadline, decisions, Council, Start);

        var rejection = new DeciderSpecification().When(command).ThenRejected(RejectionCodes.Invalid);

        Assert.Equal(
            [
                "month", "panel.name", "panel.email", "meetingDate",
                "decisions[0].reference", "decisions[0].decisionDate", "decisions[0].category", "decisions[0].finding", "decisions[0].summary",
                "decisions[1].officer", "decisions[1].remedies[0].text", "decisions[1].remedies[0].due", "decisions[1].remedies[1].amount",
                "decisions[2].reference", "decisions[2].officer",
                "decisions[3].officer",
            ],
            rejection.Problems.Select(p => p.Field));
        Assert.Contains("nobody@council.example is not in the officer directory", rejection.Problems[14].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_nothing_when_a_decisions_review_has_no_decisions_then_it_is_refused()
    {
        var rejection = new DeciderSpecification().When(DraftDecisions([])).ThenRejected(RejectionCodes.Invalid);

        Assert.Equal("decisions", Assert.Single(rejection.Problems).Field);
    }

    [Fact]
    public void A_summary_and_remedy_the_reader_cut_short_pass_as_the_reader_gave_them()
    {
        var summary = new string('s', DecisionStatementReader.MaxSummaryLength) + "…";
        var remedy = new string('r', DecisionStatementReader.MaxRemedyLength) + "…";
        var decisions = new DecisionInput[]
        {
            new("24 001 234", new DateOnly(2026, 11, 10), "Housing", DecisionFinding.UpheldWithInjustice, summary, Housing.Email, [new(RemedyKind.Other, remedy, null, ApologyDue)]),
        };

        Assert.IsType<ReviewDrafted>(new DeciderSpecification().When(DraftDecisions(decisions)).ThenEvents()[0]);
    }

    [Fact]
    public void Given_nothing_when_a_decision_not_upheld_has_remedies_then_they_are_refused_saying_why()
    {
        var decisions = new DecisionInput[]
        {
            new("24 005 678", new DateOnly(2026, 11, 18), "Adult care services", DecisionFinding.NotUpheld, null, null, [new(RemedyKind.Apology, "Apologise.", null, ApologyDue)]),
        };

        var problem = Assert.Single(new DeciderSpecification().When(DraftDecisions(decisions)).ThenRejected(RejectionCodes.Invalid).Problems);

        Assert.Equal("decisions[0].remedies", problem.Field);
        Assert.Contains("did not uphold", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_a_review_when_a_decisions_review_is_drafted_with_its_id_then_it_is_refused_as_existing()
    {
        new DeciderSpecification().GivenCommands(Draft()).When(DraftDecisions()).ThenRejected(RejectionCodes.AlreadyExists);
    }

    [Fact]
    public void Dispatch_asks_the_learning_and_follows_up_each_remedy_with_its_decisions_officer_on_the_remedy_chasing_schedule()
    {
        var spec = new DeciderSpecification().GivenCommands(DraftDecisions());

        var events = spec.When(new DispatchReview(Start)).ThenEvents();

        Assert.IsType<ReviewDispatched>(events[0]);
        Assert.Equal([("A1", "Q1", Housing.Email), ("A2", "Q2", Head.Email)], events.OfType<RequestSent>().Select(r => (r.AssignmentId, r.QuestionId, r.OfficerEmail)));
        Assert.Equal(["M1", "M1", "M2", "M2", "M3", "M3"], events.OfType<FollowUpChanged>().Select(e => e.FollowUpId));
        var recorded = Assert.Single(events.Changes<RecommendationRecorded>("M2"));
        Assert.Equal(
            (new RecommendationSource(RecommendationSubject.Remedy, Id, "Ombudsman decisions: November 2026"), "Pay Mr X £300 for distress.", Housing, ReviewDecider.RemediesRecordedBy),
            (recorded.Source, recorded.Text, recorded.Owner, recorded.RecordedBy));
        var requested = Assert.Single(events.Changes<UpdateRequested>("M1"));
        Assert.Equal((1, ApologyDue), (requested.Round, requested.Due));
        // Reminders 5 and 2 working days before Friday 8 January (over New Year's Day); the escalation the Monday after.
        Assert.Equal(
            [new DateTime(2026, 12, 31, 9, 0, 0), new DateTime(2027, 1, 6, 9, 0, 0), new DateTime(2027, 1, 11, 9, 0, 0)],
            requested.Schedule.Steps.Select(s => s.Due));
        Assert.Equal(Head, Assert.Single(events.Changes<RecommendationRecorded>("M3")).Owner);

        var after = spec.StateAfter();
        Assert.Equal(["M1", "M2", "M3"], after.RemedyFollowUps.Select(f => f.RecommendationId));
        Assert.Empty(after.PanelRecommendations);
    }

    [Fact]
    public void Dispatch_asks_each_remedys_owner_for_its_evidence_wrapped_as_the_follow_ups_mail()
    {
        var spec = new DeciderSpecification().GivenCommands(DraftDecisions());

        var effects = spec.When(new DispatchReview(Start)).ThenEffects();

        Assert.Equal(
            [
                new FollowUpEffect("M1", new SendUpdateRequest(Housing.Email, 1)),
                new FollowUpEffect("M2", new SendUpdateRequest(Housing.Email, 1)),
                new FollowUpEffect("M3", new SendUpdateRequest(Head.Email, 1)),
            ],
            effects.OfType<FollowUpEffect>());
        Assert.Equal(2, effects.OfType<SendRequest>().Count());
    }

    [Fact]
    public void A_remedy_already_past_its_date_is_still_asked_for_and_stands_outstanding()
    {
        var decisions = new DecisionInput[]
        {
            new("24 001 234", new DateOnly(2026, 10, 1), "Housing", DecisionFinding.UpheldWithInjustice, null, Housing.Email,
                [new(RemedyKind.Apology, "Apologise to Mr X.", null, new DateOnly(2026, 11, 2))]),
        };
        var spec = new DeciderSpecification().GivenCommands(DraftDecisions(decisions));

        var events = spec.When(new DispatchReview(Start)).ThenEvents();

        Assert.Single(events.Changes<RecommendationRecorded>("M1"));
        Assert.Equal(new DateOnly(2026, 11, 2), Assert.Single(events.Changes<UpdateRequested>("M1")).Due);
        var remedy = Assert.Single(spec.StateAfter().TrackedRemedies);
        Assert.Equal(RemedyStanding.Outstanding, remedy.StandingAt(Start));
    }

    [Fact]
    public void A_month_with_nothing_upheld_is_sent_with_its_paper_ready_for_checking()
    {
        var decisions = NovembersDecisions().Where(d => d.Finding == DecisionFinding.NotUpheld).ToList();
        var spec = new DeciderSpecification().GivenCommands(DraftDecisions(decisions));

        var events = spec.When(new DispatchReview(Start)).ThenEvents();

        Assert.Equal([typeof(ReviewDispatched), typeof(StatementAssembled)], events.Select(e => e.GetType()));
        Assert.Empty(spec.StateAfter().Areas);
    }

    [Fact]
    public void A_focus_reports_review_with_no_questions_is_still_refused_when_sent()
    {
        var state = ReviewState.From([new ReviewDrafted(Id, Report, ThePanel, Meeting, Deadline, [], [], Start)]);

        var decision = new DeciderSpecification().Decider.Decide(new DispatchReview(Start), state);

        Assert.Equal("areas", Assert.Single(Assert.IsType<Rejected>(decision).Rejection.Problems).Field);
    }

    [Fact]
    public void The_published_compliance_figure_is_kept_by_year_and_the_same_figure_again_changes_nothing()
    {
        var spec = new DeciderSpecification().GivenCommands(DraftDecisions());

        spec.When(new RecordPublishedCompliance(2025, 87.5m, Start)).Then(new PublishedComplianceRecorded(2025, 87.5m, Start));
        Assert.Equal(87.5m, spec.StateAfter().PublishedCompliance[2025]);

        spec.GivenCommands(new RecordPublishedCompliance(2025, 87.5m, Start)).When(new RecordPublishedCompliance(2025, 87.5m, Start.AddDays(1))).ThenNothingHappens();
        spec.When(new RecordPublishedCompliance(2025, 90m, Start.AddDays(1))).Then(new PublishedComplianceRecorded(2025, 90m, Start.AddDays(1)));
    }

    [Fact]
    public void A_published_compliance_figure_out_of_range_for_an_implausible_year_is_refused_naming_both()
    {
        var rejection = new DeciderSpecification().GivenCommands(DraftDecisions())
            .When(new RecordPublishedCompliance(1999, 100.5m, Start)).ThenRejected(RejectionCodes.Invalid);

        Assert.Equal(["firstYear", "percent"], rejection.Problems.Select(p => p.Field));
        new DeciderSpecification().GivenCommands(DraftDecisions()).When(new RecordPublishedCompliance(2025, null, Start)).ThenRejected(RejectionCodes.Invalid);
    }

    [Fact]
    public void A_focus_reports_review_keeps_no_compliance_figures()
    {
        new DeciderSpecification().GivenDispatched().When(new RecordPublishedCompliance(2025, 80m, Start)).ThenRejected(RejectionCodes.NotDecisionsReview);
    }
}
