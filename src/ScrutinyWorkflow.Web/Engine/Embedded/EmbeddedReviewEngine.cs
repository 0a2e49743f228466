using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using ScrutinyWorkflow.Core.Reviews;
using ScrutinyWorkflow.Web.Engine.Serialization;
using ScrutinyWorkflow.Web.Engine.Storage;
using ScrutinyWorkflow.Web.Links;
using ScrutinyWorkflow.Workflow;

namespace ScrutinyWorkflow.Web.Engine.Embedded;

/// <summary>
/// Reviews on one machine. Every command goes through one writer at a time that decides it while holding the store's
/// write lock: it reads the review's version under the lock, so two commands (from this process or another sharing the
/// file) never conflict, and a command is only ever refused by a rule. The writer takes the commands waiting and records
/// them in one transaction, each decision in its own savepoint, with their effects, links, next due times, the review
/// list's lines and snapshots; a load reads the review from memory, or its snapshot, and only the events after.
/// </summary>
/// <remarks>
/// The writer is whichever caller finds nobody writing: it records what is waiting, its own command first, on its own
/// thread, so a command that arrives alone is decided and answered without crossing to another thread and back. Callers
/// arriving while it writes queue, and are recorded in its next transaction (one hop back to them when it commits); once
/// its own command is answered, any still waiting are left to a thread-pool writer so one caller never carries a burst.
/// </remarks>
public sealed class EmbeddedReviewEngine : IReviewCommands, IReviewQueries, IAsyncDisposable
{
    // Enough to take a burst (a dispatch's answers arriving at once) in a few transactions, small enough to keep each short.
    private const int MaxBatch = 256;

    // A store busy past its timeout (another process holding the lock) is tried again this often before the caller is told.
    private const int BusyAttempts = 3;

    private readonly IReviewStore store;
    private readonly ReviewEventSerializer serializer;
    private readonly ReviewLoader loader;
    private readonly ReviewDecider decider;
    private readonly ResponseLinks responseLinks;
    private readonly RunnerSignal runnerSignal;
    private readonly ILogger<EmbeddedReviewEngine> logger;
    private readonly ConcurrentQueue<Pending> queue = new();

    // Held by the one caller writing; a semaphore rather than a lock because the writer awaits while holding it.
    private readonly SemaphoreSlim writing = new(1, 1);
    private volatile bool closed;

    public EmbeddedReviewEngine(
        IReviewStore store,
        ReviewEventSerializer serializer,
        ReviewLoader loader,
        ReviewDecider decider,
        ResponseLinks responseLinks,
        RunnerSignal runnerSignal,
        ILogger<EmbeddedReviewEngine> logger)
    {
        (this.store, this.serializer, this.loader, this.decider, this.responseLinks, this.runnerSignal, this.logger) = (store, serializer, loader, decider, responseLinks, runnerSignal, logger);
    }

    public async Task<ReviewSnapshot?> FindAsync(string reviewId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reviewId);
        var current = await store.ReadAsync(reader => loader.LoadAsync(reader, reviewId, cancellationToken), cancellationToken);
        return current.Version == 0 ? null : new ReviewSnapshot(current.State, current.Version);
    }

    public async Task<IReadOnlyList<RecordedEvent>?> AuditTrailAsync(string reviewId, CancellationToken cancellationToken) =>
        await store.LoadAsync(reviewId, cancellationToken) is { } history
            ? [.. history.Events.Select(e => new RecordedEvent(e.Version, e.Type, e.SchemaVersion, serializer.Deserialize(e), e.RecordedAt))]
            : null;

    public Task<ReviewListPage> ListAsync(ReviewListQuery query, CancellationToken cancellationToken) => store.ListPageAsync(query, cancellationToken);

    public async Task<CommandOutcome> HandleAsync(string reviewId, ReviewCommand command, long? expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reviewId);
        ArgumentNullException.ThrowIfNull(command);
        using var span = ReviewTelemetry.Command(reviewId, command);
        if (closed)
        {
            throw new ObjectDisposedException(nameof(EmbeddedReviewEngine), "The review engine is shutting down.");
        }
        var pending = new Pending(reviewId, command, expectedVersion, cancellationToken);
        queue.Enqueue(pending);
        await WriteAsync(pending);
        return await pending.Outcome.Task.WaitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        // Whatever was accepted before closing is still recorded: the last writer finishes, then anything left.
        closed = true;
        await writing.WaitAsync().ConfigureAwait(false);
        try
        {
            await RecordWaitingAsync(own: null).ConfigureAwait(false);
        }
        finally
        {
            writing.Release();
        }
    }

    private sealed record Pending(string ReviewId, ReviewCommand Command, long? ExpectedVersion, CancellationToken CancellationToken)
    {
        public TaskCompletionSource<CommandOutcome> Outcome { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>
    /// Records what is waiting unless another caller is already doing so (it will take ours too). A caller whose own
    /// command is answered stops; with commands still waiting it hands them to a writer on the thread pool.
    /// </summary>
    private async Task WriteAsync(Pending? own)
    {
        // Checked again after each release: a command queued while the writer was finishing, whose caller found the
        // semaphore still held, is recorded by whoever let go of it.
        while (!queue.IsEmpty && writing.Wait(0))
        {
            try
            {
                await RecordWaitingAsync(own).ConfigureAwait(false);
            }
            finally
            {
                writing.Release();
            }
            if (own is { Outcome.Task.IsCompleted: true })
            {
                if (!queue.IsEmpty)
                {
                    _ = Task.Run(() => WriteAsync(own: null));
                }
                return;
            }
        }
    }

    /// <summary>Batches of the commands waiting, until none is left or (for a caller) its own command is answered.</summary>
    private async Task RecordWaitingAsync(Pending? own)
    {
        var batch = new List<Pending>();
        while (own is not { Outcome.Task.IsCompleted: true })
        {
            batch.Clear();
            while (batch.Count < MaxBatch && queue.TryDequeue(out var pending))
            {
                batch.Add(pending);
            }
            if (batch.Count == 0)
            {
                return;
            }
            await RecordAsync(batch).ConfigureAwait(false);
        }
    }

    private async Task RecordAsync(List<Pending> batch)
    {
        // First without a savepoint per decision, which nearly always succeeds; should one decision fail, the batch is
        // rolled back and recorded again with each decision in its own savepoint, so only that one fails.
        var isolated = false;
        for (var attempt = 1; ; attempt++)
        {
            var outcomes = new Dictionary<Pending, object>();
            var touched = new Dictionary<string, Current>(StringComparer.Ordinal);
            var wakeRunner = false;
            try
            {
                await store.WriteAsync(async writer =>
                {
                    // Read under the write lock, once for the batch: nobody else can move these streams until it commits.
                    var versions = await writer.VersionsAsync([.. batch.Select(p => p.ReviewId).Distinct(StringComparer.Ordinal)], CancellationToken.None);
                    foreach (var pending in batch)
                    {
                        if (pending.CancellationToken.IsCancellationRequested)
                        {
                            continue;
                        }
                        try
                        {
                            var current = touched.TryGetValue(pending.ReviewId, out var held) ? held : await loader.LoadAsync(writer, pending.ReviewId, CancellationToken.None, versions.GetValueOrDefault(pending.ReviewId));
                            var (outcome, after, effects) = await DecideAsync(writer, pending, current, isolated);
                            outcomes[pending] = outcome;
                            touched[pending.ReviewId] = after;
                            wakeRunner |= effects;
                        }
                        catch (Exception ex) when (isolated && ex is not SqliteException { SqliteErrorCode: BusyCode or LockedCode })
                        {
                            outcomes[pending] = ex;
                        }
                    }
                    // The list's line and (every so often) a snapshot, once per review however many commands it had.
                    foreach (var (reviewId, current) in touched.Where(t => t.Value.Version > 0))
                    {
                        await writer.ListAsync(reviewId, ReviewLoader.Listing(current), CancellationToken.None);
                        if (current.Version - current.SnapshotVersion >= ReviewLoader.SnapshotEvery)
                        {
                            await writer.SaveSnapshotAsync(reviewId, ReviewSnapshots.Write(current.State, current.Version), CancellationToken.None);
                            touched[reviewId] = current with { SnapshotVersion = current.Version };
                        }
                    }
                    return true;
                }, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception ex) when (!isolated && ex is not SqliteException { SqliteErrorCode: BusyCode or LockedCode })
            {
                isolated = true;
                continue;
            }
            catch (SqliteException ex) when (ex.SqliteErrorCode is BusyCode or LockedCode && attempt < BusyAttempts)
            {
                logger.LogWarning("The review store stayed locked by another process; trying {Count} commands again.", batch.Count);
                continue;
            }
            catch (Exception ex)
            {
                // Nothing of the batch was committed: every caller hears so (a busy store as such, to be tried again).
                var failure = ex is SqliteException { SqliteErrorCode: BusyCode or LockedCode } ? new ReviewBusyException(ex) : ex;
                logger.LogError(ex, "Recording {Count} commands failed; none was recorded.", batch.Count);
                batch.ForEach(pending => pending.Outcome.TrySetException(failure));
                return;
            }

            foreach (var (reviewId, current) in touched)
            {
                loader.Remember(reviewId, current);
            }
            if (wakeRunner)
            {
                runnerSignal.Wake();
            }
            foreach (var pending in batch)
            {
                switch (outcomes.GetValueOrDefault(pending))
                {
                    case CommandOutcome outcome:
                        pending.Outcome.TrySetResult(outcome);
                        break;
                    case Exception ex:
                        pending.Outcome.TrySetException(ex);
                        break;
                    default:
                        pending.Outcome.TrySetCanceled(pending.CancellationToken);
                        break;
                }
            }
            return;
        }
    }

    private const int BusyCode = 5;
    private const int LockedCode = 6;

    private async Task<(CommandOutcome Outcome, Current After, bool WroteEffects)> DecideAsync(IReviewStreamWriter writer, Pending pending, Current current, bool isolated)
    {
        var (state, version) = (current.State, current.Version);
        if (pending.ExpectedVersion is { } seen && seen != version)
        {
            return (new CommandStale(seen, state, version), current, false);
        }
        switch (decider.Decide(pending.Command, state))
        {
            case Rejected rejected:
                return (new CommandRefused(rejected.Rejection, state, version), current, false);
            case Accepted { Events.Count: 0 }:
                return (new CommandApplied(state, version, []), current, false);
            case Accepted accepted:
                var events = accepted.Events;
                var after = events.Aggregate(state, ReviewState.Evolve);
                var newVersion = version + events.Count;
                // Stable: the same decision always yields the same effect ids, so a message id never changes on retry.
                var effects = new List<OutboxEntry>();
                foreach (var effect in ReviewEffects.Of(events, state, after))
                {
                    var (kind, payload) = ReviewEffectSerializer.Serialize(effect);
                    effects.Add(new OutboxEntry($"{pending.ReviewId}.{newVersion}.{effects.Count + 1}", kind, payload));
                }
                await writer.AppendAsync(
                    new ReviewAppend(pending.ReviewId, version, [.. events.Select(serializer.Serialize)], effects,
                        responseLinks.IndexFor(pending.ReviewId, events, state), after.NextDue, pending.Command.Now),
                    isolated, CancellationToken.None);
                var wake = effects.Count > 0 || after.NextDue != state.NextDue;
                return (new CommandApplied(after, newVersion, events), current with { State = after, Version = newVersion }, wake);
            default:
                throw new InvalidOperationException("The decider returned neither events nor a rejection.");
        }
    }

}
