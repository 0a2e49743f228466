using ScrutinyWorkflow.Core.Reports;
using ScrutinyWorkflow.Documents.Reading;

namespace ScrutinyWorkflow.Documents;

/// <summary>
/// Reads an uploaded focus report (PDF, Word .docx, HTML, text or Markdown) and proposes its title, month, areas of
/// focus and questions.
/// </summary>
public static class ReportIngestion
{
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

        var read = DocumentBlocks.Read(content, fileName, limits, cancellationToken);
        if (read.Rejection is { } rejection)
        {
            return rejection;
        }
        var (blocks, kind) = (read.Blocks, read.Kind);
        return QuestionExtractor.Extract(blocks) switch
        {
            ReportExtracted extracted => new Ingested(ProposalBounds.Apply(extracted.Report), FileFormats.Name(kind)),
            ExtractionFailed { Failure: ExtractionFailure.NoText } => kind == FileKind.Pdf
                ? Rejections.NoTextLayer()
                : Rejections.NoText(FileFormats.Describe(kind)),
            ExtractionFailed { Failure: ExtractionFailure.NoQuestionsInSection } failed => Rejections.EmptyQuestionsSection(failed.Detail),
            ExtractionFailed failed => Rejections.NoQuestions(failed.Detail),
            var other => throw new InvalidOperationException($"Unexpected extraction result {other}."),
        };
    }
}
