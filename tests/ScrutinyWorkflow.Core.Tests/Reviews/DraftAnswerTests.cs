using ScrutinyWorkflow.Core.Reviews;
using static ScrutinyWorkflow.Core.Tests.Reviews.Reviews;

namespace ScrutinyWorkflow.Core.Tests.Reviews;

/// <summary>Unsubmitted drafts: each person who may answer an assignment keeps their own, until an answer overtakes it.</summary>
public sealed class DraftAnswerTests
{
    private static readonly DateTimeOffset Morning = At(2027, 1, 8, 10);
    private static readonly DateTimeOffset Noon = At(2027, 1, 8, 12);

    /// <summary>Asha (Head) answering on Cara's (Leaving's) behalf, which the deadline day's escalation allows.</summary>
    private static readonly Respondent ForLeaving = new(Head.Email, Leaving.Email);

    /// <summary>Escalated on the deadline day: Cara's A4 (Q3) may now be answered by Asha on her behalf.</summary>
    private static DeciderSpecification Escalated() =>
        new DeciderSpecification().GivenDispatched()
            .GivenCommands(new ProcessDueTimers(At(2027, 1, 8, 9, 0)));

    [Fact]
    public void A_managers_draft_does_not_overwrite_the_officers()
    {
        var spec = Escalated().GivenCommands(new SaveAnswer("A4", "Cara's notes", Morning));

        spec.When(new SaveAnswer("A4", "Asha's notes", Noon, ForLeaving))
            .Then(new AnswerSaved("A4", "Asha's notes", Noon, ForLeaving));

        var state = spec.StateAfter();
        Assert.Equal("Cara's notes", state.DraftOf("A4", By(Leaving)));
        Assert.Equal("Asha's notes", state.DraftOf("A4", ForLeaving));
    }

    [Fact]
    public void Each_person_sees_their_own_draft_and_saving_it_unchanged_is_judged_against_their_own()
    {
        var spec = Escalated().GivenCommands(new SaveAnswer("A4", "Cara's notes", Morning), new SaveAnswer("A4", "Asha's notes", Noon, ForLeaving));

        // With one saved text per assignment, Asha's save made Cara's unchanged save look new and Asha's look old.
        spec.When(new SaveAnswer("A4", "Cara's notes", Noon.AddMinutes(5))).ThenNothingHappens();
        spec.When(new SaveAnswer("A4", "Asha's notes", Noon.AddMinutes(5), ForLeaving)).ThenNothingHappens();
        spec.When(new SaveAnswer("A4", "Cara's notes", Noon.AddMinutes(5), ForLeaving))
            .Then(new AnswerSaved("A4", "Cara's notes", Noon.AddMinutes(5), ForLeaving));
        Assert.Null(spec.State.DraftOf("A4", By(Data)));
    }

    [Fact]
    public void A_submit_clears_the_submitters_draft_and_leaves_drafts_of_other_questions()
    {
        var spec = Escalated().GivenCommands(
            new SaveAnswer("A4", "Cara's notes", Morning),
            new SaveAnswer("A3", "Dev's notes", Morning),
            new SaveAnswer("A2", "Ben's notes", Morning));

        spec.When(new SubmitAnswer("A4", "Yes, each has an adviser.", Noon))
            .Then(new AnswerSubmitted("A4", "Q3", "Yes, each has an adviser.", Noon, By(Leaving), ReceiptDue(Noon)));

        var state = spec.StateAfter();
        Assert.Null(state.DraftOf("A4", By(Leaving)));
        Assert.False(state.HasDraft("A4"));
        Assert.Equal("Dev's notes", state.DraftOf("A3", By(Housing)));
        Assert.Equal("Ben's notes", state.DraftOf("A2", By(Data)));
    }

    [Fact]
    public void An_answer_makes_every_earlier_draft_of_its_question_stale_so_nobody_overwrites_it_unseen()
    {
        // The answer form starts from a person's draft: a draft written before the answer came in would be offered
        // as the text to submit, and replace an answer its writer never saw.
        var spec = Escalated().GivenCommands(
            new SaveAnswer("A4", "Cara's notes", Morning),
            new SaveAnswer("A4", "Asha's notes", Morning, ForLeaving),
            new SaveAnswer("A2", "Ben's notes", Morning));

        spec.GivenCommands(new SubmitAnswer("A4", "Yes.", Noon, ForLeaving), new SubmitAnswer("A1", "Three.", Noon));

        Assert.Null(spec.State.DraftOf("A4", By(Leaving)));
        Assert.Null(spec.State.DraftOf("A4", ForLeaving));
        Assert.Null(spec.State.DraftOf("A2", By(Data)));
        Assert.Empty(spec.State.Drafts);
    }

    [Fact]
    public void A_draft_saved_after_the_answer_is_kept_for_an_amendment()
    {
        var spec = Escalated().GivenCommands(new SubmitAnswer("A4", "Yes.", Morning));

        spec.When(new SaveAnswer("A4", "Yes, and each has a pathway plan.", Noon))
            .Then(new AnswerSaved("A4", "Yes, and each has a pathway plan.", Noon, By(Leaving)));

        Assert.Equal("Yes, and each has a pathway plan.", spec.StateAfter().DraftOf("A4", By(Leaving)));
    }

    [Fact]
    public void A_draft_recorded_before_drafts_named_their_writer_folds_as_the_officers_own()
    {
        var spec = new DeciderSpecification().GivenDispatched().Given(new AnswerSaved("A3", "Dev's notes", Morning));

        Assert.Equal("Dev's notes", spec.State.DraftOf("A3", By(Housing)));
        Assert.True(spec.State.HasDraft("A3"));
    }
}
