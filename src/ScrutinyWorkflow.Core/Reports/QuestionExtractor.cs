namespace ScrutinyWorkflow.Core.Reports;

/// <summary>
/// Proposes a focus report's title, publication month, areas of focus and questions from its blocks.
/// </summary>
/// <remarks>
/// The questions section is found by its heading ("Questions for councillors to ask", "Key lines of enquiry",
/// "What should councillors ask?"...). Its sub-headings are the areas, in order; under each, every list item is a
/// question (deeper items are sub-points of the one above), and so is a paragraph that asks something.
/// Every item says where it came from, because what comes out is a draft the scrutiny officer checks.
/// </remarks>
public static class QuestionExtractor
{
    public static ExtractionResult Extract(IReadOnlyList<ReportBlock> blocks)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        var cleaned = blocks
            .Select(block => block with { Text = ReportText.Clean(block.Text), Level = NormalLevel(block) })
            .Where(block => block.Text.Length > 0)
            .ToList();
        if (cleaned.Count == 0)
        {
            return new ExtractionFailed(ExtractionFailure.NoText, "The document has no text that could be read.");
        }

        var candidates = QuestionsSection.FindHeadings(cleaned);
        if (candidates.Count == 0)
        {
            return new ExtractionFailed(
                ExtractionFailure.NoQuestionsSection,
                "No heading such as “Questions for councillors”, “Questions for scrutiny” or “Key lines of enquiry” was found.");
        }

        // A contents page or an introduction can name the section before it starts; the reading that finds the most
        // questions is the section itself, and on a tie the later one (the questions come at the end of a report).
        var readings = candidates.Select(index => QuestionsSection.Read(cleaned, index)).ToList();
        var best = readings[^1];
        for (var i = readings.Count - 2; i >= 0; i--)
        {
            if (readings[i].QuestionCount > best.QuestionCount)
            {
                best = readings[i];
            }
        }

        if (best.QuestionCount == 0)
        {
            var heading = best.Heading;
            return new ExtractionFailed(
                ExtractionFailure.NoQuestionsInSection,
                $"The heading “{heading.Text}”{OnPage(heading.Page)} was found, but nothing under it reads as a question "
                + "(a list item, or a paragraph that asks something).");
        }

        var front = FrontMatter.Read(cleaned);
        return new ReportExtracted(new ExtractedReport(front.Title, front.Published, front.TitleSource, best.Areas));
    }

    /// <summary>
    /// The level in the range its kind allows. Levels come from the document, so a damaged or hostile one can claim
    /// any number; everything after this step (indenting sub-points, comparing headings) can then trust them.
    /// </summary>
    private static int NormalLevel(ReportBlock block) => block.Kind switch
    {
        BlockKind.Heading => Math.Clamp(block.Level, 1, ReportBlock.LowestHeadingLevel),
        BlockKind.ListItem => Math.Clamp(block.Level, 0, ReportBlock.DeepestListLevel),
        _ => 0,
    };

    internal static string OnPage(int? page) => page is { } number ? $" on page {number}" : "";
}
