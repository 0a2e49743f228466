using ScrutinyWorkflow.Core.Recommendations;
using ScrutinyWorkflow.Core.Reviews;
using static ScrutinyWorkflow.Core.Tests.Recommendations.Recommendations;

namespace ScrutinyWorkflow.Core.Tests.Recommendations;

public sealed class RecommendationTests
{
    [Fact]
    public void Recording_a_recommendation_asks_its_owner_for_an_update_by_its_date_with_a_reviews_chasers()
    {
        var events = new RecommendationSpecification().When(Record()).ThenEvents();

        var recorded = Assert.IsType<RecommendationRecorded>(events[0]);
        Assert.Equal((Id, Text, Owner.Email, ScrutinyOfficer.Email), (recorded.RecommendationId, recorded.Text, recorded.Owner.Email, recorded.RecordedBy));
        var requested = Assert.IsType<UpdateRequested>(events[1]);
        Assert.Equal((1, FirstDue), (requested.Round, requested.Due));
        // The review's default chasers: 5 and 2 working days before (over New Year's Day), escalation on the day, at 09:00.
        Assert.Equal(
            [
                new ChaseStep(ChaseAction.Reminder, 1, new DateTime(2026, 12, 31, 9, 0, 0)),
                new ChaseStep(ChaseAction.Reminder, 2, new DateTime(2027, 1, 6, 9, 0, 0)),
                new ChaseStep(ChaseAction.Escalation, 1, new DateTime(2027, 1, 8, 9, 0, 0)),
            ],
            requested.Schedule.Steps);
    }

    [Fact]
    public void Given_nothing_when_the_owner_tries_to_record_a_recommendation_then_it_is_refused()
    {
        new RecommendationSpecification().When(Record(by: OwnerThroughLink)).ThenRejected(RecommendationRejectionCodes.ScrutinyOfficerOnly);
    }

    [Fact]
    public void Given_nothing_when_a_recommendation_has_no_text_no_owner_and_a_bank_holiday_date_then_every_problem_is_named()
    {
        var command = new RecordRecommendation(Id, Review, "  ", null, new DateOnly(2027, 1, 1), ScrutinyOfficer, Start);

        var rejection = new RecommendationSpecification().When(command).ThenRejected(RejectionCodes.Invalid);

        Assert.Equal(["text", "owner", "updateDue"], rejection.Problems.Select(p => p.Field));
        Assert.Contains("New Year's Day", rejection.Problems[2].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_a_recommendation_when_it_is_recorded_again_then_it_is_refused_as_existing()
    {
        new RecommendationSpecification().GivenRecorded().When(Record()).ThenRejected(RejectionCodes.AlreadyExists);
    }

    [Fact]
    public void Given_a_recorded_recommendation_when_the_first_reminder_is_due_then_the_owner_is_reminded_once()
    {
        var spec = new RecommendationSpecification().GivenRecorded();

        spec.When(new ProcessRecommendationTimers(At(2026, 12, 31, 8, 59))).ThenNothingHappens();
        Assert.Equal([new UpdateReminderSent(1, 0, At(2026, 12, 31, 9, 0))], spec.When(new ProcessRecommendationTimers(At(2026, 12, 31, 9, 0))).ThenEvents());

        spec.GivenCommands(new ProcessRecommendationTimers(At(2026, 12, 31, 9, 0)))
            .When(new ProcessRecommendationTimers(At(2026, 12, 31, 15, 0)))
            .ThenNothingHappens();
    }

    [Fact]
    public void Given_the_scheduler_was_stopped_through_every_chaser_when_it_runs_then_only_the_escalation_goes_to_the_owners_manager()
    {
        var events = new RecommendationSpecification().GivenRecorded().When(new ProcessRecommendationTimers(At(2027, 1, 8, 11))).ThenEvents();

        Assert.Equal([new UpdateEscalated(1, 2, Owner.ManagerEmail, At(2027, 1, 8, 11))], events);
    }

    [Fact]
    public void Given_an_escalation_when_the_manager_gives_the_update_then_it_is_kept_as_theirs_and_the_chasing_stops()
    {
        var manager = Actor.LinkHolder(Owner.ManagerEmail!);
        var spec = new RecommendationSpecification().GivenRecorded().GivenCommands(new ProcessRecommendationTimers(At(2027, 1, 8, 9)));

        var events = spec.When(new ProvideUpdate("A quarterly report is scheduled from March.", RecommendationProgress.InProgress, manager, At(2027, 1, 8, 14))).ThenEvents();

        Assert.Equal([new UpdateProvided(1, "A quarterly report is scheduled from March.", RecommendationProgress.InProgress, manager.Email, false, At(2027, 1, 8, 14))], events);
        Assert.Null(spec.StateAfter().NextDue);
    }

    [Fact]
    public void Given_a_recorded_recommendation_when_someone_other_than_the_owner_gives_an_update_through_a_link_then_it_is_refused()
    {
        new RecommendationSpecification().GivenRecorded()
            .When(new ProvideUpdate("Done.", RecommendationProgress.Done, Actor.LinkHolder("someone.else@council.example"), At(2027, 1, 4)))
            .ThenRejected(RejectionCodes.NotYours);
    }

    [Fact]
    public void Given_an_update_when_the_scrutiny_officer_asks_for_the_next_then_a_second_round_begins_and_the_first_words_are_kept()
    {
        var spec = new RecommendationSpecification().GivenRecorded()
            .GivenCommands(
                new ProvideUpdate("Scheduled from March.", RecommendationProgress.InProgress, OwnerThroughLink, At(2027, 1, 4)),
                new RequestUpdate(new DateOnly(2027, 4, 9), ScrutinyOfficer, At(2027, 1, 20)),
                new ProvideUpdate("The first quarterly report went to the panel on 7 April.", RecommendationProgress.Done, OwnerThroughLink, At(2027, 4, 8)));

        var state = spec.State;

        Assert.Equal(
            [(1, "Scheduled from March."), (2, "The first quarterly report went to the panel on 7 April.")],
            state.Rounds.Select(r => (r.Round, r.Update!.Text)));
        Assert.Equal(RecommendationStanding.ReportedDone, state.StandingAt(At(2027, 4, 9)));
    }

    [Fact]
    public void Given_an_update_is_awaited_when_the_scrutiny_officer_asks_for_another_then_she_is_told_to_move_the_date_instead()
    {
        var rejection = new RecommendationSpecification().GivenRecorded()
            .When(new RequestUpdate(new DateOnly(2027, 2, 5), ScrutinyOfficer, At(2026, 12, 20)))
            .ThenRejected(RecommendationRejectionCodes.UpdateAwaited);

        Assert.Contains("8 January 2027", rejection.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_an_awaited_update_when_its_date_moves_then_the_chasers_are_scheduled_against_the_new_date()
    {
        var spec = new RecommendationSpecification().GivenRecorded();

        var moved = Assert.IsType<UpdateDateChanged>(Assert.Single(spec.When(new ChangeUpdateDate(new DateOnly(2027, 1, 22), ScrutinyOfficer, At(2026, 12, 20))).ThenEvents()));

        Assert.Equal((FirstDue, new DateOnly(2027, 1, 22)), (moved.From, moved.To));
        Assert.Equal(new DateTime(2027, 1, 15, 9, 0, 0), spec.StateAfter().NextDue);
    }

    [Fact]
    public void An_update_not_given_by_its_date_is_overdue_from_the_next_day()
    {
        var state = new RecommendationSpecification().GivenRecorded().State;

        Assert.Equal(RecommendationStanding.AwaitingUpdate, state.StandingAt(At(2027, 1, 8, 23, 59)));
        Assert.Equal(RecommendationStanding.UpdateOverdue, state.StandingAt(At(2027, 1, 9, 0, 0)));
    }

    [Fact]
    public void Given_the_owner_says_it_is_done_when_the_owner_tries_to_close_it_then_only_the_scrutiny_officer_may()
    {
        new RecommendationSpecification().GivenRecorded()
            .GivenCommands(new ProvideUpdate("Done.", RecommendationProgress.Done, OwnerThroughLink, At(2027, 1, 4)))
            .When(new CloseRecommendation(RecommendationClosure.Implemented, "", OwnerThroughLink, At(2027, 1, 5)))
            .ThenRejected(RecommendationRejectionCodes.ScrutinyOfficerOnly);
    }

    [Fact]
    public void Given_the_owner_says_it_is_done_when_the_scrutiny_officer_closes_it_then_it_is_closed_as_implemented()
    {
        var spec = new RecommendationSpecification().GivenRecorded()
            .GivenCommands(new ProvideUpdate("Done.", RecommendationProgress.Done, OwnerThroughLink, At(2027, 1, 4)));

        var events = spec.When(new CloseRecommendation(RecommendationClosure.Implemented, " Seen in the April report. ", ScrutinyOfficer, At(2027, 1, 5))).ThenEvents();

        Assert.Equal([new RecommendationClosed(RecommendationClosure.Implemented, "Seen in the April report.", ScrutinyOfficer.Email, At(2027, 1, 5))], events);
        Assert.Equal(RecommendationStanding.Closed, spec.StateAfter().StandingAt(At(2027, 1, 6)));
    }

    [Fact]
    public void Given_a_recommendation_when_it_is_closed_as_not_implemented_without_saying_why_then_it_is_refused()
    {
        var rejection = new RecommendationSpecification().GivenRecorded()
            .When(new CloseRecommendation(RecommendationClosure.NotImplemented, " ", ScrutinyOfficer, At(2027, 1, 5)))
            .ThenRejected(RejectionCodes.Invalid);

        Assert.Equal("note", Assert.Single(rejection.Problems).Field);
    }

    [Fact]
    public void Given_a_closed_recommendation_when_the_owner_gives_an_update_then_it_is_refused()
    {
        new RecommendationSpecification().GivenRecorded()
            .GivenCommands(new CloseRecommendation(RecommendationClosure.NoLongerNeeded, "Superseded by the new sufficiency strategy.", ScrutinyOfficer, At(2027, 1, 5)))
            .When(new ProvideUpdate("Still working on it.", RecommendationProgress.InProgress, OwnerThroughLink, At(2027, 1, 6)))
            .ThenRejected(RecommendationRejectionCodes.Closed);
    }

    [Fact]
    public void Given_a_closed_recommendation_when_it_is_closed_again_the_same_way_then_nothing_happens_and_the_chasers_have_stopped()
    {
        var spec = new RecommendationSpecification().GivenRecorded()
            .GivenCommands(new CloseRecommendation(RecommendationClosure.Implemented, "", ScrutinyOfficer, At(2027, 1, 5)));

        spec.When(new CloseRecommendation(RecommendationClosure.Implemented, "", ScrutinyOfficer, At(2027, 1, 6))).ThenNothingHappens();
        spec.When(new ProcessRecommendationTimers(At(2027, 1, 8, 9))).ThenNothingHappens();
        spec.When(new RequestUpdate(new DateOnly(2027, 2, 5), ScrutinyOfficer, At(2027, 1, 6))).ThenRejected(RecommendationRejectionCodes.Closed);
    }

    [Fact]
    public void Given_an_update_when_the_owner_sends_the_same_words_again_then_nothing_happens_and_new_words_replace_them()
    {
        var update = new ProvideUpdate("Scheduled from March.", RecommendationProgress.InProgress, OwnerThroughLink, At(2027, 1, 4));
        var spec = new RecommendationSpecification().GivenRecorded().GivenCommands(update);

        spec.When(update with { Now = At(2027, 1, 5) }).ThenNothingHappens();
        spec.When(update with { Text = "Scheduled from February.", Now = At(2027, 1, 5) });
        Assert.Equal("Scheduled from February.", spec.StateAfter().LatestUpdate!.Text);
    }
}
