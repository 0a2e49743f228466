using ScrutinyWorkflow.Core.Reviews;

namespace ScrutinyWorkflow.Web.Engine.Serialization;

/// <summary>Maps effects to outbox rows (a kind and a JSON payload) and back.</summary>
public static class ReviewEffectSerializer
{
    private static readonly KindedJson<ReviewEffect> Kinds = new(
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
        ("send-undeliverable-notice", typeof(SendUndeliverableNotice)),
        ("send-receipt", typeof(SendReceipt)),
        ("send-receipts", typeof(SendReceipts)),
        ("follow-up-effect", typeof(FollowUpEffect)),
    ]);

    public static (string Kind, string Payload) Serialize(ReviewEffect effect) => Kinds.Serialize(effect);

    public static ReviewEffect Deserialize(string kind, string payload) => Kinds.Deserialize(kind, payload);
}
