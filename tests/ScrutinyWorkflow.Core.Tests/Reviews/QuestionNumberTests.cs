using ScrutinyWorkflow.Core.Reviews;
using ScrutinyWorkflow.Core.Statements;
using static ScrutinyWorkflow.Core.Tests.Reviews.Reviews;

namespace ScrutinyWorkflow.Core.Tests.Reviews;

/// <summary>
/// One number per question, from the draft to the statement and the references: its place while the review is a
/// draft, the number it was sent with once it is sent, never changed by questions removed or added after.
/// </summary>
public sealed class QuestionNumberTests
{
    private static readonly DateTimeOffset Later = At(2026, 12, 18);

    /// <summary>The draft with its first question removed: Q2 and Q3 are left, under two areas.</summary>
    private static DeciderSpecification FirstRemoved() => new DeciderSpecification().GivenCommands(
        Draft(),
        new ReviseQuestions(
        [
            new("Accommodation for 16 and 17 year olds", [new("How do we assess the needs of homeless 16 and 17 year olds?", [Housing.Email], "Q2")]),
            new("Care leavers", [new("Does every care leaver have a personal adviser and a pathway plan?", [Leaving.Email], "Q3")]),
        ], Council, Start));

    [Fact]
    public void A_draft_numbers_its_questions_by_their_place_so_removing_one_closes_the_gap()
    {
        var draft = FirstRemoved().State;

        Assert.Equal([1, 2], draft.Questions.Select(q => draft.NumberOf(q.QuestionId)));
        Assert.Equal(["Q2", "Q3"], draft.Questions.Select(q => q.QuestionId));
    }

    [Fact]
    public void Sent_after_a_removal_the_statement_and_the_reference_use_the_number_the_pages_show()
    {
        var state = FirstRemoved().GivenCommands(new DispatchReview(Start)).GivenCommands(new SubmitAnswer("A1", "Every one is assessed within ten days.", Later))
            .When(new CloseEarly("Enough for the meeting.", Later)).StateAfter();

        Assert.Equal(1, state.NumberOf("Q2"));
        Assert.Equal([1, 2], PositionStatement.From(state).Rows.Select(r => r.Number));
        Assert.Equal($"{Id.ToUpperInvariant()}-Q1-1", AnswerReference.Of(state, "Q2"));
    }

    [Fact]
    public void Once_sent_a_question_keeps_its_number_when_another_is_withdrawn_or_added_and_a_number_is_never_given_twice()
    {
        var state = new DeciderSpecification().GivenDispatched()
            .GivenCommands(new WithdrawQuestion("Q2", "Answered at the last meeting.", Later))
            .When(new AddQuestion("Accommodation for 16 and 17 year olds", "How many are placed out of the borough?", [Housing.Email], Council, Later)).StateAfter();

        Assert.Equal(["Q1", "Q4", "Q3"], state.Questions.Select(q => q.QuestionId));
        Assert.Equal([1, 4, 3], state.Questions.Select(q => state.NumberOf(q.QuestionId)));
        Assert.Equal(2, state.NumberOf("Q2"));
    }

    [Fact]
    public void A_reference_names_the_question_by_its_number_not_its_id()
    {
        var state = FirstRemoved().GivenCommands(new DispatchReview(Start))
            .When(new SubmitAnswer("A2", "Yes, every one.", Later)).StateAfter();

        Assert.Equal("Q3", state.FindAssignment("A2")!.QuestionId);
        Assert.Equal($"{Id.ToUpperInvariant()}-Q2-1", AnswerReference.Of(state, "Q3"));
    }
}
