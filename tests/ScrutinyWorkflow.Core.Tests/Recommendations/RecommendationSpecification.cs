using ScrutinyWorkflow.Core.Calendar;
using ScrutinyWorkflow.Core.Recommendations;
using ScrutinyWorkflow.Core.Reviews;

namespace ScrutinyWorkflow.Core.Tests.Recommendations;

/// <summary>Given events, when a command, then events or a rejection: the review decider's test vocabulary, for recommendations.</summary>
internal sealed class RecommendationSpecification
{
    private readonly RecommendationDecider decider = new(ReviewPolicy.Default, new WorkingCalendar());
    private readonly List<RecommendationEvent> given = [];
    private RecommendationDecision? decision;

    public RecommendationState State => RecommendationState.From(given);

    /// <summary>Runs commands one after another, as the host would, keeping their events as history.</summary>
    public RecommendationSpecification GivenCommands(params RecommendationCommand[] commands)
    {
        foreach (var command in commands)
        {
            var outcome = decider.Decide(command, State);
            Assert.True(outcome is RecommendationAccepted, $"Setup command {command.GetType().Name} was rejected: {(outcome as RecommendationRejected)?.Rejection}");
            given.AddRange(((RecommendationAccepted)outcome).Events);
        }
        return this;
    }

    public RecommendationSpecification When(RecommendationCommand command)
    {
        decision = decider.Decide(command, State);
        return this;
    }

    public IReadOnlyList<RecommendationEvent> ThenEvents() => Assert.IsType<RecommendationAccepted>(decision).Events;

    public void ThenNothingHappens() => Assert.Empty(ThenEvents());

    public Rejection ThenRejected(string code)
    {
        var rejected = Assert.IsType<RecommendationRejected>(decision);
        Assert.Equal(code, rejected.Rejection.Code);
        return rejected.Rejection;
    }

    /// <summary>The mail the decided events call for.</summary>
    public IReadOnlyList<RecommendationEffect> ThenEffects() => RecommendationEffects.Of(ThenEvents(), StateAfter());

    public RecommendationState StateAfter() => RecommendationState.From(given.Concat(ThenEvents()));
}

/// <summary>A recommendation the Children and Families panel made on 14 December 2026, its first update due 8 January 2027.</summary>
internal static class Recommendations
{
    public const string Id = "rec-1";

    public static readonly Officer Owner = new("head.of.service@council.example", "Asha Patel", "Head of Service, Children in Care", "director@council.example");

    public static readonly Actor ScrutinyOfficer = Actor.ScrutinyOfficer("scrutiny@council.example");

    public static readonly Actor OwnerThroughLink = Actor.LinkHolder(Owner.Email);

    public static readonly RecommendationSource Review = new(RecommendationSubject.Review, "rv-careless", "Careless: helping to improve council services to children in care");

    public const string Text = "Report quarterly to the panel on how many 16 and 17 year olds are placed in bed and breakfast accommodation.";

    /// <summary>Friday 8 January 2027.</summary>
    public static readonly DateOnly FirstDue = new(2027, 1, 8);

    public static DateTimeOffset At(int year, int month, int day, int hour = 10, int minute = 0) => new(year, month, day, hour, minute, 0, TimeSpan.Zero);

    /// <summary>Monday 14 December 2026.</summary>
    public static readonly DateTimeOffset Start = At(2026, 12, 14);

    public static RecordRecommendation Record(string? text = Text, Officer? owner = null, DateOnly? due = null, Actor? by = null) =>
        new(Id, Review, text, owner ?? Owner, due ?? FirstDue, by ?? ScrutinyOfficer, Start);

    public static RecommendationSpecification GivenRecorded(this RecommendationSpecification spec) => spec.GivenCommands(Record());
}
