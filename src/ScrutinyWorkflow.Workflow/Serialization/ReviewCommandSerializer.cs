using System.Text.Json;
using ScrutinyWorkflow.Core.Reviews;

namespace ScrutinyWorkflow.Workflow.Serialization;

/// <summary>A command on its way to a review's orchestration: its kind, its data, and an id to match the outcome to it.</summary>
public sealed record CommandEnvelope(string CommandId, string Kind, string Payload);

/// <summary>Maps commands to envelopes and back, so they can travel as orchestration events and activity results.</summary>
public static class ReviewCommandSerializer
{
    private static readonly (string Kind, Type Type)[] Kinds =
    [
        ("draft-review", typeof(DraftReview)),
        ("revise-questions", typeof(ReviseQuestions)),
        ("dispatch-review", typeof(DispatchReview)),
        ("process-due-timers", typeof(ProcessDueTimers)),
        ("save-answer", typeof(SaveAnswer)),
        ("submit-answer", typeof(SubmitAnswer)),
        ("decline-question", typeof(DeclineQuestion)),
        ("reassign-assignment", typeof(ReassignAssignment)),
        ("add-question", typeof(AddQuestion)),
        ("withdraw-question", typeof(WithdrawQuestion)),
        ("change-deadline", typeof(ChangeDeadline)),
        ("change-meeting-date", typeof(ChangeMeetingDate)),
        ("remind-officer", typeof(RemindOfficer)),
        ("close-early", typeof(CloseEarly)),
        ("accept-late-answer", typeof(AcceptLateAnswer)),
        ("reopen-answers", typeof(ReopenAnswers)),
        ("release-statement", typeof(ReleaseStatement)),
        ("record-statement-filed", typeof(RecordStatementFiled)),
        ("record-panel-notified", typeof(RecordPanelNotified)),
    ];

    private static readonly Dictionary<Type, string> KindOf = Kinds.ToDictionary(k => k.Type, k => k.Kind);
    private static readonly Dictionary<string, Type> TypeOf = Kinds.ToDictionary(k => k.Kind, k => k.Type);

    public static CommandEnvelope Serialize(string commandId, ReviewCommand command) =>
        new(commandId, KindOf[command.GetType()], JsonSerializer.Serialize(command, command.GetType(), ReviewEventSerializer.JsonOptions));

    public static ReviewCommand Deserialize(CommandEnvelope envelope) =>
        TypeOf.TryGetValue(envelope.Kind, out var type)
            ? (ReviewCommand)(JsonSerializer.Deserialize(envelope.Payload, type, ReviewEventSerializer.JsonOptions) ?? throw new InvalidDataException($"Empty {envelope.Kind} command."))
            : throw new InvalidDataException($"Unknown command kind '{envelope.Kind}'.");
}
