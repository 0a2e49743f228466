using ScrutinyWorkflow.Core.Reviews;
using static ScrutinyWorkflow.Core.Tests.Reviews.Reviews;

namespace ScrutinyWorkflow.Core.Tests.Reviews;

/// <summary>Whoever submits or amends an answer through their page gets a receipt of what they sent, with its reference.</summary>
public sealed class ReceiptTests
{
    private static readonly DateTimeOffset Later = At(2026, 12, 18);

    [Fact]
    public void Submitting_an_answer_sends_the_officer_a_receipt_of_the_text_they_sent_with_its_first_reference()
    {
        var spec = new DeciderSpecification().GivenDispatched();

        spec.When(new SubmitAnswer("A3", "  Jointly with housing, <b>every</b> case.  ", Later));

        var receipt = Assert.Single(spec.ThenEffects().OfType<SendReceipt>());
        Assert.Equal(new SendReceipt(By(Housing), "A3", "Q2", "RV-TEST-Q2-1", "Jointly with housing, <b>every</b> case.", Later, Amended: false), receipt);
        Assert.Equal(AnswerReference.Of(spec.StateAfter(), "Q2"), receipt.Reference);
    }

    [Fact]
    public void Each_amendment_sends_a_receipt_with_the_next_reference_and_the_text_as_amended()
    {
        var spec = new DeciderSpecification().GivenDispatched()
            .GivenCommands(new SubmitAnswer("A3", "First.", Later), new SubmitAnswer("A3", "Second.", Later.AddHours(1)));

        spec.When(new SubmitAnswer("A3", "Third.", Later.AddHours(2)));

        spec.ThenEffectsAre(new SendReceipt(By(Housing), "A3", "Q2", "RV-TEST-Q2-3", "Third.", Later.AddHours(2), Amended: true));
    }

    [Fact]
    public void A_co_officer_who_amends_gets_the_receipt_and_the_one_who_first_answered_is_told_of_the_change()
    {
        var spec = new DeciderSpecification().GivenDispatched().GivenCommands(new SubmitAnswer("A1", "Three.", Later));

        spec.When(new SubmitAnswer("A2", "Four.", Later.AddDays(1), Replacing: "Three."));

        spec.ThenEffectsAre(
            new SendAmendmentNotice(Head.Email, "Q1"),
            new SendReceipt(By(Data), "A2", "Q1", "RV-TEST-Q1-2", "Four.", Later.AddDays(1), Amended: true));
    }

    [Fact]
    public void A_manager_answering_on_an_officers_behalf_gets_the_receipt_themselves_not_the_officer()
    {
        var forLeaving = new Respondent(Head.Email, Leaving.Email);
        var spec = new DeciderSpecification().GivenDispatched()
            .GivenCommands(new SubmitAnswer("A1", "Three.", Later), new ProcessDueTimers(At(2027, 1, 8, 9, 0)));

        spec.When(new SubmitAnswer("A4", "Yes, each has an adviser.", At(2027, 1, 8, 11), forLeaving));

        var receipt = Assert.Single(spec.ThenEffects().OfType<SendReceipt>());
        Assert.Equal(forLeaving, receipt.To);
        Assert.Equal(("A4", "RV-TEST-Q3-1"), (receipt.AssignmentId, receipt.Reference));
        Assert.DoesNotContain(spec.ThenEffects(), e => e is SendReceipt { To.Email: var email } && email == Leaving.Email);
    }

    [Fact]
    public void Submitting_the_same_answer_again_sends_no_second_receipt()
    {
        var spec = new DeciderSpecification().GivenDispatched().GivenCommands(new SubmitAnswer("A3", "Same.", Later));

        spec.When(new SubmitAnswer("A3", "Same.", Later.AddHours(1)));

        Assert.Empty(spec.ThenEffects());
    }

    [Fact]
    public void An_answer_the_scrutiny_team_records_late_or_corrects_sends_the_officer_no_receipt()
    {
        var spec = new DeciderSpecification().GivenDispatched()
            .GivenCommands(new SubmitAnswer("A1", "Three.", Later), new ProcessDueTimers(At(2027, 1, 9)));

        spec.When(new AcceptLateAnswer("A3", "Sent by email.", At(2027, 1, 11)));
        Assert.IsType<LateAnswerAccepted>(spec.ThenEvents()[0]);
        Assert.DoesNotContain(spec.ThenEffects(), e => e is SendReceipt);

        spec.When(new CorrectAnswer("Q1", "Four, not three.", At(2027, 1, 11)));
        Assert.IsType<AnswerCorrected>(spec.ThenEvents()[0]);
        Assert.DoesNotContain(spec.ThenEffects(), e => e is SendReceipt);
    }
}
