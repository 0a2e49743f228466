using ScrutinyWorkflow.Core.Recommendations;
using static ScrutinyWorkflow.Core.Tests.Recommendations.Recommendations;

namespace ScrutinyWorkflow.Core.Tests.Recommendations;

public sealed class ProgressRowTests
{
    [Fact]
    public void A_recommendation_awaiting_its_first_update_says_when_it_is_due_and_has_no_words_yet()
    {
        var row = RecommendationProgressRows.From(new RecommendationSpecification().GivenRecorded().State, At(2027, 1, 4));

        Assert.Equal((Text, "Asha Patel", "Update due by 8 January 2027", (string?)null), (row.Recommendation, row.Owner, row.Status, row.OwnersWords));
    }

    [Fact]
    public void While_the_next_update_is_overdue_the_paper_still_shows_the_owners_last_words()
    {
        var state = new RecommendationSpecification().GivenRecorded()
            .GivenCommands(
                new ProvideUpdate("Scheduled from March.", RecommendationProgress.InProgress, OwnerThroughLink, At(2027, 1, 4)),
                new RequestUpdate(new DateOnly(2027, 4, 9), ScrutinyOfficer, At(2027, 1, 20)))
            .State;

        var row = RecommendationProgressRows.From(state, At(2027, 4, 12));

        Assert.Equal(RecommendationStanding.UpdateOverdue, row.Standing);
        Assert.Equal("Update overdue: it was due by 9 April 2027", row.Status);
        Assert.Equal(("Scheduled from March.", At(2027, 1, 4)), (row.OwnersWords, row.WordsGivenAt));
    }

    [Fact]
    public void A_closed_recommendation_says_how_it_was_closed_and_why()
    {
        var state = new RecommendationSpecification().GivenRecorded()
            .GivenCommands(new CloseRecommendation(RecommendationClosure.NoLongerNeeded, "Superseded by the sufficiency strategy.", ScrutinyOfficer, At(2027, 1, 5)))
            .State;

        var row = RecommendationProgressRows.From(state, At(2027, 2, 1));

        Assert.Equal(("Closed: no longer needed", "Superseded by the sufficiency strategy."), (row.Status, row.ClosingNote));
    }

    [Fact]
    public void Each_closure_has_one_set_of_words_the_paper_the_trail_and_the_mail_all_use()
    {
        Assert.Equal(
            ["implemented", "not implemented", "no longer needed"],
            Enum.GetValues<RecommendationClosure>().Select(closure => closure.Describe()));
    }
}
