namespace ScrutinyWorkflow.Core.Reports;

/// <summary>The outcome of reading the questions out of a report's blocks.</summary>
public abstract record ExtractionResult;

/// <summary>The report's title, month and areas of focus with their questions.</summary>
public sealed record ReportExtracted(ExtractedReport Report) : ExtractionResult;

/// <summary>Why no questions could be proposed; <paramref name="Detail"/> says what was (or was not) found.</summary>
public sealed record ExtractionFailed(ExtractionFailure Failure, string Detail) : ExtractionResult;

public enum ExtractionFailure
{
    /// <summary>The document holds no text at all.</summary>
    NoText,

    /// <summary>No heading such as "Questions for councillors" or "Key lines of enquiry".</summary>
    NoQuestionsSection,

    /// <summary>The heading is there but nothing under it reads as a question.</summary>
    NoQuestionsInSection,
}
