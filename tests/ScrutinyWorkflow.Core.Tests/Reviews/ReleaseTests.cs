using ScrutinyWorkflow.Core.Reviews;
using ScrutinyWorkflow.Core.Statements;
using static ScrutinyWorkflow.Core.Tests.Reviews.Reviews;

namespace ScrutinyWorkflow.Core.Tests.Reviews;

/// <summary>An assembled statement waits for the scrutiny officer's check, and goes to the panel in time either way.</summary>
public sealed class ReleaseTests
{
    private static DeciderSpecification Assembled() =>
        new DeciderSpecification().GivenDispatched()
            .GivenCommands(new SubmitAnswer("A1", "Three.", At(2026, 12, 18)), new ProcessDueTimers(At(2027, 1, 9)));

    [Fact]
    public void Assembling_asks_the_team_to_check_the_statement_and_files_nothing_until_it_is_released()
    {
        var spec = new DeciderSpecification().GivenDispatched().GivenCommands(new SubmitAnswer("A1", "Three.", At(2026, 12, 18)), ReceiptsSentAfter(At(2026, 12, 18)));

        spec.When(new ProcessDueTimers(At(2027, 1, 9)));

        spec.ThenEffectsAre(new SendStatementForCheck());
        Assert.False(PositionStatement.From(spec.StateAfter()).Released);
    }

    [Fact]
    public void Releasing_files_the_statement_once_and_a_second_release_changes_nothing()
    {
        var spec = Assembled();

        spec.When(new ReleaseStatement(At(2027, 1, 11))).Then(new StatementReleased(false, At(2027, 1, 11)));
        spec.ThenEffectsAre(new FileStatement());
        spec.GivenCommands(new ReleaseStatement(At(2027, 1, 11)));
        spec.When(new ReleaseStatement(At(2027, 1, 11, 11))).ThenNothingHappens();
        Assert.True(PositionStatement.From(spec.State).Released);
    }

    [Fact]
    public void Rejects_releasing_a_statement_that_is_not_assembled_yet()
    {
        new DeciderSpecification().GivenDispatched().When(new ReleaseStatement(At(2027, 1, 4))).ThenRejected(RejectionCodes.NotAssembled);
    }

    [Fact]
    public void Nobody_releasing_it_the_statement_waits_for_a_person_however_late_it_gets()
    {
        var spec = Assembled();

        Assert.Null(spec.State.NextDue);
        spec.When(new ProcessDueTimers(At(2027, 1, 12, 9, 0))).ThenNothingHappens();
        spec.When(new ProcessDueTimers(At(2027, 1, 19, 17, 0))).ThenNothingHappens();
    }

    [Fact]
    public void With_automatic_release_chosen_nobody_releasing_it_the_statement_goes_at_nine_on_the_last_day_agenda_papers_can_be_published()
    {
        var spec = new DeciderSpecification().GivenCommands(Draft() with { AutomaticRelease = true }, new DispatchReview(Start))
            .GivenCommands(new SubmitAnswer("A1", "Three.", At(2026, 12, 18)), new ProcessDueTimers(At(2027, 1, 9)));
        // Meeting Wednesday 20 January: five clear working days before it means papers out by Tuesday 12 January.
        Assert.Equal(new DateTime(2027, 1, 12, 9, 0, 0), spec.State.NextDue);

        spec.When(new ProcessDueTimers(At(2027, 1, 12, 8, 59))).ThenNothingHappens();
        spec.When(new ProcessDueTimers(At(2027, 1, 12, 9, 0))).Then(new StatementReleased(true, At(2027, 1, 12, 9, 0)));
    }

    [Fact]
    public void A_deadline_on_the_last_publishing_day_is_refused_so_answers_always_close_before_the_statement_is_due()
    {
        // Papers for Wednesday 20 January go out at 09:00 on Tuesday 12 January; answers to a deadline that day close at midnight.
        var rejection = new DeciderSpecification().When(Draft(deadline: new DateOnly(2027, 1, 12))).ThenRejected(RejectionCodes.Invalid);

        var problem = Assert.Single(rejection.Problems);
        Assert.Equal("deadline", problem.Field);
        Assert.Contains("on or before 11 January 2027", problem.Message, StringComparison.Ordinal);
        var dispatched = (ReviewDispatched)new DeciderSpecification().GivenCommands(Draft(deadline: new DateOnly(2027, 1, 11)))
            .When(new DispatchReview(Start)).ThenEvents()[0];
        Assert.True(dispatched.Schedule.ClosesAt <= dispatched.Schedule.ReleaseAt);
    }

    [Fact]
    public void The_release_time_steps_back_over_a_bank_holiday()
    {
        // Meeting Tuesday 11 May 2027; Monday 3 May is the early May bank holiday, so papers go out on Friday 30 April.
        var spec = new DeciderSpecification()
            .GivenCommands(Draft(deadline: new DateOnly(2027, 4, 23), meeting: new DateOnly(2027, 5, 11)));

        var dispatched = (ReviewDispatched)spec.When(new DispatchReview(Start)).ThenEvents()[0];

        Assert.Equal(new DateTime(2027, 4, 30, 9, 0, 0), dispatched.Schedule.ReleaseAt);
    }

    [Fact]
    public void Changing_the_meeting_date_moves_the_release_and_rechecks_the_clear_days()
    {
        var spec = Assembled();

        spec.When(new ChangeMeetingDate(new DateOnly(2027, 1, 27), At(2027, 1, 11)))
            .Then(new MeetingDateChanged(Meeting, new DateOnly(2027, 1, 27), new DateTime(2027, 1, 19, 9, 0, 0), At(2027, 1, 11)));
        var rejection = spec.When(new ChangeMeetingDate(new DateOnly(2027, 1, 13), At(2027, 1, 11))).ThenRejected(RejectionCodes.Invalid);
        Assert.Equal("meetingDate", Assert.Single(rejection.Problems).Field);
        spec.When(new ChangeMeetingDate(Meeting, At(2027, 1, 11))).ThenNothingHappens();
    }

    [Fact]
    public void Until_release_the_scrutiny_officer_can_accept_a_late_answer_which_the_statement_then_shows()
    {
        var spec = Assembled();

        spec.When(new AcceptLateAnswer("A3", "  Sent by email on Monday.  ", At(2027, 1, 11)))
            .Then(new LateAnswerAccepted("A3", "Q2", "Sent by email on Monday.", At(2027, 1, 11)));

        var row = PositionStatement.From(spec.StateAfter()).Areas[0].Rows[1];
        Assert.Equal(("Sent by email on Monday.", true, null), (row.Answer, row.LateAnswer, row.Unanswered));
        Assert.Equal([new Reporter(Housing.Name, Housing.Designation)], row.Reporters);
    }

    [Fact]
    public void Rejects_a_late_answer_for_an_answered_question_or_while_the_release_is_being_filed()
    {
        Assembled().When(new AcceptLateAnswer("A1", "Again.", At(2027, 1, 11))).ThenRejected(RejectionCodes.AssignmentClosed);
        Assembled().GivenCommands(new ReleaseStatement(At(2027, 1, 11)))
            .When(new AcceptLateAnswer("A3", "Too late.", At(2027, 1, 11))).ThenRejected(RejectionCodes.ReleaseUnderway);
    }

    [Fact]
    public void A_reopened_review_takes_answers_and_amendments_until_the_day_given_then_assembles_again()
    {
        var spec = Assembled();

        spec.When(new ReopenAnswers(new DateOnly(2027, 1, 11), At(2027, 1, 10, 12))).Then(new AnswersReopened(new DateOnly(2027, 1, 11), At(2027, 1, 10, 12)));
        spec.ThenEffectsAre(new SendReopenedNotice(Housing.Email, ["A3"]), new SendReopenedNotice(Leaving.Email, ["A4"]));
        spec.GivenCommands(new ReopenAnswers(new DateOnly(2027, 1, 11), At(2027, 1, 10, 12)));

        spec.GivenCommands(new SubmitAnswer("A3", "Now answered.", At(2027, 1, 11, 9)), new SubmitAnswer("A2", "Three, amended.", At(2027, 1, 11, 10), Replacing: "Three."),
            ReceiptsSentAfter(At(2027, 1, 11, 10)));
        Assert.Equal(ReviewStatus.Open, spec.State.Status);
        spec.When(new ProcessDueTimers(At(2027, 1, 12))).Then(new DeadlinePassed(At(2027, 1, 12)), new StatementAssembled(At(2027, 1, 12)));

        var rows = PositionStatement.From(spec.StateAfter()).Areas.SelectMany(a => a.Rows).ToList();
        Assert.Equal(["Three, amended.", "Now answered.", null], rows.Select(r => r.Answer));
        Assert.Equal("No response received by 11 January 2027", rows[2].Unanswered);
    }

    [Fact]
    public void Rejects_reopening_until_a_day_the_council_is_closed_naming_the_working_day_to_choose()
    {
        var spec = Assembled();

        var problem = Assert.Single(spec.When(new ReopenAnswers(new DateOnly(2027, 1, 10), At(2027, 1, 9, 10))).ThenRejected(RejectionCodes.Invalid).Problems);

        Assert.Equal(new Problem("until",
            "Sunday 10 January 2027 is a Sunday, when the council is closed and officers cannot answer: reopen answers until Monday 11 January 2027."), problem);
    }

    [Fact]
    public void Rejects_reopening_past_the_release_time_or_into_the_past()
    {
        var spec = Assembled();

        Assert.Equal("until", Assert.Single(spec.When(new ReopenAnswers(new DateOnly(2027, 1, 12), At(2027, 1, 10))).ThenRejected(RejectionCodes.Invalid).Problems).Field);
        spec.When(new ReopenAnswers(new DateOnly(2027, 1, 9), At(2027, 1, 10))).ThenRejected(RejectionCodes.Invalid);
        spec.When(new ReopenAnswers(null, At(2027, 1, 10))).ThenRejected(RejectionCodes.Invalid);
        new DeciderSpecification().GivenDispatched().When(new ReopenAnswers(new DateOnly(2027, 1, 11), At(2027, 1, 4))).ThenRejected(RejectionCodes.NotAssembled);
    }
}
