using ScrutinyWorkflow.Core.Reviews;
using ScrutinyWorkflow.Web.ReviewPages;
using static ScrutinyWorkflow.Core.Tests.Reviews.Reviews;

namespace ScrutinyWorkflow.Web.Tests.ReviewPages;

/// <summary>A review's page: each officer with their questions, when each was sent, chased, escalated and answered, and what she can do now.</summary>
public sealed class ReviewPageModelTests
{
    [Fact]
    public void Each_officer_is_listed_once_with_every_question_they_were_asked_and_its_history()
    {
        var (events, review) = ReviewStory.Until(c => c is CloseEarly);

        var page = ReviewPageModel.From(review, 42, events, At(2027, 1, 11, 10));

        Assert.Equal([Head.Email, Data.Email, Housing.Email, Leaving.Email], page.Officers.Select(o => o.Email));
        var housing = Assert.Single(page.Officers, o => o.Email == Housing.Email);
        var q2 = Assert.Single(housing.Questions);
        Assert.Equal(("Q2", "Escalated", "red"), (q2.QuestionId, q2.State, q2.Colour));
        Assert.Equal(
        [
            "Sent Monday 14 December 2026 at 10:10",
            "Reminded by the scrutiny team Thursday 17 December 2026 at 12:00",
            "Reminder 1 sent Monday 4 January 2027 at 10:00",
            "Raised with the scrutiny team Monday 11 January 2027 at 09:30",
        ], q2.History);
        Assert.Equal("Thursday 17 December 2026 at 12:00", housing.RemindedByHand);
        Assert.True(housing.CanRemind);
        Assert.True(q2.CanReassign);
    }

    [Fact]
    public void An_answer_shows_on_every_officer_asked_the_question_with_who_gave_it()
    {
        var (events, review) = ReviewStory.Until(c => c is CloseEarly);

        var page = ReviewPageModel.From(review, 42, events, At(2027, 1, 11, 10));

        var data = Assert.Single(page.Officers, o => o.Email == Data.Email).Questions.Single(q => q.QuestionId == "Q1");
        Assert.Equal("Answered", data.State);
        Assert.Contains("Answered by Asha Patel (Head of Service, Children in Care) Tuesday 15 December 2026 at 11:00", data.History);
        Assert.Contains("Answer amended by Ben Okafor (Data and Performance Lead) Wednesday 16 December 2026 at 09:00", data.History);
    }

    [Fact]
    public void A_declined_question_says_why_and_whom_the_officer_suggested_until_it_is_handed_on()
    {
        var (events, review) = ReviewStory.Until(c => c is ReassignAssignment);

        var page = ReviewPageModel.From(review, 9, events, At(2026, 12, 16, 12));

        var declined = Assert.Single(page.Officers, o => o.Email == Leaving.Email).Questions.Single();
        Assert.Equal("Declined", declined.State);
        Assert.Equal(new DeclineNote("Pathway plans sit with the head of service", "Asha Patel (Head of Service, Children in Care)"), declined.Declined);
        Assert.True(declined.CanReassign);
    }

    [Fact]
    public void Only_what_the_review_allows_now_is_offered_as_it_moves_from_open_to_assembled_to_released()
    {
        var (openEvents, open) = ReviewStory.Until(c => c is CloseEarly);
        var (assembledEvents, assembled) = ReviewStory.Until(c => c is AcceptLateAnswer);
        var (releasedEvents, released) = ReviewStory.Run();

        var collecting = ReviewPageModel.From(open, 1, openEvents, At(2027, 1, 11, 10)).Can;
        var checking = ReviewPageModel.From(assembled, 1, assembledEvents, At(2027, 1, 11, 12, 15));
        var done = ReviewPageModel.From(released, 1, releasedEvents, At(2027, 1, 14, 10)).Can;

        Assert.Equal(new ReviewActions(Remind: true, Reassign: true, AddQuestion: true, CloseEarly: true, ChangeDates: true, Reopen: false, Release: false, AcceptLateAnswer: false, SeeStatement: false), collecting);
        Assert.Equal(new ReviewActions(Remind: false, Reassign: false, AddQuestion: false, CloseEarly: false, ChangeDates: true, Reopen: true, Release: true, AcceptLateAnswer: true, SeeStatement: true, CorrectAnswer: true), checking.Can);
        Assert.True(checking.Officers.Single(o => o.Email == Housing.Email).Questions.Single().CanAcceptLateAnswer);
        // Once released, a late answer or a correction makes the next version (issue 23, finding 5).
        Assert.Equal(new ReviewActions(Remind: false, Reassign: false, AddQuestion: false, CloseEarly: false, ChangeDates: false, Reopen: false, Release: false, AcceptLateAnswer: true, SeeStatement: true, CorrectAnswer: true), done);
    }

    [Fact]
    public void The_trail_reads_newest_first_and_the_page_counts_answered_questions()
    {
        // The story as it stands when the panel is told, before any recommendation of the panel's.
        var (events, review) = ReviewStory.Until(c => c is RecordPanelRecommendation);

        var page = ReviewPageModel.From(review, 30, events, At(2027, 1, 14, 10));

        Assert.Equal(events.Count, page.Trail.Count);
        Assert.StartsWith("Panel emailed that the statement is ready", page.Trail[0], StringComparison.Ordinal);
        Assert.StartsWith("Review drafted from", page.Trail[^1], StringComparison.Ordinal);
        Assert.Equal((2, 3, "Sent to the panel"), (page.Answered, page.QuestionCount, page.StatusText));
    }

    [Fact]
    public void A_bounce_shows_against_an_officer_who_still_owes_answers_and_not_once_their_question_is_answered()
    {
        var (beforeEvents, before) = ReviewStory.Until(c => c is SubmitAnswer);
        var (afterEvents, after) = ReviewStory.Until(c => c is DeclineQuestion);

        var waiting = ReviewPageModel.From(before, 7, beforeEvents, At(2026, 12, 15, 10));
        var answered = ReviewPageModel.From(after, 9, afterEvents, At(2026, 12, 16, 9, 30));

        Assert.Equal(new BounceNote("550 no such user", "Monday 14 December 2026 at 10:12"), Assert.Single(waiting.Officers, o => o.Email == Data.Email).Undeliverable);
        Assert.All(waiting.Officers.Where(o => o.Email != Data.Email), o => Assert.Null(o.Undeliverable));
        Assert.All(answered.Officers, o => Assert.Null(o.Undeliverable));
    }
}
