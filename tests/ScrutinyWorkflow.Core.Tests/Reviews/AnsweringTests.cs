using ScrutinyWorkflow.Core.Reviews;
using static ScrutinyWorkflow.Core.Tests.Reviews.Reviews;

namespace ScrutinyWorkflow.Core.Tests.Reviews;

public sealed class AnsweringTests
{
    private static readonly DateTimeOffset Later = At(2026, 12, 18);

    [Fact]
    public void The_first_submission_answers_the_question_for_every_officer_asked_it_and_tells_the_others()
    {
        var spec = new DeciderSpecification().GivenDispatched();

        spec.When(new SubmitAnswer("A2", "  Three young people, all moved within 28 days.  ", Later))
            .Then(new AnswerSubmitted("A2", "Q1", "Three young people, all moved within 28 days.", Later, By(Data), ReceiptDue(Later)));

        var state = spec.StateAfter();
        Assert.Equal(AssignmentOutcome.Answered, state.FindAssignment("A1")!.Outcome);
        Assert.Equal(AssignmentOutcome.Answered, state.FindAssignment("A2")!.Outcome);
        spec.ThenEffectsAre(new SendAnsweredByColleague(Head.Email, "Q1"));
    }

    [Fact]
    public void Any_officer_asked_may_amend_the_answer_before_the_deadline()
    {
        new DeciderSpecification().GivenDispatched()
            .GivenCommands(new SubmitAnswer("A2", "Three.", Later))
            .When(new SubmitAnswer("A1", "Three; two have since moved to supported lodgings.", At(2027, 1, 8, 17, 0), Replacing: "Three."))
            .Then(new AnswerAmended("A1", "Q1", "Three; two have since moved to supported lodgings.", At(2027, 1, 8, 17, 0), By(Head), ReceiptDue(At(2027, 1, 8, 17, 0))));
    }

    [Fact]
    public void A_co_officers_answer_is_replaced_only_by_someone_who_names_it_and_only_while_it_is_still_the_text_they_saw()
    {
        var spec = new DeciderSpecification().GivenDispatched().GivenCommands(new SubmitAnswer("A2", "Three.", Later), ReceiptsSentAfter(Later));

        var refused = spec.When(new SubmitAnswer("A1", "Two.", Later.AddHours(1))).ThenRejected(RejectionCodes.AnsweredBySomeoneElse);
        Assert.Contains("Ben Okafor answered this question", refused.Message, StringComparison.Ordinal);
        spec.When(new SubmitAnswer("A1", "Two.", Later.AddHours(1), Replacing: "An older text.")).ThenRejected(RejectionCodes.AnsweredBySomeoneElse);
        spec.When(new SubmitAnswer("A1", "Two.", Later.AddHours(1), Replacing: "Three.")).Then(new AnswerAmended("A1", "Q1", "Two.", Later.AddHours(1), By(Head), ReceiptDue(Later.AddHours(1))));
        // Their own words a person may change as often as they like.
        spec.When(new SubmitAnswer("A2", "Three, still.", Later.AddHours(1))).Then(new AnswerAmended("A2", "Q1", "Three, still.", Later.AddHours(1), By(Data), ReceiptDue(Later.AddHours(1))));
    }

    [Fact]
    public void Submitting_the_same_answer_again_changes_nothing()
    {
        new DeciderSpecification().GivenDispatched()
            .GivenCommands(new SubmitAnswer("A2", "Three.", Later))
            .When(new SubmitAnswer("A2", "Three.", Later.AddHours(1)))
            .ThenNothingHappens();
    }

    [Fact]
    public void Rejects_an_answer_after_the_deadline_day_even_before_the_timer_has_run()
    {
        new DeciderSpecification().GivenDispatched()
            .When(new SubmitAnswer("A3", "Late but keen.", At(2027, 1, 9, 0, 1)))
            .ThenRejected(RejectionCodes.NotOpen);
    }

    [Fact]
    public void Rejects_answering_a_closed_assignment()
    {
        new DeciderSpecification().GivenDispatched()
            .GivenCommands(new ProcessDueTimers(At(2027, 1, 9)))
            .When(new SubmitAnswer("A3", "Too late.", At(2027, 1, 9)))
            .ThenRejected(RejectionCodes.NotOpen);
    }

    [Fact]
    public void Rejects_an_empty_answer()
    {
        var rejection = new DeciderSpecification().GivenDispatched().When(new SubmitAnswer("A3", " \n ", Later)).ThenRejected(RejectionCodes.Invalid);

        Assert.Equal("answer", Assert.Single(rejection.Problems).Field);
    }

    [Fact]
    public void Rejects_an_answer_longer_than_the_policy_allows()
    {
        new DeciderSpecification(ReviewPolicy.Default with { MaxAnswerLength = 10 }).GivenDispatched()
            .When(new SubmitAnswer("A3", "An answer of more than ten characters.", Later))
            .ThenRejected(RejectionCodes.Invalid);
    }

    [Fact]
    public void Rejects_an_answer_for_an_assignment_the_review_does_not_have()
    {
        new DeciderSpecification().GivenDispatched().When(new SubmitAnswer("A99", "Hello.", Later)).ThenRejected(RejectionCodes.UnknownAssignment);
    }

    [Fact]
    public void Saves_a_draft_and_ignores_saving_the_same_draft_again()
    {
        var spec = new DeciderSpecification().GivenDispatched();
        spec.When(new SaveAnswer("A3", "Notes so far", Later)).Then(new AnswerSaved("A3", "Notes so far", Later, By(Housing)));

        spec.GivenCommands(new SaveAnswer("A3", "Notes so far", Later))
            .When(new SaveAnswer("A3", "Notes so far", Later.AddMinutes(5)))
            .ThenNothingHappens();
        Assert.Equal(AssignmentOutcome.Open, spec.State.FindAssignment("A3")!.Outcome);
    }

    [Fact]
    public void Answering_the_last_question_assembles_the_statement_at_once()
    {
        new DeciderSpecification().GivenDispatched()
            .GivenCommands(new SubmitAnswer("A1", "Three.", Later), new SubmitAnswer("A3", "Jointly with housing.", Later))
            .When(new SubmitAnswer("A4", "Yes.", Later))
            .Then(new AnswerSubmitted("A4", "Q3", "Yes.", Later, By(Leaving), ReceiptDue(Later)), new StatementAssembled(Later));
    }

    [Fact]
    public void A_review_answered_in_full_still_takes_amendments_from_co_officers_until_the_deadline()
    {
        var spec = new DeciderSpecification().GivenDispatched()
            .GivenCommands(new SubmitAnswer("A1", "Three.", Later), new SubmitAnswer("A3", "Jointly.", Later), new SubmitAnswer("A4", "Yes.", Later));

        spec.When(new SubmitAnswer("A2", "Four, since Monday.", At(2027, 1, 8, 23, 0), Replacing: "Three."))
            .Then(new AnswerAmended("A2", "Q1", "Four, since Monday.", At(2027, 1, 8, 23, 0), By(Data), ReceiptDue(At(2027, 1, 8, 23, 0))));
        spec.ThenEffectsAre(new SendAmendmentNotice(Head.Email, "Q1"));
        spec.When(new SubmitAnswer("A2", "Five.", At(2027, 1, 9, 0, 0))).ThenRejected(RejectionCodes.NotOpen);
    }

    [Fact]
    public void Rejects_an_amendment_once_the_statement_is_released_even_before_the_deadline()
    {
        new DeciderSpecification().GivenDispatched()
            .GivenCommands(new SubmitAnswer("A1", "Three.", Later), new SubmitAnswer("A3", "Jointly.", Later), new SubmitAnswer("A4", "Yes.", Later), new ReleaseStatement(Later.AddHours(1)))
            .When(new SubmitAnswer("A1", "Four.", Later.AddHours(2)))
            .ThenRejected(RejectionCodes.NotOpen);
    }

    [Fact]
    public void Each_answer_records_who_submitted_it_and_each_amendment_who_made_it_and_when()
    {
        var state = new DeciderSpecification().GivenDispatched()
            .GivenCommands(new SubmitAnswer("A1", "Three.", Later), new SubmitAnswer("A2", "Four.", Later.AddDays(1), Replacing: "Three."), new SubmitAnswer("A1", "Five.", Later.AddDays(2), Replacing: "Four."))
            .State;

        var answer = state.Answers["Q1"];
        Assert.Equal((By(Head), Later), (answer.SubmittedBy, answer.SubmittedAt));
        Assert.Equal([new AnswerChange(By(Data), Later.AddDays(1)), new AnswerChange(By(Head), Later.AddDays(2))], answer.Amendments);
        Assert.Equal("Five.", answer.Text);
    }

    [Fact]
    public void Reassigning_closes_the_old_assignment_and_asks_the_new_officer()
    {
        var spec = new DeciderSpecification().GivenDispatched();

        spec.When(new ReassignAssignment("A3", "LEAVING.CARE@council.example", Council, "Leaving care holds the joint protocol", Later))
            .Then(
                new AssignmentReassigned("A3", "A5", Leaving, "Leaving care holds the joint protocol", Later, Head),
                new RequestSent("A5", "Q2", Leaving.Email, Later));

        var state = spec.StateAfter();
        Assert.Equal(AssignmentOutcome.Reassigned, state.FindAssignment("A3")!.Outcome);
        Assert.Equal(AssignmentOutcome.Open, state.FindAssignment("A5")!.Outcome);
    }

    [Fact]
    public void A_reassigned_request_no_longer_accepts_answers_from_its_old_link()
    {
        new DeciderSpecification().GivenDispatched()
            .GivenCommands(new ReassignAssignment("A3", Leaving.Email, Council, "", Later))
            .When(new SubmitAnswer("A3", "Actually I can answer.", Later))
            .ThenRejected(RejectionCodes.AssignmentClosed);
    }

    [Fact]
    public void Someone_asked_after_the_first_reminder_is_chased_from_the_next_step()
    {
        var state = new DeciderSpecification().GivenDispatched()
            .GivenCommands(new ReassignAssignment("A3", Leaving.Email, Council, "", At(2027, 1, 4)))
            .State;

        Assert.Equal(1, state.FindAssignment("A5")!.NextStep);
    }

    [Fact]
    public void Rejects_reassigning_to_someone_not_in_the_directory()
    {
        var rejection = new DeciderSpecification().GivenDispatched()
            .When(new ReassignAssignment("A3", "stranger@elsewhere.example", Council, "", Later))
            .ThenRejected(RejectionCodes.Invalid);

        Assert.Contains("stranger@elsewhere.example", Assert.Single(rejection.Problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_reassigning_an_answered_assignment_or_to_someone_already_asked()
    {
        var spec = new DeciderSpecification().GivenDispatched().GivenCommands(new SubmitAnswer("A3", "Done.", Later));
        spec.When(new ReassignAssignment("A3", Leaving.Email, Council, "", Later)).ThenRejected(RejectionCodes.AssignmentClosed);

        new DeciderSpecification().GivenDispatched()
            .When(new ReassignAssignment("A1", Data.Email, Council, "", Later))
            .ThenRejected(RejectionCodes.Invalid);
    }

    [Fact]
    public void A_chaser_held_up_until_after_the_officer_answered_or_was_replaced_is_no_longer_wanted()
    {
        var spec = new DeciderSpecification().GivenDispatched()
            .GivenCommands(new SubmitAnswer("A3", "Done.", Later), new ReassignAssignment("A4", Data.Email, Council, "", Later));
        var state = spec.State;

        Assert.False(ReviewEffects.StillWanted(new SendReminder(Housing.Email, ["A3"], 1), state));
        Assert.False(ReviewEffects.StillWanted(new SendEscalation(Leaving.Email, Head.Email, ["A4"]), state));
        Assert.False(ReviewEffects.StillWanted(new SendRequest(Leaving.Email, ["A4"]), state));
        Assert.True(ReviewEffects.StillWanted(new SendReminder(Head.Email, ["A1"], 1), state));
        Assert.True(ReviewEffects.StillWanted(new SendRequest(Data.Email, ["A5"]), state));
        Assert.True(ReviewEffects.StillWanted(new SendReassignmentNotice("A4"), state));
        Assert.True(ReviewEffects.StillWanted(new SendAnsweredByColleague(Head.Email, "Q1"), state));
        Assert.Equal(["A1"], ReviewEffects.StillOpen(["A1", "A3", "A4"], state).Select(a => a.Id));
    }
}
