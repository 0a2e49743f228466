using System.Collections.Concurrent;
using System.Text.Json;
using ScrutinyWorkflow.Core.Calendar;
using ScrutinyWorkflow.Core.Reviews;
using ScrutinyWorkflow.Web.Engine.Serialization;
using ScrutinyWorkflow.Web.Engine.Storage;
using ScrutinyWorkflow.Web.Links;
using ScrutinyWorkflow.Workflow;

namespace ScrutinyWorkflow.Web.Engine.Durable;

/// <summary>
/// Reviews on the Durable runtime. A command is decided where it arrives, on the review as stored, and recorded by a
/// conditional append (<see cref="TableReviewStreams.AppendAsync"/>) before the caller hears anything: an acknowledged
/// answer is in the store, every version is recorded once, and a host that loses the race reloads and decides again.
/// The orchestration (<see cref="ReviewTimer"/>) only keeps the review's clock and hands on work a host left undone;
/// the person is never held while it steps.
/// </summary>
public sealed class DurableReviewEngine(
    TableReviewStreams streams,
    ReviewEventSerializer serializer,
    ResponseLinks responseLinks,
    ReviewRules councilRules,
    ReviewHandoff handoff,
    ILogger<DurableReviewEngine> logger) : IReviewCommands, IReviewQueries, ILinkIndex
{
    // Two hosts deciding on one review at the same moment: the loser reloads and decides again. Many officers answering
    // one review at once can lose several rounds in a row; past this many the caller is told to try again.
    private const int MaxAttempts = 30;

    // Reviews kept decided in memory, so a command on a review this host read or recorded last reads nothing before its
    // append, and one on a review another host has moved on since reads only the head and what was recorded since.
    private const int CachedReviews = 2_000;

    // Response links found, kept per host: a person's page and its posts ask for the same one again and again.
    private const int CachedLinks = 20_000;

    private readonly ConcurrentDictionary<string, Current> cache = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Turn> turns = new(StringComparer.Ordinal);
    // Per stored rules (a review's rules never change): the decider and the zone its due times are in, made once.
    private readonly ConcurrentDictionary<string, (ReviewDecider Decider, TimeZoneInfo Zone)> deciders = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, LinkTarget> links = new(StringComparer.Ordinal);
    private readonly ReviewListCache listing = new(streams);
    private readonly string newReviewRules = JsonSerializer.Serialize(councilRules, ReviewEventSerializer.JsonOptions);

    /// <summary>A review as decided, and the head row it was read with or written as (null when not known).</summary>
    private sealed record Current(ReviewState State, long Version, DateTimeOffset CreatedAt, StreamHead? Head);

    public async Task<CommandOutcome> HandleAsync(string reviewId, ReviewCommand command, long? expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reviewId);
        ArgumentNullException.ThrowIfNull(command);
        // Commands on one review at once on this host take turns: each decides on what the one before it recorded, so
        // none loses the race to a neighbour here (hosts still race each other, and the conditional append settles it).
        Turn turn;
        lock (turns)
        {
            turn = turns.TryGetValue(reviewId, out var taken) ? taken : turns[reviewId] = new Turn();
            turn.Holders++;
        }
        try
        {
            await turn.Gate.WaitAsync(cancellationToken);
            try
            {
                return await DecideAndRecordAsync(reviewId, command, expectedVersion, cancellationToken);
            }
            finally
            {
                turn.Gate.Release();
            }
        }
        finally
        {
            lock (turns)
            {
                if (--turn.Holders == 0)
                {
                    turns.Remove(reviewId);
                }
            }
        }
    }

    private sealed class Turn
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public int Holders { get; set; }
    }

    private async Task<CommandOutcome> DecideAndRecordAsync(string reviewId, ReviewCommand command, long? expectedVersion, CancellationToken cancellationToken)
    {
        using var span = ReviewTelemetry.Command(reviewId, command);
        StreamConflictException? lost = null;
        // What this host last read or recorded of the review is decided on without reading the store: the append is
        // conditional on the head's ETag it was read or written with, so should anyone have recorded since, it fails
        // and the command is decided again on what they recorded.
        var current = Remembered(reviewId);
        var (head, read) = (current?.Head, current is null);
        if (read)
        {
            head = await streams.HeadAsync(reviewId, cancellationToken);
            current = await LoadAsync(reviewId, head, cancellationToken);
        }

        // Nothing recorded checks the memory a refusal, a no-op or a stale version was decided on, so the store's head
        // does: true when the review is still as decided on, else it is loaded as stored, to decide again.
        async Task<bool> StillAsDecidedAsync()
        {
            if (read)
            {
                return true;
            }
            var stored = await streams.HeadAsync(reviewId, cancellationToken);
            if (stored?.ETag == head?.ETag)
            {
                return true;
            }
            (head, current, read) = (stored, await LoadAsync(reviewId, stored, cancellationToken), true);
            return false;
        }

        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var (state, version) = (current?.State ?? ReviewState.Initial, current?.Version ?? 0);
            if (expectedVersion is { } seen && seen != version)
            {
                if (!await StillAsDecidedAsync())
                {
                    continue;
                }
                return new CommandStale(seen, state, version);
            }
            var rules = head?.Rules ?? newReviewRules;
            switch (DeciderFor(rules).Decider.Decide(command, state))
            {
                case Rejected rejected:
                    if (!await StillAsDecidedAsync())
                    {
                        continue;
                    }
                    return new CommandRefused(rejected.Rejection, state, version);
                case Accepted { Events.Count: 0 }:
                    if (!await StillAsDecidedAsync())
                    {
                        continue;
                    }
                    return new CommandApplied(state, version, []);
                case Accepted accepted:
                    var events = accepted.Events;
                    var after = events.Aggregate(state, ReviewState.Evolve);
                    var newVersion = version + events.Count;
                    // Named by the decision's version, which is recorded once: one id always means one message.
                    var effects = ReviewEffects.Of(events, state, after).Select((effect, n) =>
                    {
                        var (kind, payload) = ReviewEffectSerializer.Serialize(effect);
                        return new OutboxEntry($"{reviewId}.{newVersion}.{n + 1}", kind, payload);
                    }).ToList();
                    foreach (var link in responseLinks.IndexFor(reviewId, events, state))
                    {
                        await streams.IndexAsync(reviewId, link, cancellationToken);
                        // In the index now, whether or not this decision is recorded: the person's first visit needs no look-up.
                        KeepLink(link.TokenHash, new LinkTarget(reviewId, link.RespondentKey));
                    }
                    // Marked first: should this host stop between recording and handing on, the sweep finds the mark.
                    await streams.MarkAsync(reviewId, newVersion, cancellationToken);
                    var createdAt = current?.CreatedAt ?? command.Now;
                    StreamHead written;
                    try
                    {
                        written = await streams.AppendAsync(reviewId, head, rules, new StoredDecision(version + 1, [.. events.Select(serializer.Serialize)], effects, command.Now),
                            after.NextDue is { } due ? ToUtc(due, DeciderFor(rules).Zone) : null, cancellationToken);
                    }
                    catch (StreamConflictException conflict)
                    {
                        // Somebody recorded first: decide again on what they recorded, after a moment's jitter so the
                        // same two do not collide again in step (none when only this host's memory was behind).
                        lost = conflict;
                        logger.LogDebug("Review {ReviewId} moved on from version {Version}; deciding again (attempt {Attempt}).", reviewId, version, attempt);
                        if (read)
                        {
                            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 20 * Math.Min(attempt, 10))), cancellationToken);
                        }
                        head = await streams.HeadAsync(reviewId, cancellationToken);
                        (current, read) = (await LoadAsync(reviewId, head, cancellationToken), true);
                        continue;
                    }
                    Remember(reviewId, new Current(after, newVersion, createdAt, written));
                    var line = new ReviewListLine(ReviewSummary.From(after), newVersion, createdAt);
                    if (current is null)
                    {
                        // A review its maker was just told exists is listed before they hear so; every later line is
                        // written by the hand-off straight after the caller is answered (the dashboard may be a moment
                        // behind an answer, the person answering is not held for it).
                        await ListNowAsync(reviewId, line, cancellationToken);
                    }
                    // The orchestration's timer only needs setting again when the review falls due sooner than it did (or
                    // at all, when it is sent): one that fires at an older, earlier time finds nothing and sets the new one.
                    handoff.Request(reviewId, wakeTimer: after.NextDue is { } next && (state.NextDue is not { } was || next < was),
                        line);
                    return new CommandApplied(after, newVersion, events);
                default:
                    throw new InvalidOperationException("The decider returned neither events nor a rejection.");
            }
        }
        throw new ReviewBusyException(lost!);
    }

    private async Task ListNowAsync(string reviewId, ReviewListLine line, CancellationToken cancellationToken)
    {
        try
        {
            await streams.ListAsync(line.Summary, line.Version, line.CreatedAt, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Recorded all the same; the hand-off writes the line again.
            logger.LogWarning(ex, "Review {ReviewId}'s list line was not written; the hand-off writes it.", reviewId);
        }
    }

    public async Task<ReviewSnapshot?> FindAsync(string reviewId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reviewId);
        var current = await LoadAsync(reviewId, await streams.HeadAsync(reviewId, cancellationToken), cancellationToken);
        return current is null ? null : new ReviewSnapshot(current.State, current.Version);
    }

    public async Task<ReviewSnapshot?> FindBeforeCommandAsync(string reviewId, CancellationToken cancellationToken) =>
        Remembered(reviewId) is { } held ? new ReviewSnapshot(held.State, held.Version) : await FindAsync(reviewId, cancellationToken);

    public async Task<IReadOnlyList<RecordedEvent>?> AuditTrailAsync(string reviewId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reviewId);
        if (await streams.HeadAsync(reviewId, cancellationToken) is not { } head)
        {
            return null;
        }
        var decisions = await streams.DecisionsAsync(reviewId, 0, head.Version, cancellationToken);
        return [.. decisions.SelectMany(d => d.Events.Select((e, i) =>
        {
            var stored = new StoredEvent(d.FirstVersion + i, e.Type, e.SchemaVersion, e.Data, d.RecordedAt);
            return new RecordedEvent(stored.Version, stored.Type, stored.SchemaVersion, serializer.Deserialize(stored), stored.RecordedAt);
        }))];
    }

    public async Task<ReviewListPage> ListAsync(ReviewListQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var listings = await listing.ListAsync(cancellationToken);
        return ReviewListPage.Of(listings.Select(l => (l.Summary, l.CreatedAt)), query);
    }

    async Task<LinkTarget?> ILinkIndex.FindAsync(string tokenHash, CancellationToken cancellationToken)
    {
        // A link's target never changes once indexed, so a host keeps what it found; what it did not find is asked again.
        if (links.TryGetValue(tokenHash, out var known))
        {
            return known;
        }
        if (await streams.FindLinkAsync(tokenHash, cancellationToken) is { } found)
        {
            KeepLink(tokenHash, found);
            return found;
        }
        return null;
    }

    private void KeepLink(string tokenHash, LinkTarget target)
    {
        if (links.Count >= CachedLinks)
        {
            links.Clear();
        }
        links[tokenHash] = target;
    }

    public async Task<string?> RuntimeProblemAsync(string reviewId, CancellationToken cancellationToken)
    {
        try
        {
            return await handoff.Timers.ProblemAsync(reviewId, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The page is still worth showing when the task hub cannot be asked.
            logger.LogWarning(ex, "Could not ask how review {ReviewId}'s orchestration is.", reviewId);
            return null;
        }
    }

    /// <summary>The review as of a head just read (for the hand-on, which reads the head once a round).</summary>
    public async Task<ReviewSnapshot?> FindAsync(string reviewId, StreamHead head, CancellationToken cancellationToken) =>
        await LoadAsync(reviewId, head, cancellationToken) is { } current ? new ReviewSnapshot(current.State, current.Version) : null;

    /// <summary>The review as of its head: from memory when nothing was recorded since, else what was recorded since added.</summary>
    private async Task<Current?> LoadAsync(string reviewId, StreamHead? head, CancellationToken cancellationToken)
    {
        if (head is null)
        {
            return null;
        }
        var known = cache.TryGetValue(reviewId, out var held) && held.Version <= head.Version ? held : null;
        if (known?.Version == head.Version)
        {
            if (known.Head?.ETag != head.ETag)
            {
                known = known with { Head = head };
                Remember(reviewId, known);
            }
            return known;
        }
        var from = known?.Version ?? 0;
        var state = known?.State ?? ReviewState.Initial;
        foreach (var decision in await streams.DecisionsAsync(reviewId, from, head.Version, cancellationToken))
        {
            state = decision.Events
                .Select((e, i) => serializer.Deserialize(new StoredEvent(decision.FirstVersion + i, e.Type, e.SchemaVersion, e.Data, decision.RecordedAt)))
                .Aggregate(state, ReviewState.Evolve);
            from = decision.LastVersion;
        }
        var current = new Current(state, from, head.CreatedAt, from == head.Version ? head : null);
        Remember(reviewId, current);
        return current;
    }

    /// <summary>The review as this host last read or recorded it, when it knows the head's ETag to record on.</summary>
    private Current? Remembered(string reviewId) =>
        cache.TryGetValue(reviewId, out var held) && held.Head is { } head && head.ETag != default ? held : null;

    private void Remember(string reviewId, Current current)
    {
        if (cache.Count >= CachedReviews && !cache.ContainsKey(reviewId))
        {
            // Crude but bounded: a host serving more reviews than this at once reads a few more rows per command.
            cache.Clear();
        }
        cache.AddOrUpdate(reviewId, current, (_, held) => held.Version > current.Version ? held : current);
    }

    private (ReviewDecider Decider, TimeZoneInfo Zone) DeciderFor(string rules) => deciders.GetOrAdd(rules, json =>
    {
        var parsed = JsonSerializer.Deserialize<ReviewRules>(json, ReviewEventSerializer.JsonOptions)!;
        return (new ReviewDecider(parsed.Policy, new WorkingCalendar(parsed.ExtraNonWorkingDays)), TimeZoneInfo.FindSystemTimeZoneById(parsed.TimeZone));
    });

    /// <summary>A council-local time as UTC; one that falls in the hour the clocks skip in spring is taken an hour later.</summary>
    private static DateTime ToUtc(DateTime local, TimeZoneInfo zone)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        return TimeZoneInfo.ConvertTimeToUtc(zone.IsInvalidTime(unspecified) ? unspecified.AddHours(1) : unspecified, zone);
    }
}
