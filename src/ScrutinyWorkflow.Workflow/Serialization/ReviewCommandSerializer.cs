using ScrutinyWorkflow.Core.Reviews;

namespace ScrutinyWorkflow.Workflow.Serialization;

/// <summary>A command on its way to a review's orchestration: its kind, its data, and an id to match the outcome to it.</summary>
public sealed record CommandEnvelope(string CommandId, string Kind, string Payload);

/// <summary>Maps commands to envelopes and back, so they can travel as orchestration events and activity results.</summary>
public static class ReviewCommandSerializer
{
    private static readonly KindedJson<ReviewCommand> Kinds = new(
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
        ("change-draft-dates", typeof(ChangeDraftDates)),
        ("remind-officer", typeof(RemindOfficer)),
        ("close-early", typeof(CloseEarly)),
        ("accept-late-answer", typeof(AcceptLateAnswer)),
        ("reopen-answers", typeof(ReopenAnswers)),
        ("release-statement", typeof(ReleaseStatement)),
        ("record-statement-filed", typeof(RecordStatementFiled)),
        ("record-panel-notified", typeof(RecordPanelNotified)),
        ("correct-answer", typeof(CorrectAnswer)),
        ("record-undeliverable", typeof(RecordUndeliverable)),
        ("note-officers-away", typeof(NoteOfficersAway)),
    ]);

    public static CommandEnvelope Serialize(string commandId, ReviewCommand command)
    {
        var (kind, payload) = Kinds.Serialize(command);
        return new CommandEnvelope(commandId, kind, payload);
    }

    public static ReviewCommand Deserialize(CommandEnvelope envelope) => Kinds.Deserialize(envelope.Kind, envelope.Payload);
}
