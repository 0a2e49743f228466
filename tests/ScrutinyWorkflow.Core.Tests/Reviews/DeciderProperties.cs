using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ScrutinyWorkflow.Core.Recommendations;
using ScrutinyWorkflow.Core.Reviews;
using ScrutinyWorkflow.Core.Statements;
using static ScrutinyWorkflow.Core.Tests.Reviews.Reviews;

namespace ScrutinyWorkflow.Core.Tests.Reviews;

/// <summary>Whatever people and the scheduler do, in whatever order, the review stays coherent.</summary>
public sealed class DeciderProperties
{
    /// <summary>Answers as comparable text: their amendment lists are rebuilt, not shared, on every replay.</summary>
    private static string Describe(IReadOnlyDictionary<string, Answer> answers) =>
        string.Join("\n", answers.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key}: {a.Value.Text} by {a.Value.SubmittedBy}, {a.Value.Amendments.Count} amendments"));

    [Property(MaxTest = 400)]
    public Property Any_sequence_of_commands_keeps_the_review_coherent() => Prop.ForAll(ReviewHistories.Histories(), history =>
    {
        var decider = new DeciderSpecification().Decider;
        var events = new List<ReviewEvent>();
        var state = ReviewState.From(events);
        // Half the histories are of reviews the council lets go to the panel automatically.
        Append(decider.Decide(Draft() with { AutomaticRelease = history.Length % 2 == 0 }, state));
        var now = Start;
        // The answers in the version the panel last received, to hold each later version's list of changes to.
        var lastReleased = new Dictionary<string, string>();
        foreach (var move in history)
        {
            now = now.AddHours(move.HoursLater);
            var before = state;
            var decision = decider.Decide(move.At(now, state), state);
            Append(decision);

            if (decision is Accepted accepted)
            {
                Assert.All(accepted.Events, e => Assert.Equal(now, e.At));
            }
            // Once released, what the panel received never changes but through a new version; the questions never do.
            if (before.IsReleased)
            {
                if (state.StatementVersion == before.StatementVersion)
                {
                    Assert.Equal(Describe(before.Answers), Describe(state.Answers));
                }
                else
                {
                    Assert.Equal((before.StatementVersion + 1, ReviewStatus.Assembled), (state.StatementVersion, state.Status));
                }
                Assert.Equal(before.Questions.Select(q => q.QuestionId), state.Questions.Select(q => q.QuestionId));
            }
            if (state.IsReleased && !before.IsReleased)
            {
                lastReleased = state.Answers.ToDictionary(a => a.Key, a => a.Value.Text);
            }
            // A new version lists exactly the questions whose answers differ from the version before it.
            if (state.ReleasedVersion > 0 && !state.IsReleased)
            {
                Assert.Equal(state.ReleasedVersion + 1, state.StatementVersion);
                var differ = state.Answers.Where(a => lastReleased.GetValueOrDefault(a.Key) != a.Value.Text).Select(a => a.Key).Order(StringComparer.Ordinal);
                Assert.Equal(differ, state.Changes.Select(c => c.QuestionId).Order(StringComparer.Ordinal));
                Assert.Equal(differ, PositionStatement.From(state).ChangedRows.Select(c => c.QuestionId).Order(StringComparer.Ordinal));
            }
            // A question that has an answer is chased no more.
            Assert.DoesNotContain(state.Assignments, a => a.IsOpen && state.Answers.ContainsKey(a.QuestionId));
            // Only a review collecting answers, waiting for a first release the council let go automatically, or with a
            // receipt still to send has anything due; and no receipt waits past the longest wait after its first answer.
            Assert.Equal(state.Status is ReviewStatus.Open || (state.Status is ReviewStatus.Assembled && state.ReleasedVersion == 0 && state.AutomaticRelease) || !state.PendingReceipts.IsEmpty
                || state.FollowUps.Values.Any(f => f.NextDue is not null),
                state.NextDue is not null);
            // The panel's recommendations come after it had the statement, numbered R1, R2... with none missed.
            Assert.True(state.FollowUps.IsEmpty || state.ReleasedVersion > 0);
            Assert.Equal(Enumerable.Range(1, state.FollowUps.Count).Select(FollowUpIds.Recommendation), state.PanelRecommendations.Select(r => r.RecommendationId));
            Assert.All(state.PendingReceipts.Values, p => Assert.True(p.DueAt <= p.Answers[0].At.DateTime + ReviewPolicy.Default.ReceiptLongestWait));
            // Nothing reaches the panel unreleased unless the council chose automatic release for the review.
            Assert.True(state.AutomaticRelease || !state.ReleasedAutomatically);
            // Every question has been asked of someone once sent.
            if (state.Status >= ReviewStatus.Open)
            {
                Assert.All(state.Questions, q => Assert.Contains(state.Assignments, a => a.QuestionId == q.QuestionId));
            }
            // The statement has a row for each question in the review and no other, and names only people still asked
            // (or the manager who answered for one of them).
            if (state.AssembledAt is not null)
            {
                var statement = PositionStatement.From(state);
                Assert.Equal(state.Questions.Select(q => q.QuestionId), statement.Areas.SelectMany(a => a.Rows).Select(r => r.QuestionId));
                foreach (var row in statement.Areas.SelectMany(a => a.Rows))
                {
                    var allowed = state.Assignments.Where(a => a.QuestionId == row.QuestionId && a.IsCurrent)
                        .SelectMany(a => new[] { a.OfficerEmail, state.EscalatedTo.GetValueOrDefault(a.OfficerEmail) ?? a.OfficerEmail })
                        .Select(e => state.OfficerOrAddress(e).Name)
                        .ToHashSet();
                    Assert.All(row.Reporters, r => Assert.Contains(r.Name, allowed));
                    Assert.True(row.Answer is not null ^ row.Unanswered is not null);
                }
            }
            // Nobody answers after release, nor while a new version is prepared.
            if (state.IsReleased || state.ReleasedVersion > 0)
            {
                Assert.False(state.TakesAnswersAt(now));
            }
        }
        // Chasers never repeat for the same deadline: each step goes to an assignment at most once until the
        // deadline moves, when the chase rightly starts again against the new one.
        var deadlineInForce = 0;
        var chasers = new List<(string Assignment, int Step, int Deadline)>();
        foreach (var e in events)
        {
            switch (e)
            {
                case DeadlineChanged or AnswersReopened:
                    deadlineInForce++;
                    break;
                case ReminderSent r:
                    chasers.Add((r.AssignmentId, r.Step, deadlineInForce));
                    break;
                case Escalated x:
                    chasers.Add((x.AssignmentId, x.Step, deadlineInForce));
                    break;
            }
        }
        Assert.Equal(chasers.Count, chasers.Distinct().Count());
        // A recommendation's chasers never repeat for one round, and only the scrutiny team closes one.
        var followUpChasers = events.OfType<FollowUpChanged>()
            .Select(e => e.Change switch
            {
                UpdateReminderSent r => (e.FollowUpId, r.Round, r.Step),
                UpdateEscalated x => (e.FollowUpId, x.Round, x.Step),
                _ => default((string, int, int)?),
            })
            .OfType<(string, int, int)>()
            .ToList();
        Assert.Equal(followUpChasers.Count, followUpChasers.Distinct().Count());
        Assert.All(events.OfType<FollowUpChanged>().Select(e => e.Change).OfType<RecommendationClosed>(), c => Assert.Equal(ReviewHistories.ScrutinyTeam.Email, c.By));
        // Each version goes to the panel once, and is filed at most once.
        Assert.Equal(state.ReleasedVersion, events.OfType<StatementReleased>().Count());
        Assert.True(events.OfType<StatementFiled>().Count() <= state.ReleasedVersion);
        // Reminders by hand come at most once an hour per officer.
        foreach (var officer in events.OfType<OfficerReminded>().GroupBy(r => r.OfficerEmail))
        {
            Assert.All(officer.Zip(officer.Skip(1)), pair => Assert.True(pair.Second.At - pair.First.At >= TimeSpan.FromHours(1)));
        }

        void Append(Decision decision)
        {
            if (decision is Accepted accepted)
            {
                events.AddRange(accepted.Events);
                state = ReviewState.From(events);
            }
        }
    });
}
