using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ScrutinyWorkflow.Core.Reviews;
using ScrutinyWorkflow.Core.Statements;
using static ScrutinyWorkflow.Core.Tests.Reviews.Reviews;

namespace ScrutinyWorkflow.Core.Tests.Reviews;

/// <summary>Whatever people and the scheduler do, in whatever order, the review stays coherent.</summary>
public sealed class DeciderProperties
{
    private static readonly string[] AssignmentIds = ["A1", "A2", "A3", "A4", "A5", "A6", "A99"];

    private static readonly string[] Kinds =
    [
        "dispatch", "timers", "timers", "submit", "submit", "draft", "reassign", "deadline", "close", "release", "reopen", "late",
        "decline", "add", "withdraw", "meeting", "remind", "manager", "filed", "notified",
    ];

    /// <summary>One thing someone (or the scheduler) does, some hours after the last: printable, so a failure reads as a story.</summary>
    public sealed record Move(string Kind, string Assignment, int Days, int HoursLater)
    {
        public ReviewCommand At(DateTimeOffset now, ReviewState state) => Kind switch
        {
            "dispatch" => new DispatchReview(now),
            "timers" => new ProcessDueTimers(now),
            "submit" => new SubmitAnswer(Assignment, $"Answer from {Assignment}", now),
            "draft" => new SaveAnswer(Assignment, $"Draft from {Assignment}", now),
            "reassign" => new ReassignAssignment(Assignment, Days % 2 == 0 ? Leaving.Email : null, Council, "", now),
            "deadline" => new ChangeDeadline(Deadline.AddDays(Days - 3), now),
            "close" => new CloseEarly("", now),
            "release" => new ReleaseStatement(now),
            "reopen" => new ReopenAnswers(DateOnly.FromDateTime(now.DateTime).AddDays(Days), now),
            "late" => new AcceptLateAnswer(Assignment, $"Late from {Assignment}", now),
            "decline" => new DeclineQuestion(Assignment, Days % 2 == 0 ? Leaving.Email : null, Council, "Not mine", now),
            "add" => new AddQuestion(Days % 2 == 0 ? "Care leavers" : "New area", $"Added question {Days}?", [Council[Days % Council.Length].Email], Council, now),
            "withdraw" => new WithdrawQuestion($"Q{Days % 5 + 1}", "No longer needed", now),
            "meeting" => new ChangeMeetingDate(Meeting.AddDays(Days - 2), now),
            "remind" => new RemindOfficer(Council[Days % Council.Length].Email, now),
            "manager" => state.FindAssignment(Assignment) is { } a && state.Officers.GetValueOrDefault(a.OfficerEmail)?.ManagerEmail is { } manager
                ? new SubmitAnswer(Assignment, $"Manager for {Assignment}", now, new Respondent(manager, a.OfficerEmail))
                : new ProcessDueTimers(now),
            "filed" => new RecordStatementFiled("filed", now),
            _ => new RecordPanelNotified(now),
        };
    }

    /// <summary>Answers as comparable text: their amendment lists are rebuilt, not shared, on every replay.</summary>
    private static string Describe(IReadOnlyDictionary<string, Answer> answers) =>
        string.Join("\n", answers.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key}: {a.Value.Text} by {a.Value.SubmittedBy}, {a.Value.Amendments.Count} amendments"));

    private static Arbitrary<Move[]> Histories() =>
        Gen.Zip(
                Gen.Zip(Gen.Elements(Kinds), Gen.Elements(AssignmentIds)),
                Gen.Zip(Gen.Choose(0, 6), Gen.Choose(0, 72)))
            .Select(t => new Move(t.Item1.Item1, t.Item1.Item2, t.Item2.Item1, t.Item2.Item2))
            .ArrayOf()
            .Select(a => a.Take(50).ToArray())
            .ToArbitrary();

    [Property(MaxTest = 400)]
    public Property Any_sequence_of_commands_keeps_the_review_coherent() => Prop.ForAll(Histories(), history =>
    {
        var decider = new DeciderSpecification().Decider;
        var events = new List<ReviewEvent>();
        var state = ReviewState.From(events);
        Append(decider.Decide(Draft(), state));
        var now = Start;
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
            // Once released, what the panel receives never changes.
            if (before.IsReleased)
            {
                Assert.Equal(Describe(before.Answers), Describe(state.Answers));
                Assert.Equal(before.Questions.Select(q => q.QuestionId), state.Questions.Select(q => q.QuestionId));
            }
            // A question that has an answer is chased no more.
            Assert.DoesNotContain(state.Assignments, a => a.IsOpen && state.Answers.ContainsKey(a.QuestionId));
            // Only a review collecting answers, or waiting for release, has anything due.
            Assert.Equal(state.Status is ReviewStatus.Open or ReviewStatus.Assembled, state.NextDue is not null);
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
            // Nobody answers after release.
            if (state.IsReleased)
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
        Assert.True(events.OfType<StatementReleased>().Count() <= 1);
        Assert.True(events.OfType<StatementFiled>().Count() <= 1);
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
