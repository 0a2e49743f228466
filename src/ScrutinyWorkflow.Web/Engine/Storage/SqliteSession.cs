using Microsoft.Data.Sqlite;

namespace ScrutinyWorkflow.Web.Engine.Storage;

/// <summary>
/// An open connection to the review store lent to one caller at a time, with every statement it has run kept prepared
/// for the connection's life: after the first use a statement costs a bind and a step, never a parse. Disposing a
/// session gives it back to its <see cref="SqliteDatabase"/> for the next caller; the database closes it when it has
/// enough idle ones, or when it is disposed itself.
/// </summary>
/// <remarks>
/// Transactions are begun and ended by the session's own prepared statements, not by <see cref="SqliteTransaction"/>:
/// each <c>BeginTransaction</c> registers a rollback hook whose handle (a <c>SQLitePCL.hook_handle</c>, a SafeHandle
/// over a GC handle) is never disposed, so every transaction left one for the finalizer thread to release. No
/// <see cref="SqliteTransaction"/> is ever open on a session's connection, so its commands need none assigned.
/// </remarks>
internal sealed class SqliteSession(SqliteDatabase database, SqliteConnection connection) : IAsyncDisposable
{
    private readonly Dictionary<string, SqliteCommand> prepared = new(StringComparer.Ordinal);

    /// <summary>Whether a transaction is open on the connection (SQLite leaves autocommit mode inside one).</summary>
    public bool InTransaction => SQLitePCL.raw.sqlite3_get_autocommit(connection.Handle) == 0;

    /// <summary>This SQL's command on this connection, made (with a parameter for every $name in it) on first use and kept.</summary>
    /// <remarks>Every parameter keeps its last value: each use sets all of them.</remarks>
    public SqliteCommand Command(string sql)
    {
        if (prepared.TryGetValue(sql, out var command))
        {
            return command;
        }
        command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in ParameterNames(sql))
        {
            command.Parameters.Add(new SqliteParameter(name, DBNull.Value));
        }
        prepared.Add(sql, command);
        return command;
    }

    /// <summary>
    /// Runs <paramref name="work"/> in one transaction and commits it; anything that fails rolls it back. IMMEDIATE takes
    /// the write lock before anything is read; a deferred transaction reads one moment of the WAL file and never blocks a writer.
    /// </summary>
    public async Task<T> InTransactionAsync<T>(bool immediate, Func<Task<T>> work, CancellationToken cancellationToken)
    {
        await Command(immediate ? "BEGIN IMMEDIATE;" : "BEGIN DEFERRED;").ExecuteNonQueryAsync(cancellationToken);
        try
        {
            var result = await work();
            await Command("COMMIT;").ExecuteNonQueryAsync(cancellationToken);
            return result;
        }
        catch
        {
            RollBack();
            throw;
        }
    }

    /// <summary>Ends an open transaction without keeping it; true when none is left open.</summary>
    public bool RollBack()
    {
        if (!InTransaction)
        {
            return true;
        }
        try
        {
            Command("ROLLBACK;").ExecuteNonQuery();
        }
        catch (SqliteException)
        {
            // A connection that cannot roll back is closed rather than lent again (SqliteDatabase checks InTransaction).
        }
        return !InTransaction;
    }

    /// <summary>Gives the session back to its database for the next caller.</summary>
    public ValueTask DisposeAsync() => database.GiveBackAsync(this);

    /// <summary>Disposes every prepared statement, then the connection (which returns the file handle to the pool).</summary>
    public async ValueTask CloseAsync()
    {
        foreach (var command in prepared.Values)
        {
            await command.DisposeAsync();
        }
        prepared.Clear();
        await connection.DisposeAsync();
    }

    private static IEnumerable<string> ParameterNames(string sql) =>
        System.Text.RegularExpressions.Regex.Matches(sql, @"\$[a-zA-Z]+").Select(m => m.Value).Distinct(StringComparer.Ordinal);
}
