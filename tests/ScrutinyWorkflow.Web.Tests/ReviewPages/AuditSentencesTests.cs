using System.Text.RegularExpressions;
using ScrutinyWorkflow.Core.Reviews;
using ScrutinyWorkflow.Web.ReviewPages;

namespace ScrutinyWorkflow.Web.Tests.ReviewPages;

/// <summary>The audit trail in words: every event a review can record reads as a sentence naming people and days.</summary>
public sealed partial class AuditSentencesTests
{
    [Fact]
    public void Every_event_type_the_decider_can_record_has_a_sentence_in_the_story()
    {
        var (events, review) = ReviewStory.Run();
        var discarded = ReviewStory.Discarded();
        var month = ReviewStory.Decisions();
        var everyType = typeof(ReviewEvent).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(ReviewEvent)) && !t.IsAbstract).Select(t => t.Name).Order().ToList();

        // A new event type fails here until a story (the review's, the deleted draft's or the month's decisions') records one and AuditSentences says it in words.
        Assert.Equal(everyType, events.Concat(discarded.Events).Concat(month.Events).Select(e => e.GetType().Name).Distinct().Order());
        foreach (var (@event, state) in events.Select(e => (e, review)).Concat(discarded.Events.Select(e => (e, discarded.Review))).Concat(month.Events.Select(e => (e, month.Review))))
        {
            var sentence = AuditSentences.Describe(@event, state);
            Assert.Matches(SentenceShape(), sentence);
            Assert.DoesNotContain("unknown", sentence, StringComparison.OrdinalIgnoreCase);
        }
        // And every kind of follow-up change, each said in words rather than by its type's name.
        var changeTypes = typeof(Core.Recommendations.RecommendationEvent).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(Core.Recommendations.RecommendationEvent)) && !t.IsAbstract).Select(t => t.Name).Order().ToList();
        var changes = events.Concat(month.Events).OfType<FollowUpChanged>().ToList();
        Assert.Equal(changeTypes, changes.Select(c => c.Change.GetType().Name).Distinct().Order());
        Assert.All(changes, c => Assert.DoesNotContain(c.Change.GetType().Name, AuditSentences.Describe(c, review), StringComparison.Ordinal));
    }

    [Fact]
    public void A_deleted_draft_says_the_team_deleted_it_before_it_was_sent()
    {
        var (events, review) = ReviewStory.Discarded();

        Assert.Equal("Draft deleted by the scrutiny team before it was sent; it no longer appears in the list of reviews on Monday 14 December 2026 at 12:00.",
            AuditSentences.Describe(events.OfType<DraftDiscarded>().Single(), review));
    }

    [Fact]
    public void An_absence_that_ends_when_it_is_noted_says_the_officer_is_back_and_chased_again()
    {
        var (_, review) = ReviewStory.Run();
        var at = new DateTimeOffset(2026, 12, 21, 8, 0, 0, TimeSpan.Zero);

        var sentence = AuditSentences.Describe(new OfficersAwayNoted([new("housing@council.example", at), new("data.team@council.example", null)], at), review);

        Assert.Equal("Ben Okafor (Data and Performance Lead) found to be away past the deadline, so their chasers go to their managers; " +
            "Dev Singh (Housing Options Manager) no longer away, so their chasers go to them again on Monday 21 December 2026 at 08:00.", sentence);
    }

    [Fact]
    public void A_reminder_names_the_officer_with_their_job_the_question_and_the_day_and_time()
    {
        var (events, review) = ReviewStory.Run();

        var reminder = events.OfType<ReminderSent>().First(e => review.FindAssignment(e.AssignmentId)!.OfficerEmail == "housing@council.example");

        Assert.Equal("Reminder 1 sent to Dev Singh (Housing Options Manager) about question 2 on Monday 4 January 2027 at 10:00.", AuditSentences.Describe(reminder, review));
    }

    [Fact]
    public void Escalations_name_the_manager_or_say_the_scrutiny_team_had_it_when_there_is_none()
    {
        var (events, review) = ReviewStory.Run();
        var sentences = events.OfType<Escalated>().Select(e => AuditSentences.Describe(e, review)).ToList();

        Assert.Contains("Question 2 raised with the scrutiny team: Dev Singh (Housing Options Manager) has no manager in the directory on Monday 11 January 2027 at 09:30.", sentences);
        Assert.Contains(sentences, s => s.StartsWith("Question 3 escalated from Asha Patel (Head of Service, Children in Care) to their manager, director@council.example", StringComparison.Ordinal));
    }

    [Fact]
    public void Answers_say_who_gave_them_and_declines_say_why_and_whom_the_officer_suggested()
    {
        var (events, review) = ReviewStory.Run();
        string Said<T>() where T : ReviewEvent => AuditSentences.Describe(events.OfType<T>().First(), review);

        Assert.Equal("Answer to question 1 submitted by Asha Patel (Head of Service, Children in Care) on Tuesday 15 December 2026 at 11:00.", Said<AnswerSubmitted>());
        Assert.Equal("Answer to question 1 amended by Ben Okafor (Data and Performance Lead) on Wednesday 16 December 2026 at 09:00.", Said<AnswerAmended>());
        Assert.Equal("Cara Jones (Leaving Care Manager) said question 3 is not for them (\u201cPathway plans sit with the head of service\u201d), and suggested Asha Patel (Head of Service, Children in Care) on Wednesday 16 December 2026 at 10:00.", Said<QuestionDeclined>());
        Assert.Equal("Question 3 handed from Cara Jones (Leaving Care Manager) to Asha Patel (Head of Service, Children in Care) (\u201cAs suggested\u201d) on Wednesday 16 December 2026 at 14:00.", Said<AssignmentReassigned>());
        Assert.Equal("Deadline moved from Friday 8 January 2027 to Monday 11 January 2027 on Friday 18 December 2026 at 10:00.", Said<DeadlineChanged>());
        Assert.Equal("Question 4 withdrawn (\u201cCovered by the annual report\u201d) on Thursday 17 December 2026 at 11:00.", Said<QuestionWithdrawn>());
    }

    [Fact]
    public void Text_people_typed_stays_text_and_a_saved_draft_is_mentioned_without_its_words()
    {
        var (events, review) = ReviewStory.Run();

        var saved = AuditSentences.Describe(events.OfType<AnswerSaved>().First(), review);

        Assert.DoesNotContain("Notes so far", saved, StringComparison.Ordinal);
        Assert.Equal("Asha Patel (Head of Service, Children in Care) saved a draft answer to question 1 on Tuesday 15 December 2026 at 09:00.", saved);
    }

    [Fact]
    public void Each_edit_to_the_draft_says_which_question_it_removed_reworded_or_moved_rather_than_only_that_the_draft_changed()
    {
        var (events, review) = ReviewStory.Run();
        var drafted = events.OfType<ReviewDrafted>().Single();
        var q1 = drafted.Areas[0].Questions[0];
        var q2 = drafted.Areas[0].Questions[1];
        var q3 = drafted.Areas[1].Questions[0];
        var at = drafted.At.AddMinutes(1);
        var reworded = q1 with { Text = "How many 16 and 17 year olds are placed in bed and breakfast?" };
        ReviewEvent[] edits =
        [
            drafted,
            new QuestionsRevised([drafted.Areas[0] with { Questions = [reworded, q2] }, drafted.Areas[1]], [], at),
            new QuestionsRevised([drafted.Areas[0] with { Questions = [q2, reworded] }, drafted.Areas[1]], [], at),
            new QuestionsRevised([drafted.Areas[0] with { Questions = [q2, reworded] }], [], at),
        ];

        var trail = AuditSentences.Trail(edits, review);

        Assert.StartsWith("Question Q1 reworded on ", trail[1], StringComparison.Ordinal);
        Assert.StartsWith("Questions Q2 and Q1 moved on ", trail[2], StringComparison.Ordinal);
        Assert.StartsWith($"Question {q3.QuestionId} (\u201c", trail[3], StringComparison.Ordinal);
        Assert.Contains("\u201d) removed from the draft on ", trail[3], StringComparison.Ordinal);
        Assert.All(trail, sentence => Assert.Matches(SentenceShape(), sentence));
        Assert.DoesNotContain(trail, sentence => sentence.StartsWith("Draft questions edited", StringComparison.Ordinal));
    }

    [GeneratedRegex(@"^[A-Z].+ on (Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday) \d{1,2} [A-Z][a-z]+ \d{4} at \d{2}:\d{2}\.$")]
    private static partial Regex SentenceShape();
}
