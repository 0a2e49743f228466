using System.Globalization;
using Microsoft.Data.Sqlite;
using ScrutinyWorkflow.Web.Links;
using ScrutinyWorkflow.Workflow.Serialization;

namespace ScrutinyWorkflow.Web.Reviews.Storage;

/// <summary>
/// The embedded review store: event streams, the outbox and the link index in one SQLite file, so an
/// append, the effects it causes, the links it creates and the review's next due time commit together or not at all.
/// </summary>
public sealed class SqliteReviewStore(SqliteDatabase database) : IReviewStore, IOutbox, ILinkIndex
{
    // Fixed width, so comparing the text compares the times; the fraction keeps a due time exact.
    private const string LocalTimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff";

    // Extended result codes for a duplicate key: the only constraint failures that mean "someone else
    // got there first" rather than a bug in this class.
    private const int PrimaryKeyViolation = 1555;
    private const int UniqueViolation = 2067;

    public async Task<ReviewHistory?> LoadAsync(string reviewId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reviewId);

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT version, type, schema_version, data, recorded_at
            FROM events WHERE review_id = $review ORDER BY version;
            """;
        command.Parameters.AddWithValue("$review", reviewId);

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

    public async Task AppendAsync(
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

        await using var connection = await database.OpenAsync(cancellationToken);

        // IMMEDIATE takes the write lock before the version is read. A deferred transaction would read
        // under a shared lock and fail to upgrade when another writer got in first (SQLITE_BUSY that no
        // amount of waiting fixes); this way a second writer waits, then sees the new version.
        await using var transaction = connection.BeginTransaction(deferred: false);

        try
        {
            // The version-guarded write decides: inserting a stream that exists, or updating one that has
            // moved past expectedVersion, fails, and nothing of this append is kept.
            await SaveReviewAsync(
                connection, transaction, reviewId, expectedVersion, expectedVersion + events.Count, nextDueLocal,
                recordedAt, cancellationToken);
            await InsertEventsAsync(connection, transaction, reviewId, expectedVersion, events, recordedAt, cancellationToken);
        }
        catch (SqliteException exception) when (IsDuplicateKey(exception))
        {
            throw new StreamConflictException(reviewId, expectedVersion);
        }

        await InsertEffectsAsync(connection, transaction, reviewId, effects, recordedAt, cancellationToken);
        await InsertLinksAsync(connection, transaction, reviewId, links, cancellationToken);

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<string>> DueAsync(DateTime localNow, int max, CancellationToken cancellationToken)
    {
        ReviewStoreArguments.CheckMax(max);

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT review_id FROM reviews
            WHERE next_due_local IS NOT NULL AND next_due_local <= $now
            ORDER BY next_due_local, review_id
            LIMIT $max;
            """;
        command.Parameters.AddWithValue("$now", FormatLocal(localNow));
        command.Parameters.AddWithValue("$max", max);
        return await ReadStringsAsync(command, cancellationToken);
    }

    public async Task<IReadOnlyList<string>> ListAsync(int max, CancellationToken cancellationToken)
    {
        ReviewStoreArguments.CheckMax(max);

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT review_id FROM reviews
            ORDER BY created_at DESC, review_id DESC
            LIMIT $max;
            """;
        command.Parameters.AddWithValue("$max", max);
        return await ReadStringsAsync(command, cancellationToken);
    }

    public async Task<IReadOnlyList<PendingEffect>> PendingAsync(
        DateTimeOffset now, int max, CancellationToken cancellationToken)
    {
        ReviewStoreArguments.CheckMax(max);

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();

        // A new effect has no not_before: it is due at once, whatever the dispatcher's clock says
        // relative to the clock of the process that recorded it.
        command.CommandText = """
            SELECT id, review_id, kind, payload, attempts FROM outbox
            WHERE completed_at IS NULL AND (not_before IS NULL OR not_before <= $now)
            ORDER BY created_at, seq
            LIMIT $max;
            """;
        command.Parameters.AddWithValue("$now", FormatInstant(now));
        command.Parameters.AddWithValue("$max", max);

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

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();

        // Completing twice keeps the first time: a dispatcher that crashed after sending but before
        // recording may complete the same effect again on its next pass.
        command.CommandText = "UPDATE outbox SET completed_at = $at WHERE id = $id AND completed_at IS NULL;";
        command.Parameters.AddWithValue("$id", effectId);
        command.Parameters.AddWithValue("$at", FormatInstant(completedAt));
        if (await command.ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            await EnsureEffectExistsAsync(connection, effectId, cancellationToken);
        }
    }

    public async Task DeferAsync(
        string effectId, string failure, DateTimeOffset retryAt, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(effectId);
        ArgumentNullException.ThrowIfNull(failure);

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();

        // A completed effect stays completed: deferring it would offer it again and send it twice.
        command.CommandText = """
            UPDATE outbox SET attempts = attempts + 1, last_error = $failure, not_before = $retry
            WHERE id = $id AND completed_at IS NULL;
            """;
        command.Parameters.AddWithValue("$id", effectId);
        command.Parameters.AddWithValue("$failure", failure);
        command.Parameters.AddWithValue("$retry", FormatInstant(retryAt));
        if (await command.ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            await EnsureEffectExistsAsync(connection, effectId, cancellationToken);
        }
    }

    public async Task<LinkTarget?> FindAsync(string tokenHash, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tokenHash);

        await using var connection = await database.OpenAsync(cancellationToken);
        return await FindAsync(connection, null, tokenHash, cancellationToken);
    }

    private static async Task<LinkTarget?> FindAsync(
        SqliteConnection connection, SqliteTransaction? transaction, string tokenHash, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT review_id, respondent FROM links WHERE token_hash = $hash;";
        command.Parameters.AddWithValue("$hash", tokenHash);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new LinkTarget(reader.GetString(0), reader.GetString(1))
            : null;
    }

    private static async Task SaveReviewAsync(
        SqliteConnection connection,
        SqliteTransaction transaction,
        string reviewId,
        long expectedVersion,
        long newVersion,
        DateTime? nextDueLocal,
        DateTimeOffset recordedAt,
        CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = expectedVersion == 0
            ? """
              INSERT INTO reviews (review_id, version, next_due_local, created_at)
              VALUES ($review, $version, $due, $created);
              """
            : """
              UPDATE reviews SET version = $version, next_due_local = $due
              WHERE review_id = $review AND version = $expected;
              """;
        command.Parameters.AddWithValue("$review", reviewId);
        command.Parameters.AddWithValue("$version", newVersion);
        command.Parameters.AddWithValue("$due", nextDueLocal is { } due ? FormatLocal(due) : DBNull.Value);
        command.Parameters.AddWithValue("$created", FormatInstant(recordedAt));
        command.Parameters.AddWithValue("$expected", expectedVersion);
        if (await command.ExecuteNonQueryAsync(cancellationToken) != 1)
        {
            throw new StreamConflictException(reviewId, expectedVersion);
        }
    }

    private static async Task InsertEventsAsync(
        SqliteConnection connection,
        SqliteTransaction transaction,
        string reviewId,
        long expectedVersion,
        IReadOnlyList<NewEvent> events,
        DateTimeOffset recordedAt,
        CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO events (review_id, version, type, schema_version, data, recorded_at)
            VALUES ($review, $version, $type, $schema, $data, $recorded);
            """;
        command.Parameters.AddWithValue("$review", reviewId);
        command.Parameters.AddWithValue("$recorded", recordedAt.ToString("O", CultureInfo.InvariantCulture));
        var version = command.Parameters.Add("$version", SqliteType.Integer);
        var type = command.Parameters.Add("$type", SqliteType.Text);
        var schema = command.Parameters.Add("$schema", SqliteType.Integer);
        var data = command.Parameters.Add("$data", SqliteType.Text);

        for (var index = 0; index < events.Count; index++)
        {
            version.Value = expectedVersion + index + 1;
            type.Value = events[index].Type;
            schema.Value = events[index].SchemaVersion;
            data.Value = events[index].Data;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static async Task InsertEffectsAsync(
        SqliteConnection connection,
        SqliteTransaction transaction,
        string reviewId,
        IReadOnlyList<OutboxEntry> effects,
        DateTimeOffset recordedAt,
        CancellationToken cancellationToken)
    {
        if (effects.Count == 0)
        {
            return;
        }

        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO outbox (id, review_id, kind, payload, created_at)
            VALUES ($id, $review, $kind, $payload, $created);
            """;
        command.Parameters.AddWithValue("$created", FormatInstant(recordedAt));
        var id = command.Parameters.Add("$id", SqliteType.Text);
        command.Parameters.AddWithValue("$review", reviewId);
        var kind = command.Parameters.Add("$kind", SqliteType.Text);
        var payload = command.Parameters.Add("$payload", SqliteType.Text);

        foreach (var effect in effects)
        {
            id.Value = effect.Id;
            kind.Value = effect.Kind;
            payload.Value = effect.Payload;
            try
            {
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
            catch (SqliteException exception) when (IsDuplicateKey(exception))
            {
                // Effect ids are derived from the review, version and position, so a repeat means the
                // caller built them wrongly; sending under a reused id could swallow a real message.
                throw new InvalidOperationException(
                    $"Outbox entry {effect.Id} for review {reviewId} already exists; effect ids must be unique. " +
                    "Nothing from this append was stored.",
                    exception);
            }
        }
    }

    private static async Task InsertLinksAsync(
        SqliteConnection connection,
        SqliteTransaction transaction,
        string reviewId,
        IReadOnlyList<IndexedLink> links,
        CancellationToken cancellationToken)
    {
        foreach (var link in links)
        {
            var target = new LinkTarget(reviewId, link.RespondentKey);
            await using (var insert = connection.CreateCommand())
            {
                insert.Transaction = transaction;
                insert.CommandText = """
                    INSERT INTO links (token_hash, review_id, respondent) VALUES ($hash, $review, $respondent)
                    ON CONFLICT (token_hash) DO NOTHING;
                    """;
                insert.Parameters.AddWithValue("$hash", link.TokenHash);
                insert.Parameters.AddWithValue("$review", target.ReviewId);
                insert.Parameters.AddWithValue("$respondent", target.RespondentKey);
                if (await insert.ExecuteNonQueryAsync(cancellationToken) == 1)
                {
                    continue;
                }
            }

            var existing = await FindAsync(connection, transaction, link.TokenHash, cancellationToken);
            if (existing != target)
            {
                // The hash is left out of the message: it is what a link is looked up by, so it stays out of logs.
                throw new InvalidOperationException(
                    $"A link for review {target.ReviewId}, {target.RespondentKey} has the same token hash " +
                    $"as the link already stored for review {existing?.ReviewId}, {existing?.RespondentKey}. " +
                    "Tokens must be unique: this is a token collision or a bug in how tokens are made. Nothing from this append was stored.");
            }
        }
    }

    private static async Task EnsureEffectExistsAsync(
        SqliteConnection connection, string effectId, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT 1 FROM outbox WHERE id = $id;";
        command.Parameters.AddWithValue("$id", effectId);
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

    private static bool IsDuplicateKey(SqliteException exception) =>
        exception.SqliteExtendedErrorCode is PrimaryKeyViolation or UniqueViolation;

    private static string FormatLocal(DateTime local) => local.ToString(LocalTimeFormat, CultureInfo.InvariantCulture);

    // Instants that are compared or ordered in SQL are stored in UTC, so that text order is time order
    // whatever offset the caller's clock used.
    private static string FormatInstant(DateTimeOffset instant) =>
        instant.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset ParseInstant(string text) =>
        DateTimeOffset.ParseExact(text, "O", CultureInfo.InvariantCulture, DateTimeStyles.None);
}
