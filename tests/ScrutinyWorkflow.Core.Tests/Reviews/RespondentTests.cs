using ScrutinyWorkflow.Core.Reviews;
using ScrutinyWorkflow.Core.Statements;
using static ScrutinyWorkflow.Core.Tests.Reviews.Reviews;

namespace ScrutinyWorkflow.Core.Tests.Reviews;

/// <summary>Who may answer what, and how the record names them: officers, managers on their behalf, and "not me".</summary>
public sealed class RespondentTests
{
    private static readonly DateTimeOffset Later = At(2026, 12, 18);

    /// <summary>Escalated on the deadline day: A2 (Data, managed by Head) and A4 (Leaving, managed by Head) are unanswered.</summary>
    private static DeciderSpecification Escalated() =>
        new DeciderSpecification().GivenDispatched()
            .GivenCommands(new SubmitAnswer("A3", "Done.", Later), new ProcessDueTimers(At(2027, 1, 8, 9, 0)));

    [Fact]
    public void A_manager_answering_from_an_escalation_is_recorded_as_answering_on_the_officers_behalf_and_named_as_reporter()
    {
        var spec = new DeciderSpecification().GivenDispatched()
            .GivenCommands(new SubmitAnswer("A1", "Three.", Later), new ProcessDueTimers(At(2027, 1, 8, 9, 0)));
        var forLeaving = new Respondent(Head.Email, Leaving.Email);

        spec.When(new SubmitAnswer("A4", "Yes, each has an adviser.", At(2027, 1, 8, 11), forLeaving))
            .Then(new AnswerSubmitted("A4", "Q3", "Yes, each has an adviser.", At(2027, 1, 8, 11), forLeaving, ReceiptDue(At(2027, 1, 8, 11))));

        spec.GivenCommands(new SubmitAnswer("A4", "Yes, each has an adviser.", At(2027, 1, 8, 11), forLeaving), new SubmitAnswer("A3", "Jointly.", At(2027, 1, 8, 12)));
        var row = PositionStatement.From(spec.State).Areas[1].Rows[0];
        Assert.Equal([new Reporter(Head.Name, Head.Designation)], row.Reporters);
        Assert.Equal(forLeaving, spec.State.Answers["Q3"].SubmittedBy);
    }

    [Fact]
    public void A_manager_cannot_answer_for_an_officer_before_an_escalation_or_for_one_they_do_not_manage()
    {
        new DeciderSpecification().GivenDispatched()
            .When(new SubmitAnswer("A4", "Early.", Later, new Respondent(Head.Email, Leaving.Email)))
            .ThenRejected(RejectionCodes.NotYours);
        Escalated()
            .When(new SubmitAnswer("A4", "Not mine to give.", At(2027, 1, 8, 10), new Respondent(Housing.Email, Leaving.Email)))
            .ThenRejected(RejectionCodes.NotYours);
        Escalated()
            .When(new SubmitAnswer("A4", "Someone else's.", At(2027, 1, 8, 10), By(Data)))
            .ThenRejected(RejectionCodes.NotYours);
    }

    [Fact]
    public void A_manager_who_is_also_an_officer_in_the_review_answers_their_own_questions_as_themselves_and_the_escalated_ones_on_behalf()
    {
        // Head is asked Q1 (A1) and manages Data, who shares Q1, and Leaving (Q3).
        var spec = Escalated();
        var asManager = new Respondent(Head.Email, Leaving.Email);

        Assert.Equal(Head.Email, spec.State.EscalatedTo[Leaving.Email]);
        spec.When(new SubmitAnswer("A1", "Three.", At(2027, 1, 8, 10), By(Head))).Then(new AnswerSubmitted("A1", "Q1", "Three.", At(2027, 1, 8, 10), By(Head), ReceiptDue(At(2027, 1, 8, 10))));
        spec.When(new SubmitAnswer("A1", "Three.", At(2027, 1, 8, 10), asManager)).ThenRejected(RejectionCodes.NotYours);
        spec.When(new SubmitAnswer("A4", "Yes.", At(2027, 1, 8, 10), asManager)).Then(new AnswerSubmitted("A4", "Q3", "Yes.", At(2027, 1, 8, 10), asManager, ReceiptDue(At(2027, 1, 8, 10))));
        Assert.Equal(["A4"], spec.State.AssignmentsFor(asManager).Select(a => a.Id));
        Assert.Equal(["A1"], spec.State.AssignmentsFor(By(Head)).Select(a => a.Id));
    }

    [Fact]
    public void A_manager_sees_and_may_answer_only_the_escalated_questions_and_the_statement_names_whoever_wrote_the_words_it_prints()
    {
        // Q1 is Head's (A1) and Data's (A2); Leaving has Q3 (A4). Head answers Q1 and later a question is added for
        // Data alone (A5); on the deadline day only A5 is escalated to Head, Data's manager.
        var spec = new DeciderSpecification().GivenDispatched()
            .GivenCommands(
                new SubmitAnswer("A1", "Three.", Later),
                new AddQuestion("Care leavers", "How many are in work?", [Data.Email], Council, Later),
                new ProcessDueTimers(At(2027, 1, 8, 9, 0)));
        var forData = new Respondent(Head.Email, Data.Email);

        Assert.Equal(["A5"], spec.State.AssignmentsFor(forData).Select(a => a.Id));
        spec.When(new SubmitAnswer("A2", "Two.", At(2027, 1, 8, 10), forData)).ThenRejected(RejectionCodes.NotYours);

        // Data amends Head's answer, knowingly: the statement names Data alone for Q1, whose words it prints.
        spec.GivenCommands(new SubmitAnswer("A2", "Four.", At(2027, 1, 8, 11), Replacing: "Three."), new ProcessDueTimers(At(2027, 1, 9)));
        var row = PositionStatement.From(spec.State).Areas[0].Rows[0];
        Assert.Equal([new Reporter(Data.Name, Data.Designation)], row.Reporters);
    }

    [Fact]
    public void Escalations_go_one_message_per_officer_to_their_manager_or_the_team()
    {
        var spec = new DeciderSpecification().GivenDispatched()
            .GivenCommands(new AddQuestion("Care leavers", "Another?", [Leaving.Email], Council, Later));

        spec.When(new ProcessDueTimers(At(2027, 1, 8, 9, 0)));

        spec.ThenEffectsAre(
            new SendEscalation(Head.Email, "director@council.example", ["A1"]),
            new SendEscalation(Data.Email, Head.Email, ["A2"]),
            new SendEscalation(Housing.Email, null, ["A3"]),
            new SendEscalation(Leaving.Email, Head.Email, ["A4", "A5"]));
    }

    [Fact]
    public void An_officer_can_decline_a_question_naming_a_colleague_and_the_team_is_told_at_once()
    {
        var spec = new DeciderSpecification().GivenDispatched();

        spec.When(new DeclineQuestion("A3", " LEAVING.CARE@council.example ", Council, " The joint protocol is leaving care's ", Later))
            .Then(new QuestionDeclined("A3", Leaving.Email, Leaving, "The joint protocol is leaving care's", Later));

        spec.ThenEffectsAre(new SendDeclineNotice("A3"));
        var state = spec.StateAfter();
        Assert.Equal(AssignmentOutcome.Declined, state.FindAssignment("A3")!.Outcome);
        // No longer chased for it.
        var chasers = Assert.IsType<Accepted>(spec.Decider.Decide(new ProcessDueTimers(At(2026, 12, 31, 9)), state)).Events;
        Assert.Equal(["A1", "A2", "A4"], chasers.OfType<ReminderSent>().Select(r => r.AssignmentId));
    }

    [Fact]
    public void A_declined_question_is_reassigned_to_the_suggested_colleague_with_one_call_and_the_decliner_is_not_named()
    {
        var spec = new DeciderSpecification().GivenDispatched()
            .GivenCommands(new DeclineQuestion("A3", Leaving.Email, Council, "Not mine", Later));

        spec.When(new ReassignAssignment("A3", null, Council, "As suggested", Later.AddHours(1)))
            .Then(
                new AssignmentReassigned("A3", "A5", Leaving, "As suggested", Later.AddHours(1), Head),
                new RequestSent("A5", "Q2", Leaving.Email, Later.AddHours(1)));

        spec.GivenCommands(new ReassignAssignment("A3", null, Council, "As suggested", Later.AddHours(1)), new ProcessDueTimers(At(2027, 1, 9)));
        var row = PositionStatement.From(spec.State).Areas[0].Rows[1];
        Assert.Equal([new Reporter(Leaving.Name, Leaving.Designation)], row.Reporters);
    }

    [Fact]
    public void A_colleague_handed_a_declined_question_a_co_officer_has_already_answered_is_not_chased_for_it()
    {
        // Q1 is Head's (A1) and Data's (A2). Data says it is not theirs and names Leaving, Head answers, and only then
        // is Data's part handed to Leaving (A5): Leaving is asked a question already answered, as a co-officer is.
        var spec = new DeciderSpecification().GivenDispatched()
            .GivenCommands(
                new DeclineQuestion("A2", Leaving.Email, Council, "Not mine", Later),
                new SubmitAnswer("A1", "Three.", Later.AddHours(1)),
                new ReassignAssignment("A2", null, Council, "As suggested", Later.AddHours(2)),
                ReceiptsSentAfter(Later.AddHours(2)));

        spec.When(new ProcessDueTimers(At(2026, 12, 31, 9)))
            .Then(new ReminderSent("A3", 0, 1, At(2026, 12, 31, 9)), new ReminderSent("A4", 0, 1, At(2026, 12, 31, 9)));
        spec.ThenEffectsAre(new SendReminder(Housing.Email, ["A3"], 1), new SendReminder(Leaving.Email, ["A4"], 1));
        spec.When(new ProcessDueTimers(At(2027, 1, 8, 9)))
            .Then(new Escalated("A3", 2, null, At(2027, 1, 8, 9)), new Escalated("A4", 2, Head.Email, At(2027, 1, 8, 9)));
        Assert.Equal(AssignmentOutcome.Answered, spec.State.FindAssignment("A5")!.Outcome);
    }

    // The link pages leave this rule to the decider: each command an officer sends from their link is refused here
    // when it names an assignment that is not theirs (or, for a manager, not escalated to them).

    [Fact]
    public void An_officer_cannot_save_a_draft_to_another_officers_question()
    {
        new DeciderSpecification().GivenDispatched()
            .When(new SaveAnswer("A1", "Notes on someone else's question", Later, By(Housing)))
            .ThenRejected(RejectionCodes.NotYours);
    }

    [Fact]
    public void An_officer_cannot_submit_an_answer_to_another_officers_question()
    {
        new DeciderSpecification().GivenDispatched()
            .When(new SubmitAnswer("A1", "An answer that is not mine to give.", Later, By(Housing)))
            .ThenRejected(RejectionCodes.NotYours);
    }

    [Fact]
    public void An_officer_cannot_amend_the_answer_to_another_officers_question()
    {
        new DeciderSpecification().GivenDispatched()
            .GivenCommands(new SubmitAnswer("A1", "Three.", Later))
            .When(new SubmitAnswer("A1", "None at all.", Later.AddHours(1), By(Housing)))
            .ThenRejected(RejectionCodes.NotYours);
    }

    [Fact]
    public void An_officer_cannot_decline_another_officers_question()
    {
        new DeciderSpecification().GivenDispatched()
            .When(new DeclineQuestion("A1", Leaving.Email, Council, "Not theirs either", Later, By(Housing)))
            .ThenRejected(RejectionCodes.NotYours);
    }

    [Fact]
    public void Rejects_declining_without_a_reason_naming_oneself_or_an_answered_question()
    {
        var spec = new DeciderSpecification().GivenDispatched();

        var rejection = spec.When(new DeclineQuestion("A3", Housing.Email, Council, " ", Later)).ThenRejected(RejectionCodes.Invalid);
        Assert.Equal(["colleague", "reason"], rejection.Problems.Select(p => p.Field).Order());
        new DeciderSpecification().GivenDispatched().GivenCommands(new SubmitAnswer("A1", "Three.", Later))
            .When(new DeclineQuestion("A2", null, Council, "Not mine", Later)).ThenRejected(RejectionCodes.AssignmentClosed);
        new DeciderSpecification().GivenDispatched()
            .When(new ReassignAssignment("A3", null, Council, "", Later)).ThenRejected(RejectionCodes.Invalid);
    }

    [Fact]
    public void A_reassigned_officers_link_no_longer_shows_or_takes_that_question()
    {
        var spec = new DeciderSpecification().GivenDispatched()
            .GivenCommands(new ReassignAssignment("A3", Leaving.Email, Council, "", Later));

        Assert.False(spec.State.TakesAnswerFrom("A3", Later, By(Housing)));
        Assert.DoesNotContain(spec.State.AssignmentsFor(By(Housing)), a => a.IsCurrent);
        spec.When(new SubmitAnswer("A3", "Mine after all.", Later, By(Housing))).ThenRejected(RejectionCodes.AssignmentClosed);
    }
}
