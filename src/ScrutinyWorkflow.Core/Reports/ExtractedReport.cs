using ScrutinyWorkflow.Core.Reviews;

namespace ScrutinyWorkflow.Core.Reports;

/// <summary>
/// Where an extracted item came from and why it was taken, so the scrutiny officer can check it against the report.
/// </summary>
/// <param name="Page">The 1-based page it starts on, when the format has pages.</param>
/// <param name="Reason">Plain English: what in the layout made this an area, a question or the title.</param>
/// <param name="Confidence">From 0 to 1: how sure the extractor is; the lower ones deserve a closer look.</param>
public sealed record SourceRef(int? Page, string Reason, double Confidence);

/// <summary>A question for councillors, proposed from the report's questions section.</summary>
/// <param name="Text">
/// The question as printed. A lead-in with sub-points keeps them, one per line, each starting with "• ".
/// </param>
public sealed record ExtractedQuestion(string Text, SourceRef Source);

/// <summary>An area of focus: a sub-heading of the questions section and the questions under it, in order.</summary>
public sealed record ExtractedArea(string Heading, SourceRef Source, IReadOnlyList<ExtractedQuestion> Questions);

/// <summary>What was read from a focus report: a proposal the scrutiny officer confirms or edits, never sent as is.</summary>
public sealed record ExtractedReport(
    string? Title,
    YearMonth? Published,
    SourceRef? TitleSource,
    IReadOnlyList<ExtractedArea> Areas)
{
    public int QuestionCount => Areas.Sum(area => area.Questions.Count);
}
