using Microsoft.Extensions.Options;
using ScrutinyWorkflow.Core.Calendar;
using ScrutinyWorkflow.Core.Decisions;
using ScrutinyWorkflow.Core.Reviews;
using ScrutinyWorkflow.Core.Routing;
using ScrutinyWorkflow.Documents;
using ScrutinyWorkflow.Documents.Decisions;
using ScrutinyWorkflow.Web.FocusReports;
using ScrutinyWorkflow.Web.Hosting;
using ScrutinyWorkflow.Web.ReviewPages;
using ScrutinyWorkflow.Web.Routing;

namespace ScrutinyWorkflow.Web.DecisionPages;

/// <summary>
/// Reads decision statements within the limits a focus report is read in: its size, how long reading may take, and
/// how many readings share the machine (the same count as focus reports, since they use the same readers).
/// </summary>
public sealed class DecisionReader(FocusReportReader reports, WorkingCalendar calendar, IOptions<ScrutinyOptions> options)
{
    public const string TookTooLong = "decisions-took-too-long";

    public async Task<IngestionOutcome> ReadAsync(Stream content, string fileName, CancellationToken cancellationToken)
    {
        if (!await reports.Readings.WaitAsync(TimeSpan.Zero, cancellationToken))
        {
            return new IngestionRejected(FocusReportReader.Busy, "Other documents are being read just now.", "Nothing was created. Upload the statements again in a minute.");
        }
        try
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.Value.IngestionTimeout);
            IngestionOutcome outcome;
            try
            {
                outcome = DecisionIngestion.Ingest(content, fileName, IngestionLimits.Default with { MaxUploadBytes = options.Value.MaxUploadBytes }, calendar, timeout.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return TooLong();
            }
            return System.Diagnostics.Stopwatch.GetElapsedTime(started) > options.Value.IngestionTimeout ? TooLong() : outcome;
        }
        finally
        {
            reports.Readings.Release();
        }
    }

    private static IngestionRejected TooLong() => new(
        TookTooLong,
        "The file took too long to read.",
        "Reading this file took longer than decision statements should. Upload the statements as text or a web page, or paste them.");
}

/// <summary>Decisions as read, turned into the check page's rows, each with the officer the routing rules propose.</summary>
public static class DecisionProposals
{
    public static DecisionRow Row(ProposedDecision read, string readFrom, DraftRouting routing)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(routing);
        var row = new DecisionRow(
            read.Reference.Value ?? "",
            read.DecisionDate.Value is { } date ? DateAnswer.Of(date) : DateAnswer.Empty,
            read.Council.Value ?? "",
            read.Category.Value ?? "",
            read.Finding.Value?.ToString() ?? "",
            read.Summary.Value ?? "",
            "",
            [.. read.Remedies.Select(r => new RemedyRow(r.Kind.ToString(), r.Text, r.Amount?.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) ?? "",
                r.Due is { } due ? DateAnswer.Of(due) : DateAnswer.Empty, r.DueWording ?? "", r.Doubt ?? ""))],
            new(read.Reference.Doubt ?? "", read.DecisionDate.Doubt ?? "", read.Council.Doubt ?? "", read.Category.Doubt ?? "", read.Finding.Doubt ?? "", read.Summary.Doubt ?? ""),
            ReadFrom: read.Page is { } page ? $"{readFrom}, page {page}" : readFrom);
        return Routed(row, routing);
    }

    /// <summary>
    /// The officer the first matching rule names, the category standing for a question's area of focus and the summary
    /// for its words; when only the default owner would take it, nobody is proposed and she chooses from the directory.
    /// </summary>
    public static DecisionRow Routed(DecisionRow row, DraftRouting routing)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(routing);
        if (string.IsNullOrWhiteSpace(row.Category))
        {
            return row;
        }
        var proposed = routing.Propose([new AreaInput(row.Category, [new QuestionInput(row.Summary, [])])])[0].Questions[0];
        return proposed is { RoutedBy: { } choice, OfficerEmails: [var first, ..] } && choice.Rule != QuestionRouter.DefaultRule
            ? row with { Officer = first, ProposedOfficer = first, Rule = choice.Rule, RuleReason = choice.Reason.Replace("area of focus", "category", StringComparison.Ordinal).Replace("question mentions", "summary mentions", StringComparison.Ordinal) }
            : row;
    }

    /// <summary>The month most of the decisions were made in, to propose when she has not said.</summary>
    public static DateAnswer MonthOf(IReadOnlyList<DecisionRow> rows) =>
        rows.Select(r => r.Date.Date).OfType<DateOnly>().GroupBy(d => (d.Year, d.Month)).OrderByDescending(g => g.Count()).ThenByDescending(g => g.Key)
            .Select(g => new DateAnswer("", g.Key.Month.ToString(System.Globalization.CultureInfo.InvariantCulture), g.Key.Year.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .FirstOrDefault() ?? DateAnswer.Empty;
}
