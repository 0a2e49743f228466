using System.Globalization;
using System.Text.RegularExpressions;
using ScrutinyWorkflow.Core.Reviews;

namespace ScrutinyWorkflow.Core.Reports;

/// <summary>The report's title and publication month, as its cover (or its opening lines) gives them.</summary>
internal static partial class FrontMatter
{
    private const int UnpagedFrontBlocks = 12;
    private const int PublishedSearchBlocks = 40;

    public sealed record Reading(string? Title, ReportSource? TitleSource, YearMonth? Published);

    public static Reading Read(IReadOnlyList<ReportBlock> blocks)
    {
        var front = FrontBlocks(blocks);
        var (title, source) = Title(blocks, front);
        return new Reading(title, source, Published(blocks, front));
    }

    /// <summary>
    /// The cover: the first page when the format has pages; otherwise the blocks before the narrative starts.
    /// </summary>
    private static List<int> FrontBlocks(IReadOnlyList<ReportBlock> blocks)
    {
        var firstPage = blocks.Select(block => block.Page).FirstOrDefault(page => page is not null);
        var front = new List<int>();
        for (var i = 0; i < blocks.Count; i++)
        {
            var block = blocks[i];
            if (firstPage is not null)
            {
                if (block.Page is { } page && page != firstPage)
                {
                    break;
                }
            }
            else if (front.Count >= UnpagedFrontBlocks || (block.Kind == BlockKind.Paragraph && WordCount(block.Text) > 25))
            {
                break;
            }
            front.Add(i);
        }
        return front;
    }

    private static (string? Title, ReportSource? Source) Title(IReadOnlyList<ReportBlock> blocks, List<int> front)
    {
        var candidates = front.Where(i => IsTitleCandidate(blocks[i])).ToList();
        var fromCover = candidates.Count > 0;
        if (!fromCover)
        {
            candidates = Enumerable.Range(0, blocks.Count).Where(i => IsTitleCandidate(blocks[i])).Take(1).ToList();
        }
        if (candidates.Count == 0)
        {
            return (null, null);
        }

        var titleIndex = candidates.MinBy(i => blocks[i].Level);
        var title = blocks[titleIndex];
        var where = blocks.Any(block => block.Page is not null) ? "on the first page" : "at the start of the document";
        var reason = fromCover ? $"The most prominent heading {where}" : "The first heading in the document (none stood out at its start)";
        var confidence = fromCover ? 0.9 : 0.5;
        var text = title.Text;

        // Covers often set a short title large with its subtitle beneath ("Careless" / "Helping to improve...").
        if (titleIndex + 1 < blocks.Count && fromCover && front.Contains(titleIndex + 1))
        {
            var next = blocks[titleIndex + 1];
            if (next.Kind == BlockKind.Heading && next.Level > title.Level && IsTitleCandidate(next)
                && WordCount(title.Text) <= 8 && WordCount(next.Text) <= 25)
            {
                text = title.Text[^1] is ':' or '?' or '!' or '.' or '…' ? $"{title.Text} {next.Text}" : $"{title.Text}: {next.Text}";
                reason = $"The most prominent heading {where}, joined with the subtitle beneath it";
                confidence = 0.8;
            }
        }
        return (text, new ReportSource(title.Page, reason, confidence));
    }

    private static bool IsTitleCandidate(ReportBlock block) =>
        block.Kind == BlockKind.Heading
        && !MonthYearOnly().IsMatch(block.Text)
        && !OmbudsmanName().IsMatch(block.Text);

    private static YearMonth? Published(IReadOnlyList<ReportBlock> blocks, List<int> front)
    {
        foreach (var i in front)
        {
            if (MonthYearOnly().Match(blocks[i].Text) is { Success: true } match && ToYearMonth(match) is { } published)
            {
                return published;
            }
        }
        foreach (var i in front)
        {
            if (MonthYear().Match(blocks[i].Text) is { Success: true } match && ToYearMonth(match) is { } published)
            {
                return published;
            }
        }
        foreach (var block in blocks.Take(PublishedSearchBlocks))
        {
            if (PublishedOn().Match(block.Text) is { Success: true } match && ToYearMonth(match) is { } published)
            {
                return published;
            }
        }
        return null;
    }

    private static YearMonth? ToYearMonth(Match match)
    {
        var monthName = match.Groups["month"].Value;
        var year = int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture);
        var month = Array.FindIndex(MonthPrefixes, prefix => monthName.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) + 1;
        return month > 0 ? new YearMonth(year, month) : null;
    }

    private static readonly string[] MonthPrefixes = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

    private static int WordCount(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;

    private const string MonthYearPattern =
        @"(?:\d{1,2}(?:st|nd|rd|th)?\s+)?(?<month>January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?,?\s+(?<year>(?:19|20)\d{2})";

    [GeneratedRegex(@"^(?:published:?\s+)?" + MonthYearPattern + @"\.?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MonthYearOnly();

    [GeneratedRegex(@"\b" + MonthYearPattern + @"\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MonthYear();

    [GeneratedRegex(@"\bpublished(?:\s+(?:in|on))?:?\s+" + MonthYearPattern + @"\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PublishedOn();

    [GeneratedRegex(@"^(?:the\s+)?(?:local\s+government\s+(?:and|&)\s+social\s+care\s+)?ombudsman$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OmbudsmanName();
}
