using ScrutinyWorkflow.Core.Reviews;

namespace ScrutinyWorkflow.Core.Reports;

/// <summary>A question for councillors, proposed from the report's questions section.</summary>
/// <param name="Text">
/// The question as printed. A lead-in with sub-points keeps them, one per line, each starting with "• ".
/// </param>
public sealed record ExtractedQuestion(string Text, ReportSource Source);

/// <summary>An area of focus: a sub-heading of the questions section and the questions under it, in order.</summary>
public sealed record ExtractedArea(string Heading, ReportSource Source, IReadOnlyList<ExtractedQuestion> Questions);

/// <summary>What was read from a focus report: a proposal the scrutiny officer confirms or edits, never sent as is.</summary>
public sealed record ExtractedReport(
    string? Title,
    YearMonth? Published,
    ReportSource? TitleSource,
    IReadOnlyList<ExtractedArea> Areas)
{
    public int QuestionCount => Areas.Sum(area => area.Questions.Count);
}
