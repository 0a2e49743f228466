using System.Text.RegularExpressions;
using ScrutinyWorkflow.Core.Reviews;

namespace ScrutinyWorkflow.Core.Reports;

/// <summary>Finds the questions section and reads its areas of focus and questions.</summary>
internal static partial class QuestionsSection
{
    public sealed record Reading(ReportBlock Heading, IReadOnlyList<ExtractedArea> Areas)
    {
        public int QuestionCount => Areas.Sum(area => area.Questions.Count);
    }

    public static List<int> FindHeadings(IReadOnlyList<ReportBlock> blocks) =>
        [.. Enumerable.Range(0, blocks.Count).Where(i => blocks[i].Kind == BlockKind.Heading && IsQuestionsHeading(blocks[i].Text))];

    public static bool IsQuestionsHeading(string text)
    {
        var simple = Simplify(text);
        if (simple.Length > 90)
        {
            return false;
        }
        return LinesOfEnquiry().IsMatch(simple)
            || (QuestionsWord().IsMatch(simple) && QuestionsAudience().IsMatch(simple) && !simple.Contains("frequently asked", StringComparison.Ordinal))
            || QuestionsAlone().IsMatch(simple)
            || AudienceAsks().IsMatch(simple);
    }

    /// <summary>
    /// Reads the areas under the heading at <paramref name="headingIndex"/>. Areas are normally its sub-headings;
    /// when the report sets them at the same level as the section heading, the headings that follow are taken as
    /// areas for as long as each has questions.
    /// </summary>
    public static Reading Read(IReadOnlyList<ReportBlock> blocks, int headingIndex)
    {
        var nested = ReadAreas(blocks, headingIndex, flat: false);
        if (nested.QuestionCount > 0)
        {
            return nested;
        }
        var flat = ReadAreas(blocks, headingIndex, flat: true);
        return flat.QuestionCount > 0 ? flat : nested;
    }

    private static Reading ReadAreas(IReadOnlyList<ReportBlock> blocks, int headingIndex, bool flat)
    {
        var section = blocks[headingIndex];
        var areas = new List<ExtractedArea>();
        var leftOut = new List<string>();
        var area = new AreaReader(
            section.Text,
            new ReportSource(
                section.Page,
                $"The questions section “{section.Text}” has no sub-heading above these questions, so its heading names the area",
                0.6),
            implicitArea: true);
        int? areaLevel = null;

        for (var i = headingIndex + 1; i < blocks.Count; i++)
        {
            var block = blocks[i];
            if (block.Kind != BlockKind.Heading)
            {
                area.Accept(blocks, i);
                continue;
            }

            if (EndOfSection().IsMatch(Simplify(block.Text)) || block.Level < section.Level || (!flat && block.Level == section.Level))
            {
                break;
            }
            if (flat && block.Level == section.Level)
            {
                // Same-level headings only count as areas while they hold questions; the first that holds none has
                // left the questions section behind.
                if (!area.IsImplicit && area.QuestionCount == 0)
                {
                    break;
                }
                Flush(area, areas, leftOut);
                area = new AreaReader(AreaHeading(block.Text), AreaSource(block, $"A heading after “{section.Text}”, at its level, followed by questions", 0.7), implicitArea: false);
                continue;
            }
            if (areaLevel is null || block.Level <= areaLevel)
            {
                areaLevel = block.Level;
                Flush(area, areas, leftOut);
                area = new AreaReader(AreaHeading(block.Text), AreaSource(block, $"A sub-heading of the questions section “{section.Text}”", 0.9), implicitArea: false);
                continue;
            }

            // A heading below the area level (rare) splits the text but does not start a new area.
            area.Interrupt();
        }
        Flush(area, areas, leftOut);
        // Read flat, a heading with no questions is where the section ended, not something left out of it.
        if (!flat && leftOut.Count > 0 && areas.Count > 0)
        {
            areas[^1] = WithLeftOut(areas[^1], leftOut, "after it");
        }
        return new Reading(section, areas);
    }

    /// <summary>Where an area came from, lowered when the reader was unsure of its heading.</summary>
    private static ReportSource AreaSource(ReportBlock heading, string reason, double confidence) =>
        heading.Doubt is { } doubt
            ? new ReportSource(heading.Page, $"{reason}; {doubt}", Math.Round(confidence - 0.2, 2))
            : new ReportSource(heading.Page, reason, confidence);

    /// <summary>
    /// Adds the area when it holds questions. A heading with none under it (a box's title, a heading the reader
    /// doubted, the section's own introduction) is left out: a review cannot hold an empty area, and an upload must
    /// always give the scrutiny officer a draft to correct rather than be refused over a field she never typed. The
    /// next area's source names what was left out, so she can look.
    /// </summary>
    private static void Flush(AreaReader area, List<ExtractedArea> areas, List<string> leftOut)
    {
        if (area.QuestionCount == 0)
        {
            if (!area.IsImplicit)
            {
                leftOut.Add(area.Heading);
            }
            return;
        }
        var made = area.ToArea();
        if (leftOut.Count > 0)
        {
            made = WithLeftOut(made, leftOut, "before it");
            leftOut.Clear();
        }
        areas.Add(made);
    }

    private static ExtractedArea WithLeftOut(ExtractedArea area, List<string> leftOut, string where)
    {
        var headings = string.Join(", ", leftOut.Select(heading => $"“{heading}”"));
        var noun = leftOut.Count == 1 ? "the heading" : "the headings";
        var verb = leftOut.Count == 1 ? "has" : "have";
        return area with { Source = area.Source with { Reason = $"{area.Source.Reason}; {noun} {headings} {where} {verb} no questions under {(leftOut.Count == 1 ? "it" : "them")}, so {(leftOut.Count == 1 ? "it is" : "they are")} not an area" } };
    }

    /// <summary>
    /// The heading without the section number a report printed before it ("5.1 Council tax reduction"): the review
    /// numbers its own areas, and the report's numbers mean nothing there.
    /// </summary>
    private static string AreaHeading(string text) => AreaNumber().Match(text) is { Success: true } match && match.Length < text.Length ? text[match.Length..] : text;

    [GeneratedRegex(@"^(?:\d{1,3}(?:\.\d{1,3})+\.?|\d{1,3}[.)])\s+(?=\p{L})", RegexOptions.CultureInvariant)]
    private static partial Regex AreaNumber();

    /// <summary>Lower case, straight quotes, no leading section number, no trailing punctuation.</summary>
    private static string Simplify(string text)
    {
        var simple = ReportText.ForComparison(text).ToLowerInvariant();
        simple = SectionNumber().Replace(simple, "");
        return simple.Trim().TrimEnd('.', ':', '?', '!', ' ');
    }

    [GeneratedRegex(@"^(?:(?:section|part|chapter)\s+)?(?:\d+(?:\.\d+)*|[a-z]|[ivx]+)[.):]?\s+(?=\w)", RegexOptions.CultureInvariant)]
    private static partial Regex SectionNumber();

    [GeneratedRegex(@"\b(?:key\s+)?lines\s+of\s+(?:enquiry|inquiry)\b", RegexOptions.CultureInvariant)]
    private static partial Regex LinesOfEnquiry();

    [GeneratedRegex(@"\bquestions?\b", RegexOptions.CultureInvariant)]
    private static partial Regex QuestionsWord();

    [GeneratedRegex(@"\b(?:councillors?|members?|scrutiny|elected|ask|asking|consider|overview)\b", RegexOptions.CultureInvariant)]
    private static partial Regex QuestionsAudience();

    [GeneratedRegex(@"^(?:key\s+|suggested\s+|some\s+)?questions?$", RegexOptions.CultureInvariant)]
    private static partial Regex QuestionsAlone();

    [GeneratedRegex(@"\b(?:councillors?|members|scrutiny|panels?)\b.*\b(?:ask|asking)\b", RegexOptions.CultureInvariant)]
    private static partial Regex AudienceAsks();

    [GeneratedRegex(@"^(?:appendix|appendices|annex|about\s+(?:us|the\s+ombudsman|this\s+report)|contact(?:\s+us)?|how\s+to\s+contact|further\s+(?:information|reading)|more\s+information|glossary|references|endnotes|notes|acknowledge?ments|useful\s+(?:links|resources|contacts))\b", RegexOptions.CultureInvariant)]
    private static partial Regex EndOfSection();
}
