using System.Text;
using ScrutinyWorkflow.Core.Calendar;
using ScrutinyWorkflow.Core.Decisions;
using ScrutinyWorkflow.Documents.Reading;

namespace ScrutinyWorkflow.Documents.Decisions;

/// <summary>The decision statements read from an upload or a paste: proposals the scrutiny officer checks.</summary>
/// <param name="Format">What the file turned out to be: "pdf", "docx", "html", "text", "markdown" or "csv".</param>
public sealed record DecisionsIngested(IReadOnlyList<ProposedDecision> Decisions, string Format) : IngestionOutcome;

/// <summary>
/// Reads the Ombudsman's decision statements about the council from an upload (PDF, Word, web page, text or
/// Markdown: through the same readers as focus reports; or a CSV of decisions, a row each) or from pasted text, one
/// statement or several one after another.
/// </summary>
public static class DecisionIngestion
{
    /// <returns>
    /// <see cref="DecisionsIngested"/>, or <see cref="IngestionRejected"/> saying why not and what to do instead. Bad
    /// input never throws; only cancellation and programming errors do.
    /// </returns>
    public static IngestionOutcome Ingest(Stream content, string fileName, IngestionLimits limits, WorkingCalendar calendar, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(calendar);

        var (bytes, refused) = DocumentBlocks.ReadBytes(content, limits, cancellationToken);
        if (refused is not null)
        {
            return DecisionRejections.ForDecisions(refused);
        }
        if (Path.GetExtension(fileName).Equals(".csv", StringComparison.OrdinalIgnoreCase)
            && ContentSniffer.Sniff(bytes!) == SniffedKind.Text)
        {
            return DecisionSpreadsheet.Read(TextDecoding.Decode(bytes!), calendar);
        }
        var read = DocumentBlocks.FromBytes(bytes!, fileName, limits, cancellationToken);
        return read.Rejection is { } rejection
            ? DecisionRejections.ForDecisions(rejection)
            : Propose(read, calendar);
    }

    /// <summary>Statements pasted as text, as copied from the Ombudsman's website or a PDF viewer.</summary>
    public static IngestionOutcome FromPastedText(string text, IngestionLimits limits, WorkingCalendar calendar, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        using var content = new MemoryStream(Encoding.UTF8.GetBytes(text));
        return Ingest(content, "pasted.txt", limits, calendar, cancellationToken);
    }

    private static IngestionOutcome Propose(DocumentRead read, WorkingCalendar calendar) =>
        DecisionStatementReader.Read(read.Blocks, calendar) switch
        {
            DecisionsRead found => new DecisionsIngested(found.Decisions, FileFormats.Name(read.Kind)),
            DecisionsNotRead { Failure: DecisionReadFailure.NoText } => DecisionRejections.ForDecisions(
                read.Kind == FileKind.Pdf ? Rejections.NoTextLayer() : Rejections.NoText(FileFormats.Describe(read.Kind))),
            DecisionsNotRead failed => DecisionRejections.NotADecision(failed.Detail),
            var other => throw new InvalidOperationException($"Unexpected decision reading {other}."),
        };
}
