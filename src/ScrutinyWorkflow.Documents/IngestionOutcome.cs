using ScrutinyWorkflow.Core.Reports;

namespace ScrutinyWorkflow.Documents;

/// <summary>What came of reading an uploaded focus report.</summary>
public abstract record IngestionOutcome;

/// <summary>The report was read and its questions proposed.</summary>
/// <param name="Format">What the file turned out to be: "pdf", "docx", "html", "text" or "markdown".</param>
public sealed record Ingested(ExtractedReport Report, string Format) : IngestionOutcome
{
    /// <summary>Why the layout as a whole was hard to read (<see cref="ReadingDoubts"/>); empty when it read cleanly.</summary>
    public IReadOnlyList<string> Doubts => ReadingDoubts.Of(Report);
}

/// <summary>
/// The report could not be used. <paramref name="Code"/> is stable (kebab-case) for programs; <paramref name="Title"/>
/// and <paramref name="Detail"/> are for the scrutiny officer and say what to do instead.
/// </summary>
public sealed record IngestionRejected(string Code, string Title, string Detail) : IngestionOutcome;
