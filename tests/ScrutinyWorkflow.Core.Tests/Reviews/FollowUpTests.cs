using ScrutinyWorkflow.Core.Calendar;
using ScrutinyWorkflow.Core.Decisions;
using ScrutinyWorkflow.Core.Recommendations;
using ScrutinyWorkflow.Core.Reviews;
using ScrutinyWorkflow.Core.Statements;
using static ScrutinyWorkflow.Core.Tests.Reviews.DecisionsReviews;
using static ScrutinyWorkflow.Core.Tests.Reviews.Reviews;

namespace ScrutinyWorkflow.Core.Tests.Reviews;

public sealed class FollowUpTests
{
    /// <summary>Friday 29 January 2027 at 09:00: the first reminder for an update due Friday 5 February.</summary>
    private static readonly DateTimeOffset FirstReminder = At(2027, 1, 29, 9);

    [Fact]
    public void Given_a_review_still_collecting_answers_when_a_recommendation_is_recorded_then_it_waits_for_the_panel_to_have_the_statement()
    {
        var rejection = new DeciderSpecification().GivenDispatched().When(Recommend()).ThenRejected(RejectionCodes.NotReleased);

        Assert.Contains("after the panel has had the statement", rejection.Message, StringComparison.Ordinal);
        new DeciderSpecification().When(Recommend()).ThenRejected(RejectionCodes.NotFound);
    }

    [Fact]
    public void Given_a_released_review_when_the_scrutiny_officer_records_a_recommendation_then_it_is_R1_made_against_the_review_and_its_owner_is_asked()
    {
        var spec = new DeciderSpecification().GivenReleased();

        var events = spec.When(Recommend()).ThenEvents();

        Assert.Equal(["R1", "R1"], events.Cast<FollowUpChanged>().Select(e => e.FollowUpId));
        var recorded = Assert.Single(events.Changes<RecommendationRecorded>("R1"));
        Assert.Equal(
            ("R1", new RecommendationSource(RecommendationSubject.Review, Id, Report.Title), Head, ScrutinyOfficer.Email),
            (recorded.RecommendationId, recorded.Source, recorded.Owner, recorded.RecordedBy));
        Assert.Equal(new DateOnly(2027, 2, 5), Assert.Single(events.Changes<UpdateRequested>("R1")).Due);
        Assert.Equal([new FollowUpEffect("R1", new SendUpdateRequest(Head.Email, 1))], spec.ThenEffects());

        spec.GivenCommands(Recommend());
        Assert.Equal("R2", ((FollowUpChanged)spec.When(Recommend()).ThenEvents()[0]).FollowUpId);
        Assert.Equal(["R1", "R2"], spec.StateAfter().PanelRecommendations.Select(r => r.RecommendationId));
    }

    [Fact]
    public void A_recommendation_on_a_decisions_paper_says_it_was_made_against_the_paper()
    {
        var spec = new DeciderSpecification().GivenDecisionsDispatched()
            .GivenCommands(new CloseEarly("Paper due.", At(2026, 12, 15)), new ReleaseStatement(At(2026, 12, 15, 11)));

        var recorded = Assert.Single(spec.When(Recommend()).ThenEvents().Changes<RecommendationRecorded>("R1"));

        Assert.Equal(new RecommendationSource(RecommendationSubject.DecisionsPaper, Id, "Ombudsman decisions: November 2026"), recorded.Source);
    }

    [Fact]
    public void Given_a_released_review_when_someone_through_a_link_records_a_recommendation_then_the_recommendations_own_refusal_is_the_reviews()
    {
        var owner = Actor.LinkHolder(Head.Email);
        var spec = new DeciderSpecification().GivenReleased();
        var expected = ((RecommendationRejected)new RecommendationDecider(ReviewPolicy.Default, new WorkingCalendar())
            .Decide(new RecordRecommendation("R1", new RecommendationSource(RecommendationSubject.Review, Id, Report.Title), "Text", Head, new DateOnly(2027, 2, 5), owner, Start), RecommendationState.Initial)).Rejection;

        var rejection = spec.When(Recommend(by: owner)).ThenRejected(RecommendationRejectionCodes.ScrutinyOfficerOnly);

        Assert.Equal((expected.Code, expected.Message), (rejection.Code, rejection.Message));
        Assert.Equal(["text", "owner", "updateDue"],
            spec.When(new RecordPanelRecommendation(" ", null, null, ScrutinyOfficer, At(2026, 12, 16))).ThenRejected(RejectionCodes.Invalid).Problems.Select(p => p.Field));
    }

    [Fact]
    public void Given_a_remedy_followed_up_when_its_owner_gives_the_update_through_their_link_then_it_is_kept_as_the_follow_ups_change()
    {
        var update = new ProvideUpdate("The apology was sent on 4 January.", RecommendationProgress.Done, Actor.LinkHolder(Housing.Email), At(2027, 1, 5));

        var spec = new DeciderSpecification().GivenDecisionsDispatched();

        spec.When(new ActOnFollowUp("M1", update)).Then(new FollowUpChanged("M1",
            new UpdateProvided(1, "The apology was sent on 4 January.", RecommendationProgress.Done, Housing.Email, false, At(2027, 1, 5)), At(2027, 1, 5)));
        Assert.Equal([new FollowUpEffect("M1", new SendUpdateReceived(1))], spec.ThenEffects());
        Assert.Equal(RecommendationStanding.ReportedDone, spec.StateAfter().FollowUps["M1"].StandingAt(At(2027, 1, 5)));

        spec.GivenCommands(new ActOnFollowUp("M1", update)).When(new ActOnFollowUp("M1", update with { Now = At(2027, 1, 6) })).ThenNothingHappens();
        spec.When(new ActOnFollowUp("M3", update with { By = Actor.LinkHolder(Housing.Email) })).ThenRejected(RejectionCodes.NotYours);
    }

    [Fact]
    public void Given_a_remedy_reported_done_when_its_owner_tries_to_close_it_then_only_the_scrutiny_team_may()
    {
        var spec = new DeciderSpecification().GivenDecisionsDispatched()
            .GivenCommands(new ActOnFollowUp("M1", new ProvideUpdate("Sent.", RecommendationProgress.Done, Actor.LinkHolder(Housing.Email), At(2027, 1, 5))));

        spec.When(new ActOnFollowUp("M1", new CloseRecommendation(RecommendationClosure.Implemented, "", Actor.LinkHolder(Housing.Email), At(2027, 1, 6))))
            .ThenRejected(RecommendationRejectionCodes.ScrutinyOfficerOnly);
        spec.When(new ActOnFollowUp("M1", new CloseRecommendation(RecommendationClosure.Implemented, "", ScrutinyOfficer, At(2027, 1, 6))))
            .Then(new FollowUpChanged("M1", new RecommendationClosed(RecommendationClosure.Implemented, "", ScrutinyOfficer.Email, At(2027, 1, 6)), At(2027, 1, 6)));
    }

    [Fact]
    public void Given_a_remedy_awaiting_evidence_when_its_date_moves_later_then_it_is_escalated_the_working_day_after_the_new_date_not_on_it()
    {
        // M1 was due Friday 8 January; moved to Friday 22 January, it is on time until the end of that day.
        var spec = new DeciderSpecification().GivenDecisionsDispatched();

        var moved = Assert.Single(spec.When(new ActOnFollowUp("M1", new ChangeUpdateDate(new DateOnly(2027, 1, 22), ScrutinyOfficer, At(2027, 1, 5)))).ThenEvents().Changes<UpdateDateChanged>("M1"));

        Assert.Equal(RemedyChasing.For(new DateOnly(2027, 1, 22), ReviewPolicy.Default, new WorkingCalendar()).Steps, moved.Schedule.Steps);
        Assert.Equal(new ChaseStep(ChaseAction.Escalation, 1, new DateTime(2027, 1, 25, 9, 0, 0)), moved.Schedule.Steps[^1]);
        spec.GivenCommands(new ActOnFollowUp("M1", new ChangeUpdateDate(new DateOnly(2027, 1, 22), ScrutinyOfficer, At(2027, 1, 5))));
        Assert.Empty(spec.When(new ProcessDueTimers(At(2027, 1, 22, 17))).ThenEvents().Changes<UpdateEscalated>("M1"));
        Assert.Single(spec.When(new ProcessDueTimers(At(2027, 1, 25, 9))).ThenEvents().Changes<UpdateEscalated>("M1"));
    }

    [Fact]
    public void Given_a_remedys_evidence_given_when_it_is_asked_for_again_then_the_new_round_is_escalated_the_working_day_after_its_date()
    {
        // Asked again for Friday 5 February: reminders before it, the escalation on Monday 8 February.
        var spec = new DeciderSpecification().GivenDecisionsDispatched()
            .GivenCommands(new ActOnFollowUp("M2", new ProvideUpdate("Payment approved, not yet made.", RecommendationProgress.InProgress, Actor.LinkHolder(Housing.Email), At(2027, 1, 14))));

        var requested = Assert.Single(spec.When(new ActOnFollowUp("M2", new RequestUpdate(new DateOnly(2027, 2, 5), ScrutinyOfficer, At(2027, 1, 18)))).ThenEvents().Changes<UpdateRequested>("M2"));

        Assert.Equal(2, requested.Round);
        Assert.Equal(RemedyChasing.For(new DateOnly(2027, 2, 5), ReviewPolicy.Default, new WorkingCalendar()).Steps, requested.Schedule.Steps);
        Assert.Equal(new DateTime(2027, 2, 8, 9, 0, 0), requested.Schedule.Steps[^1].Due);
    }

    [Fact]
    public void Given_a_recommendation_on_a_decisions_paper_when_its_date_moves_then_it_is_chased_as_a_recommendation_towards_the_date()
    {
        var spec = new DeciderSpecification().GivenDecisionsDispatched()
            .GivenCommands(new CloseEarly("Paper due.", At(2026, 12, 15)), new ReleaseStatement(At(2026, 12, 15, 11)), Recommend());

        var moved = Assert.Single(spec.When(new ActOnFollowUp("R1", new ChangeUpdateDate(new DateOnly(2027, 2, 12), ScrutinyOfficer, At(2027, 1, 5)))).ThenEvents().Changes<UpdateDateChanged>("R1"));

        Assert.Equal(ChaseSchedule.Towards(new DateOnly(2027, 2, 12), ReviewPolicy.Default, new WorkingCalendar()).Steps, moved.Schedule.Steps);
    }

    [Fact]
    public void Given_a_remedy_long_overdue_when_the_decisions_review_is_sent_then_its_officers_manager_is_told_at_the_next_chase_time()
    {
        // Due 30 October 2026; the review is sent on Monday 14 December at 10:00, after that day's chasers went.
        IReadOnlyList<DecisionInput> decisions =
        [
            new("24 009 999", new DateOnly(2026, 11, 25), "Children's care services", DecisionFinding.FaultWithoutInjustice, "Records of a visit were late.", Head.Email,
                [new(RemedyKind.Apology, "Apologise to Ms Y.", null, new DateOnly(2026, 10, 30))]),
        ];
        var tuesday = At(2026, 12, 15, 9);
        var spec = new DeciderSpecification().GivenCommands(DraftDecisions(decisions));

        var requested = Assert.Single(spec.When(new DispatchReview(Start)).ThenEvents().Changes<UpdateRequested>("M1"));

        Assert.Equal([new ChaseStep(ChaseAction.Escalation, 1, tuesday.DateTime)], requested.Schedule.Steps);
        spec.GivenCommands(new DispatchReview(Start));
        Assert.Equal(tuesday.DateTime, spec.State.NextDue);
        spec.When(new ProcessDueTimers(tuesday)).Then(new FollowUpChanged("M1", new UpdateEscalated(1, 0, Head.ManagerEmail, tuesday), tuesday));
        Assert.Equal([new FollowUpEffect("M1", new SendUpdateEscalation(Head.Email, Head.ManagerEmail, 1))], spec.ThenEffects());
        Assert.Null(spec.StateAfter().FollowUps["M1"].NextDue);
    }

    [Fact]
    public void A_follow_up_the_review_does_not_have_is_not_found_and_recording_or_chasing_are_not_asked_of_one()
    {
        var spec = new DeciderSpecification().GivenDecisionsDispatched();

        var missing = spec.When(new ActOnFollowUp("M9", new RequestUpdate(PaymentDue, ScrutinyOfficer, Start))).ThenRejected(RejectionCodes.NotFound);

        Assert.Equal("There is no such recommendation or remedy.", missing.Message);
        spec.When(new ActOnFollowUp("M1", new ProcessRecommendationTimers(At(2027, 1, 11, 9)))).ThenRejected(RejectionCodes.Invalid);
        spec.When(new ActOnFollowUp("M1", new RecordRecommendation("M1", new RecommendationSource(RecommendationSubject.Review, Id, "x"), "x", Head, PaymentDue, ScrutinyOfficer, Start)))
            .ThenRejected(RejectionCodes.Invalid);
    }

    [Fact]
    public void Given_a_completed_review_when_a_recommendations_reminder_falls_due_then_the_timers_still_chase_its_owner()
    {
        var spec = new DeciderSpecification().GivenReleased()
            .GivenCommands(new RecordStatementFiled("panel/statement.docx", At(2026, 12, 15, 12)), new RecordPanelNotified(At(2026, 12, 15, 12)));
        Assert.Null(spec.State.NextDue);
        spec.GivenCommands(Recommend());
        Assert.Equal((ReviewStatus.Completed, FirstReminder.DateTime), (spec.State.Status, spec.State.NextDue));

        spec.When(new ProcessDueTimers(FirstReminder.AddMinutes(-1))).ThenNothingHappens();
        spec.When(new ProcessDueTimers(FirstReminder)).Then(new FollowUpChanged("R1", new UpdateReminderSent(1, 0, FirstReminder), FirstReminder));
        Assert.Equal([new FollowUpEffect("R1", new SendUpdateReminder(Head.Email, 1))], spec.ThenEffects());
        Assert.Equal(new DateTime(2027, 2, 3, 9, 0, 0), spec.StateAfter().NextDue);
    }

    [Fact]
    public void The_next_due_time_is_the_earliest_of_the_reviews_own_and_its_follow_ups()
    {
        var state = new DeciderSpecification().GivenDecisionsDispatched().State;

        // The remedies' first reminder (Thursday 31 December) comes before the learning's (the same day) or the close of answers.
        Assert.Equal(new DateTime(2026, 12, 31, 9, 0, 0), state.NextDue);
        Assert.Equal(new DateTime(2026, 12, 31, 9, 0, 0), state.FollowUps["M1"].NextDue);

        var later = new DeciderSpecification().GivenDecisionsDispatched().GivenCommands(new ProcessDueTimers(At(2027, 1, 9))).State;
        Assert.Equal(ReviewStatus.Assembled, later.Status);
        Assert.Equal(new DateTime(2027, 1, 11, 9, 0, 0), later.NextDue);
    }

    [Fact]
    public void A_follow_ups_chaser_is_still_wanted_only_while_its_own_rules_want_it()
    {
        var reminder = new FollowUpEffect("M1", new SendUpdateReminder(Housing.Email, 1));
        var spec = new DeciderSpecification().GivenDecisionsDispatched();

        Assert.True(ReviewEffects.StillWanted(reminder, spec.State));
        Assert.False(ReviewEffects.StillWanted(new FollowUpEffect("M9", new SendUpdateReminder(Housing.Email, 1)), spec.State));

        spec.GivenCommands(new ActOnFollowUp("M1", new ProvideUpdate("Sent.", RecommendationProgress.Done, Actor.LinkHolder(Housing.Email), At(2027, 1, 5))));
        Assert.False(ReviewEffects.StillWanted(reminder, spec.State));
        Assert.True(ReviewEffects.StillWanted(new FollowUpEffect("M2", new SendUpdateReminder(Housing.Email, 1)), spec.State));
    }

    [Fact]
    public void A_remedy_is_evidenced_when_the_service_said_it_was_done_not_when_the_scrutiny_officer_closed_it()
    {
        var housing = Actor.LinkHolder(Housing.Email);
        var spec = new DeciderSpecification().GivenDecisionsDispatched().GivenCommands(
            // M1, due 8 January: done on the 7th, accepted on the 12th: on time.
            new ActOnFollowUp("M1", new ProvideUpdate("Apology sent.", RecommendationProgress.Done, housing, At(2027, 1, 7, 15))),
            new ActOnFollowUp("M1", new CloseRecommendation(RecommendationClosure.Implemented, "", ScrutinyOfficer, At(2027, 1, 12))),
            // M2, due 15 January: in progress on the 14th, done on the 18th: late.
            new ActOnFollowUp("M2", new ProvideUpdate("Payment approved.", RecommendationProgress.InProgress, housing, At(2027, 1, 14))),
            new ActOnFollowUp("M2", new ProvideUpdate("Payment made.", RecommendationProgress.Done, housing, At(2027, 1, 18))),
            new ActOnFollowUp("M2", new CloseRecommendation(RecommendationClosure.Implemented, "", ScrutinyOfficer, At(2027, 1, 19))),
            // M3, due 26 February: closed as implemented from what the service sent the team by email, on 1 February.
            new ActOnFollowUp("M3", new CloseRecommendation(RecommendationClosure.Implemented, "Procedure seen.", ScrutinyOfficer, At(2027, 2, 1))));

        var remedies = spec.State.TrackedRemedies.ToList();

        Assert.Equal(
            [
                new TrackedRemedy("24 001 234", 1, RemedyKind.Apology, ApologyDue, At(2027, 1, 7, 15)),
                new TrackedRemedy("24 001 234", 2, RemedyKind.FinancialRedress, PaymentDue, At(2027, 1, 18)),
                new TrackedRemedy("24 009 999", 3, RemedyKind.ProcedureChange, ProcedureDue, At(2027, 2, 1)),
            ],
            remedies);
        Assert.Equal([RemedyStanding.OnTime, RemedyStanding.Late, RemedyStanding.OnTime], remedies.Select(r => r.StandingAt(At(2027, 3, 1))));
    }

    [Fact]
    public void A_remedy_closed_as_not_implemented_or_not_yet_closed_has_no_evidence()
    {
        var spec = new DeciderSpecification().GivenDecisionsDispatched().GivenCommands(
            new ActOnFollowUp("M1", new CloseRecommendation(RecommendationClosure.NotImplemented, "Mr X moved away.", ScrutinyOfficer, At(2027, 1, 12))));

        Assert.All(spec.State.TrackedRemedies, r => Assert.Null(r.EvidencedAt));
        Assert.All(new DeciderSpecification().GivenCommands(DraftDecisions()).State.TrackedRemedies, r => Assert.Null(r.EvidencedAt));
    }

    [Fact]
    public void Given_a_remedy_closed_as_no_longer_needed_then_compliance_counts_it_neither_on_time_late_nor_outstanding()
    {
        var spec = new DeciderSpecification().GivenDecisionsDispatched();

        spec.When(new ActOnFollowUp("M1", new CloseRecommendation(RecommendationClosure.NoLongerNeeded, "The Ombudsman withdrew it.", ScrutinyOfficer, At(2027, 1, 12))));
        var after = spec.StateAfter();

        Assert.Equal([("24 001 234", 2), ("24 009 999", 3)], after.TrackedRemedies.Select(r => (r.DecisionReference, r.Number)));
        Assert.Equal(after.TrackedRemedies, DecisionsPaper.CountedRemedies(after));
        Assert.Equal(new RemedyTally(0, 0, 2, 0), RemedyTally.Of(after.TrackedRemedies, At(2027, 3, 1)));
        // One closed as not implemented is still counted: outstanding once its date has passed.
        var refused = spec.GivenCommands(new ActOnFollowUp("M2", new CloseRecommendation(RecommendationClosure.NotImplemented, "Mr X refused it.", ScrutinyOfficer, At(2027, 1, 12)))).State;
        Assert.Contains(refused.TrackedRemedies, r => r.Number == 2 && r.StandingAt(At(2027, 3, 1)) == RemedyStanding.Outstanding);
    }

    [Fact]
    public void An_owner_sees_their_open_follow_ups_and_their_manager_only_those_escalated_to_them()
    {
        var spec = new DeciderSpecification().GivenDecisionsDispatched();
        var director = new Respondent(Head.ManagerEmail!, OnBehalfOf: Head.Email);

        Assert.Equal(["M1", "M2"], spec.State.FollowUpsFor(By(Housing)).Select(f => f.RecommendationId));
        Assert.Equal(["M3"], spec.State.FollowUpsFor(By(Head)).Select(f => f.RecommendationId));
        Assert.Empty(spec.State.FollowUpsFor(director));

        // M3 is due Friday 26 February; its escalation goes the next working day, Monday 1 March.
        spec.GivenCommands(new ProcessDueTimers(At(2027, 3, 1, 9)));
        Assert.Equal(["M3"], spec.State.FollowUpsFor(director).Select(f => f.RecommendationId));
        Assert.Empty(spec.State.FollowUpsFor(new Respondent(Head.ManagerEmail!, OnBehalfOf: Housing.Email)));

        spec.GivenCommands(new ActOnFollowUp("M1", new CloseRecommendation(RecommendationClosure.NoLongerNeeded, "Withdrawn.", ScrutinyOfficer, At(2027, 3, 1, 10))));
        Assert.Equal(["M2"], spec.State.FollowUpsFor(By(Housing)).Select(f => f.RecommendationId));
    }
}
