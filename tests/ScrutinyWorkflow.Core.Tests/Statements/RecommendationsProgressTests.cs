using System.Collections.Immutable;
using ScrutinyWorkflow.Core.Recommendations;
using ScrutinyWorkflow.Core.Reviews;
using ScrutinyWorkflow.Core.Statements;
using static ScrutinyWorkflow.Testing.SampleDecisionsPapers;

namespace ScrutinyWorkflow.Core.Tests.Statements;

public sealed class RecommendationsProgressTests
{
    [Fact]
    public void Open_recommendations_of_earlier_papers_to_the_panel_and_those_closed_since_its_last_paper_are_reported_in_meeting_order()
    {
        var rows = RecommendationsProgress.For(Review(), EarlierPapers(), Now);

        Assert.Equal([OldOpenRecommendation, OpenRecommendation, ClosedRecommendation], rows.Select(r => r.Row.Recommendation));
        Assert.Equal(["Home truths: how councils use the private rented sector (15 October 2026)", "Careless: helping to improve council services to children in care (10 December 2026)", "Careless: helping to improve council services to children in care (10 December 2026)"], rows.Select(r => r.MadeOn));
        Assert.Equal(("Asha Patel", "Referrals are now counted weekly; the first quarter's figures come in April."), (rows[1].Row.Owner, rows[1].Row.OwnersWords));
        Assert.Equal("Closed: implemented", rows[2].Row.Status);
    }

    [Fact]
    public void A_recommendation_closed_before_the_previous_paper_went_to_the_panel_was_reported_there_and_is_not_repeated()
    {
        var rows = RecommendationsProgress.For(Review(), EarlierPapers(), Now);

        Assert.DoesNotContain(rows, r => r.Row.Recommendation == ReportedBefore);
    }

    [Fact]
    public void Another_panels_papers_later_papers_and_the_papers_own_recommendations_are_left_out()
    {
        var earlier = EarlierPapers();
        var later = earlier[0] with { ReviewId = "rv-later", MeetingDate = new DateOnly(2027, 2, 11) };
        var sameMeeting = earlier[0] with { ReviewId = "rv-same", MeetingDate = Meeting };
        var review = Review();
        var own = review with { FollowUps = review.FollowUps.Add("R1", earlier[0].FollowUps["R1"]) };

        var rows = RecommendationsProgress.For(own, [earlier[2], later, sameMeeting, own], Now);

        Assert.Empty(rows);
    }

    [Fact]
    public void A_remedys_follow_up_is_not_a_recommendation()
    {
        var remedies = Review();
        var earlierDecisions = remedies with { ReviewId = "rv-decisions-2026-10", MeetingDate = new DateOnly(2026, 12, 10), Status = ReviewStatus.Completed, ReleasedAt = At(2026, 12, 2) };

        Assert.Empty(RecommendationsProgress.For(Review(), [earlierDecisions], Now));
    }

    [Fact]
    public void With_no_earlier_paper_released_every_recommendation_closed_or_open_is_reported()
    {
        var earlier = EarlierPapers().Take(2).Select(p => p with { ReleasedAt = null, Status = ReviewStatus.Assembled }).ToList();

        var rows = RecommendationsProgress.For(Review(), earlier, Now);

        Assert.Equal(4, rows.Count);
    }

    [Fact]
    public void The_panel_is_matched_by_name_whatever_its_case_and_spacing()
    {
        var review = Review() with { Panel = CorporatePanel with { Name = "  corporate SCRUTINY panel " } };

        Assert.Equal(3, RecommendationsProgress.For(review, EarlierPapers(), Now).Count);
        Assert.Empty(RecommendationsProgress.For(review with { Panel = null }, EarlierPapers(), Now));
        Assert.Empty(RecommendationsProgress.For(review, [EarlierPapers()[0] with { FollowUps = ImmutableDictionary<string, RecommendationState>.Empty }], Now));
    }
}
