using System.Globalization;
using Microsoft.Data.Sqlite;

namespace ScrutinyWorkflow.Web.Engine.Storage;

/// <summary>
/// The embedded store's schema as an ordered list of migrations. <c>PRAGMA user_version</c> records how
/// many have been applied, so a file made by an older build is brought forward on open, and a file made
/// by a newer build is refused rather than written with assumptions it does not share.
/// </summary>
internal static class SqliteSchema
{
    // Append a new entry to change the schema; never edit one that has shipped, because files in the
    // field have already applied it and will not run it again.
    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE IF NOT EXISTS reviews (
            review_id      TEXT    NOT NULL PRIMARY KEY,
            version        INTEGER NOT NULL CHECK (version > 0),
            -- Council local time as fixed-width ISO text, so text order is time order; NULL = nothing due.
            next_due_local TEXT    NULL,
            created_at     TEXT    NOT NULL
        ) STRICT;

        CREATE INDEX IF NOT EXISTS reviews_due ON reviews (next_due_local, review_id)
            WHERE next_due_local IS NOT NULL;
        CREATE INDEX IF NOT EXISTS reviews_created ON reviews (created_at, review_id);

        CREATE TABLE IF NOT EXISTS events (
            review_id      TEXT    NOT NULL REFERENCES reviews (review_id),
            version        INTEGER NOT NULL CHECK (version > 0),
            type           TEXT    NOT NULL,
            schema_version INTEGER NOT NULL,
            data           TEXT    NOT NULL,
            recorded_at    TEXT    NOT NULL,
            PRIMARY KEY (review_id, version)
        ) STRICT;

        -- seq keeps the order effects were written in; a table without an INTEGER PRIMARY KEY may have
        -- its rowids renumbered by VACUUM, so the order cannot rest on the implicit rowid.
        CREATE TABLE IF NOT EXISTS outbox (
            seq          INTEGER NOT NULL PRIMARY KEY,
            id           TEXT    NOT NULL UNIQUE,
            review_id    TEXT    NOT NULL REFERENCES reviews (review_id),
            kind         TEXT    NOT NULL,
            payload      TEXT    NOT NULL,
            created_at   TEXT    NOT NULL,
            attempts     INTEGER NOT NULL DEFAULT 0,
            not_before   TEXT    NULL,
            completed_at TEXT    NULL,
            last_error   TEXT    NULL
        ) STRICT;

        CREATE INDEX IF NOT EXISTS outbox_pending ON outbox (created_at, seq)
            WHERE completed_at IS NULL;

        -- No foreign key to reviews: the link index is its own port and must not dictate write order.
        CREATE TABLE IF NOT EXISTS links (
            token_hash    TEXT NOT NULL PRIMARY KEY,
            review_id     TEXT NOT NULL,
            assignment_id TEXT NOT NULL
        ) STRICT;
        """,
        """
        -- A link now belongs to a person in a review (an officer, or a manager for an escalated officer), not to one
        -- assignment. The links of the first version pointed at single assignments and their tokens are no longer
        -- made, so they are dropped: such a link now says it is not recognised, and to ask the scrutiny team.
        DELETE FROM links;
        ALTER TABLE links RENAME COLUMN assignment_id TO respondent;
        """,
        """
        -- The review as it stood at a version, so a load reads it and only the newer events. format names the shape of
        -- the state it was written from: a snapshot of another shape is ignored and the stream replayed.
        CREATE TABLE IF NOT EXISTS snapshots (
            review_id TEXT    NOT NULL PRIMARY KEY REFERENCES reviews (review_id),
            version   INTEGER NOT NULL CHECK (version > 0),
            format    TEXT    NOT NULL,
            state     TEXT    NOT NULL
        ) STRICT;

        -- The list of reviews the dashboard and the API page through, written in the same transaction as the events.
        -- Streams recorded before it are listed by the engine when it starts.
        CREATE TABLE IF NOT EXISTS review_list (
            review_id      TEXT    NOT NULL PRIMARY KEY REFERENCES reviews (review_id),
            version        INTEGER NOT NULL,
            created_at     TEXT    NOT NULL,
            title          TEXT    NOT NULL,
            panel          TEXT    NOT NULL,
            status         TEXT    NOT NULL,
            deadline       TEXT    NOT NULL,
            meeting_date   TEXT    NOT NULL,
            answered       INTEGER NOT NULL,
            questions      INTEGER NOT NULL,
            overdue        INTEGER NOT NULL,
            next_due_local TEXT    NULL
        ) STRICT;

        CREATE INDEX IF NOT EXISTS review_list_newest ON review_list (created_at, review_id);
        CREATE INDEX IF NOT EXISTS review_list_deadline ON review_list (deadline, review_id);
        CREATE INDEX IF NOT EXISTS review_list_meeting ON review_list (meeting_date, review_id);
        CREATE INDEX IF NOT EXISTS review_list_title ON review_list (title, review_id);
        CREATE INDEX IF NOT EXISTS review_list_status_newest ON review_list (status, created_at, review_id);
        CREATE INDEX IF NOT EXISTS review_list_status_deadline ON review_list (status, deadline, review_id);
        """,
        """
        -- What waits on the scrutiny officer because of an officer (declines to hand on, officers the mail could not
        -- reach), so the dashboard shows it from a page of the list. The rows are made again from their streams when the
        -- engine starts (it lists every review not listed), so no review shows counts it never had.
        ALTER TABLE review_list ADD COLUMN declines INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE review_list ADD COLUMN unreachable INTEGER NOT NULL DEFAULT 0;
        DELETE FROM review_list;
        """,
        """
        -- Which kind of review each line is (focus-report or decisions), so a paper finds the decisions reviews from a
        -- page of the list rather than by their titles, and how many follow-ups it has, so the dashboard reads only the
        -- reviews that have any. The rows are made again from their streams when the engine starts.
        ALTER TABLE review_list ADD COLUMN kind TEXT NULL;
        ALTER TABLE review_list ADD COLUMN follow_ups INTEGER NULL;
        DELETE FROM review_list;
        """,
    ];

    public static int LatestVersion => Migrations.Length;

    /// <summary>Brings the file up to <see cref="LatestVersion"/> in one write transaction, if it is behind.</summary>
    public static void Migrate(SqliteConnection connection, string path)
    {
        // An up-to-date file, the usual case, is settled without the write lock, so starting a process
        // never waits behind another process's append.
        if (CheckedVersion(connection, transaction: null, path) == LatestVersion)
        {
            return;
        }

        // IMMEDIATE takes the write lock before reading the version again, so two processes opening a
        // new file at once cannot both decide to run the same migration.
        using var transaction = connection.BeginTransaction(deferred: false);
        var current = CheckedVersion(connection, transaction, path);

        for (var version = current; version < LatestVersion; version++)
        {
            Execute(connection, transaction, Migrations[version]);
        }

        // PRAGMA takes no parameters; the value is our own constant, never input.
        Execute(connection, transaction, $"PRAGMA user_version = {LatestVersion};");
        transaction.Commit();
    }

    private static int CheckedVersion(SqliteConnection connection, SqliteTransaction? transaction, string path)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "PRAGMA user_version;";
        var version = Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        if (version > LatestVersion)
        {
            throw new InvalidOperationException(
                $"The review store {path} has schema version {version}, but this build only knows up to " +
                $"{LatestVersion}. It was written by a newer version of the application; upgrade rather than " +
                "open it with this one.");
        }

        return version;
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
