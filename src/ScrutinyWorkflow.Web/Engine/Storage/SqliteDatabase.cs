using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace ScrutinyWorkflow.Web.Engine.Storage;

/// <summary>
/// The embedded store's SQLite file. Hands out open connections set up the same way every time, and
/// creates the folder, switches the file to WAL and brings the schema up to date on first use. The store's own work
/// goes through sessions it lends (<see cref="SessionAsync"/>): connections kept open with their statements prepared,
/// closed when the database is disposed.
/// </summary>
public sealed class SqliteDatabase : IAsyncDisposable, IDisposable
{
    // How long a writer waits for another writer's transaction before giving up with SQLITE_BUSY.
    // Appends are a handful of rows, so anything near this long means something is stuck.
    private const int BusyTimeoutSeconds = 5;

    // Enough for the engine's writer, the runner and a few pages reading at once; a burst beyond it opens more, and
    // closes them as they come back.
    private const int MaxIdleSessions = 8;

    private readonly Lock initialisationGate = new();
    private volatile bool initialised;
    private readonly ConcurrentBag<SqliteSession> idle = [];
    private int idleCount;
    private volatile bool disposed;

    public SqliteDatabase(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = System.IO.Path.GetFullPath(path);
        ConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,

            // Microsoft.Data.Sqlite retries a busy statement itself until this runs out (30 s unless
            // told); keeping it equal to busy_timeout bounds the whole wait near one figure.
            DefaultTimeout = BusyTimeoutSeconds,
        }.ToString();
    }

    /// <summary>The full path of the database file.</summary>
    public string Path { get; }

    internal string ConnectionString { get; }

    /// <summary>An open connection; the caller disposes it, which returns it to the pool.</summary>
    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (!initialised)
        {
            // Create the folder before the first open, or SQLite reports "unable to open database file".
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        }

        var connection = new SqliteConnection(ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);

            // These settings belong to the connection, not the file, and a pooled connection may come
            // back from someone who changed them; setting them on every open keeps each one predictable.
            // NORMAL is durable across application crashes in WAL mode; only a power cut can lose the
            // last commits, and never corrupt the file.
            await using (var command = connection.CreateCommand())
            {
                command.CommandText =
                    $"PRAGMA busy_timeout = {BusyTimeoutSeconds * 1000}; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;";
                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            if (!initialised)
            {
                Initialise(connection);
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>A session for one caller; disposing it gives it back.</summary>
    internal async ValueTask<SqliteSession> SessionAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (idle.TryTake(out var session))
        {
            Interlocked.Decrement(ref idleCount);
            return session;
        }
        return new SqliteSession(this, await OpenAsync(cancellationToken));
    }

    internal async ValueTask GiveBackAsync(SqliteSession session)
    {
        // A session left in a transaction (a caller failed between BEGIN and COMMIT) is rolled back before anyone else
        // uses it; one that cannot be, one too many, or one coming back after the database was disposed is closed.
        if (!disposed && session.RollBack())
        {
            if (Interlocked.Increment(ref idleCount) <= MaxIdleSessions)
            {
                idle.Add(session);
                // Disposed meanwhile: whatever was just added is closed below or by DisposeAsync, never left open.
                if (!disposed)
                {
                    return;
                }
                await CloseIdleAsync();
                return;
            }
            Interlocked.Decrement(ref idleCount);
        }
        await session.CloseAsync();
    }

    public async ValueTask DisposeAsync()
    {
        disposed = true;
        await CloseIdleAsync();
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private async Task CloseIdleAsync()
    {
        while (idle.TryTake(out var session))
        {
            Interlocked.Decrement(ref idleCount);
            await session.CloseAsync();
        }
    }

    private void Initialise(SqliteConnection connection)
    {
        // Once per instance is enough; another process doing the same at once is made safe by the
        // write lock the migration takes, and by WAL mode being a no-op to set twice.
        lock (initialisationGate)
        {
            if (initialised)
            {
                return;
            }

            // Migrate first: it refuses a file from a newer build before anything here has changed it.
            SqliteSchema.Migrate(connection, Path);

            // WAL lets the dispatcher and the pages read while a writer appends. The setting is stored in
            // the file, so it only needs saying once; it must be said outside a transaction.
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode = WAL;";
            var mode = command.ExecuteScalar() as string;
            if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException(
                    $"The review store {Path} could not be switched to WAL journal mode (SQLite reports " +
                    $"'{mode}'). WAL needs a local file system that supports shared memory; network shares " +
                    "usually do not.");
            }

            initialised = true;
        }
    }
}
