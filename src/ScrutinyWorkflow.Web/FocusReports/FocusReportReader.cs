using Microsoft.Extensions.Options;
using ScrutinyWorkflow.Documents;
using ScrutinyWorkflow.Web.Hosting;

namespace ScrutinyWorkflow.Web.FocusReports;

/// <summary>
/// Reads an uploaded focus report within the council's limits: its size, and how long reading it may take. A
/// bound on the work one upload can cause, whatever a hostile file tries: the readers stop when time runs out.
/// </summary>
public sealed class FocusReportReader(IOptions<ScrutinyOptions> options) : IDisposable
{
    public const string TookTooLong = "report-took-too-long";
    public const string Busy = "reading-busy";

    /// <summary>
    /// Reports read at once. Each reading holds its file and what it expands to in memory, so however many people
    /// upload together, only this many readings share the machine; one more is told at once to try again, rather
    /// than queueing behind a hostile file while its upload holds a connection and memory.
    /// </summary>
    internal SemaphoreSlim Readings { get; } = new(options.Value.MaxConcurrentIngestions, options.Value.MaxConcurrentIngestions);

    public async Task<IngestionOutcome> ReadAsync(Stream content, string fileName, CancellationToken cancellationToken)
    {
        if (!await Readings.WaitAsync(TimeSpan.Zero, cancellationToken))
        {
            return new IngestionRejected(Busy,
                "Other reports are being read just now.",
                "Nothing was created. Upload the report again in a minute.");
        }
        try
        {
            return Read(content, fileName, cancellationToken);
        }
        finally
        {
            Readings.Release();
        }
    }

    public void Dispose() => Readings.Dispose();

    private IngestionOutcome Read(Stream content, string fileName, CancellationToken cancellationToken)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.IngestionTimeout);
        IngestionOutcome outcome;
        try
        {
            outcome = ReportIngestion.Ingest(content, fileName, IngestionLimits.Default with { MaxUploadBytes = options.Value.MaxUploadBytes }, timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return TooLong();
        }
        // The timer that cancels the readers may fire late on a busy machine: a reading that overran is refused all the same.
        return System.Diagnostics.Stopwatch.GetElapsedTime(started) > options.Value.IngestionTimeout ? TooLong() : outcome;
    }

    private static IngestionRejected TooLong() => new(
        TookTooLong,
        "The report took too long to read.",
        "Reading this file took longer than a focus report should. Upload the accessible (text) version of the report, or enter the areas and questions by hand.");
}

public static class ReportsRegistration
{
    public static IHostApplicationBuilder AddFocusReportReading(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<FocusReportReader>();
        return builder;
    }
}
