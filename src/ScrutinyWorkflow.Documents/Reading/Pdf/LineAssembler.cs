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

    /// <summary>
    /// Lines further apart than this many font sizes are in different paragraphs, unless the document shows it sets
    /// its lines further apart than that (see <see cref="MeasuredLineGap"/>).
    /// </summary>
    private const double LineGap = 1.45;

    /// <summary>A paragraph's lines sit within this factor of the document's usual line pitch.</summary>
    private const double PitchSlack = 1.15;

    /// <summary>Fewer line pairs than this say too little about a document's line pitch.</summary>
    private const int MinimumPitchSamples = 5;

    /// <summary>A gap between words this many font sizes wide is a gutter, not a word space.</summary>
    private const double WideGap = 2.5;

    /// <summary>How far (in font sizes) lines may disagree and still be lined up.</summary>
    private const double AlignTolerance = 0.9;

    public static List<ReportBlock> Blocks(IReadOnlyList<PdfLine> lines)
    {
        if (lines.Count == 0)
        {
            return [];
        }
        var bodySize = BodySize(lines);
        var lineGap = MeasuredLineGap(lines);
        var drafts = new List<Draft>();
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            var current = drafts.Count > 0 ? drafts[^1] : null;
            var marker = IsSectionNumbered(line, bodySize) ? null : Marker(line) ?? SetNumber(line, i + 1 < lines.Count ? lines[i + 1] : null, current, lineGap);
            if (marker is null && current is not null && Continues(current, line, bodySize, lineGap))
            {
                current.Add(line);
                continue;
            }
            drafts.Add(new Draft(line, marker)
            {
                InHangingList = current is { IsHanging: true } or { InHangingList: true }
                    && current.Lines[^1].Page == line.Page && current.Lines[^1].Column == line.Column
                    && Math.Abs(current.Lines[0].Left - line.Left) <= AlignTolerance * line.FontSize,
            });
        }
        return ToBlocks(drafts, bodySize, lineGap);
    }

    /// <summary>
    /// How far apart (in font sizes) a paragraph's lines may be in this document. A line that stops mid-sentence is
    /// certainly followed by the rest of its paragraph, so the usual gap after such lines is the document's line
    /// pitch, whatever tool set it (a browser's line-height of 1.5 sets lines further apart than a word processor
    /// sets paragraphs). Never less than the fixed gap the layout rules were first written with.
    /// </summary>
    private static double MeasuredLineGap(IReadOnlyList<PdfLine> lines)
    {
        var pitches = new Dictionary<double, int>();
        for (var i = 1; i < lines.Count; i++)
        {
            var (upper, lower) = (lines[i - 1], lines[i]);
            if (upper.Page != lower.Page || upper.Column != lower.Column || Math.Abs(upper.FontSize - lower.FontSize) > 0.1 || EndsSentence(upper.Text) || upper.Text.EndsWith(';'))
            {
                continue;
            }
            var pitch = Math.Round((upper.Baseline - lower.Baseline) / lower.FontSize * 20) / 20;
            if (pitch is > 0.8 and < 2.5)
            {
                pitches[pitch] = pitches.GetValueOrDefault(pitch) + 1;
            }
        }
        if (pitches.Values.Sum() < MinimumPitchSamples)
        {
            return LineGap;
        }
        return Math.Max(LineGap, pitches.MaxBy(pair => pair.Value).Key * PitchSlack);
    }

    /// <summary>The size most of the text is set in.</summary>
    private static double BodySize(IReadOnlyList<PdfLine> lines) =>
        lines.GroupBy(line => line.FontSize).MaxBy(group => group.Sum(line => line.Text.Length))!.Key;

    /// <summary>
    /// A line set as a heading (bold, or larger than the text) that opens with a number: "5.1 Council tax reduction"
    /// as LaTeX and outline-numbered word processors set a section's heading, a space or a tab from its number. A
    /// number over several levels at the text's size needs the weight to show it; a plain "5." needs the size, as a
    /// bold list of numbered questions is still a list.
    /// </summary>
    private static bool IsSectionNumbered(PdfLine line, double bodySize)
    {
        if (line.Words.Count < 2 || !ListMarkers.IsNumber(line.Words[0].Text) || !line.Words[1].Text.Any(char.IsLetter))
        {
            return false;
        }
        var larger = line.FontSize >= bodySize * HeadingScale;
        return larger || (line.Bold && ListMarkers.IsSectionNumber(line.Words[0].Text));
    }

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

    /// <summary>
    /// A browser sets a list's number only a word space before the item's text, as close as a sentence that starts
    /// with a number. The layout tells them apart: the item's next line hangs under its text, not under the number,
    /// or the item above was numbered from the same place.
    /// </summary>
    private static double? SetNumber(PdfLine line, PdfLine? next, Draft? previous, double lineGap)
    {
        if (line.Words.Count < 2 || !ListMarkers.IsNumber(line.Words[0].Text))
        {
            return null;
        }
        var textLeft = line.Words[1].Left;
        var tolerance = AlignTolerance * line.FontSize;
        if (textLeft - line.Words[0].Right < 0.15 * line.FontSize)
        {
            return null;
        }
        // Measured from the column's edge, so that the item's next line may be over a page or column break.
        var textIndent = textLeft - line.ColumnLeft;
        var sameFlow = next is not null && next.Page == line.Page && next.Column == line.Column;
        var hangs = next is not null
            && (!sameFlow || (line.Baseline - next.Baseline > 0 && line.Baseline - next.Baseline <= lineGap * line.FontSize))
            && Math.Abs(next.Left - next.ColumnLeft - textIndent) <= 0.2 * line.FontSize
            && next.Left - next.ColumnLeft > line.Left - line.ColumnLeft + tolerance;
        var follows = previous is { IsListItem: true, Numbered: true }
            && Math.Abs(previous.TextLeft - textLeft) <= 0.2 * line.FontSize;
        return hangs || follows ? textLeft : null;
    }

    private static bool Continues(Draft draft, PdfLine line, double bodySize, double lineGap)
    {
        var previous = draft.Lines[^1];
        var tolerance = AlignTolerance * line.FontSize;
        if (Math.Abs(line.FontSize - draft.FontSize) > 0.6 || line.Bold != draft.Bold)
        {
            return false;
        }

        if (previous.Cell != line.Cell && !SameTableColumnOverAPage(previous, line))
        {
            return false;
        }
        var sameFlow = previous.Page == line.Page && previous.Column == line.Column;
        if (sameFlow)
        {
            var gap = previous.Baseline - line.Baseline;
            if (gap <= 0 || gap > lineGap * Math.Max(line.FontSize, previous.FontSize) || EndedEarly(previous, line))
            {
                return false;
            }
            if (draft.IsListItem)
            {
                return Math.Abs(line.Left - draft.TextLeft) <= tolerance;
            }
            if (draft.Lines.Count > 1)
            {
                return Math.Abs(line.Left - draft.TextLeft) <= tolerance;
            }

            // A first line set further left than the second is a first-line indent the other way round: a hanging
            // indent, which marks a list item without a bullet, unless the first line finished a sentence or a
            // lead-in. Under an item that hangs, a line level with the item's first line is the next item, not the
            // rest of this one.
            if (IsHangingIndent(line.Left - draft.TextLeft, line.FontSize) && !EndsSentence(draft.Ending))
            {
                return true;
            }
            return line.Left <= draft.TextLeft + tolerance && !draft.InHangingList;
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
            // An item's sentence left unfinished and carried on in lower case is the same item, wherever the
            // next column sets its text.
            return (Math.Abs(indent - draft.TextIndent) <= tolerance && indent > draft.MarkerIndent + tolerance)
                || (!EndsSentence(draft.Ending) && StartsInLowerCase(line.Text));
        }
        // A line hanging in under a one-line paragraph carries it on only mid-sentence: after a lead-in's colon it
        // is the first of the items the lead-in introduces.
        var unfinished = !EndsSentence(draft.Ending) || StartsInLowerCase(line.Text);
        return (unfinished && Math.Abs(indent - draft.TextIndent) <= tolerance)
            || (draft.Lines.Count == 1 && !EndsSentence(draft.Ending) && IsHangingIndent(indent - draft.TextIndent, line.FontSize));
    }

    /// <summary>
    /// A table cell is read on its own, but a row broken over a page carries its cells on in the same column of the
    /// table on the next page.
    /// </summary>
    private static bool SameTableColumnOverAPage(PdfLine previous, PdfLine line) =>
        previous.Cell is { } above && line.Cell is { } below && previous.Page != line.Page && above.TableColumn == below.TableColumn;

    /// <summary>How far a hanging indent sets the lines after the first in: more than a slip, less than a column.</summary>
    private static bool IsHangingIndent(double indent, double fontSize) => indent > AlignTolerance * fontSize && indent <= 4 * fontSize;

    /// <summary>
    /// The line above stopped well short of its column's right edge, though the first word of this line would have
    /// fitted there: whoever set it ended the line on purpose, so this line starts something new (the next of a list
    /// of items without bullets, or a new paragraph). A line that finished a sentence needs less room to show it.
    /// </summary>
    private static bool EndedEarly(PdfLine previous, PdfLine line)
    {
        if (previous.ColumnRight == double.MaxValue || previous.Text.EndsWith('-') || line.Words.Count == 0)
        {
            return false;
        }
        var size = line.FontSize;
        var firstWord = line.Words[0];
        var needed = (firstWord.Right - firstWord.Left) + (0.3 * size);
        var slack = EndsSentence(previous.Text) ? 0.5 * size : 2 * size;
        return previous.Right + needed + slack <= previous.ColumnRight;
    }

    private static List<ReportBlock> ToBlocks(List<Draft> drafts, double bodySize, double lineGap)
    {
        MarkHangingRuns(drafts, lineGap);
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
                    blocks.Add(ReportBlock.ListItem(text, Depth(markerIndents, draft.MarkerIndent, draft.FontSize), draft.Page) with { EndPage = endPage, Doubt = Doubt(draft) });
                    continue;
                case BlockKind.Heading:
                    var bySizeAlone = !draft.Bold && draft.FontSize < bodySize * 1.3 && !IsRowLabel(draft);
                    blocks.Add(ReportBlock.Heading(text, headingStyles.IndexOf(Style(draft)) + 1, draft.Page) with
                    {
                        Doubt = bySizeAlone ? "its heading is only a little larger than the text and not bold, so it was told from its size alone" : Doubt(draft),
                    });
                    break;
                default:
                    blocks.Add(ReportBlock.Paragraph(text, draft.Page) with { EndPage = endPage, Doubt = Doubt(draft) });
                    break;
            }
            markerIndents.Clear();
        }
        return blocks;
    }

    /// <summary>
    /// In a list set with hanging indents and no bullets, an item that fits on one line shows no indent of its own;
    /// it is an item all the same when it sits, line after line, with items that do.
    /// </summary>
    private static void MarkHangingRuns(List<Draft> drafts, double lineGap)
    {
        // Down the page, then back up it: one-line items below and above an item that hangs.
        for (var i = 1; i < drafts.Count; i++)
        {
            if (drafts[i - 1].IsHanging && CouldHang(drafts[i]) && Adjacent(drafts[i - 1].Lines[^1], drafts[i].Lines[0], drafts[i - 1].MarkerIndent, drafts[i], lineGap))
            {
                drafts[i].IsHanging = true;
            }
        }
        for (var i = drafts.Count - 2; i >= 0; i--)
        {
            if (drafts[i + 1].IsHanging && CouldHang(drafts[i]) && Adjacent(drafts[i].Lines[^1], drafts[i + 1].Lines[0], drafts[i + 1].MarkerIndent, drafts[i], lineGap))
            {
                drafts[i].IsHanging = true;
            }
        }
    }

    private static bool CouldHang(Draft draft) => !draft.IsListItem && !draft.IsHanging && draft.Lines.Count == 1;

    /// <summary>
    /// One line directly below the other, in the same column and style, and the one-line block indented like a list
    /// item: no further left than the list, or set in from the column's edge (the item a nested list hangs from).
    /// </summary>
    private static bool Adjacent(PdfLine upper, PdfLine lower, double listIndent, Draft draft, double lineGap)
    {
        if (upper.Page != lower.Page || upper.Column != lower.Column || Math.Abs(upper.FontSize - lower.FontSize) > 0.6 || upper.Bold != lower.Bold)
        {
            return false;
        }
        var gap = upper.Baseline - lower.Baseline;
        var tolerance = AlignTolerance * lower.FontSize;
        return gap > 0 && gap <= lineGap * lower.FontSize && (draft.MarkerIndent >= listIndent - tolerance || draft.MarkerIndent > tolerance);
    }

    /// <summary>What was unusual in the block's lines, for the scrutiny officer to check.</summary>
    private static string? Doubt(Draft draft) =>
        draft.Lines.Any(HasWideGap)
            ? "a line of it has a gap as wide as a gutter between columns, so its words may have been read across two columns: check their order"
            : null;

    /// <summary>A line across the page with a gap in it wider than word spaces ever are (a marker's gap aside).</summary>
    private static bool HasWideGap(PdfLine line)
    {
        if (line.Side != ColumnSide.Full)
        {
            return false;
        }
        for (var w = 2; w < line.Words.Count; w++)
        {
            if (line.Words[w].Left - line.Words[w - 1].Right >= WideGap * line.FontSize)
            {
                return true;
            }
        }
        return false;
    }

    private static BlockKind Classify(Draft draft, double bodySize)
    {
        if (draft.IsListItem || draft.IsHanging)
        {
            return BlockKind.ListItem;
        }
        if (IsRowLabel(draft))
        {
            return BlockKind.Heading;
        }
        if (draft.FontSize >= bodySize * HeadingScale)
        {
            return BlockKind.Heading;
        }
        return draft.Bold && draft.Lines.Count <= 2 && HeadingText.IsShortEnough(draft.Text()) ? BlockKind.Heading : BlockKind.Paragraph;
    }

    /// <summary>A table row's label cell that names something: short, with words, asking nothing (a cell that asks is a question).</summary>
    private static bool IsRowLabel(Draft draft)
    {
        var text = draft.Text();
        return draft.Lines[0].RowLabel && HeadingText.IsShortEnough(text) && text.Any(char.IsLetter) && !text.Contains('?', StringComparison.Ordinal);
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
            Numbered = IsListItem && ListMarkers.IsNumber(first.Words[0].Text);
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

        /// <summary>Starts level with the first line of a list item that hangs, just below it: the next item.</summary>
        public bool InHangingList { get; init; }

        /// <summary>A list item whose marker is a number.</summary>
        public bool Numbered { get; }

        /// <summary>A block without a marker whose first line hangs out to the left of the others: a list item.</summary>
        public bool IsHanging { get; set; }

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
                IsHanging = line.Left - line.ColumnLeft > TextIndent + (AlignTolerance * line.FontSize);
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
