using ScrutinyWorkflow.Core.Reviews;
using static ScrutinyWorkflow.Core.Tests.Reviews.Reviews;

namespace ScrutinyWorkflow.Core.Tests.Reviews;

public sealed class ReviewLimitTests
{
    private static Officer[] People(int count) =>
        [.. Enumerable.Range(1, count).Select(i => new Officer($"officer{i}@council.example", $"Officer {i}", "Service Manager", null))];

    private static DraftReview DraftAsking(int questions, Officer[] people, Func<int, IReadOnlyList<string>> officersOf) =>
        Draft(areas: [new("Everything", [.. Enumerable.Range(0, questions).Select(q => new QuestionInput($"Question {q + 1}?", officersOf(q)))])]) with { KnownOfficers = people };

    [Fact]
    public void A_review_of_five_hundred_questions_to_five_hundred_officers_is_accepted()
    {
        var people = People(500);

        new DeciderSpecification().When(DraftAsking(500, people, q => [people[q].Email])).ThenEvents();
    }

    [Fact]
    public void A_question_asked_of_five_hundred_officers_is_accepted()
    {
        var people = People(500);

        new DeciderSpecification().When(DraftAsking(1, people, _ => [.. people.Select(p => p.Email)])).ThenEvents();
    }

    [Fact]
    public void A_review_of_more_questions_than_the_limit_is_refused_naming_the_limit()
    {
        var people = People(1);

        var rejection = new DeciderSpecification().When(DraftAsking(ReviewDecider.MaxQuestionsPerReview + 1, people, _ => [people[0].Email])).ThenRejected(RejectionCodes.Invalid);

        var problem = Assert.Single(rejection.Problems);
        Assert.Equal("areas", problem.Field);
        Assert.Contains("at most 1,000", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_question_asked_of_more_officers_than_the_limit_is_refused_naming_the_question()
    {
        var people = People(ReviewDecider.MaxOfficersPerQuestion + 1);

        var rejection = new DeciderSpecification().When(DraftAsking(1, people, _ => [.. people.Select(p => p.Email)])).ThenRejected(RejectionCodes.Invalid);

        Assert.Equal("areas[0].questions[0].officers", Assert.Single(rejection.Problems).Field);
    }

    [Fact]
    public void A_review_asking_more_people_than_the_limit_is_refused()
    {
        var people = People(ReviewDecider.MaxOfficersPerReview + 1);

        // 500 questions, each asked of two people, and the first of a third as well: 1,001 people in all.
        var rejection = new DeciderSpecification()
            .When(DraftAsking(500, people, q => q == 0 ? [people[0].Email, people[1].Email, people[^1].Email] : [people[2 * q].Email, people[(2 * q) + 1].Email]))
            .ThenRejected(RejectionCodes.Invalid);

        Assert.Contains("different people", Assert.Single(rejection.Problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_question_added_to_a_review_at_the_limit_is_refused()
    {
        var people = People(1);
        var spec = new DeciderSpecification().GivenCommands(
            DraftAsking(ReviewDecider.MaxQuestionsPerReview, people, _ => [people[0].Email]),
            new DispatchReview(Start));

        var rejection = spec.When(new AddQuestion("Everything", "One more?", [people[0].Email], people, Start)).ThenRejected(RejectionCodes.Invalid);

        Assert.Equal("text", Assert.Single(rejection.Problems).Field);
    }
}
