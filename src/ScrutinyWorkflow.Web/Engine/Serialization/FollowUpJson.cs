using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using ScrutinyWorkflow.Core.Recommendations;

namespace ScrutinyWorkflow.Web.Engine.Serialization;

/// <summary>
/// A follow-up's own events and mail travel inside the review's (<c>FollowUpChanged</c>, <c>FollowUpEffect</c>) as
/// their abstract base, so each is written with a kind name before its fields and read back as that kind. The names
/// never change once written, as the review's own do. Set on the serializer's options rather than by attributes in the
/// core, which stays free of any serializer.
/// </summary>
internal static class FollowUpJson
{
    /// <summary>The property the kind is written in; a "$" name, so no field of a follow-up's record can ever take it.</summary>
    public const string KindProperty = "$kind";

    public static IReadOnlyDictionary<Type, (string Kind, Type Type)[]> Families { get; } = new Dictionary<Type, (string, Type)[]>
    {
        [typeof(RecommendationEvent)] =
        [
            ("recommendation-recorded", typeof(RecommendationRecorded)),
            ("update-requested", typeof(UpdateRequested)),
            ("update-date-changed", typeof(UpdateDateChanged)),
            ("update-reminder-sent", typeof(UpdateReminderSent)),
            ("update-escalated", typeof(UpdateEscalated)),
            ("update-provided", typeof(UpdateProvided)),
            ("recommendation-closed", typeof(RecommendationClosed)),
            ("owner-changed", typeof(OwnerChanged)),
        ],
        [typeof(RecommendationEffect)] =
        [
            ("send-update-request", typeof(SendUpdateRequest)),
            ("send-update-reminder", typeof(SendUpdateReminder)),
            ("send-update-escalation", typeof(SendUpdateEscalation)),
            ("send-update-date-notice", typeof(SendUpdateDateNotice)),
            ("send-update-received", typeof(SendUpdateReceived)),
            // Not "send-closed-notice": that kind is the review's notice that answers closed early.
            ("send-recommendation-closed-notice", typeof(SendClosedNotice)),
            ("send-handed-on-notice", typeof(SendHandedOnNotice)),
        ],
    };

    /// <summary>
    /// Version 1 of "follow-up-changed" recorded a remedy as made against its decisions paper, as the panel's own
    /// recommendations on that paper are, and nothing else told the two apart but the follow-up's id (M1... for
    /// remedies, as <see cref="Core.Reviews.FollowUpIds"/> names them). Version 2 says so in the source, because a remedy is chased
    /// by its own rules; this reads the old remedies as remedies.
    /// </summary>
    public static EventUpcaster RemedyMarked { get; } = new("follow-up-changed", 1, node =>
    {
        if (node["followUpId"]?.GetValue<string>() is { } id && Core.Reviews.FollowUpIds.IsRemedy(id)
            && node["change"] is JsonObject change && change[KindProperty]?.GetValue<string>() == "recommendation-recorded"
            && change["source"] is JsonObject source)
        {
            source["subject"] = "remedy";
        }
        return node;
    });

    /// <summary>A resolver modifier: gives each family's base type its kinds, and leaves every other type alone.</summary>
    public static void WithKinds(JsonTypeInfo type)
    {
        if (!Families.TryGetValue(type.Type, out var kinds))
        {
            return;
        }
        type.PolymorphismOptions = new JsonPolymorphismOptions
        {
            TypeDiscriminatorPropertyName = KindProperty,
            UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization,
        };
        foreach (var (kind, derived) in kinds)
        {
            type.PolymorphismOptions.DerivedTypes.Add(new JsonDerivedType(derived, kind));
        }
    }
}
