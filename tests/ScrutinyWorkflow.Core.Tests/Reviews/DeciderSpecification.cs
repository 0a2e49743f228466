using ScrutinyWorkflow.Core.Calendar;
using ScrutinyWorkflow.Core.Reviews;

namespace ScrutinyWorkflow.Core.Tests.Reviews;

/// <summary>Given events, when a command, then events or a rejection. The whole test vocabulary for the decider.</summary>
internal sealed class DeciderSpecification(ReviewPolicy? policy = null)
{
    private readonly ReviewDecider decider = new(policy ?? ReviewPolicy.Default, new WorkingCalendar());
    private readonly List<ReviewEvent> given = [];
    private Decision? decision;

    public ReviewDecider Decider => decider;

    public ReviewState State => ReviewState.From(given);

    public DeciderSpecification Given(params ReviewEvent[] events)
    {
        given.AddRange(events);
        return this;
    }

    /// <summary>Runs commands one after another, as the host would, keeping their events as history.</summary>
    public DeciderSpecification GivenCommands(params ReviewCommand[] commands)
    {
        foreach (var command in commands)
        {
            var outcome = decider.Decide(command, State);
            Assert.True(outcome is Accepted, $"Setup command {command.GetType().Name} was rejected: {(outcome as Rejected)?.Rejection}");
            given.AddRange(((Accepted)outcome).Events);
        }
        return this;
    }

    public DeciderSpecification When(ReviewCommand command)
    {
        decision = decider.Decide(command, State);
        return this;
    }

    public IReadOnlyList<ReviewEvent> ThenEvents()
    {
        var accepted = Assert.IsType<Accepted>(decision);
        return accepted.Events;
    }

    public void Then(params ReviewEvent[] expected) => Assert.Equal(expected, ThenEvents(), EventComparer.Instance);

    public void ThenNothingHappens() => Assert.Empty(ThenEvents());

    public Rejection ThenRejected(string code)
    {
        var rejected = Assert.IsType<Rejected>(decision);
        Assert.Equal(code, rejected.Rejection.Code);
        return rejected.Rejection;
    }

    /// <summary>What the decided events call for: the mail and filings that leave the core with them.</summary>
    public IReadOnlyList<ReviewEffect> ThenEffects() => ReviewEffects.Of(ThenEvents(), State, StateAfter());

    public void ThenEffectsAre(params ReviewEffect[] expected) => Assert.Equal(expected, ThenEffects(), EffectComparer.Instance);

    /// <summary>The state after the given events and the decided ones.</summary>
    public ReviewState StateAfter() => ReviewState.From(given.Concat(ThenEvents()));

    /// <summary>Records hold lists; compare them by their members' contents rather than by list identity.</summary>
    private sealed class EventComparer : IEqualityComparer<ReviewEvent>
    {
        public static readonly EventComparer Instance = new();

        public bool Equals(ReviewEvent? x, ReviewEvent? y) => ByContent(x, y);

        public int GetHashCode(ReviewEvent obj) => obj.GetType().GetHashCode();
    }

    public sealed class EffectComparer : IEqualityComparer<ReviewEffect>
    {
        public static readonly EffectComparer Instance = new();

        public bool Equals(ReviewEffect? x, ReviewEffect? y) => ByContent(x, y);

        public int GetHashCode(ReviewEffect obj) => obj.GetType().GetHashCode();
    }

    private static bool ByContent(object? x, object? y) =>
        x?.GetType() == y?.GetType() && System.Text.Json.JsonSerializer.Serialize(x, x!.GetType()) == System.Text.Json.JsonSerializer.Serialize(y, y!.GetType());
}
