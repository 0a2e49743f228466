using ScrutinyWorkflow.Core.Reports;
using ScrutinyWorkflow.Core.Reviews;

namespace ScrutinyWorkflow.Documents;

/// <summary>
/// Keeps what was read from a report within what a review may hold, so that an upload is never refused over a field
/// the scrutiny officer never typed: a title or heading longer than a line and a question longer than a question can
/// be (a hostile file, or a layout read as one run-on block) are cut short and marked for her to check, and the
/// questions beyond a review's limit are left out with a note on the last area kept. Everything else stays as read.
/// </summary>
internal static class ProposalBounds
{
    private const string Ellipsis = "…";

    public static ExtractedReport Apply(ExtractedReport report)
    {
        var title = report.Title is { Length: > ReviewDecider.MaxLineLength } longTitle ? Cut(longTitle, ReviewDecider.MaxLineLength) : report.Title;
        var titleSource = title == report.Title || report.TitleSource is null
            ? report.TitleSource
            : Marked(report.TitleSource, $"the title ran to {report.Title!.Length:N0} characters, more than a title may have ({ReviewDecider.MaxLineLength}), so it is cut short");

        var areas = new List<ExtractedArea>(report.Areas.Count);
        var room = ReviewDecider.MaxQuestionsPerReview;
        var left = 0;
        foreach (var area in report.Areas)
        {
            if (room == 0)
            {
                left += area.Questions.Count;
                continue;
            }
            var questions = area.Questions.Take(room).Select(Bounded).ToList();
            left += area.Questions.Count - questions.Count;
            room -= questions.Count;
            areas.Add(area.Heading.Length > ReviewDecider.MaxLineLength
                ? new ExtractedArea(
                    Cut(area.Heading, ReviewDecider.MaxLineLength),
                    Marked(area.Source, $"the heading ran to {area.Heading.Length:N0} characters, more than a heading may have ({ReviewDecider.MaxLineLength}), so it is cut short"),
                    questions)
                : area with { Questions = questions });
        }
        if (left > 0)
        {
            areas[^1] = areas[^1] with
            {
                Source = Marked(areas[^1].Source, $"the report has {left:N0} more questions after this area's, beyond the {ReviewDecider.MaxQuestionsPerReview:N0} one review may hold; they are left out"),
            };
        }
        return report with { Title = title, TitleSource = titleSource, Areas = areas };
    }

    private static ExtractedQuestion Bounded(ExtractedQuestion question) =>
        question.Text.Length > ReviewDecider.MaxQuestionLength
            ? new ExtractedQuestion(
                Cut(question.Text, ReviewDecider.MaxQuestionLength),
                Marked(question.Source, $"the question ran to {question.Text.Length:N0} characters, more than a question may have ({ReviewDecider.MaxQuestionLength:N0}), so it is cut short"))
            : question;

    /// <summary>The text cut at a word within the limit (with an ellipsis to show it was), never through a surrogate pair.</summary>
    private static string Cut(string text, int limit)
    {
        var end = limit - Ellipsis.Length;
        var space = text.LastIndexOf(' ', end, Math.Min(end, 80));
        end = space > 0 ? space : end;
        if (char.IsHighSurrogate(text[end - 1]))
        {
            end--;
        }
        return string.Concat(text.AsSpan(0, end).TrimEnd(), Ellipsis);
    }

    private static ReportSource Marked(ReportSource source, string reason) =>
        source with { Reason = $"{source.Reason}; {reason}: check it", Confidence = Math.Min(source.Confidence, 0.4) };
}
