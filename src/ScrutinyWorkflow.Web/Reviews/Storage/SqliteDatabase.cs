using Microsoft.Data.Sqlite;

namespace ScrutinyWorkflow.Web.Reviews.Storage;

/// <summary>
/// The embedded store's SQLite file. Hands out open connections set up the same way every time, and
/// creates the folder, switches the file to WAL and brings the schema up to date on first use.
/// </summary>
public sealed class SqliteDatabase
{
    // How long a writer waits for another writer's transaction before giving up with SQLITE_BUSY.
    // Appends are a handful of rows, so anything near this long means something is stuck.
    private const int BusyTimeoutSeconds = 5;

    private readonly Lock initialisationGate = new();
    private volatile bool initialised;

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
