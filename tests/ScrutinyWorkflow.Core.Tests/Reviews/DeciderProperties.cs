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

    /// <summary>A command at a moment between drafting and a week after the deadline.</summary>
    private static Gen<Func<DateTimeOffset, ReviewCommand>> Commands() => Gen.OneOf(
        Gen.Constant<Func<DateTimeOffset, ReviewCommand>>(now => new DispatchReview(now)),
        Gen.Constant<Func<DateTimeOffset, ReviewCommand>>(now => new ProcessDueTimers(now)),
        Gen.Elements(AssignmentIds).Select<string, Func<DateTimeOffset, ReviewCommand>>(id => now => new SubmitAnswer(id, $"Answer from {id}", now)),
        Gen.Elements(AssignmentIds).Select<string, Func<DateTimeOffset, ReviewCommand>>(id => now => new SaveDraftAnswer(id, $"Draft from {id}", now)),
        Gen.Elements(AssignmentIds).Select<string, Func<DateTimeOffset, ReviewCommand>>(id => now => new ReassignAssignment(id, Leaving.Email, Leaving, "", now)),
        Gen.Choose(0, 6).Select<int, Func<DateTimeOffset, ReviewCommand>>(d => now => new ExtendDeadline(Deadline.AddDays(d), now)),
        Gen.Constant<Func<DateTimeOffset, ReviewCommand>>(now => new CloseEarly("", now)),
        Gen.Constant<Func<DateTimeOffset, ReviewCommand>>(now => new RecordStatementFiled("filed", now)),
        Gen.Constant<Func<DateTimeOffset, ReviewCommand>>(now => new RecordPanelNotified(now)));

    private static Arbitrary<(Func<DateTimeOffset, ReviewCommand> Command, int Hours)[]> Histories() =>
        Gen.Zip(Commands(), Gen.Choose(0, 72)).ArrayOf().Select(a => a.Take(40).ToArray()).ToArbitrary();

    [Property(MaxTest = 300)]
    public Property Any_sequence_of_commands_keeps_the_review_coherent() => Prop.ForAll(Histories(), history =>
    {
        var decider = new DeciderSpecification().Decider;
        var events = new List<ReviewEvent>();
        var state = ReviewState.From(events);
        Append(decider.Decide(Draft(), state));
        var now = Start;
        foreach (var (command, hours) in history)
        {
            now = now.AddHours(hours);
            var before = state;
            var decision = decider.Decide(command(now), state);
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
        // Chasers never repeat: each assignment is reminded at most once per reminder step and escalated at most once.
        Assert.All(events.OfType<ReminderSent>().GroupBy(e => (e.AssignmentId, e.Step)), g => Assert.Single(g));
        Assert.All(events.OfType<Escalated>().GroupBy(e => e.AssignmentId), g => Assert.Single(g));
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
