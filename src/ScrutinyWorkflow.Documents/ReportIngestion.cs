using ScrutinyWorkflow.Core.Reports;
using ScrutinyWorkflow.Documents.Reading;
using ScrutinyWorkflow.Documents.Reading.Docx;
using ScrutinyWorkflow.Documents.Reading.Html;
using ScrutinyWorkflow.Documents.Reading.Pdf;
using ScrutinyWorkflow.Documents.Reading.Text;

namespace ScrutinyWorkflow.Documents;

/// <summary>
/// Reads an uploaded focus report (PDF, Word .docx, HTML, text or Markdown) and proposes its title, month, areas of
/// focus and questions.
/// </summary>
public static class ReportIngestion
{
    private const int CopyBufferBytes = 81920;

    /// <summary>
    /// Reads <paramref name="content"/>, checking that what its bytes are matches <paramref name="fileName"/>'s
    /// extension and that it keeps within <paramref name="limits"/>.
    /// </summary>
    /// <returns>
    /// <see cref="Ingested"/> with the proposal, or <see cref="IngestionRejected"/> saying why not and what to do
    /// instead. Bad input never throws; only cancellation and programming errors do.
    /// </returns>
    public static IngestionOutcome Ingest(Stream content, string fileName, IngestionLimits limits, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(limits);

        var bytes = ReadAtMost(content, limits.MaxUploadBytes, cancellationToken);
        if (bytes is null)
        {
            return Rejections.TooLarge(limits.MaxUploadBytes);
        }
        if (bytes.Length == 0)
        {
            return Rejections.Empty();
        }

        var sniffed = ContentSniffer.Sniff(bytes);
        var format = FileFormats.Choose(Path.GetFileName(fileName), sniffed);
        if (format.Rejection is { } refused)
        {
            return refused;
        }

        var read = format.Kind switch
        {
            FileKind.Pdf => PdfReportReader.Read(bytes, limits, cancellationToken),
            FileKind.Docx => DocxReportReader.Read(bytes, limits, cancellationToken),
            FileKind.Html when bytes.Length > limits.MaxWebPageBytes => new ReadRejected(Rejections.WebPageTooBig(limits.MaxWebPageBytes)),
            FileKind.Html => HtmlReportReader.Read(bytes, cancellationToken),
            FileKind.Markdown => MarkdownReportReader.Read(bytes),
            _ => PlainTextReportReader.Read(bytes),
        };
        if (read is ReadRejected rejected)
        {
            return rejected.Rejection;
        }

        var blocks = ((BlocksRead)read).Blocks;
        return QuestionExtractor.Extract(blocks) switch
        {
            ReportExtracted extracted => new Ingested(ProposalBounds.Apply(extracted.Report), FileFormats.Name(format.Kind)),
            ExtractionFailed { Failure: ExtractionFailure.NoText } => format.Kind == FileKind.Pdf
                ? Rejections.NoTextLayer()
                : Rejections.NoText(FileFormats.Describe(format.Kind)),
            ExtractionFailed { Failure: ExtractionFailure.NoQuestionsInSection } failed => Rejections.EmptyQuestionsSection(failed.Detail),
            ExtractionFailed failed => Rejections.NoQuestions(failed.Detail),
            var other => throw new InvalidOperationException($"Unexpected extraction result {other}."),
        };
    }

    /// <summary>The whole stream, or null as soon as it proves longer than <paramref name="limit"/>.</summary>
    private static byte[]? ReadAtMost(Stream content, long limit, CancellationToken cancellationToken)
    {
        var expected = content.CanSeek ? content.Length - content.Position : 0;
        if (expected > limit)
        {
            return null;
        }
        using var copy = new MemoryStream((int)Math.Clamp(expected, 0, Array.MaxLength));
        var buffer = new byte[CopyBufferBytes];
        int read;
        while ((read = content.Read(buffer, 0, buffer.Length)) > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (copy.Length + read > limit)
            {
                return null;
            }
            copy.Write(buffer, 0, read);
        }

        // An upload that said how long it was fills a buffer of exactly that size: hand it over rather than copy it.
        return copy.Length == copy.Capacity ? copy.GetBuffer() : copy.ToArray();
    }
}
