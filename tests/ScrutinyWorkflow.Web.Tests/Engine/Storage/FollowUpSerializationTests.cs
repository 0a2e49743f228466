using System.Text.Json;
using System.Text.Json.Nodes;
using ScrutinyWorkflow.Core.Recommendations;
using ScrutinyWorkflow.Core.Reviews;
using ScrutinyWorkflow.Web.Engine.Serialization;

namespace ScrutinyWorkflow.Web.Tests.Engine.Storage;

/// <summary>
/// A follow-up's events and mail are stored inside the review's as their abstract base: each must come back as the
/// kind it was, under a kind name that never changes once written.
/// </summary>
public sealed class FollowUpSerializationTests
{
    private static readonly DateTimeOffset At = new(2027, 1, 4, 9, 0, 0, TimeSpan.Zero);
    private static readonly Officer Tom = new("tom.okafor@council.example", "Tom Okafor", "Team Manager", "boss@council.example");
    private static readonly Officer Ana = new("ana.silva@council.example", "Ana Silva", "Service Manager", null);
    private static readonly ChaseSchedule Schedule = new([new ChaseStep(ChaseAction.Reminder, 1, new DateTime(2027, 1, 5, 9, 0, 0))], new DateTime(2027, 1, 9));

    private static readonly RecommendationEvent[] Changes =
    [
        new RecommendationRecorded("R1", new RecommendationSource(RecommendationSubject.DecisionsPaper, "rv-1", "Ombudsman decisions: November 2026"), "Report quarterly.", Tom, "scrutiny@council.example", At),
        new UpdateRequested(1, new DateOnly(2027, 1, 8), Schedule, At),
        new UpdateDateChanged(1, new DateOnly(2027, 1, 8), new DateOnly(2027, 1, 15), Schedule, At),
        new UpdateReminderSent(1, 0, At),
        new UpdateEscalated(1, 1, "boss@council.example", At),
        new UpdateProvided(1, "Done in December.", RecommendationProgress.Done, Tom.Email, false, At),
        new RecommendationClosed(RecommendationClosure.NotImplemented, "The service was moved.", "scrutiny@council.example", At),
        new OwnerChanged(Tom, Ana, "Tom left.", At),
    ];

    private static readonly RecommendationEffect[] Mail =
    [
        new SendUpdateRequest(Tom.Email, 1),
        new SendUpdateReminder(Tom.Email, 2),
        new SendUpdateEscalation(Tom.Email, "boss@council.example", 1),
        new SendUpdateDateNotice(Tom.Email, 1),
        new SendUpdateReceived(1),
        new Core.Recommendations.SendClosedNotice(Tom.Email),
        new SendHandedOnNotice(Tom.Email),
    ];

    public static TheoryData<RecommendationEvent> EveryChange() => [.. Changes];

    public static TheoryData<RecommendationEffect> EveryMail() => [.. Mail];

    [Theory]
    [MemberData(nameof(EveryChange))]
    public void Every_change_to_a_follow_up_comes_back_as_its_kind(RecommendationEvent change)
    {
        var serializer = new ReviewEventSerializer();
        var row = serializer.Serialize(new FollowUpChanged("R1", change, At));

        var back = Assert.IsType<FollowUpChanged>(serializer.Deserialize(new StoredEvent(1, row.Type, row.SchemaVersion, row.Data, At)));

        Assert.Equal(("follow-up-changed", "R1", change.GetType()), (row.Type, back.FollowUpId, back.Change.GetType()));
        Assert.Equal(JsonSerializer.Serialize(change, change.GetType(), ReviewEventSerializer.JsonOptions), JsonSerializer.Serialize(back.Change, back.Change.GetType(), ReviewEventSerializer.JsonOptions));
    }

    [Theory]
    [MemberData(nameof(EveryMail))]
    public void Every_follow_up_mail_comes_back_as_its_kind(RecommendationEffect mail)
    {
        var (kind, payload) = ReviewEffectSerializer.Serialize(new FollowUpEffect("M2", mail));

        var back = Assert.IsType<FollowUpEffect>(ReviewEffectSerializer.Deserialize(kind, payload));

        Assert.Equal(("follow-up-effect", new FollowUpEffect("M2", mail)), (kind, back));
    }

    [Fact]
    public void Every_kind_of_follow_up_event_and_mail_the_core_defines_has_one_kind_name()
    {
        Assert.Equal(Names(Concrete<RecommendationEvent>()), Names(Changes.Select(c => c.GetType())));
        Assert.Equal(Names(Concrete<RecommendationEffect>()), Names(Mail.Select(m => m.GetType())));
        var names = Changes.Select(Kind).Concat(Mail.Select(m => JsonNode.Parse(ReviewEffectSerializer.Serialize(new FollowUpEffect("M1", m)).Payload)!["effect"]![FollowUpJson.KindProperty]!.GetValue<string>())).ToList();
        Assert.Equal(names.Count, names.Distinct().Count());
    }

    [Fact]
    public void A_change_stored_by_an_earlier_version_reads_back_by_its_kind_name()
    {
        // Written as this version writes it; a later version must still read it, so the names here never change.
        const string Stored = """{"followUpId":"M1","change":{"$kind":"update-escalated","round":1,"step":2,"managerEmail":"boss@council.example","at":"2027-01-11T09:00:00+00:00"},"at":"2027-01-11T09:00:00+00:00"}""";

        var back = Assert.IsType<FollowUpChanged>(new ReviewEventSerializer().Deserialize(new StoredEvent(4, "follow-up-changed", 1, Stored, At)));

        Assert.Equal(new UpdateEscalated(1, 2, "boss@council.example", new DateTimeOffset(2027, 1, 11, 9, 0, 0, TimeSpan.Zero)), back.Change);
        Assert.Equal(Stored, new ReviewEventSerializer().Serialize(back).Data);
    }

    [Fact]
    public void A_remedy_recorded_before_remedies_were_marked_as_such_reads_back_as_a_remedy_and_a_recommendation_as_it_was()
    {
        // Version 1 recorded a remedy (M1) as made against its decisions paper, as the panel's recommendations (R1) are.
        const string Remedy = """{"followUpId":"M1","change":{"$kind":"recommendation-recorded","recommendationId":"M1","source":{"subject":"decisions-paper","id":"rv-1","title":"Ombudsman decisions: November 2026"},"text":"Pay Mr X \u00a3300.","owner":{"email":"tom.okafor@council.example","name":"Tom Okafor","designation":"Team Manager","managerEmail":"boss@council.example"},"recordedBy":"scrutiny team","at":"2027-01-04T09:00:00+00:00"},"at":"2027-01-04T09:00:00+00:00"}""";
        var serializer = new ReviewEventSerializer();

        var remedy = Assert.IsType<RecommendationRecorded>(Assert.IsType<FollowUpChanged>(serializer.Deserialize(new StoredEvent(2, "follow-up-changed", 1, Remedy, At))).Change);
        var recommendation = Assert.IsType<RecommendationRecorded>(Assert.IsType<FollowUpChanged>(serializer.Deserialize(
            new StoredEvent(3, "follow-up-changed", 1, Remedy.Replace("\"M1\"", "\"R1\"", StringComparison.Ordinal), At))).Change);

        Assert.Equal(new RecommendationSource(RecommendationSubject.Remedy, "rv-1", "Ombudsman decisions: November 2026"), remedy.Source);
        Assert.Equal(("Pay Mr X \u00a3300.", Tom), (remedy.Text, remedy.Owner));
        Assert.Equal(RecommendationSubject.DecisionsPaper, recommendation.Source.Subject);
    }

    [Fact]
    public void A_change_of_a_kind_this_version_does_not_know_is_refused_rather_than_misread()
    {
        const string Stored = """{"followUpId":"M1","change":{"$kind":"update-teleported","round":1,"at":"2027-01-11T09:00:00+00:00"},"at":"2027-01-11T09:00:00+00:00"}""";

        Assert.ThrowsAny<Exception>(() => new ReviewEventSerializer().Deserialize(new StoredEvent(4, "follow-up-changed", 1, Stored, At)));
    }

    private static string Kind(RecommendationEvent change) =>
        JsonNode.Parse(new ReviewEventSerializer().Serialize(new FollowUpChanged("R1", change, At)).Data)!["change"]![FollowUpJson.KindProperty]!.GetValue<string>();

    private static List<string> Names(IEnumerable<Type> types) => [.. types.Select(t => t.FullName!).Order(StringComparer.Ordinal)];

    private static IEnumerable<Type> Concrete<TBase>() => typeof(TBase).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(TBase)) && !t.IsAbstract);
}
