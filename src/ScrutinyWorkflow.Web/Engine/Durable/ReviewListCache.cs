namespace ScrutinyWorkflow.Web.Engine.Durable;

/// <summary>
/// One host's copy of the review list, kept up to date by asking the list table only for the lines written since it
/// last looked (by the storage service's own clock), so a list request reads a handful of changed lines, not a line per
/// review. Every request still asks, so a review another host created or moved on is listed on the next request.
/// </summary>
internal sealed class ReviewListCache(TableReviewStreams streams)
{
    // Lines written at nearly the same moment can become visible out of their timestamps' order (two hosts committing at
    // once; one partition's writes are stamped by the one server holding it, whose clock may step when the partition
    // moves), so each look reaches back this far: a line is read a few times over, never missed. Longer costs every
    // list request the lines written in that long (a minute's overlap doubled the list's time just after many writes).
    private static readonly TimeSpan Overlap = TimeSpan.FromSeconds(5);

    private readonly Lock gate = new();
    private readonly Dictionary<string, ListedReview> lines = new(StringComparer.Ordinal);
    private DateTimeOffset? newest;

    public async Task<IReadOnlyList<ListedReview>> ListAsync(CancellationToken cancellationToken)
    {
        DateTimeOffset? since;
        lock (gate)
        {
            since = newest - Overlap;
        }
        // Requests at once each ask; what they bring back is merged one at a time.
        var changed = await streams.ListingsAsync(since, cancellationToken);
        lock (gate)
        {
            foreach (var line in changed)
            {
                // A line is only ever replaced by a newer version of its review (see TableReviewStreams.ListAsync).
                if (!lines.TryGetValue(line.Key, out var known) || known.Version <= line.Version)
                {
                    lines[line.Key] = line;
                }
                if (newest is not { } seen || line.WrittenAt > seen)
                {
                    newest = line.WrittenAt;
                }
            }
            return [.. lines.Values];
        }
    }
}
