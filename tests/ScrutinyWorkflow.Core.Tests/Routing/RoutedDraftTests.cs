using ScrutinyWorkflow.Core.Reviews;
using ScrutinyWorkflow.Core.Tests.Reviews;
using static ScrutinyWorkflow.Core.Tests.Reviews.Reviews;

namespace ScrutinyWorkflow.Core.Tests.Routing;

/// <summary>What the review keeps of a routing proposal: the rule, until the scrutiny officer changes the officers.</summary>
public sealed class RoutedDraftTests
{
    private static readonly RoutingChoice ByRule = new("Care leavers", "The area of focus \u201cCare leavers\u201d matches \u201ccare leavers\u201d.");

    private static IReadOnlyList<AreaInput> Routed() =>
        [new("Care leavers", [new("Does every care leaver have a personal adviser?", [Leaving.Email], RoutedBy: ByRule)])];

    [Fact]
    public void A_drafted_question_keeps_the_rule_that_proposed_its_officers()
    {
        var drafted = Assert.IsType<ReviewDrafted>(Assert.Single(new DeciderSpecification().When(Draft(areas: Routed())).ThenEvents()));

        Assert.Equal(ByRule, drafted.Areas[0].Questions[0].RoutedBy);
    }

    [Fact]
    public void A_revision_that_keeps_the_proposed_officers_keeps_the_rule_and_one_that_changes_them_drops_it()
    {
        var spec = new DeciderSpecification().GivenCommands(Draft(areas: Routed()));

        var reworded = spec.When(new ReviseQuestions([new("Care leavers", [new("Does every care leaver have an adviser?", [Leaving.Email.ToUpperInvariant()], "Q1")])], Council, Start)).ThenEvents();
        var changed = spec.When(new ReviseQuestions([new("Care leavers", [new("Does every care leaver have an adviser?", [Housing.Email], "Q1")])], Council, Start)).ThenEvents();

        Assert.Equal(ByRule, Assert.IsType<QuestionsRevised>(Assert.Single(reworded)).Areas[0].Questions[0].RoutedBy);
        Assert.Null(Assert.IsType<QuestionsRevised>(Assert.Single(changed)).Areas[0].Questions[0].RoutedBy);
    }

    [Fact]
    public void Dispatch_with_a_question_nobody_answers_is_refused_naming_the_question_in_words()
    {
        var areas = new[] { new AreaInput("Care planning", [new QuestionInput("Are care plans reviewed on time?", [])]) };

        var rejection = new DeciderSpecification().GivenCommands(Draft(areas: areas)).When(new DispatchReview(Start)).ThenRejected(RejectionCodes.Invalid);

        var problem = Assert.Single(rejection.Problems);
        Assert.Equal("Question Q1 under \u201cCare planning\u201d (\u201cAre care plans reviewed on time?\u201d) has nobody to answer it: name an officer or team mailbox for it, then send the review.", problem.Message);
    }
}
