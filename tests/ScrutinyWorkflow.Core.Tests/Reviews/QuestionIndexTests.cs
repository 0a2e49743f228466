using ScrutinyWorkflow.Core.Reviews;

namespace ScrutinyWorkflow.Core.Tests.Reviews;

/// <summary>The state finds a question by id from an index of the areas it holds now, whichever way they were set.</summary>
public sealed class QuestionIndexTests
{
    private static readonly IReadOnlyList<AreaOfFocus> Before =
    [
        new("Early help", [new Question("Q1", "How is early help offered?", []), new Question("Q2", "Who decides?", [])]),
        new("Placements", [new Question("Q3", "How many placements moved?", [])]),
    ];

    private static readonly IReadOnlyList<AreaOfFocus> After =
    [
        new("Placements", [new Question("Q3", "How many placements moved this year?", [])]),
        new("Early help", [new Question("Q1", "How is early help offered?", []), new Question("Q4", "What does it cost?", [])]),
    ];

    [Fact]
    public void A_question_is_found_in_its_area_with_its_place_in_the_review()
    {
        var state = ReviewState.Initial with { ReviewId = "rv-1", Areas = Before };

        Assert.Equal(("Placements", "How many placements moved?"), Text(state.Placing("Q3")));
        Assert.Equal("Who decides?", state.FindQuestion("Q2")?.Text);
        Assert.Equal([0, 1, 2], new[] { "Q1", "Q2", "Q3" }.Select(id => state.QuestionNumber(id) ?? -1));
        Assert.Null(state.FindQuestion("Q9"));
        Assert.Null(state.QuestionNumber("Q9"));
    }

    [Fact]
    public void Revised_areas_are_searched_as_they_now_are_and_a_state_that_keeps_its_areas_keeps_finding_them()
    {
        var before = ReviewState.Initial with { ReviewId = "rv-1", Areas = Before };

        var revised = ReviewState.Evolve(before, new QuestionsRevised(After, [], DateTimeOffset.UnixEpoch));
        var unchanged = revised with { LastQuestionNumber = 4 };

        Assert.Equal(("Placements", "How many placements moved this year?"), Text(unchanged.Placing("Q3")));
        Assert.Equal(2, unchanged.QuestionNumber("Q4"));
        Assert.Null(unchanged.FindQuestion("Q2"));
        Assert.Equal("Who decides?", before.FindQuestion("Q2")?.Text);
        Assert.Throws<InvalidOperationException>(() => unchanged.Placing("Q2"));
    }

    [Fact]
    public void Two_states_given_the_same_areas_separately_are_equal_though_each_indexed_them_itself()
    {
        var one = ReviewState.Initial with { ReviewId = "rv-1", Areas = Before };
        var other = ReviewState.Initial with { ReviewId = "rv-1", Areas = Before };

        Assert.Equal(one, other);
        Assert.Equal(one.GetHashCode(), other.GetHashCode());
    }

    private static (string Heading, string Text) Text((string Heading, Question Question) placing) => (placing.Heading, placing.Question.Text);
}
