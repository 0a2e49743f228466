namespace ScrutinyWorkflow.Core.Reports;

/// <summary>
/// Whether a report as read was hard to read as a whole, and why, in plain English. A few doubtful questions are each
/// marked on the draft; this says when the doubt is the layout's rather than one question's, so the scrutiny officer
/// knows to check the whole draft against the report, or to paste the questions instead.
/// </summary>
public static class ReadingDoubts
{
    /// <summary>Below this the reader was unsure enough that an item deserves a second look against the report.</summary>
    public const double Doubtful = 0.8;

    /// <summary>
    /// Below this an area's heading was not the report's own: the questions section's heading stood in for it, or a
    /// heading taken from its place alone was doubted as well. (A heading taken from its place alone, as plain text
    /// gives them, reads right often enough not to warn about.)
    /// </summary>
    public const double HeadingMadeUp = 0.7;

    /// <summary>
    /// The reasons the layout was hard to read, none for a report that read cleanly: at least a quarter of the
    /// questions doubtful (and more than one, so one odd question in a short report does not cry wolf), or an area
    /// whose heading was made up (<see cref="HeadingMadeUp"/>).
    /// </summary>
    public static IReadOnlyList<string> Of(ExtractedReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var reasons = new List<string>();
        var questions = report.QuestionCount;
        var doubtful = report.Areas.Sum(area => area.Questions.Count(question => question.Source.Confidence < Doubtful));
        if (doubtful > 1 && doubtful * 4 >= questions)
        {
            reasons.Add($"{doubtful} of the {questions} questions could not be read with confidence");
        }
        var unsure = report.Areas.Where(area => area.Source.Confidence < HeadingMadeUp).ToList();
        if (unsure.Count > 0)
        {
            var headings = string.Join(", ", unsure.Select(area => $"“{area.Heading}”"));
            reasons.Add(report.Areas.Count == 1 && unsure.Count == 1
                ? $"the report had no clear headings for its areas of focus, so all its questions are under {headings}"
                : $"the {(unsure.Count == 1 ? "area" : "areas")} {headings} had no clear heading in the report");
        }
        return reasons;
    }
}
