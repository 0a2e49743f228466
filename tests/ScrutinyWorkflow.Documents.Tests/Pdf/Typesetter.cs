using System.Globalization;
using ScrutinyWorkflow.Core.Reports;
using ScrutinyWorkflow.Documents.Reading;
using ScrutinyWorkflow.Documents.Reading.Pdf;

namespace ScrutinyWorkflow.Documents.Tests.Pdf;

/// <summary>How the running header and footer of a typeset variant look.</summary>
public enum RunningTextStyle
{
    /// <summary>No header or footer at all.</summary>
    None,

    /// <summary>A title in the header, the publisher and a page number in the footer.</summary>
    HeaderAndFooter,

    /// <summary>Just the page number, centred at the foot.</summary>
    PageNumberOnly,

    /// <summary>"Page 3 of 12" at the foot, and the header set left and right on alternate pages.</summary>
    PageOfPagesMirrored,
}

/// <summary>How a typeset variant marks its list items.</summary>
public enum BulletStyle
{
    /// <summary>A bullet character, "•", as word processors set it.</summary>
    Glyph,

    /// <summary>A small filled circle drawn as a shape, as browsers and desktop publishing do.</summary>
    Drawn,

    /// <summary>No marker at all: the item's first line hangs out to the left of its other lines.</summary>
    Hanging,
}

/// <summary>How a typeset variant numbers the items of a list that is not nested.</summary>
public enum NumberStyle
{
    /// <summary>The bullet style's marker on every item.</summary>
    None,

    /// <summary>"1.", "2."... as text runs of their own, a tab's width before the item's text.</summary>
    Numbers,

    /// <summary>"1.", "2."... a word space before the item's text, as browsers set an ordered list's numbers.</summary>
    CloseNumbers,
}

/// <summary>One way of setting a report on pages.</summary>
/// <param name="PageBottoms">How far down each page the text may run (points from the foot), page after page.</param>
/// <param name="HyphenationPercent">How often a long word at the end of a line is broken with a hyphen.</param>
/// <param name="LigaturePercent">How often "fi" and "fl" come out as a single ligature glyph.</param>
/// <param name="TextWidth">How wide the column of text is, in points.</param>
public sealed record Typesetting(
    int[] PageBottoms,
    RunningTextStyle RunningText,
    int HyphenationPercent,
    int LigaturePercent,
    bool RunningTextOnCover,
    BulletStyle Bullets = BulletStyle.Glyph,
    NumberStyle Numbering = NumberStyle.None,
    int TextWidth = 451)
{
    public override string ToString() =>
        $"pages to [{string.Join(", ", PageBottoms)}], {RunningText}{(RunningTextOnCover ? " (cover too)" : "")}, hyphenation {HyphenationPercent}%, ligatures {LigaturePercent}%, "
        + $"bullets {Bullets}, numbering {Numbering}, text {TextWidth} pt wide";
}

/// <summary>
/// Sets a report's blocks on pages the way a word processor does (wrapped lines, hanging list indents, larger
/// headings, paragraph spacing) and returns the words as PdfPig would report them, so that the layout stages can be
/// fed the same report broken into pages in any number of ways.
/// </summary>
internal static class Typesetter
{
    private const double PageWidth = 595;
    private const double Left = 72;
    private const double PageRight = 523;

    /// <summary>Stands in a line for a bullet drawn as a shape until the line has its height.</summary>
    private const string DrawnBullet = "\0drawn";
    private const double Top = 780;
    private const double BodySize = 11;

    public static List<PdfPageWords> Set(IReadOnlyList<ReportBlock> blocks, Typesetting setting, string runningTitle)
    {
        var random = new Random(setting.PageBottoms.Aggregate(17, (hash, bottom) => (hash * 31) + bottom) ^ setting.HyphenationPercent);
        var pages = new List<List<PdfWord>>();
        var page = new List<PdfWord>();
        var marks = new List<List<PdfMark>>();
        var pageMarks = new List<PdfMark>();
        var y = Top;
        var pageIndex = 0;
        double Bottom() => setting.PageBottoms[pageIndex % setting.PageBottoms.Length];

        void NewPage()
        {
            pages.Add(page);
            marks.Add(pageMarks);
            pageMarks = [];
            page = [];
            pageIndex++;
            y = Top;
        }

        var coverEnd = CoverEnd(blocks);
        var number = 0;
        for (var b = 0; b < blocks.Count; b++)
        {
            var block = blocks[b];
            if (b == coverEnd)
            {
                NewPage();
            }
            number = block.Kind != BlockKind.ListItem ? 0 : block.Level == 0 ? number + 1 : number;
            var (size, bold) = Style(block);
            var lines = Wrap(block, size, random, setting, number);
            var pitch = size * 1.25;

            // Items without markers sit line under line, as such lists are set: only their indents tell them apart.
            var spaceBefore = block.Kind == BlockKind.Heading ? size
                : block.Kind == BlockKind.ListItem && setting.Bullets == BulletStyle.Hanging && b > 0 && blocks[b - 1].Kind == BlockKind.ListItem ? 0
                : 0.6 * BodySize;

            // Headings are kept whole and with the line after them, as word processors do.
            if (block.Kind == BlockKind.Heading && y - spaceBefore - ((lines.Count + 1) * pitch) < Bottom())
            {
                NewPage();
            }
            y -= page.Count == 0 ? 0 : spaceBefore;
            foreach (var line in lines)
            {
                if (y - pitch < Bottom())
                {
                    NewPage();
                }
                y -= pitch;
                foreach (var word in line)
                {
                    if (word.Text == DrawnBullet)
                    {
                        var middle = y + (0.33 * size);
                        pageMarks.Add(new PdfMark(word.Left, word.Left + 3.6, middle - 1.8, middle + 1.8));
                        continue;
                    }
                    page.Add(word with { Baseline = y, FontSize = size, Bold = bold });
                }
            }
        }
        pages.Add(page);
        marks.Add(pageMarks);

        return [.. pages.Select((words, i) => new PdfPageWords(i + 1, 842, [.. words, .. RunningText(setting, i + 1, pages.Count, runningTitle)], marks[i]))];
    }

    /// <summary>The blocks up to and including the publication month are the cover.</summary>
    private static int CoverEnd(IReadOnlyList<ReportBlock> blocks)
    {
        for (var i = 0; i < blocks.Count; i++)
        {
            if (DateTime.TryParseExact(blocks[i].Text, "MMMM yyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            {
                return i + 1;
            }
        }
        return 0;
    }

    private static (double Size, bool Bold) Style(ReportBlock block) => block.Kind switch
    {
        BlockKind.Heading => block.Level switch
        {
            1 => (28, true),
            2 => (18, true),
            3 => (16, false),
            4 => (14, true),
            _ => (BodySize, true),
        },
        _ => (BodySize, false),
    };

    /// <summary>The block's words broken into lines, each word placed across the page (its height set later).</summary>
    private static List<List<PdfWord>> Wrap(ReportBlock block, double size, Random random, Typesetting setting, int number)
    {
        var lines = new List<List<PdfWord>>();
        var right = Left + setting.TextWidth;
        // Without markers, a nested item's first line starts past the text of the item above, or nothing would
        // tell it from that item's own next line.
        var markerX = Left + 18 + (block.Level * (setting.Bullets == BulletStyle.Hanging ? 40 : 24));
        var textLeft = block.Kind == BlockKind.ListItem ? markerX + 18 : Left;
        var firstLeft = textLeft;
        var line = new List<PdfWord>();
        if (block.Kind == BlockKind.ListItem)
        {
            var numbered = block.Level == 0 && setting.Numbering != NumberStyle.None;
            var label = numbered ? $"{number}." : "•";
            switch (setting.Bullets)
            {
                case BulletStyle.Hanging:
                    firstLeft = markerX;
                    break;
                case BulletStyle.Drawn when !numbered:
                    line.Add(Word(DrawnBullet, markerX, size));
                    break;
                default:
                    // A browser puts an ordered list's number a word space before the text, right-aligned.
                    var labelX = numbered && setting.Numbering == NumberStyle.CloseNumbers ? textLeft - (0.28 * size) - Width(label, size) : markerX;
                    line.Add(Word(label, labelX, size));
                    break;
            }
        }
        var x = firstLeft;
        foreach (var original in block.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var word = random.Next(100) < setting.LigaturePercent ? Ligatures(original) : original;
            var width = Width(word, size);
            var lineLeft = lines.Count == 0 ? firstLeft : textLeft;
            if (x > lineLeft && x + width > right)
            {
                if (random.Next(100) < setting.HyphenationPercent && Hyphenate(word) is { } split && x + Width(split.Head + "-", size) <= right)
                {
                    line.Add(Word(split.Head + "-", x, size));
                    word = split.Tail;
                    width = Width(word, size);
                }
                lines.Add(line);
                line = [];
                x = textLeft;
            }
            line.Add(Word(word, x, size));
            x += width + (0.28 * size);
        }
        lines.Add(line);
        return lines;
    }

    /// <summary>Where a typesetter might break a long plain word, avoiding breaks that look like a compound's own hyphen.</summary>
    private static (string Head, string Tail)? Hyphenate(string word)
    {
        if (word.Length < 8 || !word.All(char.IsLower))
        {
            return null;
        }
        var at = word.Length / 2;
        var head = word[..at];
        return Hyphenation.KeepsHyphen(head) ? null : (head, word[at..]);
    }

    private static string Ligatures(string word) =>
        word.Replace("ffi", "\uFB03", StringComparison.Ordinal).Replace("fi", "\uFB01", StringComparison.Ordinal).Replace("fl", "\uFB02", StringComparison.Ordinal);

    private static PdfWord Word(string text, double x, double size) => new(text, x, x + Width(text, size), 0, size, false);

    private static double Width(string text, double size) => text.Length * 0.5 * size;

    private static IEnumerable<PdfWord> RunningText(Typesetting setting, int page, int pages, string title)
    {
        if (page == 1 && !setting.RunningTextOnCover)
        {
            return [];
        }
        var number = page.ToString(CultureInfo.InvariantCulture);
        return setting.RunningText switch
        {
            RunningTextStyle.HeaderAndFooter =>
            [
                .. Words(title, PageRight - Width(title, 9), 810, 9),
                .. Words("Local Government and Social Care Ombudsman", Left, 30, 9),
                Word(number, PageRight - Width(number, 9), 9) with { Baseline = 30 },
            ],
            RunningTextStyle.PageNumberOnly => [Word(number, (PageWidth / 2) - 3, 10) with { Baseline = 28 }],
            RunningTextStyle.PageOfPagesMirrored =>
            [
                .. Words(title, page % 2 == 1 ? PageRight - Width(title, 9) : Left, 810, 9),
                .. Words($"Page {number} of {pages.ToString(CultureInfo.InvariantCulture)}", (PageWidth / 2) - 30, 28, 9),
            ],
            _ => [],
        };
    }

    private static IEnumerable<PdfWord> Words(string text, double x, double baseline, double size)
    {
        foreach (var word in text.Split(' '))
        {
            yield return Word(word, x, size) with { Baseline = baseline };
            x += Width(word, size) + (0.28 * size);
        }
    }
}
