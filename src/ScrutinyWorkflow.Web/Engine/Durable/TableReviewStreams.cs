using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using ScrutinyWorkflow.Web.Engine.Serialization;
using ScrutinyWorkflow.Web.Engine.Storage;
using ScrutinyWorkflow.Web.Links;

namespace ScrutinyWorkflow.Web.Engine.Durable;

/// <summary>
/// A review's head row as read: its version, the rules it runs under (as written when it was drafted, so a change of
/// configuration never rewrites a running review), when it next falls due (UTC), and the row's ETag.
/// </summary>
public sealed record StreamHead(long Version, string Rules, DateTimeOffset CreatedAt, DateTime? NextDueUtc, ETag ETag);

/// <summary>One decision as stored: its first version, its events, and the effects it asked for, by their stable ids.</summary>
public sealed record StoredDecision(long FirstVersion, IReadOnlyList<NewEvent> Events, IReadOnlyList<OutboxEntry> Effects, DateTimeOffset RecordedAt)
{
    public long LastVersion => FirstVersion + Events.Count - 1;
}

/// <summary>A review's line in the list as stored: its key, what it shows, and when the storage service wrote it.</summary>
public sealed record ListedReview(string Key, ReviewSummary Summary, DateTimeOffset CreatedAt, long Version, DateTimeOffset WrittenAt);

/// <summary>
/// How far a review's effects have been carried out: every effect of a decision up to <see cref="Through"/> is done. A
/// host claims the review's delivery until <see cref="ClaimedUntil"/>, so two hosts never send its messages at once.
/// </summary>
public sealed record DeliveryProgress(long Through, int Attempts, DateTimeOffset? RetryAt, DateTimeOffset? ClaimedUntil, ETag ETag);

/// <summary>
/// The Durable runtime's review store in Azure Table Storage, and the truth on that runtime: one partition per review
/// holding a head row (version, rules, next due time) and one row per decision (its events and its effects). A decision
/// is recorded by one entity-group transaction that adds the decision's row and replaces the head on the ETag it was
/// read with, so two hosts (or a step run twice after a kill) can never both record a version: the second finds the
/// head moved, reloads and decides again. The review list, the response-link index and the marks of reviews with work
/// to hand on are tables of their own beside it.
/// </summary>
public sealed class TableReviewStreams(TableServiceClient tables) : IDisposable
{
    public const string StreamsTable = "ReviewStreams";
    public const string ListTable = "ReviewList";
    public const string LinksTable = "ReviewLinks";
    public const string WorkTable = "ReviewWork";

    private const string HeadRow = "head";
    private const string DeliveryRow = "outbox";
    private const string ListPartition = "reviews";
    private const string WorkPartition = "work";

    // A string property holds at most 64 KiB (32K UTF-16 characters) and an entity 1 MiB: a decision's JSON is split
    // into properties of this length, and over rows when it needs more than a row holds.
    private const int ChunkLength = 30_000;
    private const int ChunksPerRow = 15;

    // An entity-group transaction takes at most 100 entities and 4 MiB: the head and at most this many decision rows.
    private const int MaxDecisionRows = 8;

    // List lines this host wrote or read last, by key: their version and ETag (bounded like the engine's reviews).
    private const int ListedLines = 2_000;

    private readonly ConcurrentDictionary<string, (long Version, ETag ETag)> listed = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim created = new(1, 1);
    private volatile bool ready;

    public async Task<StreamHead?> HeadAsync(string reviewId, CancellationToken cancellationToken)
    {
        var table = await TableAsync(StreamsTable, cancellationToken);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(reviewId, HeadRow, cancellationToken: cancellationToken);
        return row.HasValue && row.Value is { } head ? Head(head) : null;
    }

    /// <summary>The decisions recorded after <paramref name="version"/>, oldest first, up to <paramref name="through"/>.</summary>
    public async Task<IReadOnlyList<StoredDecision>> DecisionsAsync(string reviewId, long version, long through, CancellationToken cancellationToken)
    {
        var table = await TableAsync(StreamsTable, cancellationToken);
        var from = DecisionKey(version + 1);
        var rows = new List<TableEntity>();
        // Rows come back in row-key order; the fixed-width version makes that the order they were recorded in, and a
        // decision's overflow rows ("d….1") follow its first.
        await foreach (var row in table.QueryAsync<TableEntity>(
            $"PartitionKey eq '{Escape(reviewId)}' and RowKey ge '{from}' and RowKey lt 'e'", cancellationToken: cancellationToken))
        {
            rows.Add(row);
        }
        var decisions = new List<StoredDecision>();
        foreach (var group in rows.GroupBy(r => r.GetInt64("First") ?? 0))
        {
            var decision = Decision(group.OrderBy(r => r.RowKey, StringComparer.Ordinal).ToList());
            // Rows of a decision beyond the head are left by nothing (the head is written with them), but a reader that
            // read the head first must not see a decision recorded after it.
            if (decision.LastVersion <= through)
            {
                decisions.Add(decision);
            }
        }
        return decisions;
    }

    /// <summary>
    /// Records one decision: its row (or rows) and the new head, in one transaction on the head's ETag (or as the first
    /// row of a new review when <paramref name="head"/> is null).
    /// </summary>
    /// <returns>The head as written, with its new ETag: the next decision can be recorded on it without reading it again.</returns>
    /// <exception cref="StreamConflictException">Another writer recorded a decision since the head was read.</exception>
    public async Task<StreamHead> AppendAsync(string reviewId, StreamHead? head, string rules, StoredDecision decision, DateTime? nextDueUtc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var table = await TableAsync(StreamsTable, cancellationToken);
        var written = new StreamHead(decision.LastVersion, rules, (head?.CreatedAt ?? decision.RecordedAt).ToUniversalTime(),
            nextDueUtc is { } due ? DateTime.SpecifyKind(due, DateTimeKind.Utc) : null, default);
        var newHead = new TableEntity(reviewId, HeadRow)
        {
            ["Version"] = written.Version,
            ["Rules"] = written.Rules,
            ["CreatedAt"] = written.CreatedAt.UtcDateTime,
            ["NextDueUtc"] = written.NextDueUtc,
        };
        var rows = DecisionRows(reviewId, decision);
        if (rows.Count > MaxDecisionRows)
        {
            throw new InvalidOperationException($"A decision on review {reviewId} is too large to record ({rows.Count} rows of events; at most {MaxDecisionRows}).");
        }
        List<TableTransactionAction> actions = [.. rows.Select(r => new TableTransactionAction(TableTransactionActionType.Add, r))];
        actions.Add(head is null
            ? new TableTransactionAction(TableTransactionActionType.Add, newHead)
            : new TableTransactionAction(TableTransactionActionType.UpdateReplace, newHead, head.ETag));
        try
        {
            // The responses come in the order of the actions: the head's is last.
            var responses = await table.SubmitTransactionAsync(actions, cancellationToken);
            return written with { ETag = responses.Value[^1].Headers.ETag ?? default };
        }
        catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412)
        {
            throw new StreamConflictException(reviewId, head?.Version ?? 0);
        }
    }

    public async Task<DeliveryProgress> DeliveryAsync(string reviewId, CancellationToken cancellationToken)
    {
        var table = await TableAsync(StreamsTable, cancellationToken);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(reviewId, DeliveryRow, cancellationToken: cancellationToken);
        return row.HasValue && row.Value is { } progress
            ? new DeliveryProgress(progress.GetInt64("Through") ?? 0, progress.GetInt32("Attempts") ?? 0, progress.GetDateTimeOffset("RetryAt"), progress.GetDateTimeOffset("ClaimedUntil"), progress.ETag)
            : new DeliveryProgress(0, 0, null, null, default);
    }

    /// <summary>Writes the delivery mark if nobody else has since it was read: the mark as written, or null when somebody had.</summary>
    public async Task<DeliveryProgress?> SaveDeliveryAsync(string reviewId, DeliveryProgress progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(progress);
        var table = await TableAsync(StreamsTable, cancellationToken);
        var row = new TableEntity(reviewId, DeliveryRow)
        {
            ["Through"] = progress.Through,
            ["Attempts"] = progress.Attempts,
            ["RetryAt"] = progress.RetryAt?.UtcDateTime,
            ["ClaimedUntil"] = progress.ClaimedUntil?.UtcDateTime,
        };
        try
        {
            var written = progress.ETag == default
                ? await table.AddEntityAsync(row, cancellationToken)
                : await table.UpdateEntityAsync(row, progress.ETag, TableUpdateMode.Replace, cancellationToken);
            return progress with { ETag = written.Headers.ETag ?? default };
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            return null;
        }
    }

    /// <summary>Writes the review's line in the list; a line of a newer version already there is kept.</summary>
    public async Task ListAsync(ReviewSummary summary, long version, DateTimeOffset createdAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var table = await TableAsync(ListTable, cancellationToken);
        var key = ListKey(createdAt, summary.Id);
        var row = new TableEntity(ListPartition, key)
        {
            ["Version"] = version,
            ["Status"] = summary.Status,
            ["Summary"] = JsonSerializer.Serialize(summary, ReviewEventSerializer.JsonOptions),
        };
        for (var attempt = 0; attempt < 5; attempt++)
        {
            // The line as this host last wrote or read it, at first: a line is only ever replaced by a newer one, so one
            // this host knows is as new needs no writing, and an older one is replaced on its ETag without reading it.
            var existing = attempt == 0 && listed.TryGetValue(key, out var seen) ? seen : await ListedAsync(table, key, cancellationToken);
            if (existing?.Version >= version)
            {
                return;
            }
            try
            {
                var written = existing is { } older
                    ? await table.UpdateEntityAsync(row, older.ETag, TableUpdateMode.Replace, cancellationToken)
                    : await table.AddEntityAsync(row, cancellationToken);
                KeepListed(key, (version, written.Headers.ETag ?? default));
                return;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412)
            {
                // Another host listed the review at the same moment: look again, and keep whichever is newer.
            }
        }
    }

    private async Task<(long Version, ETag ETag)?> ListedAsync(TableClient table, string key, CancellationToken cancellationToken)
    {
        var existing = await table.GetEntityIfExistsAsync<TableEntity>(ListPartition, key, ["Version"], cancellationToken);
        if (!existing.HasValue)
        {
            return null;
        }
        var line = (existing.Value!.GetInt64("Version") ?? 0, existing.Value.ETag);
        KeepListed(key, line);
        return line;
    }

    private void KeepListed(string key, (long Version, ETag ETag) line)
    {
        if (line.ETag == default)
        {
            // Nothing to replace it on: read again next time.
            listed.TryRemove(key, out _);
            return;
        }
        if (listed.Count >= ListedLines && !listed.ContainsKey(key))
        {
            listed.Clear();
        }
        listed.AddOrUpdate(key, line, (_, held) => held.Version > line.Version ? held : line);
    }

    /// <summary>
    /// Every review's line written at or after <paramref name="since"/> by the storage service's clock (all of them when
    /// null), newest first, with the version and creation time it was listed at, and when the service wrote it.
    /// </summary>
    public async Task<IReadOnlyList<ListedReview>> ListingsAsync(DateTimeOffset? since, CancellationToken cancellationToken)
    {
        var table = await TableAsync(ListTable, cancellationToken);
        var filter = since is { } from
            ? TableClient.CreateQueryFilter($"PartitionKey eq {ListPartition} and Timestamp ge {from}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {ListPartition}");
        var listings = new List<ListedReview>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, select: ["RowKey", "Summary", "Version", "Timestamp"], cancellationToken: cancellationToken))
        {
            var summary = JsonSerializer.Deserialize<ReviewSummary>(row.GetString("Summary"), ReviewEventSerializer.JsonOptions)!;
            var ticks = DateTime.MaxValue.Ticks - long.Parse(row.RowKey.AsSpan(0, 19), CultureInfo.InvariantCulture);
            listings.Add(new ListedReview(row.RowKey, summary, new DateTimeOffset(ticks, TimeSpan.Zero), row.GetInt64("Version") ?? 0, row.Timestamp ?? DateTimeOffset.MinValue));
        }
        return listings;
    }

    public async Task<LinkTarget?> FindLinkAsync(string tokenHash, CancellationToken cancellationToken)
    {
        var table = await TableAsync(LinksTable, cancellationToken);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(tokenHash, "", cancellationToken: cancellationToken);
        return row.HasValue && row.Value is { } link ? new LinkTarget(link.GetString("ReviewId"), link.GetString("Respondent")) : null;
    }

    /// <summary>
    /// Indexes a response link before the decision that makes it is recorded: a crash in between leaves only a hash that
    /// leads to an assignment not yet made, which the link page treats as no link.
    /// </summary>
    /// <exception cref="InvalidOperationException">The hash is already indexed for someone else.</exception>
    public async Task IndexAsync(string reviewId, IndexedLink link, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(link);
        var table = await TableAsync(LinksTable, cancellationToken);
        try
        {
            await table.AddEntityAsync(new TableEntity(link.TokenHash, "") { ["ReviewId"] = reviewId, ["Respondent"] = link.RespondentKey }, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            var existing = await FindLinkAsync(link.TokenHash, cancellationToken);
            if (existing != new LinkTarget(reviewId, link.RespondentKey))
            {
                // The hash is left out of the message: it is what a link is looked up by, so it stays out of logs.
                throw new InvalidOperationException(
                    $"A link for review {reviewId}, {link.RespondentKey} has the same token hash as the link stored for review {existing?.ReviewId}, {existing?.RespondentKey}.", ex);
            }
        }
    }

    /// <summary>
    /// Marks a review as having the work of the decision at <paramref name="version"/> to hand on (effects, a changed
    /// due time), before that decision is recorded. One mark per decision, so the pass that hands on one decision never
    /// clears the mark of another decided beside it and recorded after the pass read the review.
    /// </summary>
    public async Task MarkAsync(string reviewId, long version, CancellationToken cancellationToken)
    {
        var table = await TableAsync(WorkTable, cancellationToken);
        await table.UpsertEntityAsync(new TableEntity(WorkPartition, MarkKey(reviewId, version)), TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>The review's marks: the version each was made for, when, and its tag to clear it by.</summary>
    public async Task<IReadOnlyList<(long Version, DateTimeOffset At, ETag ETag)>> MarksOfAsync(string reviewId, CancellationToken cancellationToken)
    {
        var table = await TableAsync(WorkTable, cancellationToken);
        var (from, to) = (MarkKey(reviewId, 0), MarkKey(reviewId, long.MaxValue));
        var marks = new List<(long, DateTimeOffset, ETag)>();
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {WorkPartition} and RowKey ge {from} and RowKey le {to}"),
            select: ["RowKey", "Timestamp"], cancellationToken: cancellationToken))
        {
            marks.Add((long.Parse(row.RowKey.AsSpan(row.RowKey.LastIndexOf('|') + 1), CultureInfo.InvariantCulture), row.Timestamp ?? DateTimeOffset.MinValue, row.ETag));
        }
        return marks;
    }

    /// <summary>Clears a mark as it was read: one made again since stays.</summary>
    public async Task ClearMarkAsync(string reviewId, long version, ETag mark, CancellationToken cancellationToken)
    {
        var table = await TableAsync(WorkTable, cancellationToken);
        try
        {
            await table.DeleteEntityAsync(WorkPartition, MarkKey(reviewId, version), mark, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            // Cleared by another host, or marked again: either way nothing is lost.
        }
    }

    /// <summary>Reviews marked before <paramref name="before"/>: their host may have stopped before handing their work on.</summary>
    public async Task<IReadOnlyList<string>> MarkedBeforeAsync(DateTimeOffset before, int max, CancellationToken cancellationToken)
    {
        var table = await TableAsync(WorkTable, cancellationToken);
        var marked = new List<string>();
        await foreach (var row in table.QueryAsync<TableEntity>($"PartitionKey eq '{WorkPartition}'", select: ["RowKey", "Timestamp"], cancellationToken: cancellationToken))
        {
            var reviewId = row.RowKey[..row.RowKey.LastIndexOf('|')];
            if (row.Timestamp < before && (marked.Count == 0 || marked[^1] != reviewId))
            {
                marked.Add(reviewId);
                if (marked.Count >= max)
                {
                    break;
                }
            }
        }
        return marked;
    }

    // A review's marks sort together, by version: "|" is not in a review id, and ten digits cover any review's life.
    private static string MarkKey(string reviewId, long version) =>
        string.Create(CultureInfo.InvariantCulture, $"{reviewId}|{Math.Min(version, 9_999_999_999):D10}");

    public void Dispose() => created.Dispose();

    private static StreamHead Head(TableEntity row) => new(
        row.GetInt64("Version") ?? 0,
        row.GetString("Rules"),
        row.GetDateTimeOffset("CreatedAt") ?? default,
        row.GetDateTimeOffset("NextDueUtc")?.UtcDateTime,
        row.ETag);

    private sealed record DecisionData(IReadOnlyList<NewEvent> Events, IReadOnlyList<OutboxEntry> Effects);

    private static List<TableEntity> DecisionRows(string reviewId, StoredDecision decision)
    {
        var json = JsonSerializer.Serialize(new DecisionData(decision.Events, decision.Effects), ReviewEventSerializer.JsonOptions);
        var chunks = json.Chunk(ChunkLength).Select(c => new string(c)).ToList();
        var rows = new List<TableEntity>();
        for (var part = 0; part * ChunksPerRow < Math.Max(1, chunks.Count); part++)
        {
            var key = part == 0 ? DecisionKey(decision.FirstVersion) : $"{DecisionKey(decision.FirstVersion)}.{part}";
            var row = new TableEntity(reviewId, key) { ["First"] = decision.FirstVersion, ["RecordedAt"] = decision.RecordedAt.UtcDateTime };
            var mine = chunks.Skip(part * ChunksPerRow).Take(ChunksPerRow).ToList();
            row["Chunks"] = mine.Count;
            for (var i = 0; i < mine.Count; i++)
            {
                row[$"Data{i}"] = mine[i];
            }
            rows.Add(row);
        }
        return rows;
    }

    private static StoredDecision Decision(List<TableEntity> rows)
    {
        var json = string.Concat(rows.SelectMany(r => Enumerable.Range(0, r.GetInt32("Chunks") ?? 0).Select(i => r.GetString($"Data{i}"))));
        var data = JsonSerializer.Deserialize<DecisionData>(json, ReviewEventSerializer.JsonOptions)!;
        return new StoredDecision(rows[0].GetInt64("First") ?? 0, data.Events, data.Effects, rows[0].GetDateTimeOffset("RecordedAt") ?? default);
    }

    private static string DecisionKey(long firstVersion) => "d" + firstVersion.ToString("D10", CultureInfo.InvariantCulture);

    // Newest first in the list's natural order: the creation time counted down from the largest, then the id.
    private static string ListKey(DateTimeOffset createdAt, string reviewId) =>
        (DateTime.MaxValue.Ticks - createdAt.UtcTicks).ToString("D19", CultureInfo.InvariantCulture) + "-" + reviewId;

    private static string Escape(string value) => value.Replace("'", "''", StringComparison.Ordinal);

    private async Task<TableClient> TableAsync(string name, CancellationToken cancellationToken)
    {
        if (!ready)
        {
            await created.WaitAsync(cancellationToken);
            try
            {
                if (!ready)
                {
                    foreach (var table in new[] { StreamsTable, ListTable, LinksTable, WorkTable })
                    {
                        await tables.CreateTableIfNotExistsAsync(table, cancellationToken);
                    }
                    ready = true;
                }
            }
            finally
            {
                created.Release();
            }
        }
        return tables.GetTableClient(name);
    }
}
