using ScrutinyWorkflow.Core.Reviews;
using ScrutinyWorkflow.Core.Routing;

namespace ScrutinyWorkflow.Core.Tests.Routing;

/// <summary>Given the council's rules, when a question comes in under an area of focus, then who is proposed and why.</summary>
public sealed class QuestionRouterTests
{
    private const string Owner = "scrutiny.lead@council.example";
    private const string LeavingCare = "leaving.care@council.example";
    private const string Housing = "housing@council.example";
    private const string Data = "data.team@council.example";

    private static readonly RoutingRule CareLeavers = new("Care leavers", ["leaving care"], [], [LeavingCare]);
    private static readonly RoutingRule HomelessYoungPeople = new("Homeless young people", ["sixteen and seventeen"], ["homeless"], [Housing, "Data.Team@Council.Example"]);
    private static readonly RoutingRule Figures = new("Figures", [], ["how many", "what proportion"], [Data]);

    private static QuestionRouter GivenRules(params RoutingRule[] rules) => QuestionRouter.Create(rules, [Owner]);

    [Fact]
    public void A_question_under_a_matching_area_goes_to_that_rules_officers_naming_the_area()
    {
        var routed = GivenRules(CareLeavers).Route("Leaving Care", "Does every care leaver have a personal adviser?");

        Assert.Equal([LeavingCare], routed.Officers);
        Assert.Equal(new RoutingChoice("Care leavers", "The area of focus \u201cLeaving Care\u201d matches \u201cleaving care\u201d."), routed.Choice);
    }

    [Fact]
    public void A_rule_with_areas_and_words_needs_both_and_its_reason_names_both()
    {
        var router = GivenRules(HomelessYoungPeople);

        var homeless = router.Route("Sixteen and seventeen year olds", "When a 16 year old presents as Homeless, what happens?");
        var other = router.Route("Sixteen and seventeen year olds", "Is bed and breakfast ever used?");

        Assert.Equal([Housing, Data], homeless.Officers);
        Assert.Equal("The area of focus \u201cSixteen and seventeen year olds\u201d matches \u201csixteen and seventeen\u201d and the question mentions \u201chomeless\u201d.", homeless.Choice.Reason);
        Assert.Equal(QuestionRouter.DefaultRule, other.Choice.Rule);
    }

    [Fact]
    public void The_first_matching_rule_wins_so_specific_rules_go_first()
    {
        var router = GivenRules(CareLeavers, Figures);

        Assert.Equal("Care leavers", router.Route("Leaving care", "How many care leavers have a pathway plan?").Choice.Rule);
        Assert.Equal("Figures", router.Route("Placement stability", "How many children moved three times?").Choice.Rule);
    }

    [Fact]
    public void A_question_no_rule_matches_goes_to_the_default_owner_and_says_so()
    {
        var routed = GivenRules(CareLeavers, Figures).Route("Family time", "Do care plans say how often children see their parents?");

        Assert.Equal([Owner], routed.Officers);
        Assert.Equal(new RoutingChoice("default", "No rule matched, so it goes to the default owner."), routed.Choice);
    }

    [Theory]
    [InlineData("Care leavers: what support?", true)]
    [InlineData("CARE-LEAVER support", true)]
    [InlineData("Support for those who scare leavers", false)]
    [InlineData("Support for leavers of care", false)]
    public void Words_match_ignoring_case_and_punctuation_at_the_start_of_a_word(string question, bool matches)
    {
        var routed = GivenRules(new RoutingRule("Leavers", [], ["care leaver"], [LeavingCare])).Route("Any", question);

        Assert.Equal(matches ? "Leavers" : "default", routed.Choice.Rule);
    }

    [Fact]
    public void Apostrophes_curly_or_straight_do_not_stop_a_match()
    {
        var router = GivenRules(new RoutingRule("Children's services", ["children's services"], [], [LeavingCare]));

        Assert.Equal("Children's services", router.Route("Children\u2019s services", "Who signs off?").Choice.Rule);
        Assert.Equal("Children's services", router.Route("Childrens Services", "Who signs off?").Choice.Rule);
    }

    [Fact]
    public void Proposing_fills_only_the_questions_that_name_nobody()
    {
        var areas = new[]
        {
            new AreaInput("Leaving care",
            [
                new QuestionInput("Does every care leaver have a personal adviser?", []),
                new QuestionInput("How are care leavers told about support?", [Housing]),
            ]),
        };

        var proposed = GivenRules(CareLeavers).Propose(areas);

        var questions = Assert.Single(proposed).Questions;
        Assert.Equal([LeavingCare], questions[0].OfficerEmails);
        Assert.Equal("Care leavers", questions[0].RoutedBy?.Rule);
        Assert.Equal([Housing], questions[1].OfficerEmails);
        Assert.Null(questions[1].RoutedBy);
    }

    [Fact]
    public void Rules_with_problems_are_all_named_at_once()
    {
        var problems = QuestionRouter.Check(
        [
            new RoutingRule("", ["care"], [], [Data]),
            new RoutingRule("Figures", [], [], [Data]),
            new RoutingRule("figures", [" - "], [], []),
            new RoutingRule("Bad address", ["housing"], [], ["not-an-address"]),
        ], []);

        Assert.Contains(problems, p => p.Contains("default owner", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Rule 1 has no name", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Rule 2 (\"Figures\") matches nothing", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Rule 3 (\"figures\"): another rule already has this name", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Rule 3 (\"figures\") has an empty area", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Rule 3 (\"figures\") names no officers", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("\"not-an-address\" is not an email address", StringComparison.Ordinal));
        Assert.Throws<ArgumentException>(() => QuestionRouter.Create([Figures with { Words = [] }], [Owner]));
    }
}
