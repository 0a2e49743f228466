using Microsoft.Data.Sqlite;
using ScrutinyWorkflow.Web.Engine;
using ScrutinyWorkflow.Web.Engine.Serialization;
using ScrutinyWorkflow.Web.Engine.Storage;

namespace ScrutinyWorkflow.Web.Tests.Engine.Storage;

/// <summary>The store contract on a real SQLite file, plus what only the embedded adapter promises.</summary>
public sealed class SqliteReviewStoreTests : ReviewStoreContract, IDisposable
{
    // A folder that does not exist yet, so every test also shows the database creates its parent folder.
    private readonly TemporaryFolder folder = new();

    private string DatabasePath => folder.Combine("data", "reviews.db");

    protected override StoreUnderTest CreateStore()
    {
        var store = new SqliteReviewStore(new SqliteDatabase(DatabasePath));
        return new StoreUnderTest(store, store, store);
    }

    [Fact]
    public async Task Connections_use_WAL_with_a_busy_timeout_normal_sync_and_foreign_keys()
    {
        await using var connection = await new SqliteDatabase(DatabasePath).OpenAsync(CancellationToken.None);

        Assert.Equal("wal", await PragmaAsync(connection, "journal_mode"));
        Assert.Equal(5000L, await PragmaAsync(connection, "busy_timeout"));
        Assert.Equal(1L, await PragmaAsync(connection, "synchronous")); // 1 = NORMAL
        Assert.Equal(1L, await PragmaAsync(connection, "foreign_keys"));
        Assert.True(File.Exists(DatabasePath));
    }

    [Fact]
    public async Task The_file_records_its_schema_version_and_opening_it_again_leaves_it_alone()
    {
        var store = CreateStore();
        await store.Reviews.AppendAsync(
            "review-1", 0, [new NewEvent("Drafted", 1, "{}")], [], [], null, DateTimeOffset.UnixEpoch, CancellationToken.None);

        await using var connection = await new SqliteDatabase(DatabasePath).OpenAsync(CancellationToken.None);

        Assert.Equal((long)SqliteSchema.LatestVersion, await PragmaAsync(connection, "user_version"));
        Assert.NotNull(await CreateStore().Reviews.LoadAsync("review-1", CancellationToken.None));
    }

    [Fact]
    public async Task A_file_from_a_newer_build_is_refused_and_left_untouched()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(DatabasePath)!);
        await using (var raw = new SqliteConnection($"Data Source={DatabasePath}"))
        {
            await raw.OpenAsync();
            await using var command = raw.CreateCommand();
            command.CommandText = "PRAGMA user_version = 99;";
            await command.ExecuteNonQueryAsync();
        }

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            CreateStore().Reviews.LoadAsync("review-1", CancellationToken.None));

        Assert.Contains("newer version", error.Message, StringComparison.Ordinal);
        await using var check = new SqliteConnection($"Data Source={DatabasePath}");
        await check.OpenAsync();
        Assert.Equal(99L, await PragmaAsync(check, "user_version"));
        Assert.Equal("delete", await PragmaAsync(check, "journal_mode"));
        Assert.Equal(0L, await ScalarAsync(check, "SELECT count(*) FROM sqlite_master WHERE name = 'events';"));
    }

    [Fact]
    public async Task The_due_time_is_stored_as_text_that_sorts_in_time_order()
    {
        var store = CreateStore();
        await store.Reviews.AppendAsync(
            "review-1", 0, [new NewEvent("Drafted", 1, "{}")], [], [], new DateTime(2025, 3, 9, 17, 5, 0),
            DateTimeOffset.UnixEpoch, CancellationToken.None);

        await using var connection = await new SqliteDatabase(DatabasePath).OpenAsync(CancellationToken.None);

        Assert.Equal(
            "2025-03-09T17:05:00.0000000",
            await ScalarAsync(connection, "SELECT next_due_local FROM reviews WHERE review_id = 'review-1';"));
    }

    [Fact]
    public async Task An_append_waits_for_another_writer_and_then_reports_that_the_stream_moved_on()
    {
        var mine = CreateStore();
        await mine.Reviews.AppendAsync(
            "review-1", 0, [new NewEvent("Drafted", 1, "{}")], [], [], null, DateTimeOffset.UnixEpoch, CancellationToken.None);

        // Another process holds the write lock while it appends version 2.
        await using var other = await new SqliteDatabase(DatabasePath).OpenAsync(CancellationToken.None);
        await using var otherTransaction = other.BeginTransaction(deferred: false);
        var append = Task.Run(() => mine.Reviews.AppendAsync(
            "review-1", 1, [new NewEvent("Mine", 1, "{}")], [], [], null, DateTimeOffset.UnixEpoch, CancellationToken.None));

        // The pause only gives a broken adapter (one that reads the version before taking the write lock)
        // time to do so; a correct one passes however long or short it is.
        await Task.Delay(100);
        await ExecuteAsync(other, otherTransaction, """
            UPDATE reviews SET version = 2 WHERE review_id = 'review-1';
            INSERT INTO events (review_id, version, type, schema_version, data, recorded_at)
            VALUES ('review-1', 2, 'Theirs', 1, '{}', '1970-01-01T00:00:00.0000000+00:00');
            """);
        await otherTransaction.CommitAsync();

        await Assert.ThrowsAsync<StreamConflictException>(() => append);
        var history = await CreateStore().Reviews.LoadAsync("review-1", CancellationToken.None);
        Assert.Equal(["Drafted", "Theirs"], history!.Events.Select(e => e.Type));
    }

    [Fact]
    public async Task A_process_starting_while_another_is_mid_append_can_read_at_once()
    {
        await CreateStore().Reviews.AppendAsync(
            "review-1", 0, [new NewEvent("Drafted", 1, "{}")], [], [], null, DateTimeOffset.UnixEpoch, CancellationToken.None);
        await using var other = await new SqliteDatabase(DatabasePath).OpenAsync(CancellationToken.None);
        await using var otherTransaction = other.BeginTransaction(deferred: false);
        await ExecuteAsync(other, otherTransaction, "UPDATE reviews SET next_due_local = NULL;");

        // A new database object over an up-to-date file, with the write lock held elsewhere: if opening
        // it needed that lock, this would wait out the busy timeout and fail.
        var history = await CreateStore().Reviews.LoadAsync("review-1", CancellationToken.None);

        Assert.Equal(1, history!.Version);
    }

    [Fact]
    public async Task A_write_that_fails_keeps_nothing_and_the_next_write_on_the_same_connection_is_kept()
    {
        var database = new SqliteDatabase(DatabasePath);
        var store = new SqliteReviewStore(database);

        await Assert.ThrowsAsync<InvalidOperationException>(() => store.WriteAsync<bool>(async writer =>
        {
            await writer.AppendAsync(new ReviewAppend("review-1", 0, [new NewEvent("Drafted", 1, "{}")], [], [], null, DateTimeOffset.UnixEpoch), isolated: false, CancellationToken.None);
            throw new InvalidOperationException("The decision failed after its append.");
        }, CancellationToken.None));
        await store.AppendAsync("review-2", 0, [new NewEvent("Drafted", 1, "{}")], [], [], null, DateTimeOffset.UnixEpoch, CancellationToken.None);

        Assert.Null(await store.LoadAsync("review-1", CancellationToken.None));
        Assert.NotNull(await store.LoadAsync("review-2", CancellationToken.None));
        await database.DisposeAsync();
    }

    [Fact]
    public async Task A_list_line_left_as_it_was_takes_the_new_version_and_an_older_listing_never_overwrites_a_newer_one()
    {
        var database = new SqliteDatabase(DatabasePath);
        var store = new SqliteReviewStore(database);
        var summary = new ReviewSummary("review-1", "open", "Careless", "Children's panel", new DateOnly(2026, 3, 2), new DateOnly(2026, 2, 2), 0, 3, 0, null);
        await store.AppendAsync("review-1", 0, [new NewEvent("Drafted", 1, "{}")], [], [], null, DateTimeOffset.UnixEpoch, CancellationToken.None);

        await store.WriteAsync(async writer =>
        {
            await writer.ListAsync("review-1", new ReviewListing(summary, 4, DateTimeOffset.UnixEpoch), CancellationToken.None);
            await writer.ListAsync("review-1", new ReviewListing(summary, 5, DateTimeOffset.UnixEpoch), CancellationToken.None);
            await writer.ListAsync("review-1", new ReviewListing(summary, 2, DateTimeOffset.UnixEpoch), CancellationToken.None);
            await writer.ListAsync("review-1", new ReviewListing(summary with { Answered = 1 }, 3, DateTimeOffset.UnixEpoch), CancellationToken.None);
            return true;
        }, CancellationToken.None);

        await using var connection = await database.OpenAsync(CancellationToken.None);
        Assert.Equal(5L, await ScalarAsync(connection, "SELECT version FROM review_list WHERE review_id = 'review-1';"));
        Assert.Equal(0L, await ScalarAsync(connection, "SELECT answered FROM review_list WHERE review_id = 'review-1';"));
        await database.DisposeAsync();
    }

    [Fact]
    public async Task Disposing_the_database_closes_the_connections_its_sessions_kept_open()
    {
        var database = new SqliteDatabase(DatabasePath);
        var store = new SqliteReviewStore(database);
        await store.AppendAsync("review-1", 0, [new NewEvent("Drafted", 1, "{}")], [], [], null, DateTimeOffset.UnixEpoch, CancellationToken.None);
        Assert.NotEqual(0, OpenHandlesTo(database.Path));

        await database.DisposeAsync();
        // What the sessions closed went back to the pool; clearing the pool closes the file for good.
        using (var connection = new SqliteConnection(database.ConnectionString))
        {
            SqliteConnection.ClearPool(connection);
        }

        Assert.Equal(0, OpenHandlesTo(database.Path));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.LoadAsync("review-1", CancellationToken.None));
    }

    /// <summary>How many of this process's file descriptors are open on the file (Linux: /proc/self/fd).</summary>
    private static int OpenHandlesTo(string path) =>
        new DirectoryInfo("/proc/self/fd").EnumerateFileSystemInfos().Count(fd => fd.LinkTarget == path);

    [Fact]
    public void A_blank_path_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new SqliteDatabase(" "));
    }

    public void Dispose()
    {
        // Pooled connections keep the file (and its -wal and -shm companions) open after a test.
        using (var connection = new SqliteConnection(new SqliteDatabase(DatabasePath).ConnectionString))
        {
            SqliteConnection.ClearPool(connection);
        }

        folder.Dispose();
    }

    private static Task<object?> PragmaAsync(SqliteConnection connection, string pragma) =>
        ScalarAsync(connection, $"PRAGMA {pragma};");

    private static async Task ExecuteAsync(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<object?> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }
}
