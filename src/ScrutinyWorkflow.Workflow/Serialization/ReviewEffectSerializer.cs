using System.Text.Json;
using ScrutinyWorkflow.Core.Reviews;

namespace ScrutinyWorkflow.Workflow.Serialization;

/// <summary>Maps effects to outbox rows (a kind and a JSON payload) and back.</summary>
public static class ReviewEffectSerializer
{
    private static readonly (string Kind, Type Type)[] Kinds =
    [
        ("send-request", typeof(SendRequest)),
        ("send-reminder", typeof(SendReminder)),
        ("send-escalation", typeof(SendEscalation)),
        ("send-answered-by-colleague", typeof(SendAnsweredByColleague)),
        ("send-amendment-notice", typeof(SendAmendmentNotice)),
        ("send-reassignment-notice", typeof(SendReassignmentNotice)),
        ("send-decline-notice", typeof(SendDeclineNotice)),
        ("send-deadline-notice", typeof(SendDeadlineNotice)),
        ("send-withdrawal-notice", typeof(SendWithdrawalNotice)),
        ("send-closed-notice", typeof(SendClosedNotice)),
        ("send-reopened-notice", typeof(SendReopenedNotice)),
        ("send-statement-for-check", typeof(SendStatementForCheck)),
        ("file-statement", typeof(FileStatement)),
        ("notify-panel", typeof(NotifyPanel)),
    ];

    private static readonly Dictionary<Type, string> KindOf = Kinds.ToDictionary(k => k.Type, k => k.Kind);
    private static readonly Dictionary<string, Type> TypeOf = Kinds.ToDictionary(k => k.Kind, k => k.Type);

    public static (string Kind, string Payload) Serialize(ReviewEffect effect) =>
        (KindOf[effect.GetType()], JsonSerializer.Serialize(effect, effect.GetType(), ReviewEventSerializer.JsonOptions));

    public static ReviewEffect Deserialize(string kind, string payload) =>
        TypeOf.TryGetValue(kind, out var type)
            ? (ReviewEffect)(JsonSerializer.Deserialize(payload, type, ReviewEventSerializer.JsonOptions) ?? throw new InvalidDataException($"Empty {kind} effect."))
            : throw new InvalidDataException($"Unknown effect kind '{kind}'.");
}
