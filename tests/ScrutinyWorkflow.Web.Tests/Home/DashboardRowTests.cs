using ScrutinyWorkflow.Core.Decisions;
using ScrutinyWorkflow.Core.Recommendations;
using ScrutinyWorkflow.Core.Reviews;
using ScrutinyWorkflow.Core.Tests.Reviews;
using ScrutinyWorkflow.Web.Engine;
using ScrutinyWorkflow.Web.Home;
using ScrutinyWorkflow.Web.ReviewPages;
using ScrutinyWorkflow.Web.Tests.ReviewPages;
using Council = ScrutinyWorkflow.Core.Tests.Reviews.Reviews;

namespace ScrutinyWorkflow.Web.Tests.Home;

/// <summary>A dashboard row: progress, dates, overdue questions, and what waits for the scrutiny officer.</summary>
public sealed class DashboardRowTests
{
    [Fact]
    public void A_draft_asks_her_to_check_and_send_its_questions()
    {
        var (_, draft) = ReviewStory.Until(c => c is DispatchReview);

        var row = DashboardRow.From(ReviewSummary.From(draft));

        Assert.Equal((0, 3, 0, "Draft: not sent yet"), (row.Answered, row.Questions, row.Percent, row.Status));
        Assert.Equal([new NeedsYou("Check the questions and send them", "/reviews/rv-test/draft")], row.NeedsYou);
    }

    [Fact]
    public void The_list_alone_says_a_rows_kind_and_whether_its_review_must_be_read_for_its_follow_ups()
    {
        var decisions = ReviewSummary.From(Testing.SampleDecisionsPapers.Review());
        var (_, sent) = ReviewStory.Until(c => c is AddQuestion);
        var focus = ReviewSummary.From(sent);

        Assert.Equal(("Decisions review", "Focus report review"), (DashboardRow.From(decisions).Kind, DashboardRow.From(focus).Kind));
        Assert.True(decisions.FollowUps > 0 && decisions.MayHaveFollowUps);
        Assert.Equal((0, false), (focus.FollowUps, focus.MayHaveFollowUps));
        // A line listed before follow-ups were counted may have some: its review is read to find out.
        Assert.True((focus with { FollowUps = null }).MayHaveFollowUps);
        // A month's paper assembled is checked and released as a paper, not a statement.
        Assert.Equal("Check and release the paper", DashboardRow.From(decisions with { Status = "assembled" }).NeedsYou[0].Text);
    }

    [Fact]
    public void A_decline_nobody_has_acted_on_needs_her_until_the_question_is_handed_on()
    {
        var (_, declined) = ReviewStory.Until(c => c is ReassignAssignment);
        var (_, handedOn) = ReviewStory.Until(c => c is AddQuestion);

        var waiting = DashboardRow.From(ReviewSummary.From(declined));
        var done = DashboardRow.From(ReviewSummary.From(handedOn));

        Assert.Equal([new NeedsYou("1 declined question to hand on", "/reviews/rv-test#officers")], waiting.NeedsYou);
        Assert.Equal((1, 3, 33), (waiting.Answered, waiting.Questions, waiting.Percent));
        Assert.Empty(done.NeedsYou);
    }

    [Fact]
    public void An_assembled_statement_asks_her_to_check_and_release_it_and_overdue_questions_are_counted()
    {
        // Reopened, then closed at the end of the reopening with question Q3 still unanswered.
        var (_, assembled) = ReviewStory.Until(c => c is ReleaseStatement);

        var row = DashboardRow.From(ReviewSummary.From(assembled));

        Assert.Equal("Statement ready to check", row.Status);
        Assert.Equal([new NeedsYou("Check and release the statement", "/reviews/rv-test#statement")], row.NeedsYou);
        Assert.Equal((2, 3, 1), (row.Answered, row.Questions, row.Overdue));
    }

    [Fact]
    public void A_released_review_needs_nothing_more_from_her()
    {
        var (_, released) = ReviewStory.Run();

        var row = DashboardRow.From(ReviewSummary.From(released));

        Assert.Empty(row.NeedsYou);
        Assert.Equal((0, 0), (ReviewSummary.From(released).Declines, ReviewSummary.From(released).Unreachable));
    }

    [Fact]
    public void An_officer_the_mail_could_not_reach_needs_her_while_they_owe_answers()
    {
        var (_, bounced) = ReviewStory.Until(c => c is SubmitAnswer);
        var (_, answered) = ReviewStory.Until(c => c is DeclineQuestion);

        var waiting = DashboardRow.From(ReviewSummary.From(bounced));
        var done = DashboardRow.From(ReviewSummary.From(answered));

        Assert.Equal([new NeedsYou("1 officer your mail could not reach", "/reviews/rv-test#officers")], waiting.NeedsYou);
        Assert.Empty(done.NeedsYou);
    }

    [Fact]
    public void A_remedy_closed_as_no_longer_needed_is_not_outstanding_on_the_dashboard_or_the_reviews_page()
    {
        // By 1 March every remedy of November's decisions is past its date with no evidence; M1 is then withdrawn.
        var march = Council.At(2027, 3, 1);
        var spec = new DeciderSpecification().GivenDecisionsDispatched();
        var before = spec.State;
        var after = spec.GivenCommands(new ActOnFollowUp("M1",
            new CloseRecommendation(RecommendationClosure.NoLongerNeeded, "The Ombudsman withdrew it.", DecisionsReviews.ScrutinyOfficer, Council.At(2027, 1, 12)))).State;

        Assert.Equal(3, DashboardRow.From(ReviewSummary.From(before)).WithFollowUps(before, march).OutstandingRemedies);
        Assert.Equal(2, DashboardRow.From(ReviewSummary.From(after)).WithFollowUps(after, march).OutstandingRemedies);
        var lines = FollowUpLines.Of(after, march);
        Assert.Equal(((RemedyStanding?)null, "Not counted: no longer needed", "grey"), Facts(lines, "M1"));
        Assert.Equal(((RemedyStanding?)RemedyStanding.Outstanding, "Outstanding", "red"), Facts(lines, "M2"));
        Assert.Equal("24 009 999", lines.Single(l => l.Id == "M3").Remedy!.DecisionReference);
    }

    private static (RemedyStanding?, string, string) Facts(IReadOnlyList<FollowUpLine> lines, string id) =>
        lines.Single(l => l.Id == id).Remedy is { } remedy ? (remedy.Standing, remedy.StandingText, remedy.Colour) : throw new InvalidOperationException($"{id} is not a remedy.");
}
