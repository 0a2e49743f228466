using ScrutinyWorkflow.Core.Reviews;
using static ScrutinyWorkflow.Core.Tests.Reviews.Reviews;

namespace ScrutinyWorkflow.Core.Tests.Reviews;

public sealed class AnswerReferenceTests
{
    private static readonly DateTimeOffset Later = At(2026, 12, 18);

    [Fact]
    public void An_answer_is_referenced_by_its_review_its_question_and_which_submission_it_is()
    {
        var first = new DeciderSpecification().GivenDispatched()
            .When(new SubmitAnswer("A2", "Three.", Later)).StateAfter();
        var amended = new DeciderSpecification().GivenDispatched().GivenCommands(new SubmitAnswer("A2", "Three.", Later))
            .When(new SubmitAnswer("A1", "Three; two have moved.", Later.AddDays(1), Replacing: "Three.")).StateAfter();

        var reference = AnswerReference.Of(first, "Q1");
        Assert.Equal($"{first.ReviewId.ToUpperInvariant()}-Q1-1", reference);
        Assert.Equal(reference, AnswerReference.Of(first, "Q1"));
        Assert.Equal($"{first.ReviewId.ToUpperInvariant()}-Q1-2", AnswerReference.Of(amended, "Q1"));
    }
}
