using ScrutinyWorkflow.Core.Reviews;
using ScrutinyWorkflow.Core.Statements;
using static ScrutinyWorkflow.Core.Tests.Reviews.Reviews;

namespace ScrutinyWorkflow.Core.Tests.Reviews;

/// <summary>After the review has gone out: questions added and withdrawn, dates moved, an officer reminded by hand.</summary>
public sealed class ChangesAfterSendingTests
{
    private static readonly DateTimeOffset Later = At(2026, 12, 18);

    [Fact]
    public void A_question_added_after_dispatch_is_asked_of_its_officers_at_once_under_its_area()
    {
        var spec = new DeciderSpecification().GivenDispatched();

        spec.When(new AddQuestion("care leavers", "How many care leavers are in education?", [Leaving.Email, Data.Email], Council, Later));

        spec.Then(
            new QuestionAdded("Care leavers", new Question("Q4", "How many care leavers are in education?", [Leaving.Email, Data.Email]), [Head, Data, Leaving], Later),
            new RequestSent("A5", "Q4", Leaving.Email, Later),
            new RequestSent("A6", "Q4", Data.Email, Later));
        spec.ThenEffectsAre(new SendRequest(Leaving.Email, ["A5"]), new SendRequest(Data.Email, ["A6"]));
        Assert.Equal(["Q3", "Q4"], spec.StateAfter().Areas[1].Questions.Select(q => q.QuestionId));
    }

    [Fact]
    public void A_question_added_to_a_review_answered_in_full_takes_it_back_to_collecting_answers()
    {
        var spec = new DeciderSpecification().GivenDispatched()
            .GivenCommands(new SubmitAnswer("A1", "Three.", Later), new SubmitAnswer("A3", "Jointly.", Later), new SubmitAnswer("A4", "Yes.", Later), ReceiptsSentAfter(Later));
        Assert.Equal(ReviewStatus.Assembled, spec.State.Status);

        spec.GivenCommands(new AddQuestion("New area", "One more?", [Housing.Email], Council, Later.AddDays(1)));

        Assert.Equal((ReviewStatus.Open, (DateTimeOffset?)null), (spec.State.Status, spec.State.AssembledAt));
        spec.When(new SubmitAnswer("A5", "Yes.", Later.AddDays(2))).Then(new AnswerSubmitted("A5", "Q4", "Yes.", Later.AddDays(2), By(Housing), ReceiptDue(Later.AddDays(2))), new StatementAssembled(Later.AddDays(2)));
    }

    [Fact]
    public void Rejects_an_added_question_with_nobody_to_answer_it_or_someone_outside_the_directory()
    {
        var spec = new DeciderSpecification().GivenDispatched();

        var rejection = spec.When(new AddQuestion("", "", ["stranger@elsewhere.example"], Council, Later)).ThenRejected(RejectionCodes.Invalid);
        Assert.Equal(["area", "officers[0]", "text"], rejection.Problems.Select(p => p.Field).Order());
        Assert.Equal("officers", Assert.Single(spec.When(new AddQuestion("Care leavers", "Why?", [], Council, Later)).ThenRejected(RejectionCodes.Invalid).Problems).Field);
        new DeciderSpecification().GivenCommands(Draft()).When(new AddQuestion("Care leavers", "Why?", [Head.Email], Council, Later)).ThenRejected(RejectionCodes.NotOpen);
    }

    [Fact]
    public void A_withdrawn_question_tells_its_officers_leaves_the_statement_and_closes_their_links_for_it()
    {
        var spec = new DeciderSpecification().GivenDispatched().GivenCommands(new SubmitAnswer("A1", "Three.", Later));

        spec.When(new WithdrawQuestion("Q1", "Covered by the housing review", Later.AddDays(1)))
            .Then(new QuestionWithdrawn("Q1", "Covered by the housing review", Later.AddDays(1)));

        spec.ThenEffectsAre(new SendWithdrawalNotice(Head.Email, "Q1"), new SendWithdrawalNotice(Data.Email, "Q1"));
        var state = spec.StateAfter();
        Assert.Equal(["Q2", "Q3"], state.Questions.Select(q => q.QuestionId));
        Assert.Equal([AssignmentOutcome.Withdrawn, AssignmentOutcome.Withdrawn], state.Assignments.Take(2).Select(a => a.Outcome));
        Assert.False(state.TakesAnswerFrom("A2", Later.AddDays(1)));
        Assert.Equal(("Accommodation for 16 and 17 year olds", "Q1"), (state.Placing("Q1").Heading, state.Placing("Q1").Question.QuestionId));
    }

    [Fact]
    public void Withdrawing_the_last_unanswered_question_assembles_the_statement_and_withdrawing_again_changes_nothing()
    {
        var spec = new DeciderSpecification().GivenDispatched()
            .GivenCommands(new SubmitAnswer("A1", "Three.", Later), new SubmitAnswer("A3", "Jointly.", Later));

        spec.When(new WithdrawQuestion("Q3", "", Later)).Then(new QuestionWithdrawn("Q3", "", Later), new StatementAssembled(Later));
        spec.GivenCommands(new WithdrawQuestion("Q3", "", Later));
        spec.When(new WithdrawQuestion("Q3", "", Later)).ThenNothingHappens();
        spec.When(new WithdrawQuestion("Q9", "", Later)).ThenRejected(RejectionCodes.UnknownQuestion);
    }

    [Fact]
    public void Rejects_withdrawing_the_only_question_left()
    {
        var spec = new DeciderSpecification().GivenDispatched().GivenCommands(new WithdrawQuestion("Q1", "", Later), new WithdrawQuestion("Q2", "", Later));

        spec.When(new WithdrawQuestion("Q3", "", Later)).ThenRejected(RejectionCodes.Invalid);
    }

    [Fact]
    public void The_deadline_can_be_brought_forward_and_each_officer_with_open_questions_is_told_once()
    {
        var spec = new DeciderSpecification().GivenDispatched()
            .GivenCommands(new AddQuestion("Care leavers", "Another?", [Housing.Email], Council, Later));

        var changed = Assert.IsType<DeadlineChanged>(Assert.Single(spec.When(new ChangeDeadline(new DateOnly(2027, 1, 6), Later)).ThenEvents()));

        Assert.Equal((Deadline, new DateOnly(2027, 1, 6)), (changed.From, changed.To));
        spec.ThenEffectsAre(
            new SendDeadlineNotice(Head.Email, ["A1"]),
            new SendDeadlineNotice(Data.Email, ["A2"]),
            new SendDeadlineNotice(Housing.Email, ["A3", "A5"]),
            new SendDeadlineNotice(Leaving.Email, ["A4"]));
        Assert.Equal(new DateTime(2027, 1, 7), spec.StateAfter().AnswersCloseAt);
    }

    [Fact]
    public void Changing_the_deadline_to_the_date_it_already_has_changes_nothing_and_tells_nobody()
    {
        new DeciderSpecification().GivenDispatched().When(new ChangeDeadline(Deadline, Later)).ThenNothingHappens();
    }

    [Fact]
    public void The_scrutiny_officer_can_remind_an_officer_now_of_all_their_open_questions_at_most_once_an_hour()
    {
        var spec = new DeciderSpecification().GivenDispatched()
            .GivenCommands(new AddQuestion("Care leavers", "Another?", [Housing.Email], Council, Later));

        spec.When(new RemindOfficer("HOUSING@council.example", Later.AddHours(1))).Then(new OfficerReminded(Housing.Email, ["A3", "A5"], Later.AddHours(1)));
        spec.ThenEffectsAre(new SendReminder(Housing.Email, ["A3", "A5"], 0));
        spec.GivenCommands(new RemindOfficer(Housing.Email, Later.AddHours(1)));
        spec.When(new RemindOfficer(Housing.Email, Later.AddMinutes(119))).ThenRejected(RejectionCodes.RemindedRecently);
        spec.When(new RemindOfficer(Housing.Email, Later.AddHours(2))).ThenEvents();
        spec.When(new RemindOfficer(Head.Email, Later.AddMinutes(61))).ThenEvents();
    }

    [Fact]
    public void Rejects_reminding_an_officer_with_nothing_left_to_answer()
    {
        new DeciderSpecification().GivenDispatched().GivenCommands(new SubmitAnswer("A3", "Done.", Later))
            .When(new RemindOfficer(Housing.Email, Later)).ThenRejected(RejectionCodes.NothingToChase);
    }

    [Fact]
    public void Rejects_changes_once_the_statement_has_gone_to_the_panel()
    {
        var spec = new DeciderSpecification().GivenDispatched()
            .GivenCommands(new ProcessDueTimers(At(2027, 1, 9)), new ReleaseStatement(At(2027, 1, 9)));

        spec.When(new WithdrawQuestion("Q1", "", At(2027, 1, 9))).ThenRejected(RejectionCodes.AlreadyReleased);
        spec.When(new ChangeMeetingDate(new DateOnly(2027, 1, 27), At(2027, 1, 9))).ThenRejected(RejectionCodes.AlreadyReleased);
        spec.When(new AddQuestion("Care leavers", "Another?", [Housing.Email], Council, At(2027, 1, 9))).ThenRejected(RejectionCodes.NotOpen);
        Assert.Equal(3, PositionStatement.From(spec.State).Areas.Sum(a => a.Rows.Count));
    }
}
