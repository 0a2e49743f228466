using System.Globalization;
using Azure;
using Azure.Data.Tables;
using ScrutinyWorkflow.Core.Reviews;
using ScrutinyWorkflow.Web.Links;
using ScrutinyWorkflow.Workflow;
using ScrutinyWorkflow.Workflow.Serialization;

namespace ScrutinyWorkflow.Web.Reviews.Durable;

/// <summary>
/// The Durable runtime's read side in Azure Table Storage: each review's events (one partition per review, one row
/// per version), the list of reviews, and the response-link index. The orchestration's activity writes it
/// (<see cref="IReviewRecord"/>, idempotently by version); the API, the pages and the audit trail read it.
/// </summary>
public sealed class TableReviewReadSide(TableServiceClient tables, ReviewEventSerializer serializer, ResponseLinks links) : IReviewRecord, IReviewQueries, ILinkIndex, IDisposable
{
    public const string EventsTable = "ReviewEvents";
    public const string ReviewsTable = "Reviews";
    public const string LinksTable = "ReviewLinks";

    // A string property holds at most 64 KiB (32K UTF-16 characters); an answer may be longer, so data is split.
    private const int ChunkLength = 30_000;
    private const int MaxBatch = 100;
    private const string ReviewsPartition = "reviews";

    private readonly SemaphoreSlim created = new(1, 1);
    private volatile bool ready;

    public async Task RecordAsync(string reviewId, long firstVersion, IReadOnlyList<ReviewEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        await EnsureTablesAsync(cancellationToken);
        // Links are indexed first: a crash in between leaves only hashes that lead to events not yet readable. Only an
        // escalation's link needs the review as it stood (whose officer it escalates), so only then is it read.
        var before = events.Any(e => e is Escalated)
            ? ReviewState.From((await LoadAsync(reviewId, cancellationToken)).Where(e => e.Version < firstVersion).Select(e => e.Event))
            : ReviewState.Initial;
        foreach (var link in links.IndexFor(reviewId, events, before))
        {
            await IndexAsync(reviewId, link, cancellationToken);
        }

        var rows = events.Select((e, i) => Row(reviewId, firstVersion + i, serializer.Serialize(e))).ToList();
        var table = tables.GetTableClient(EventsTable);
        foreach (var batch in rows.Chunk(MaxBatch))
        {
            // Upserts: recording the same versions again writes the same rows.
            await table.SubmitTransactionAsync(batch.Select(row => new TableTransactionAction(TableTransactionActionType.UpsertReplace, row)), cancellationToken);
        }
        if (firstVersion == 1 && events.Count > 0)
        {
            await tables.GetTableClient(ReviewsTable).UpsertEntityAsync(
                new TableEntity(ReviewsPartition, reviewId) { ["CreatedAt"] = events[0].At.UtcDateTime },
                TableUpdateMode.Replace, cancellationToken);
        }
    }

    public async Task<ReviewSnapshot?> FindAsync(string reviewId, CancellationToken cancellationToken)
    {
        var events = await LoadAsync(reviewId, cancellationToken);
        return events.Count == 0 ? null : new ReviewSnapshot(ReviewState.From(events.Select(e => e.Event)), events[^1].Version);
    }

    public async Task<IReadOnlyList<RecordedEvent>?> AuditTrailAsync(string reviewId, CancellationToken cancellationToken)
    {
        var events = await LoadAsync(reviewId, cancellationToken);
        return events.Count == 0 ? null : events;
    }

    public async Task<ReviewListPage> ListAsync(ReviewListQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await EnsureTablesAsync(cancellationToken);
        // Straightforward: every listed review is read back and the page made in memory (no list projection here yet).
        var reviews = new List<(ReviewSummary Summary, DateTimeOffset CreatedAt)>();
        await foreach (var row in tables.GetTableClient(ReviewsTable).QueryAsync<TableEntity>(e => e.PartitionKey == ReviewsPartition, cancellationToken: cancellationToken))
        {
            if (await FindAsync(row.RowKey, cancellationToken) is { } review)
            {
                reviews.Add((ReviewSummary.From(review.State), row.GetDateTimeOffset("CreatedAt") ?? default));
            }
        }
        return ReviewListPage.Of(reviews, query);
    }

    Task<LinkTarget?> ILinkIndex.FindAsync(string tokenHash, CancellationToken cancellationToken) => FindLinkAsync(tokenHash, cancellationToken);

    private async Task<LinkTarget?> FindLinkAsync(string tokenHash, CancellationToken cancellationToken)
    {
        await EnsureTablesAsync(cancellationToken);
        var row = await tables.GetTableClient(LinksTable).GetEntityIfExistsAsync<TableEntity>(tokenHash, "", cancellationToken: cancellationToken);
        return row.HasValue && row.Value is { } link ? new LinkTarget(link.GetString("ReviewId"), link.GetString("Respondent")) : null;
    }

    private async Task IndexAsync(string reviewId, IndexedLink link, CancellationToken cancellationToken)
    {
        var table = tables.GetTableClient(LinksTable);
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

    private async Task<List<RecordedEvent>> LoadAsync(string reviewId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reviewId);
        await EnsureTablesAsync(cancellationToken);
        var events = new List<RecordedEvent>();
        await foreach (var row in tables.GetTableClient(EventsTable).QueryAsync<TableEntity>(e => e.PartitionKey == reviewId, cancellationToken: cancellationToken))
        {
            var version = long.Parse(row.RowKey, CultureInfo.InvariantCulture);
            var stored = new StoredEvent(version, row.GetString("Type"), row.GetInt32("SchemaVersion") ?? 0, Data(row), row.Timestamp ?? default);
            events.Add(new RecordedEvent(version, stored.Type, stored.SchemaVersion, serializer.Deserialize(stored), stored.RecordedAt));
        }
        // Rows come back in row-key order, and the fixed-width key makes that version order.
        return events;
    }

    private static TableEntity Row(string reviewId, long version, NewEvent @event)
    {
        var row = new TableEntity(reviewId, version.ToString("D10", CultureInfo.InvariantCulture))
        {
            ["Type"] = @event.Type,
            ["SchemaVersion"] = @event.SchemaVersion,
        };
        var chunks = @event.Data.Chunk(ChunkLength).Select(c => new string(c)).ToList();
        row["Chunks"] = chunks.Count;
        for (var i = 0; i < chunks.Count; i++)
        {
            row[$"Data{i}"] = chunks[i];
        }
        return row;
    }

    private static string Data(TableEntity row) =>
        string.Concat(Enumerable.Range(0, row.GetInt32("Chunks") ?? 0).Select(i => row.GetString($"Data{i}")));

    public void Dispose() => created.Dispose();

    private async Task EnsureTablesAsync(CancellationToken cancellationToken)
    {
        if (ready)
        {
            return;
        }
        await created.WaitAsync(cancellationToken);
        try
        {
            foreach (var name in new[] { EventsTable, ReviewsTable, LinksTable })
            {
                await tables.CreateTableIfNotExistsAsync(name, cancellationToken);
            }
            ready = true;
        }
        finally
        {
            created.Release();
        }
    }
}
