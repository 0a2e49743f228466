using ScrutinyWorkflow.Core.Decisions;
using ScrutinyWorkflow.Core.Recommendations;
using ScrutinyWorkflow.Core.Reviews;
using ScrutinyWorkflow.Core.Statements;
using ScrutinyWorkflow.Core.Tests.Reviews;
using static ScrutinyWorkflow.Core.Tests.Reviews.DecisionsReviews;
using static ScrutinyWorkflow.Core.Tests.Reviews.Reviews;

namespace ScrutinyWorkflow.Core.Tests.Statements;

/// <summary>The papers from states the decider's own events leave, not built by hand.</summary>
public sealed class PapersFromEventsTests
{
    private const string Learning = "Homelessness reviews are now tracked against the 56-day limit.";

    /// <summary>November's decisions sent; Housing answers Q1 and gives evidence for M1 before its date; the deadline passes.</summary>
    private static ReviewState Assembled() => new DeciderSpecification().GivenDecisionsDispatched().GivenCommands(
        new SubmitAnswer("A1", Learning, At(2027, 1, 5)),
        new ActOnFollowUp("M1", new ProvideUpdate("Apology sent.", RecommendationProgress.Done, Actor.LinkHolder(Housing.Email), At(2027, 1, 7, 15))),
        new ActOnFollowUp("M1", new CloseRecommendation(RecommendationClosure.Implemented, "", ScrutinyOfficer, At(2027, 1, 8))),
        new RecordPublishedCompliance(2026, 80m, At(2027, 1, 8)),
        new ProcessDueTimers(At(2027, 1, 11))).State;

    [Fact]
    public void A_decisions_review_the_decider_ran_gives_its_paper()
    {
        var state = Assembled();

        var paper = DecisionsPaper.From(state, [], [], At(2027, 1, 11), RichText.Plain);

        Assert.Equal("Ombudsman decisions: November 2026", paper.Title);
        Assert.Equal(["24 001 234", "24 005 678", "24 009 999"], paper.Decisions.Select(d => d.Reference));
        Assert.Equal([RemedyStanding.OnTime, RemedyStanding.NotYetDue], paper.Decisions[0].Remedies.Select(r => r.Standing));
        Assert.Equal(Learning, paper.Learning[0].Row.Answer);
        Assert.Equal([new Reporter(Housing.Name, Housing.Designation)], paper.Learning[0].Row.Reporters);
        Assert.Equal("No response received by 8 January 2027", paper.Learning[1].Row.Unanswered);
        Assert.Equal(new RemedyTally(OnTime: 1, Late: 0, Outstanding: 0, NotYetDue: 2), paper.Compliance.Year.ByRemedy);
        Assert.Equal(80m, paper.YearRate.PublishedPercent);
    }

    [Fact]
    public void A_recommendation_the_panel_made_on_a_released_statement_is_reported_on_the_next_paper_to_that_panel()
    {
        var released = new DeciderSpecification().GivenReleased().GivenCommands(Recommend()).State;
        var next = Assembled() with { ReviewId = "rv-next", MeetingDate = new DateOnly(2027, 2, 17) };

        var entry = Assert.Single(RecommendationsProgress.For(next, [released], At(2027, 2, 10)));

        Assert.Equal(Report.Title, entry.Paper);
        Assert.Equal(("R1", Head.Name, "Update overdue: it was due by 5 February 2027"), (entry.Row.RecommendationId, entry.Row.Owner, entry.Row.Status));
    }
}
