using System.Text;
using ScrutinyWorkflow.Core.Reports;

namespace ScrutinyWorkflow.Documents.Reading.Pdf;

/// <summary>
/// Joins a document's lines, in reading order, into headings, paragraphs and list items.
/// </summary>
/// <remarks>
/// A line continues the block above when it is set the same way, sits one line-height below it and lines up with
/// it (with a list item's text, not its bullet). Across a page or column break the height cannot tell, so a line
/// continues a list item when it lines up with the item's text, and a paragraph when the paragraph had not finished
/// its sentence. Headings are the blocks set larger than the body text, or short blocks set wholly in bold;
/// their levels follow their sizes.
/// </remarks>
internal static class LineAssembler
{
    /// <summary>Larger than the body text by this factor makes a heading.</summary>
    private const double HeadingScale = 1.15;

    /// <summary>Lines further apart than this many font sizes are in different paragraphs.</summary>
    private const double LineGap = 1.45;

    /// <summary>How far (in font sizes) lines may disagree and still be lined up.</summary>
    private const double AlignTolerance = 0.9;

    public static List<ReportBlock> Blocks(IReadOnlyList<PdfLine> lines)
    {
        if (lines.Count == 0)
        {
            return [];
        }
        var bodySize = BodySize(lines);
        var drafts = new List<Draft>();
        foreach (var line in lines)
        {
            var marker = Marker(line);
            var current = drafts.Count > 0 ? drafts[^1] : null;
            if (marker is null && current is not null && Continues(current, line, bodySize))
            {
                current.Add(line);
                continue;
            }
            drafts.Add(new Draft(line, marker));
        }
        return ToBlocks(drafts, bodySize);
    }

    /// <summary>The size most of the text is set in.</summary>
    private static double BodySize(IReadOnlyList<PdfLine> lines) =>
        lines.GroupBy(line => line.FontSize).MaxBy(group => group.Sum(line => line.Text.Length))!.Key;

    /// <summary>The left edge of the item's text when the line starts with a list marker; otherwise null.</summary>
    private static double? Marker(PdfLine line)
    {
        if (line.Words.Count < 2)
        {
            return null;
        }
        var first = line.Words[0];
        var second = line.Words[1];
        var gap = second.Left - first.Right;
        if (ListMarkers.IsBullet(first.Text) || (ListMarkers.IsAmbiguousMarker(first.Text) && gap >= 0.4 * line.FontSize))
        {
            return second.Left;
        }
        return null;
    }

    private static bool Continues(Draft draft, PdfLine line, double bodySize)
    {
        var previous = draft.Lines[^1];
        var tolerance = AlignTolerance * line.FontSize;
        if (Math.Abs(line.FontSize - draft.FontSize) > 0.6 || line.Bold != draft.Bold)
        {
            return false;
        }

        var sameFlow = previous.Page == line.Page && previous.Column == line.Column;
        if (sameFlow)
        {
            var gap = previous.Baseline - line.Baseline;
            if (gap <= 0 || gap > LineGap * Math.Max(line.FontSize, previous.FontSize))
            {
                return false;
            }
            return draft.IsListItem
                ? Math.Abs(line.Left - draft.TextLeft) <= tolerance
                : draft.Lines.Count == 1
                    ? line.Left <= draft.TextLeft + tolerance
                    : Math.Abs(line.Left - draft.TextLeft) <= tolerance;
        }

        // A page or column break: headings do not run on, and the break hides the spacing, so alignment and the
        // sentence decide.
        if (draft.FontSize >= bodySize * HeadingScale)
        {
            return false;
        }
        var indent = line.Left - line.ColumnLeft;
        if (draft.IsListItem)
        {
            return Math.Abs(indent - draft.TextIndent) <= tolerance && indent > draft.MarkerIndent + tolerance;
        }
        return Math.Abs(indent - draft.TextIndent) <= tolerance
            && (!EndsSentence(draft.Ending) || StartsInLowerCase(line.Text));
    }

    private static List<ReportBlock> ToBlocks(List<Draft> drafts, double bodySize)
    {
        var kinds = drafts.Select(draft => Classify(draft, bodySize)).ToList();
        var headingStyles = drafts.Where((_, i) => kinds[i] == BlockKind.Heading)
            .Select(draft => Style(draft))
            .Distinct()
            .OrderByDescending(style => style.Size)
            .ThenByDescending(style => style.Bold)
            .ToList();

        var blocks = new List<ReportBlock>(drafts.Count);
        var markerIndents = new List<double>();
        for (var i = 0; i < drafts.Count; i++)
        {
            var draft = drafts[i];
            var text = ReportText.Clean(draft.Text());
            if (text.Length == 0)
            {
                continue;
            }
            var endPage = draft.Lines[^1].Page != draft.Page ? draft.Lines[^1].Page : (int?)null;
            switch (kinds[i])
            {
                case BlockKind.ListItem:
                    blocks.Add(ReportBlock.ListItem(text, Depth(markerIndents, draft.MarkerIndent, draft.FontSize), draft.Page) with { EndPage = endPage });
                    continue;
                case BlockKind.Heading:
                    blocks.Add(ReportBlock.Heading(text, headingStyles.IndexOf(Style(draft)) + 1, draft.Page));
                    break;
                default:
                    blocks.Add(ReportBlock.Paragraph(text, draft.Page) with { EndPage = endPage });
                    break;
            }
            markerIndents.Clear();
        }
        return blocks;
    }

    private static BlockKind Classify(Draft draft, double bodySize)
    {
        if (draft.IsListItem)
        {
            return BlockKind.ListItem;
        }
        if (draft.FontSize >= bodySize * HeadingScale)
        {
            return BlockKind.Heading;
        }
        return draft.Bold && draft.Lines.Count <= 2 && HeadingText.IsShortEnough(draft.Text()) ? BlockKind.Heading : BlockKind.Paragraph;
    }

    private static (double Size, bool Bold) Style(Draft draft) => (Math.Round(draft.FontSize * 2) / 2, draft.Bold);

    /// <summary>
    /// The nesting of a list item, from how far its marker is indented compared with the items before it in the same
    /// list (the list carries on across page breaks).
    /// </summary>
    private static int Depth(List<double> markerIndents, double indent, double fontSize)
    {
        var tolerance = 0.4 * fontSize;
        while (markerIndents.Count > 0 && indent < markerIndents[^1] - tolerance)
        {
            markerIndents.RemoveAt(markerIndents.Count - 1);
        }
        if (markerIndents.Count == 0 || indent > markerIndents[^1] + tolerance)
        {
            markerIndents.Add(indent);
        }
        return markerIndents.Count - 1;
    }

    private static bool EndsSentence(string text)
    {
        var trimmed = text.TrimEnd().TrimEnd('"', '\'', '\u2019', '\u201D', ')');
        return trimmed.Length > 0 && trimmed[^1] is '.' or '?' or '!' or ':';
    }

    private static bool StartsInLowerCase(string text) => text.Length > 0 && char.IsLower(text[0]);

    /// <summary>A block being assembled.</summary>
    private sealed class Draft
    {
        private readonly StringBuilder text = new();

        public Draft(PdfLine first, double? markerTextLeft)
        {
            Lines.Add(first);
            FontSize = first.FontSize;
            Bold = first.Bold;
            IsListItem = markerTextLeft is not null;
            MarkerIndent = first.Left - first.ColumnLeft;
            TextLeft = markerTextLeft ?? first.Left;
            TextIndent = TextLeft - first.ColumnLeft;
            var words = IsListItem ? first.Words.Skip(1) : first.Words;
            text.AppendJoin(' ', words.Select(word => word.Text));
        }

        public List<PdfLine> Lines { get; } = [];

        public double FontSize { get; }

        public bool Bold { get; }

        public bool IsListItem { get; }

        /// <summary>Where the marker (or the first line) starts, from the left of its column.</summary>
        public double MarkerIndent { get; }

        /// <summary>Where continuation lines start on the page.</summary>
        public double TextLeft { get; private set; }

        /// <summary>Where continuation lines start, from the left of their column.</summary>
        public double TextIndent { get; private set; }

        public int Page => Lines[0].Page;

        /// <summary>The end of the text so far: enough to say whether it finished a sentence, without copying it all.</summary>
        public string Ending => text.ToString(Math.Max(0, text.Length - 64), Math.Min(64, text.Length));

        public void Add(PdfLine line)
        {
            if (!IsListItem && Lines.Count == 1)
            {
                // A first line may be indented; the second shows where the paragraph's lines start.
                TextLeft = line.Left;
                TextIndent = line.Left - line.ColumnLeft;
            }
            else if (line.Page != Lines[^1].Page || line.Column != Lines[^1].Column)
            {
                TextLeft = line.Left;
            }
            Lines.Add(line);
            Hyphenation.Join(text, line.Text);
        }

        public string Text() => text.ToString();
    }
}
