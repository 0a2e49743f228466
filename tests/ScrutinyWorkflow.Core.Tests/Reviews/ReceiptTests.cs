using ScrutinyWorkflow.Core.Reviews;
using static ScrutinyWorkflow.Core.Tests.Reviews.Reviews;

namespace ScrutinyWorkflow.Core.Tests.Reviews;

/// <summary>
/// Whoever submits or amends answers through their page gets a receipt of what they sent, with each answer's
/// reference: one receipt for everything they send in a short while, once they have stopped for five minutes.
/// </summary>
public sealed class ReceiptTests
{
    private static readonly DateTimeOffset Later = At(2026, 12, 18);
    private static readonly TimeSpan Quiet = ReviewPolicy.Default.ReceiptQuietPeriod;

    [Fact]
    public void Submitting_an_answer_sends_the_officer_a_receipt_of_the_text_they_sent_with_its_first_reference_once_they_have_sent_nothing_more_for_five_minutes()
    {
        var spec = new DeciderSpecification().GivenDispatched();

        spec.When(new SubmitAnswer("A3", "  Jointly with housing, <b>every</b> case.  ", Later));
        Assert.DoesNotContain(spec.ThenEffects(), e => e is SendReceipt or SendReceipts);
        Assert.Equal(Later.DateTime + Quiet, spec.StateAfter().NextDue);

        spec.GivenCommands(new SubmitAnswer("A3", "  Jointly with housing, <b>every</b> case.  ", Later));
        spec.When(new ProcessDueTimers(Later + Quiet));

        spec.ThenEffectsAre(new SendReceipts(By(Housing), [new ReceiptLine("A3", "Q2", "RV-TEST-Q2-1", "Jointly with housing, <b>every</b> case.", Later, Amended: false)]));
        Assert.Empty(spec.StateAfter().PendingReceipts);
    }

    [Fact]
    public void Nothing_is_sent_before_the_quiet_spell_is_over()
    {
        var spec = new DeciderSpecification().GivenDispatched().GivenCommands(new SubmitAnswer("A3", "First.", Later));

        spec.When(new ProcessDueTimers(Later + Quiet - TimeSpan.FromSeconds(1)));

        spec.ThenNothingHappens();
    }

    [Fact]
    public void Five_answers_sent_within_four_minutes_get_one_receipt_listing_all_five_references_in_the_order_sent()
    {
        var spec = HousingAnswers(5, minutesApart: 1);
        var last = Later.AddMinutes(4);
        Assert.Equal(last.DateTime + Quiet, spec.State.NextDue);

        spec.When(new ProcessDueTimers(last + Quiet));

        var receipt = Assert.IsType<SendReceipts>(Assert.Single(spec.ThenEffects()));
        Assert.Equal(By(Housing), receipt.To);
        Assert.Equal(["RV-TEST-Q1-1", "RV-TEST-Q2-1", "RV-TEST-Q3-1", "RV-TEST-Q4-1", "RV-TEST-Q5-1"], receipt.Answers.Select(a => a.Reference));
        Assert.Equal(["Answer 1.", "Answer 2.", "Answer 3.", "Answer 4.", "Answer 5."], receipt.Answers.Select(a => a.Text));
    }

    [Fact]
    public void Someone_answering_steadily_still_gets_a_receipt_half_an_hour_after_their_first_answer()
    {
        var spec = HousingAnswers(10, minutesApart: 4);

        Assert.Equal(Later.DateTime + ReviewPolicy.Default.ReceiptLongestWait, Assert.Single(spec.State.PendingReceipts.Values).DueAt);
    }

    [Fact]
    public void An_amendment_within_the_quiet_spell_joins_the_same_receipt_with_the_next_reference_and_the_text_as_amended()
    {
        var spec = new DeciderSpecification().GivenDispatched()
            .GivenCommands(new SubmitAnswer("A3", "First.", Later), new SubmitAnswer("A3", "Second.", Later.AddMinutes(1)));

        spec.When(new ProcessDueTimers(Later.AddMinutes(1) + Quiet));

        spec.ThenEffectsAre(new SendReceipts(By(Housing),
        [
            new ReceiptLine("A3", "Q2", "RV-TEST-Q2-1", "First.", Later, Amended: false),
            new ReceiptLine("A3", "Q2", "RV-TEST-Q2-2", "Second.", Later.AddMinutes(1), Amended: true),
        ]));
    }

    [Fact]
    public void Each_person_gets_their_own_receipt_and_a_co_officer_who_amends_gets_theirs_while_the_one_who_first_answered_is_told_of_the_change()
    {
        var spec = new DeciderSpecification().GivenDispatched().GivenCommands(new SubmitAnswer("A1", "Three.", Later));

        spec.When(new SubmitAnswer("A2", "Four.", Later.AddMinutes(1), Replacing: "Three."));
        spec.ThenEffectsAre(new SendAmendmentNotice(Head.Email, "Q1"));

        spec.GivenCommands(new SubmitAnswer("A2", "Four.", Later.AddMinutes(1), Replacing: "Three."));
        spec.When(new ProcessDueTimers(Later.AddMinutes(1) + Quiet));
        spec.ThenEffectsAre(
            new SendReceipts(By(Head), [new ReceiptLine("A1", "Q1", "RV-TEST-Q1-1", "Three.", Later, Amended: false)]),
            new SendReceipts(By(Data), [new ReceiptLine("A2", "Q1", "RV-TEST-Q1-2", "Four.", Later.AddMinutes(1), Amended: true)]));
    }

    [Fact]
    public void A_manager_answering_on_an_officers_behalf_gets_the_receipt_themselves_not_the_officer()
    {
        var forLeaving = new Respondent(Head.Email, Leaving.Email);
        var spec = new DeciderSpecification().GivenDispatched()
            .GivenCommands(new SubmitAnswer("A1", "Three.", Later), new ProcessDueTimers(At(2027, 1, 8, 9, 0)),
                new SubmitAnswer("A4", "Yes, each has an adviser.", At(2027, 1, 8, 11), forLeaving));

        spec.When(new ProcessDueTimers(At(2027, 1, 8, 11) + Quiet));

        var receipt = Assert.IsType<SendReceipts>(Assert.Single(spec.ThenEffects()));
        Assert.Equal(forLeaving, receipt.To);
        Assert.Equal(("A4", "RV-TEST-Q3-1"), (receipt.Answers[0].AssignmentId, receipt.Answers[0].Reference));
    }

    [Fact]
    public void A_receipt_still_goes_after_the_last_answer_has_assembled_the_statement()
    {
        var spec = new DeciderSpecification().GivenDispatched().GivenCommands(
            new SubmitAnswer("A1", "Three.", Later), new SubmitAnswer("A3", "Yes.", Later), new SubmitAnswer("A4", "All of them.", Later));
        Assert.Equal(ReviewStatus.Assembled, spec.State.Status);

        spec.When(new ProcessDueTimers(Later + Quiet));

        Assert.Equal(3, spec.ThenEffects().OfType<SendReceipts>().Count());
        Assert.Null(spec.StateAfter().NextDue);
    }

    [Fact]
    public void Submitting_the_same_answer_again_adds_nothing_to_the_receipt()
    {
        var spec = new DeciderSpecification().GivenDispatched().GivenCommands(new SubmitAnswer("A3", "Same.", Later));

        spec.When(new SubmitAnswer("A3", "Same.", Later.AddMinutes(1)));

        spec.ThenNothingHappens();
    }

    [Fact]
    public void An_answer_recorded_before_receipts_were_grouped_waits_for_no_receipt_its_own_went_at_once()
    {
        var spec = new DeciderSpecification().GivenDispatched().Given(new AnswerSubmitted("A3", "Q2", "Old.", Later, By(Housing)));

        Assert.Empty(spec.State.PendingReceipts);
    }

    [Fact]
    public void An_answer_the_scrutiny_team_records_late_or_corrects_sends_the_officer_no_receipt()
    {
        var spec = new DeciderSpecification().GivenDispatched()
            .GivenCommands(new SubmitAnswer("A1", "Three.", Later), new ProcessDueTimers(At(2027, 1, 9)));

        spec.When(new AcceptLateAnswer("A3", "Sent by email.", At(2027, 1, 11)));
        Assert.IsType<LateAnswerAccepted>(spec.ThenEvents()[0]);
        Assert.Empty(spec.StateAfter().PendingReceipts);

        spec.When(new CorrectAnswer("Q1", "Four, not three.", At(2027, 1, 11)));
        Assert.IsType<AnswerCorrected>(spec.ThenEvents()[0]);
        Assert.Empty(spec.StateAfter().PendingReceipts);
    }

    /// <summary>A review of <paramref name="count"/> questions all asked of Housing, who answers them in turn from <see cref="Later"/>.</summary>
    private static DeciderSpecification HousingAnswers(int count, int minutesApart)
    {
        var spec = new DeciderSpecification().GivenCommands(
            Draft(areas: [new("Housing", [.. Enumerable.Range(1, count).Select(n => new QuestionInput($"Housing question {n}?", [Housing.Email]))])]),
            new DispatchReview(Start));
        for (var n = 1; n <= count; n++)
        {
            spec.GivenCommands(new SubmitAnswer($"A{n}", $"Answer {n}.", Later.AddMinutes(minutesApart * (n - 1))));
        }
        return spec;
    }
}
