using Microsoft.Extensions.Options;
using ScrutinyWorkflow.Core.Calendar;
using ScrutinyWorkflow.Core.Reviews;
using ScrutinyWorkflow.Web.Deployment;
using ScrutinyWorkflow.Web.Engine.Durable;
using ScrutinyWorkflow.Web.Engine.Embedded;
using ScrutinyWorkflow.Web.Engine.Serialization;
using ScrutinyWorkflow.Web.Engine.Storage;
using ScrutinyWorkflow.Web.Hosting;
using ScrutinyWorkflow.Web.Links;

namespace ScrutinyWorkflow.Web.Engine;

public static class EngineRegistration
{
    /// <summary>The decider with the council's rules and working days, whichever engine runs it.</summary>
    public static IHostApplicationBuilder AddReviews(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(sp => new WorkingCalendar(sp.GetRequiredService<IOptions<ScrutinyOptions>>().Value.ExtraNonWorkingDays));
        builder.Services.AddSingleton(sp => new ReviewDecider(sp.GetRequiredService<IOptions<ScrutinyOptions>>().Value.ToPolicy(), sp.GetRequiredService<WorkingCalendar>()));
        return builder;
    }

    /// <summary>
    /// The engine that runs reviews, as <c>Scrutiny:Runtime</c> says: <c>Embedded</c> (the default: SQLite, local folders,
    /// one machine) or <c>Durable</c> (Durable Task orchestrations on Azure Storage, for several machines). On Durable
    /// the web host runs the engine itself (a Durable Task sidecar on the account); in the Functions app the Durable
    /// extension runs it and hands each function its client, so only what the two share is registered here.
    /// </summary>
    public static IHostApplicationBuilder AddReviewEngine(this IHostApplicationBuilder builder, DeploymentProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return profile switch
        {
            { IsDurable: false } => builder.AddEmbeddedReviewEngine(),
            { Host: ProductHost.WebHost } => builder.AddDurableReviewEngine(profile),
            _ => builder.AddDurableReviews(profile),
        };
    }

    /// <summary>
    /// The embedded engine: SQLite holds the streams, the outbox and the link index, and a background runner in
    /// this process fires timers and carries out effects.
    /// </summary>
    public static IHostApplicationBuilder AddEmbeddedReviewEngine(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(sp => new SqliteDatabase(sp.GetRequiredService<DataFolders>().Database));
        builder.Services.AddSingleton<SqliteReviewStore>();
        builder.Services.AddSingleton<IReviewStore>(sp => sp.GetRequiredService<SqliteReviewStore>());
        builder.Services.AddSingleton<IOutbox>(sp => sp.GetRequiredService<SqliteReviewStore>());
        builder.Services.AddSingleton<ILinkIndex>(sp => sp.GetRequiredService<SqliteReviewStore>());
        builder.Services.AddSingleton(_ => new ReviewEventSerializer());
        builder.Services.AddSingleton<ReviewLoader>();
        builder.Services.AddSingleton<EmbeddedReviewEngine>();
        builder.Services.AddSingleton<IReviewCommands>(sp => sp.GetRequiredService<EmbeddedReviewEngine>());
        builder.Services.AddSingleton<IReviewQueries>(sp => sp.GetRequiredService<EmbeddedReviewEngine>());
        builder.Services.AddSingleton<RunnerSignal>();
        builder.Services.AddSingleton<ReviewRunner>();
        builder.Services.AddSingleton<IHostedService>(sp => new StartupCheck(async cancellationToken =>
        {
            await CheckDatabaseAsync(sp.GetRequiredService<SqliteDatabase>(), cancellationToken);
            // Reviews recorded before the review list existed are listed (and snapshotted) once.
            await sp.GetRequiredService<ReviewLoader>().ListUnlistedAsync(cancellationToken);
        }));
        if (builder.Configuration.GetValue($"{ScrutinyOptions.Section}:Runner:Enabled", defaultValue: true))
        {
            builder.Services.AddHostedService<ReviewRunnerService>();
        }
        return builder;
    }

    /// <summary>
    /// Opening brings the schema up to date, or refuses a file written by a newer version of the product; a file
    /// damaged part-way through would open and then fail on every pass, so its pages are checked before serving.
    /// </summary>
    private static async Task CheckDatabaseAsync(SqliteDatabase database, CancellationToken cancellationToken)
    {
        string verdict;
        try
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA quick_check(5);";
            verdict = string.Join("; ", await ReadAllAsync(command, cancellationToken));
        }
        catch (Microsoft.Data.Sqlite.SqliteException ex) when (ex.SqliteErrorCode is 11 or 26)
        {
            // SQLITE_CORRUPT, SQLITE_NOTADB.
            verdict = ex.Message;
        }
        if (verdict != "ok")
        {
            throw new InvalidDataException(
                $"The database {database.Path} is damaged ({verdict}). Stop the service and restore the file (with its -wal file) from the last backup, " +
                "or move it aside to start with no reviews; then start again.");
        }
    }

    private static async Task<List<string>> ReadAllAsync(System.Data.Common.DbCommand command, CancellationToken cancellationToken)
    {
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(reader.GetString(0));
        }
        return rows;
    }
}
