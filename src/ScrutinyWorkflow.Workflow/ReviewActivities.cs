using Microsoft.DurableTask;
using ScrutinyWorkflow.Workflow.Serialization;

namespace ScrutinyWorkflow.Workflow;

public sealed record RecordRequest(string ReviewId, long FirstVersion, IReadOnlyList<NewEvent> Events);

public sealed record DeliveryRequest(string ReviewId, EffectToDeliver Effect);

/// <summary>Writes a review's new events to the read side, idempotently by version.</summary>
public sealed class RecordReviewEvents(IReviewRecord record) : TaskActivity<RecordRequest, bool>
{
    private static readonly ReviewEventSerializer Serializer = new();

    public override async Task<bool> RunAsync(TaskActivityContext context, RecordRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var events = input.Events.Select((e, i) => Serializer.Deserialize(new StoredEvent(input.FirstVersion + i, e.Type, e.SchemaVersion, e.Data, default))).ToList();
        await record.RecordAsync(input.ReviewId, input.FirstVersion, events, CancellationToken.None);
        return true;
    }
}

/// <summary>Carries out one effect by its stable id, and hands back the command that records its result, if any.</summary>
public sealed class DeliverEffect(IEffectDelivery delivery) : TaskActivity<DeliveryRequest, CommandEnvelope?>
{
    public override async Task<CommandEnvelope?> RunAsync(TaskActivityContext context, DeliveryRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var effect = ReviewEffectSerializer.Deserialize(input.Effect.Kind, input.Effect.Payload);
        var follow = await delivery.DeliverAsync(input.ReviewId, input.Effect.EffectId, effect, CancellationToken.None);
        return follow is null ? null : ReviewCommandSerializer.Serialize(input.Effect.EffectId, follow);
    }
}
