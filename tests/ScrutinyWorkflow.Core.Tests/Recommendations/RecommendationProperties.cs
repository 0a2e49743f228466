using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ScrutinyWorkflow.Core.Calendar;
using ScrutinyWorkflow.Core.Recommendations;
using ScrutinyWorkflow.Core.Reviews;
using static ScrutinyWorkflow.Core.Tests.Recommendations.Recommendations;

namespace ScrutinyWorkflow.Core.Tests.Recommendations;

/// <summary>Whatever the owner, other people, the scrutiny officer and the scheduler do, in any order, the rules hold.</summary>
public sealed class RecommendationProperties
{
    /// <summary>One thing someone does, some hours after the last; <see cref="Who"/> 0 is the scrutiny officer, 1 the owner, 2 anyone else.</summary>
    public sealed record Move(int Kind, int Who, int HoursLater);

    private static readonly Actor Stranger = Actor.LinkHolder("someone.else@council.example");

    private static readonly Officer Successor = new("new.head@council.example", "Dev Singh", "Interim Head of Service", null);

    public static Arbitrary<Move[]> Histories() =>
        Gen.Zip(Gen.Choose(0, 6), Gen.Zip(Gen.Choose(0, 2), Gen.Choose(1, 240)))
            .Select(t => new Move(t.Item1, t.Item2.Item1, t.Item2.Item2))
            .ArrayOf()
            .Select(a => a.Take(40).ToArray())
            .ToArbitrary();

    private static RecommendationCommand CommandFor(Move move, DateTimeOffset now, RecommendationState state)
    {
        var by = move.Who switch
        {
            0 => ScrutinyOfficer,
            1 => Actor.LinkHolder(state.Owner?.Email ?? Owner.Email),
            _ => Stranger,
        };
        // A working day a few weeks on, so that asking and moving dates is accepted as often as refused.
        var due = new WorkingCalendar().AddWorkingDays(DateOnly.FromDateTime(now.DateTime), 5 + move.HoursLater % 20);
        return move.Kind switch
        {
            0 => new ProvideUpdate($"Update {move.HoursLater}", move.HoursLater % 3 == 0 ? RecommendationProgress.Done : RecommendationProgress.InProgress, by, now),
            1 => new RequestUpdate(due, by, now),
            2 => new ChangeUpdateDate(due, by, now),
            3 => new CloseRecommendation((RecommendationClosure)(move.HoursLater % 3), "Because.", by, now),
            4 => new ChangeOwner(move.HoursLater % 2 == 0 ? Successor : Owner, "Moved.", by, now),
            _ => new ProcessRecommendationTimers(now),
        };
    }

    [Property(MaxTest = 300)]
    public Property Any_sequence_of_commands_keeps_the_recommendation_coherent() => Prop.ForAll(Histories(), history =>
    {
        var decider = new RecommendationDecider(ReviewPolicy.Default, new WorkingCalendar());
        var events = new List<RecommendationEvent>();
        events.AddRange(((RecommendationAccepted)decider.Decide(Record(), RecommendationState.Initial)).Events);
        var now = Start;
        foreach (var move in history)
        {
            now = now.AddHours(move.HoursLater);
            var before = RecommendationState.From(events);
            var command = CommandFor(move, now, before);
            var decision = decider.Decide(command, before);
            if (decision is RecommendationAccepted accepted)
            {
                events.AddRange(accepted.Events);
                Assert.All(accepted.Events, e => Assert.Equal(now, e.At));
                // Nothing more happens to a closed recommendation; only the scrutiny officer closes one.
                Assert.True(before.Status != RecommendationStatus.Closed || accepted.Events.Count == 0);
                Assert.All(accepted.Events.OfType<RecommendationClosed>(), _ => Assert.True(command is CloseRecommendation { By.ScrutinyTeam: true }));
                // Only the owner, the manager it was raised with, or the scrutiny team gives the owner's words.
                Assert.All(accepted.Events.OfType<UpdateProvided>(), u => Assert.True(u.ByScrutinyTeam || u.By == before.Owner!.Email || u.By == before.CurrentRound?.EscalatedTo));
            }
            var state = RecommendationState.From(events);
            // Rounds are numbered from 1 without gaps, and a new one is asked only when the last was answered.
            Assert.Equal(Enumerable.Range(1, state.Rounds.Count), state.Rounds.Select(r => r.Round));
            Assert.All(state.Rounds.SkipLast(1), r => Assert.NotNull(r.Update));
            // Something is due only while an update is awaited on an open recommendation, and never before it was asked.
            Assert.True(state.NextDue is null || (state.Status == RecommendationStatus.Open && state.CurrentRound!.Awaited));
            Assert.True(state.Status != RecommendationStatus.Closed || state.StandingAt(now) == RecommendationStanding.Closed);
        }
    });
}
