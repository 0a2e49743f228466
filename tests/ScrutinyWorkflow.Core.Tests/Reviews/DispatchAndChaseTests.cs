using ScrutinyWorkflow.Core.Reviews;
using static ScrutinyWorkflow.Core.Tests.Reviews.Reviews;

namespace ScrutinyWorkflow.Core.Tests.Reviews;

public sealed class DispatchAndChaseTests
{
    [Fact]
    public void Dispatch_asks_every_officer_of_every_question_in_order()
    {
        var events = new DeciderSpecification().GivenCommands(Draft()).When(new DispatchReview(Start)).ThenEvents();

        Assert.IsType<ReviewDispatched>(events[0]);
        Assert.Equal(
            [("A1", "Q1", Head.Email), ("A2", "Q1", Data.Email), ("A3", "Q2", Housing.Email), ("A4", "Q3", Leaving.Email)],
            events.Skip(1).Cast<RequestSent>().Select(r => (r.AssignmentId, r.QuestionId, r.OfficerEmail)));
    }

    [Fact]
    public void The_chase_schedule_counts_working_days_back_from_the_deadline_over_new_year()
    {
        var dispatched = (ReviewDispatched)new DeciderSpecification().GivenCommands(Draft()).When(new DispatchReview(Start)).ThenEvents()[0];

        // Deadline Friday 8 January 2027: five working days before skips New Year's Day and lands on 31 December.
        Assert.Equal(
            [
                new ChaseStep(ChaseAction.Reminder, 1, new DateTime(2026, 12, 31, 9, 0, 0)),
                new ChaseStep(ChaseAction.Reminder, 2, new DateTime(2027, 1, 6, 9, 0, 0)),
                new ChaseStep(ChaseAction.Escalation, 1, new DateTime(2027, 1, 8, 9, 0, 0)),
            ],
            dispatched.Schedule.Steps);
        Assert.Equal(new DateTime(2027, 1, 9), dispatched.Schedule.ClosesAt);
    }

    [Fact]
    public void The_chase_schedule_skips_good_friday_and_easter_monday()
    {
        // Easter 2027 is 28 March. Deadline Wednesday 31 March: counting back skips Easter Monday (29th) and
        // Good Friday (26th), so five working days before is Monday 22 March and two is Thursday 25 March.
        var draft = Draft(deadline: new DateOnly(2027, 3, 31), meeting: new DateOnly(2027, 4, 14));
        var dispatched = (ReviewDispatched)new DeciderSpecification().GivenCommands(draft).When(new DispatchReview(Start)).ThenEvents()[0];

        Assert.Equal(
            [new DateTime(2027, 3, 22, 9, 0, 0), new DateTime(2027, 3, 25, 9, 0, 0), new DateTime(2027, 3, 31, 9, 0, 0)],
            dispatched.Schedule.Steps.Select(s => s.Due));
    }

    [Fact]
    public void Chase_offsets_and_time_of_day_come_from_the_policy()
    {
        var policy = ReviewPolicy.Default with { ReminderWorkingDaysBefore = [3], EscalationWorkingDaysBefore = 1, ChaseTimeOfDay = new TimeOnly(8, 30) };
        var dispatched = (ReviewDispatched)new DeciderSpecification(policy).GivenCommands(Draft()).When(new DispatchReview(Start)).ThenEvents()[0];

        Assert.Equal(
            [
                new ChaseStep(ChaseAction.Reminder, 1, new DateTime(2027, 1, 5, 8, 30, 0)),
                new ChaseStep(ChaseAction.Escalation, 1, new DateTime(2027, 1, 7, 8, 30, 0)),
            ],
            dispatched.Schedule.Steps);
    }

    [Fact]
    public void Rejects_dispatching_twice()
    {
        new DeciderSpecification().GivenDispatched().When(new DispatchReview(Start)).ThenRejected(RejectionCodes.AlreadyDispatched);
    }

    [Fact]
    public void Rejects_dispatching_a_question_with_nobody_to_answer_it()
    {
        var areas = new[] { new AreaInput("Care planning", [new QuestionInput("Are records accurate?", [])]) };

        var rejection = new DeciderSpecification().GivenCommands(Draft(areas: areas)).When(new DispatchReview(Start)).ThenRejected(RejectionCodes.Invalid);

        Assert.Equal("areas[0].questions[0].officers", Assert.Single(rejection.Problems).Field);
    }

    [Fact]
    public void Rejects_dispatching_a_draft_whose_deadline_has_passed_meanwhile()
    {
        new DeciderSpecification().GivenCommands(Draft())
            .When(new DispatchReview(At(2027, 1, 11)))
            .ThenRejected(RejectionCodes.Invalid);
    }

    [Fact]
    public void Nothing_is_sent_before_the_first_reminder_is_due()
    {
        new DeciderSpecification().GivenDispatched().When(new ProcessDueTimers(At(2026, 12, 31, 8, 59))).ThenNothingHappens();
    }

    [Fact]
    public void Sends_the_first_reminder_five_working_days_before_the_deadline()
    {
        new DeciderSpecification().GivenDispatched()
            .When(new ProcessDueTimers(At(2026, 12, 31, 9, 0)))
            .Then(
                new ReminderSent("A1", 0, 1, At(2026, 12, 31, 9, 0)),
                new ReminderSent("A2", 0, 1, At(2026, 12, 31, 9, 0)),
                new ReminderSent("A3", 0, 1, At(2026, 12, 31, 9, 0)),
                new ReminderSent("A4", 0, 1, At(2026, 12, 31, 9, 0)));
    }

    [Fact]
    public void Sends_the_second_reminder_two_working_days_before_and_only_once()
    {
        var spec = new DeciderSpecification().GivenDispatched().GivenCommands(new ProcessDueTimers(At(2026, 12, 31, 9, 0)));

        var second = spec.When(new ProcessDueTimers(At(2027, 1, 6, 9, 5))).ThenEvents();
        Assert.All(second, e => Assert.Equal(2, Assert.IsType<ReminderSent>(e).ReminderNumber));
        Assert.Equal(4, second.Count);

        spec.GivenCommands(new ProcessDueTimers(At(2027, 1, 6, 9, 5)))
            .When(new ProcessDueTimers(At(2027, 1, 6, 15, 0)))
            .ThenNothingHappens();
    }

    [Fact]
    public void Escalates_to_the_officers_manager_on_the_deadline_day()
    {
        var events = new DeciderSpecification().GivenDispatched()
            .GivenCommands(new ProcessDueTimers(At(2026, 12, 31, 9, 0)), new ProcessDueTimers(At(2027, 1, 6, 9, 0)))
            .When(new ProcessDueTimers(At(2027, 1, 8, 9, 0)))
            .ThenEvents();

        Assert.Equal(
            [("A1", "director@council.example"), ("A2", Head.Email), ("A3", null), ("A4", Head.Email)],
            events.Cast<Escalated>().Select(e => (e.AssignmentId, e.ManagerEmail)));
    }

    [Fact]
    public void A_runner_that_was_stopped_through_several_steps_sends_one_chaser_not_a_burst()
    {
        new DeciderSpecification().GivenDispatched()
            .When(new ProcessDueTimers(At(2027, 1, 7)))
            .Then(
                new ReminderSent("A1", 1, 1, At(2027, 1, 7)),
                new ReminderSent("A2", 1, 1, At(2027, 1, 7)),
                new ReminderSent("A3", 1, 1, At(2027, 1, 7)),
                new ReminderSent("A4", 1, 1, At(2027, 1, 7)));
    }

    [Fact]
    public void An_answered_question_is_no_longer_chased()
    {
        new DeciderSpecification().GivenDispatched()
            .GivenCommands(new SubmitAnswer("A2", "Three, all placed within 28 days.", At(2026, 12, 20)), ReceiptsSentAfter(At(2026, 12, 20)))
            .When(new ProcessDueTimers(At(2026, 12, 31, 9, 0)))
            .Then(new ReminderSent("A3", 0, 1, At(2026, 12, 31, 9, 0)), new ReminderSent("A4", 0, 1, At(2026, 12, 31, 9, 0)));
    }

    [Fact]
    public void At_the_close_of_the_deadline_day_unanswered_assignments_get_no_response_and_the_statement_is_assembled()
    {
        var spec = new DeciderSpecification().GivenDispatched()
            .GivenCommands(new SubmitAnswer("A4", "Yes, every one.", At(2027, 1, 4)), ReceiptsSentAfter(At(2027, 1, 4)));

        spec.When(new ProcessDueTimers(At(2027, 1, 9, 0, 0))).Then(new DeadlinePassed(At(2027, 1, 9, 0, 0)), new StatementAssembled(At(2027, 1, 9, 0, 0)));

        var state = spec.StateAfter();
        Assert.Equal(ReviewStatus.Assembled, state.Status);
        Assert.Equal(
            [AssignmentOutcome.NoResponse, AssignmentOutcome.NoResponse, AssignmentOutcome.NoResponse, AssignmentOutcome.Answered],
            state.Assignments.Select(a => a.Outcome));
        // Nothing is due: the statement waits for the scrutiny officer to check and release it.
        Assert.Null(state.NextDue);
    }

    [Fact]
    public void The_next_due_time_is_the_earliest_chase_step_then_the_close_of_responses()
    {
        var spec = new DeciderSpecification().GivenDispatched();
        Assert.Equal(new DateTime(2026, 12, 31, 9, 0, 0), spec.State.NextDue);

        spec.GivenCommands(new ProcessDueTimers(At(2027, 1, 8, 9, 0)));
        Assert.Equal(new DateTime(2027, 1, 9), spec.State.NextDue);
    }

    [Fact]
    public void Timers_on_a_draft_or_a_finished_review_do_nothing()
    {
        new DeciderSpecification().GivenCommands(Draft()).When(new ProcessDueTimers(At(2027, 1, 9))).ThenNothingHappens();
        new DeciderSpecification().GivenDispatched().GivenCommands(new ProcessDueTimers(At(2027, 1, 9)))
            .When(new ProcessDueTimers(At(2027, 1, 10))).ThenNothingHappens();
    }
}
