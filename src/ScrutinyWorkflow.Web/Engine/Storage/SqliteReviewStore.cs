using System.Globalization;
using Microsoft.Data.Sqlite;
using ScrutinyWorkflow.Core.Reviews;
using ScrutinyWorkflow.Web.Engine.Serialization;
using ScrutinyWorkflow.Web.Links;

namespace ScrutinyWorkflow.Web.Engine.Storage;

/// <summary>
/// The embedded review store: event streams, the outbox and the link index in one SQLite file, so an
/// append, the effects it causes, the links it creates and the review's next due time commit together or not at all.
/// </summary>
public sealed class SqliteReviewStore(SqliteDatabase database) : IReviewStore, IOutbox, ILinkIndex
{
    // Fixed width, so comparing the text compares the times; the fraction keeps a due time exact.
    private const string LocalTimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff";
    internal const string DateFormat = "yyyy-MM-dd";

    // Extended result codes for a duplicate key: the only constraint failures that mean "someone else
    // got there first" rather than a bug in this class.
    private const int PrimaryKeyViolation = 1555;
    private const int UniqueViolation = 2067;

    public async Task<ReviewHistory?> LoadAsync(string reviewId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reviewId);

        await using var session = await database.SessionAsync(cancellationToken);
        var command = session.Command("""
            SELECT version, type, schema_version, data, recorded_at
            FROM events WHERE review_id = $review ORDER BY version;
            """);
        command.Parameters["$review"].Value = reviewId;

        var events = new List<StoredEvent>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            events.Add(new StoredEvent(
                reader.GetInt64(0),
                reader.GetString(1),
                reader.GetInt32(2),
                reader.GetString(3),
                ParseInstant(reader.GetString(4))));
        }

        return events.Count == 0 ? null : new ReviewHistory(reviewId, events[^1].Version, events);
    }

    public Task AppendAsync(
        string reviewId,
        long expectedVersion,
        IReadOnlyList<NewEvent> events,
        IReadOnlyList<OutboxEntry> effects,
        IReadOnlyList<IndexedLink> links,
        DateTime? nextDueLocal,
        DateTimeOffset recordedAt,
        CancellationToken cancellationToken)
    {
        ReviewStoreArguments.CheckAppend(reviewId, expectedVersion, events, effects, links);
        return WriteAsync(async writer =>
        {
            await writer.AppendAsync(new ReviewAppend(reviewId, expectedVersion, events, effects, links, nextDueLocal, recordedAt), isolated: false, cancellationToken);
            return true;
        }, cancellationToken);
    }

    public async Task<T> ReadAsync<T>(Func<IReviewStreamReader, Task<T>> read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(read);
        await using var session = await database.SessionAsync(cancellationToken);
        // A deferred transaction reads one moment of a WAL file however many statements it takes, and never blocks a writer.
        return await session.InTransactionAsync(immediate: false, () => read(new StreamTransaction(session)), cancellationToken);
    }

    public async Task<T> WriteAsync<T>(Func<IReviewStreamWriter, Task<T>> write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        await using var session = await database.SessionAsync(cancellationToken);

        // IMMEDIATE takes the write lock before anything is read. A deferred transaction would read under a shared lock
        // and fail to upgrade when another writer got in first (SQLITE_BUSY that no amount of waiting fixes); this way a
        // second writer waits, then reads what the first wrote.
        return await session.InTransactionAsync(immediate: true, () => write(new StreamTransaction(session)), cancellationToken);
    }

    /// <summary>$statusa, $statusb, …: the session finds a command's parameters by letters alone.</summary>
    private static string StatusParameter(int index) => $"$status{(char)('a' + index)}";

    public async Task<ReviewListPage> ListPageAsync(ReviewListQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(query.Page);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(query.PageSize);

        await using var session = await database.SessionAsync(cancellationToken);
        // A deleted draft is out of the list unless asked for by its status.
        var statuses = query.Matching;
        var filter = statuses is null
            ? $"WHERE status <> '{ReviewSummary.StatusName(ReviewStatus.Discarded)}'"
            : $"WHERE status IN ({string.Join(", ", statuses.Select((_, i) => StatusParameter(i)))})";
        // Each order has its index (with and without the status filter), so a page costs the same wherever it is.
        var order = query.Sort switch
        {
            ReviewSort.Deadline => "deadline, review_id",
            ReviewSort.Meeting => "meeting_date, review_id",
            ReviewSort.Title => "title, review_id",
            _ => "created_at DESC, review_id DESC",
        };

        // A handful of texts (each order, with and without the filter), so each stays prepared on the session.
        var count = session.Command($"SELECT COUNT(*) FROM review_list {filter};");
        var page = session.Command($"""
            SELECT review_id, status, title, panel, meeting_date, deadline, answered, questions, overdue, next_due_local, declines, unreachable, created_at, kind, follow_ups
            FROM review_list {filter} ORDER BY {order} LIMIT $limit OFFSET $offset;
            """);
        foreach (var (status, i) in (statuses ?? []).Select((s, i) => (s, i)))
        {
            count.Parameters[StatusParameter(i)].Value = status;
            page.Parameters[StatusParameter(i)].Value = status;
        }
        page.Parameters["$limit"].Value = query.PageSize;
        page.Parameters["$offset"].Value = query.Offset;

        // The count and the page from one moment of the file.
        return await session.InTransactionAsync(immediate: false, async () =>
        {
            var total = Convert.ToInt32(await count.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
            var reviews = new List<ReviewSummary>();
            await using var reader = await page.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                reviews.Add(new ReviewSummary(
                    reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                    DateOnly.ParseExact(reader.GetString(4), DateFormat, CultureInfo.InvariantCulture),
                    DateOnly.ParseExact(reader.GetString(5), DateFormat, CultureInfo.InvariantCulture),
                    reader.GetInt32(6), reader.GetInt32(7), reader.GetInt32(8),
                    reader.IsDBNull(9) ? null : ParseLocal(reader.GetString(9)),
                    reader.GetInt32(10), reader.GetInt32(11), ParseInstant(reader.GetString(12)), reader.IsDBNull(13) ? null : reader.GetString(13),
                    reader.IsDBNull(14) ? null : reader.GetInt32(14)));
            }
            return new ReviewListPage(reviews, query.Page, query.PageSize, total);
        }, cancellationToken);
    }

    public async Task<DateTime?> NextDueAsync(CancellationToken cancellationToken)
    {
        await using var session = await database.SessionAsync(cancellationToken);
        var command = session.Command("SELECT MIN(next_due_local) FROM reviews WHERE next_due_local IS NOT NULL;");
        return await command.ExecuteScalarAsync(cancellationToken) is string due ? ParseLocal(due) : null;
    }

    public Task<IReadOnlyList<string>> UnlistedAsync(int max, CancellationToken cancellationToken) => ReviewIdsAsync("""
        SELECT review_id FROM reviews
        WHERE NOT EXISTS (SELECT 1 FROM review_list WHERE review_list.review_id = reviews.review_id)
        ORDER BY review_id LIMIT $max;
        """, max, null, cancellationToken);

    public Task<IReadOnlyList<string>> DueAsync(DateTime localNow, int max, CancellationToken cancellationToken) => ReviewIdsAsync("""
        SELECT review_id FROM reviews
        WHERE next_due_local IS NOT NULL AND next_due_local <= $now
        ORDER BY next_due_local, review_id
        LIMIT $max;
        """, max, FormatLocal(localNow), cancellationToken);

    public Task<IReadOnlyList<string>> ListAsync(int max, CancellationToken cancellationToken) => ReviewIdsAsync("""
        SELECT review_id FROM reviews
        ORDER BY created_at DESC, review_id DESC
        LIMIT $max;
        """, max, null, cancellationToken);

    /// <summary>Review ids a query finds, at most <paramref name="max"/>; <paramref name="now"/> fills <c>$now</c> when the query has it.</summary>
    private async Task<IReadOnlyList<string>> ReviewIdsAsync(string sql, int max, string? now, CancellationToken cancellationToken)
    {
        ReviewStoreArguments.CheckMax(max);

        await using var session = await database.SessionAsync(cancellationToken);
        var command = session.Command(sql);
        command.Parameters["$max"].Value = max;
        if (now is not null)
        {
            command.Parameters["$now"].Value = now;
        }
        return await ReadStringsAsync(command, cancellationToken);
    }

    public async Task<IReadOnlyList<PendingEffect>> PendingAsync(
        DateTimeOffset now, int max, CancellationToken cancellationToken)
    {
        ReviewStoreArguments.CheckMax(max);

        await using var session = await database.SessionAsync(cancellationToken);

        // A new effect has no not_before: it is due at once, whatever the dispatcher's clock says
        // relative to the clock of the process that recorded it.
        var command = session.Command("""
            SELECT id, review_id, kind, payload, attempts FROM outbox
            WHERE completed_at IS NULL AND (not_before IS NULL OR not_before <= $now)
            ORDER BY created_at, seq
            LIMIT $max;
            """);
        command.Parameters["$now"].Value = FormatInstant(now);
        command.Parameters["$max"].Value = max;
        return await ReadPendingAsync(command, cancellationToken);
    }

    public async Task<IReadOnlyList<PendingEffect>> PendingInTurnsAsync(
        DateTimeOffset now, int max, int perReview, CancellationToken cancellationToken)
    {
        ReviewStoreArguments.CheckMax(max);
        ReviewStoreArguments.CheckMax(perReview);

        await using var session = await database.SessionAsync(cancellationToken);
        // Each review's effects keep their own order (a reminder never overtakes its request); only reviews interleave.
        var command = session.Command("""
            SELECT id, review_id, kind, payload, attempts FROM (
                SELECT id, review_id, kind, payload, attempts, created_at, seq,
                       ROW_NUMBER() OVER (PARTITION BY review_id ORDER BY created_at, seq) AS turn
                FROM outbox
                WHERE completed_at IS NULL AND (not_before IS NULL OR not_before <= $now))
            WHERE turn <= $perReview
            ORDER BY turn, created_at, seq
            LIMIT $max;
            """);
        command.Parameters["$now"].Value = FormatInstant(now);
        command.Parameters["$max"].Value = max;
        command.Parameters["$perReview"].Value = perReview;
        return await ReadPendingAsync(command, cancellationToken);
    }

    private static async Task<IReadOnlyList<PendingEffect>> ReadPendingAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        var pending = new List<PendingEffect>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            pending.Add(new PendingEffect(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt32(4)));
        }

        return pending;
    }

    public async Task CompleteAsync(string effectId, DateTimeOffset completedAt, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(effectId);

        await using var session = await database.SessionAsync(cancellationToken);

        // Completing twice keeps the first time: a dispatcher that crashed after sending but before
        // recording may complete the same effect again on its next pass.
        var command = session.Command(CompleteSql);
        command.Parameters["$id"].Value = effectId;
        command.Parameters["$at"].Value = FormatInstant(completedAt);
        if (await command.ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            await EnsureEffectExistsAsync(session, effectId, cancellationToken);
        }
    }

    public async Task CompleteAsync(IReadOnlyCollection<string> effectIds, DateTimeOffset completedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(effectIds);
        if (effectIds.Count == 0)
        {
            return;
        }

        await using var session = await database.SessionAsync(cancellationToken);
        var command = session.Command(CompleteSql);
        command.Parameters["$at"].Value = FormatInstant(completedAt);
        await session.InTransactionAsync(immediate: true, async () =>
        {
            foreach (var effectId in effectIds)
            {
                ArgumentException.ThrowIfNullOrWhiteSpace(effectId);
                command.Parameters["$id"].Value = effectId;
                if (await command.ExecuteNonQueryAsync(cancellationToken) == 0)
                {
                    await EnsureEffectExistsAsync(session, effectId, cancellationToken);
                }
            }
            return true;
        }, cancellationToken);
    }

    private const string CompleteSql = "UPDATE outbox SET completed_at = $at WHERE id = $id AND completed_at IS NULL;";

    public async Task DeferAsync(
        string effectId, string failure, DateTimeOffset retryAt, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(effectId);
        ArgumentNullException.ThrowIfNull(failure);

        await using var session = await database.SessionAsync(cancellationToken);

        // A completed effect stays completed: deferring it would offer it again and send it twice.
        var command = session.Command("""
            UPDATE outbox SET attempts = attempts + 1, last_error = $failure, not_before = $retry
            WHERE id = $id AND completed_at IS NULL;
            """);
        command.Parameters["$id"].Value = effectId;
        command.Parameters["$failure"].Value = failure;
        command.Parameters["$retry"].Value = FormatInstant(retryAt);
        if (await command.ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            await EnsureEffectExistsAsync(session, effectId, cancellationToken);
        }
    }

    public async Task<LinkTarget?> FindAsync(string tokenHash, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tokenHash);

        await using var session = await database.SessionAsync(cancellationToken);
        return await FindAsync(session, tokenHash, cancellationToken);
    }

    internal static async Task<LinkTarget?> FindAsync(SqliteSession session, string tokenHash, CancellationToken cancellationToken)
    {
        var command = session.Command("SELECT review_id, respondent FROM links WHERE token_hash = $hash;");
        command.Parameters["$hash"].Value = tokenHash;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new LinkTarget(reader.GetString(0), reader.GetString(1))
            : null;
    }

    private static async Task EnsureEffectExistsAsync(SqliteSession session, string effectId, CancellationToken cancellationToken)
    {
        var command = session.Command("SELECT 1 FROM outbox WHERE id = $id;");
        command.Parameters["$id"].Value = effectId;
        if (await command.ExecuteScalarAsync(cancellationToken) is null)
        {
            throw new InvalidOperationException($"There is no outbox entry {effectId}.");
        }
    }

    private static async Task<IReadOnlyList<string>> ReadStringsAsync(
        SqliteCommand command, CancellationToken cancellationToken)
    {
        var values = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    internal static bool IsDuplicateKey(SqliteException exception) =>
        exception.SqliteExtendedErrorCode is PrimaryKeyViolation or UniqueViolation;

    internal static string FormatLocal(DateTime local) => local.ToString(LocalTimeFormat, CultureInfo.InvariantCulture);

    // Instants that are compared or ordered in SQL are stored in UTC, so that text order is time order
    // whatever offset the caller's clock used.
    internal static string FormatInstant(DateTimeOffset instant) =>
        instant.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    internal static DateTimeOffset ParseInstant(string text) =>
        DateTimeOffset.ParseExact(text, "O", CultureInfo.InvariantCulture, DateTimeStyles.None);

    internal static DateTime ParseLocal(string text) => DateTime.ParseExact(text, LocalTimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.None);
}
