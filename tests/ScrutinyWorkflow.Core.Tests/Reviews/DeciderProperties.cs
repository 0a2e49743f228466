using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ScrutinyWorkflow.Core.Reviews;
using static ScrutinyWorkflow.Core.Tests.Reviews.Reviews;

namespace ScrutinyWorkflow.Core.Tests.Reviews;

/// <summary>Whatever people and the scheduler do, in whatever order, the review stays coherent.</summary>
public sealed class DeciderProperties
{
    private static readonly string[] AssignmentIds = ["A1", "A2", "A3", "A4", "A5", "A6", "A99"];

    /// <summary>One thing someone (or the scheduler) does, some hours after the last: printable, so a failure reads as a story.</summary>
    public sealed record Move(string Kind, string Assignment, int Days, int HoursLater)
    {
        public ReviewCommand At(DateTimeOffset now) => Kind switch
        {
            "dispatch" => new DispatchReview(now),
            "timers" => new ProcessDueTimers(now),
            "submit" => new SubmitAnswer(Assignment, $"Answer from {Assignment}", now),
            "draft" => new SaveAnswer(Assignment, $"Draft from {Assignment}", now),
            "reassign" => new ReassignAssignment(Assignment, Leaving.Email, Leaving, "", now),
            "extend" => new ExtendDeadline(Deadline.AddDays(Days), now),
            "close" => new CloseEarly("", now),
            "filed" => new RecordStatementFiled("filed", now),
            _ => new RecordPanelNotified(now),
        };
    }

    private static Arbitrary<Move[]> Histories() =>
        Gen.Zip(
                Gen.Zip(Gen.Elements("dispatch", "timers", "submit", "draft", "reassign", "extend", "close", "filed", "notified"), Gen.Elements(AssignmentIds)),
                Gen.Zip(Gen.Choose(0, 6), Gen.Choose(0, 72)))
            .Select(t => new Move(t.Item1.Item1, t.Item1.Item2, t.Item2.Item1, t.Item2.Item2))
            .ArrayOf()
            .Select(a => a.Take(40).ToArray())
            .ToArbitrary();

    [Property(MaxTest = 300)]
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
            var decision = decider.Decide(move.At(now), state);
            Append(decision);

            if (decision is Accepted accepted)
            {
                Assert.All(accepted.Events, e => Assert.Equal(now, e.At));
            }
            // Once compiled, a statement's answers never change.
            if (before.Status >= ReviewStatus.Assembled)
            {
                Assert.Equal(before.Answers, state.Answers);
            }
            // A question that has an answer is chased no more.
            Assert.DoesNotContain(state.Assignments, a => a.IsOpen && state.Answers.ContainsKey(a.QuestionId));
            // Only an open review has anything due.
            Assert.Equal(state.Status == ReviewStatus.Open, state.NextDue is not null);
            // Every question always has someone asked once sent.
            if (state.Status >= ReviewStatus.Open)
            {
                Assert.All(state.Questions, q => Assert.Contains(state.Assignments, a => a.QuestionId == q.QuestionId && a.IsCurrent));
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
                case DeadlineExtended:
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
        Assert.True(events.OfType<StatementAssembled>().Count() <= 1);

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
