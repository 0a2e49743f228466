using ScrutinyWorkflow.Web.Engine.Serialization;
using ScrutinyWorkflow.Web.Links;

namespace ScrutinyWorkflow.Web.Engine.Storage;

/// <summary>
/// The argument rules every review store adapter enforces before touching storage, in one place so the
/// embedded and cloud adapters reject the same bad input with the same message.
/// </summary>
internal static class ReviewStoreArguments
{
    public static void CheckAppend(
        string reviewId,
        long expectedVersion,
        IReadOnlyList<NewEvent> events,
        IReadOnlyList<OutboxEntry> effects,
        IReadOnlyList<IndexedLink> links)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reviewId);
        ArgumentOutOfRangeException.ThrowIfNegative(expectedVersion);
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(effects);
        ArgumentNullException.ThrowIfNull(links);

        // Effects and timers change only because something happened, and the stream is the record of
        // what happened; an append with no events would change them with no trace in the audit trail.
        if (events.Count == 0)
        {
            throw new ArgumentException(
                $"An append to review {reviewId} must carry at least one event.", nameof(events));
        }

        foreach (var @event in events)
        {
            if (@event is null || string.IsNullOrWhiteSpace(@event.Type) || @event.Data is null)
            {
                throw new ArgumentException(
                    $"Every event appended to review {reviewId} needs a type name and data.", nameof(events));
            }

            if (@event.SchemaVersion < 1)
            {
                throw new ArgumentException(
                    $"Event {@event.Type} for review {reviewId} has schema version {@event.SchemaVersion}; " +
                    "schema versions start at 1.",
                    nameof(events));
            }
        }

        foreach (var effect in effects)
        {
            if (effect is null || string.IsNullOrWhiteSpace(effect.Id) || string.IsNullOrWhiteSpace(effect.Kind)
                || effect.Payload is null)
            {
                throw new ArgumentException(
                    $"Every effect appended to review {reviewId} needs an id, a kind and a payload.", nameof(effects));
            }
        }

        foreach (var link in links)
        {
            if (link is null || string.IsNullOrWhiteSpace(link.TokenHash) || string.IsNullOrWhiteSpace(link.RespondentKey))
            {
                throw new ArgumentException($"Every link appended to review {reviewId} needs a token hash and the person it is for.", nameof(links));
            }
        }
    }

    public static void CheckMax(int max) => ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
}
