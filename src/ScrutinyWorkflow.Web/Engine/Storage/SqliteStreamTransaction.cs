using System.Globalization;
using Microsoft.Data.Sqlite;
using ScrutinyWorkflow.Web.Engine.Serialization;
using ScrutinyWorkflow.Web.Links;
using static ScrutinyWorkflow.Web.Engine.Storage.SqliteReviewStore;

namespace ScrutinyWorkflow.Web.Engine.Storage;

/// <summary>
/// The reads and appends of one SQLite transaction, on a session whose statements stay prepared for its connection's
/// life, so a decision costs a bind and a step per row, not a parse.
/// </summary>
internal sealed class StreamTransaction(SqliteSession session) : IReviewStreamWriter
{
    private const string Savepoint = "decision";

    public async Task<long> VersionAsync(string reviewId, CancellationToken cancellationToken)
    {
        var command = Command("SELECT version FROM reviews WHERE review_id = $review;");
        command.Parameters["$review"].Value = reviewId;
        return await command.ExecuteScalarAsync(cancellationToken) is long version ? version : 0;
    }

    public async Task<IReadOnlyDictionary<string, long>> VersionsAsync(IReadOnlyCollection<string> reviewIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reviewIds);
        if (reviewIds.Count == 1)
        {
            // A command on its own: one lookup by key, without making and unpacking a JSON array.
            var reviewId = reviewIds.First();
            return new Dictionary<string, long>(StringComparer.Ordinal) { [reviewId] = await VersionAsync(reviewId, cancellationToken) };
        }
        var command = Command("SELECT review_id, version FROM reviews WHERE review_id IN (SELECT value FROM json_each($reviews));");
        command.Parameters["$reviews"].Value = System.Text.Json.JsonSerializer.Serialize(reviewIds);
        var versions = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            versions[reader.GetString(0)] = reader.GetInt64(1);
        }
        return versions;
    }

    public async Task<StoredSnapshot?> SnapshotAsync(string reviewId, CancellationToken cancellationToken)
    {
        var command = Command("SELECT version, format, state FROM snapshots WHERE review_id = $review;");
        command.Parameters["$review"].Value = reviewId;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? new StoredSnapshot(reader.GetInt64(0), reader.GetString(1), reader.GetString(2)) : null;
    }

    public async Task<IReadOnlyList<StoredEvent>> EventsAfterAsync(string reviewId, long version, CancellationToken cancellationToken)
    {
        var command = Command("""
            SELECT version, type, schema_version, data, recorded_at
            FROM events WHERE review_id = $review AND version > $after ORDER BY version;
            """);
        command.Parameters["$review"].Value = reviewId;
        command.Parameters["$after"].Value = version;
        var events = new List<StoredEvent>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            events.Add(new StoredEvent(reader.GetInt64(0), reader.GetString(1), reader.GetInt32(2), reader.GetString(3), ParseInstant(reader.GetString(4))));
        }
        return events;
    }

    public async Task AppendAsync(ReviewAppend append, bool isolated, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(append);
        ReviewStoreArguments.CheckAppend(append.ReviewId, append.ExpectedVersion, append.Events, append.Effects, append.Links);
        if (!isolated)
        {
            await WriteAsync(append, cancellationToken);
            return;
        }

        // A savepoint for the decision: one that fails (a conflict, a link collision) leaves the others in the batch intact.
        await Command($"SAVEPOINT {Savepoint};").ExecuteNonQueryAsync(cancellationToken);
        try
        {
            await WriteAsync(append, cancellationToken);
            await Command($"RELEASE {Savepoint};").ExecuteNonQueryAsync(cancellationToken);
        }
        catch
        {
            await Command($"ROLLBACK TO {Savepoint};").ExecuteNonQueryAsync(CancellationToken.None);
            await Command($"RELEASE {Savepoint};").ExecuteNonQueryAsync(CancellationToken.None);
            throw;
        }
    }

    private async Task WriteAsync(ReviewAppend append, CancellationToken cancellationToken)
    {
        try
        {
            // The version-guarded write decides: inserting a stream that exists, or updating one that has moved past
            // the expected version, fails, and nothing of this append is kept.
            await SaveReviewAsync(append, cancellationToken);
            await InsertEventsAsync(append, cancellationToken);
        }
        catch (SqliteException exception) when (IsDuplicateKey(exception))
        {
            throw new StreamConflictException(append.ReviewId, append.ExpectedVersion);
        }
        await InsertEffectsAsync(append, cancellationToken);
        await InsertLinksAsync(append, cancellationToken);
    }

    public async Task ListAsync(string reviewId, ReviewListing listing, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(listing);
        var summary = listing.Summary;
        // Most commands (a draft saved, a reminder) leave the line as it was: then only its version moves, which no
        // index holds, where the upsert below rewrites every column and so every one of the list's six indexes.
        var unchanged = Command("""
            UPDATE review_list SET version = $version
            WHERE review_id = $review AND version <= $version AND title = $title AND panel = $panel AND status = $status
                AND deadline = $deadline AND meeting_date = $meeting AND answered = $answered AND questions = $questions
                AND overdue = $overdue AND next_due_local IS $due AND declines = $declines AND unreachable = $unreachable AND kind IS $kind
                AND follow_ups IS $followups;
            """);
        if (await ExecuteAsync(unchanged, reviewId, listing, cancellationToken) == 1)
        {
            return;
        }
        var command = Command("""
            INSERT INTO review_list (review_id, version, created_at, title, panel, status, deadline, meeting_date, answered, questions, overdue, next_due_local, declines, unreachable, kind, follow_ups)
            VALUES ($review, $version, $created, $title, $panel, $status, $deadline, $meeting, $answered, $questions, $overdue, $due, $declines, $unreachable, $kind, $followups)
            ON CONFLICT (review_id) DO UPDATE SET
                version = excluded.version, title = excluded.title, panel = excluded.panel, status = excluded.status,
                deadline = excluded.deadline, meeting_date = excluded.meeting_date, answered = excluded.answered,
                questions = excluded.questions, overdue = excluded.overdue, next_due_local = excluded.next_due_local,
                declines = excluded.declines, unreachable = excluded.unreachable, kind = excluded.kind,
                follow_ups = excluded.follow_ups
            WHERE excluded.version >= review_list.version;
            """);
        command.Parameters["$created"].Value = FormatInstant(listing.CreatedAt);
        await ExecuteAsync(command, reviewId, listing, cancellationToken);
    }

    /// <summary>Runs a statement over the list's line, its parameters set from the listing.</summary>
    private static Task<int> ExecuteAsync(SqliteCommand command, string reviewId, ReviewListing listing, CancellationToken cancellationToken)
    {
        var summary = listing.Summary;
        command.Parameters["$review"].Value = reviewId;
        command.Parameters["$version"].Value = listing.Version;
        command.Parameters["$title"].Value = summary.Title;
        command.Parameters["$panel"].Value = summary.Panel;
        command.Parameters["$status"].Value = summary.Status;
        command.Parameters["$deadline"].Value = summary.Deadline.ToString(DateFormat, CultureInfo.InvariantCulture);
        command.Parameters["$meeting"].Value = summary.MeetingDate.ToString(DateFormat, CultureInfo.InvariantCulture);
        command.Parameters["$answered"].Value = summary.Answered;
        command.Parameters["$questions"].Value = summary.Questions;
        command.Parameters["$overdue"].Value = summary.Overdue;
        command.Parameters["$due"].Value = summary.NextDue is { } due ? FormatLocal(due) : DBNull.Value;
        command.Parameters["$declines"].Value = summary.Declines;
        command.Parameters["$unreachable"].Value = summary.Unreachable;
        command.Parameters["$kind"].Value = (object?)summary.Kind ?? DBNull.Value;
        command.Parameters["$followups"].Value = (object?)summary.FollowUps ?? DBNull.Value;
        return command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task SaveReviewAsync(ReviewAppend append, CancellationToken cancellationToken)
    {
        var command = append.ExpectedVersion == 0
            ? Command("""
                INSERT INTO reviews (review_id, version, next_due_local, created_at)
                VALUES ($review, $version, $due, $created);
                """)
            : Command("""
                UPDATE reviews SET version = $version, next_due_local = $due
                WHERE review_id = $review AND version = $expected;
                """);
        command.Parameters["$review"].Value = append.ReviewId;
        command.Parameters["$version"].Value = append.ExpectedVersion + append.Events.Count;
        command.Parameters["$due"].Value = append.NextDueLocal is { } due ? FormatLocal(due) : DBNull.Value;
        if (append.ExpectedVersion == 0)
        {
            command.Parameters["$created"].Value = FormatInstant(append.RecordedAt);
        }
        else
        {
            command.Parameters["$expected"].Value = append.ExpectedVersion;
        }
        if (await command.ExecuteNonQueryAsync(cancellationToken) != 1)
        {
            throw new StreamConflictException(append.ReviewId, append.ExpectedVersion);
        }
    }

    private async Task InsertEventsAsync(ReviewAppend append, CancellationToken cancellationToken)
    {
        var command = Command("""
            INSERT INTO events (review_id, version, type, schema_version, data, recorded_at)
            VALUES ($review, $version, $type, $schema, $data, $recorded);
            """);
        command.Parameters["$review"].Value = append.ReviewId;
        command.Parameters["$recorded"].Value = append.RecordedAt.ToString("O", CultureInfo.InvariantCulture);
        for (var index = 0; index < append.Events.Count; index++)
        {
            command.Parameters["$version"].Value = append.ExpectedVersion + index + 1;
            command.Parameters["$type"].Value = append.Events[index].Type;
            command.Parameters["$schema"].Value = append.Events[index].SchemaVersion;
            command.Parameters["$data"].Value = append.Events[index].Data;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private async Task InsertEffectsAsync(ReviewAppend append, CancellationToken cancellationToken)
    {
        if (append.Effects.Count == 0)
        {
            return;
        }
        var command = Command("""
            INSERT INTO outbox (id, review_id, kind, payload, created_at)
            VALUES ($id, $review, $kind, $payload, $created);
            """);
        command.Parameters["$created"].Value = FormatInstant(append.RecordedAt);
        command.Parameters["$review"].Value = append.ReviewId;
        foreach (var effect in append.Effects)
        {
            command.Parameters["$id"].Value = effect.Id;
            command.Parameters["$kind"].Value = effect.Kind;
            command.Parameters["$payload"].Value = effect.Payload;
            try
            {
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
            catch (SqliteException exception) when (IsDuplicateKey(exception))
            {
                // Effect ids are derived from the review, version and position, so a repeat means the caller built them
                // wrongly; sending under a reused id could swallow a real message.
                throw new InvalidOperationException(
                    $"Outbox entry {effect.Id} for review {append.ReviewId} already exists; effect ids must be unique. " +
                    "Nothing from this append was stored.",
                    exception);
            }
        }
    }

    private async Task InsertLinksAsync(ReviewAppend append, CancellationToken cancellationToken)
    {
        foreach (var link in append.Links)
        {
            var target = new LinkTarget(append.ReviewId, link.RespondentKey);
            var insert = Command("""
                INSERT INTO links (token_hash, review_id, respondent) VALUES ($hash, $review, $respondent)
                ON CONFLICT (token_hash) DO NOTHING;
                """);
            insert.Parameters["$hash"].Value = link.TokenHash;
            insert.Parameters["$review"].Value = target.ReviewId;
            insert.Parameters["$respondent"].Value = target.RespondentKey;
            if (await insert.ExecuteNonQueryAsync(cancellationToken) == 1)
            {
                continue;
            }

            var existing = await FindAsync(session, link.TokenHash, cancellationToken);
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

    public async Task SaveSnapshotAsync(string reviewId, StoredSnapshot snapshot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var command = Command("""
            INSERT INTO snapshots (review_id, version, format, state) VALUES ($review, $version, $format, $state)
            ON CONFLICT (review_id) DO UPDATE SET version = excluded.version, format = excluded.format, state = excluded.state
            WHERE excluded.version >= snapshots.version;
            """);
        command.Parameters["$review"].Value = reviewId;
        command.Parameters["$version"].Value = snapshot.Version;
        command.Parameters["$format"].Value = snapshot.Format;
        command.Parameters["$state"].Value = snapshot.State;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private SqliteCommand Command(string sql) => session.Command(sql);
}
