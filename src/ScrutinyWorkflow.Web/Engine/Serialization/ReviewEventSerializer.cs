using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using ScrutinyWorkflow.Core.Reviews;

namespace ScrutinyWorkflow.Web.Engine.Serialization;

/// <summary>Turns an older stored shape of an event into the next schema version's shape.</summary>
public sealed record EventUpcaster(string Type, int FromVersion, Func<JsonObject, JsonObject> Upcast);

/// <summary>
/// Maps review events to stored rows and back. Each event type has a stable name and a schema version; when a
/// type's shape changes, its version goes up and an upcaster turns rows of the old shape into the new one, so
/// streams written by older code keep loading. Type names never change once written.
/// </summary>
public sealed class ReviewEventSerializer
{
    private static readonly (string Name, int Version, Type Type)[] Types =
    [
        ("review-drafted", 1, typeof(ReviewDrafted)),
        ("questions-revised", 1, typeof(QuestionsRevised)),
        ("review-dispatched", 1, typeof(ReviewDispatched)),
        ("request-sent", 1, typeof(RequestSent)),
        ("reminder-sent", 1, typeof(ReminderSent)),
        ("escalated", 1, typeof(Escalated)),
        ("officer-reminded", 1, typeof(OfficerReminded)),
        // Stored under its first name: a saved (not yet submitted) answer was once called a draft answer.
        ("answer-drafted", 1, typeof(AnswerSaved)),
        ("answer-submitted", 1, typeof(AnswerSubmitted)),
        ("answer-amended", 1, typeof(AnswerAmended)),
        ("late-answer-accepted", 1, typeof(LateAnswerAccepted)),
        ("question-declined", 1, typeof(QuestionDeclined)),
        ("assignment-reassigned", 1, typeof(AssignmentReassigned)),
        ("question-added", 1, typeof(QuestionAdded)),
        ("question-withdrawn", 1, typeof(QuestionWithdrawn)),
        ("deadline-changed", 1, typeof(DeadlineChanged)),
        ("meeting-date-changed", 1, typeof(MeetingDateChanged)),
        ("deadline-passed", 1, typeof(DeadlinePassed)),
        ("review-closed-early", 1, typeof(ReviewClosedEarly)),
        ("statement-assembled", 1, typeof(StatementAssembled)),
        ("answers-reopened", 1, typeof(AnswersReopened)),
        ("statement-released", 1, typeof(StatementReleased)),
        ("statement-filed", 1, typeof(StatementFiled)),
        ("panel-notified", 1, typeof(PanelNotified)),
        ("answer-corrected", 1, typeof(AnswerCorrected)),
        ("draft-discarded", 1, typeof(DraftDiscarded)),
        ("mail-undeliverable", 1, typeof(MailUndeliverable)),
        ("officers-away-noted", 1, typeof(OfficersAwayNoted)),
        ("receipt-sent", 1, typeof(ReceiptSent)),
        ("decisions-recorded", 1, typeof(DecisionsRecorded)),
        // Version 2 marks a remedy's source as a remedy (FollowUpJson.RemedyMarked).
        ("follow-up-changed", 2, typeof(FollowUpChanged)),
        ("published-compliance-recorded", 1, typeof(PublishedComplianceRecorded)),
    ];

    /// <summary>
    /// Names written by earlier versions for a type that has since been renamed and stored under a new name. They are
    /// read, never written: a deadline could only be extended when "deadline-extended" was written, with the same data.
    /// </summary>
    private static readonly (string Name, int Version, Type Type)[] FormerNames =
    [
        ("deadline-extended", 1, typeof(DeadlineChanged)),
    ];

    public static JsonSerializerOptions JsonOptions { get; } = CreateOptions();

    private readonly Dictionary<Type, (string Name, int Version)> byType = Types.ToDictionary(t => t.Type, t => (t.Name, t.Version));
    private readonly Dictionary<string, (int Version, Type Type)> byName = Types.Concat(FormerNames).ToDictionary(t => t.Name, t => (t.Version, t.Type));
    private readonly Dictionary<(string, int), EventUpcaster> upcasters;

    /// <summary>The product's own upcasters, for the shapes earlier versions wrote; a caller's are added to them.</summary>
    private static readonly EventUpcaster[] Upcasters = [FollowUpJson.RemedyMarked];

    public ReviewEventSerializer(IEnumerable<EventUpcaster>? upcasters = null) =>
        this.upcasters = Upcasters.Concat(upcasters ?? []).ToDictionary(u => (u.Type, u.FromVersion));

    /// <summary>The names events are stored under, for the audit trail.</summary>
    public string NameOf(ReviewEvent @event) => byType[@event.GetType()].Name;

    public NewEvent Serialize(ReviewEvent @event)
    {
        var (name, version) = byType.TryGetValue(@event.GetType(), out var known)
            ? known
            : throw new InvalidOperationException($"Event type {@event.GetType().Name} has no stored name.");
        return new NewEvent(name, version, JsonSerializer.Serialize(@event, @event.GetType(), JsonOptions));
    }

    public ReviewEvent Deserialize(StoredEvent stored)
    {
        if (!byName.TryGetValue(stored.Type, out var current))
        {
            throw new InvalidDataException($"Event {stored.Version} has type '{stored.Type}', which this version of the product does not know.");
        }
        if (stored.SchemaVersion > current.Version)
        {
            // Written by newer code (a rollback?): refusing is safer than silently dropping fields.
            throw new InvalidDataException(
                $"Event {stored.Version} ('{stored.Type}') has schema version {stored.SchemaVersion}; this version of the product reads up to {current.Version}.");
        }

        var data = stored.Data;
        if (stored.SchemaVersion < current.Version)
        {
            var node = JsonNode.Parse(data)?.AsObject() ?? throw new InvalidDataException($"Event {stored.Version} is not a JSON object.");
            for (var version = stored.SchemaVersion; version < current.Version; version++)
            {
                node = upcasters.TryGetValue((stored.Type, version), out var upcaster)
                    ? upcaster.Upcast(node)
                    : throw new InvalidDataException($"No upcaster takes '{stored.Type}' from schema version {version} to {version + 1}.");
            }
            data = node.ToJsonString(JsonOptions);
        }
        return (ReviewEvent)(JsonSerializer.Deserialize(data, current.Type, JsonOptions)
            ?? throw new InvalidDataException($"Event {stored.Version} ('{stored.Type}') is empty."));
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { FollowUpJson.WithKinds } },
        };
        options.Converters.Add(new YearMonthConverter());
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}

/// <summary>Stores a month as "2020-12", the same form the API uses.</summary>
public sealed class YearMonthConverter : JsonConverter<YearMonth>
{
    public override YearMonth Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        YearMonth.TryParse(reader.GetString(), out var value) ? value : throw new JsonException("Expected a month as yyyy-MM.");

    public override void Write(Utf8JsonWriter writer, YearMonth value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());
}
