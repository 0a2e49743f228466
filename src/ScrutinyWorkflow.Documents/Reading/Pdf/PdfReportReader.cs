using ScrutinyWorkflow.Core.Reports;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Exceptions;
using UglyToad.PdfPig.Graphics;

namespace ScrutinyWorkflow.Documents.Reading.Pdf;

/// <summary>
/// Reads a PDF with PdfPig: words with their positions, sizes and weights, then rows, running headers, footers and
/// footnotes set aside (before lines are joined across pages), columns read in order, and lines joined into blocks.
/// </summary>
internal static class PdfReportReader
{
    /// <summary>A page with fewer letters than this carries no real text (a page number, a stray mark).</summary>
    private const int MinimumLettersForText = 20;

    /// <summary>A filled shape wider or taller than this (points) is a box or a rule, never a list bullet.</summary>
    private const double MaximumMarkSize = 12;

    /// <summary>A rule is at most this thick (points); anything thicker is a box or a background.</summary>
    private const double MaximumRuleWidth = 2.5;

    /// <summary>A rule is at least this long (points); shorter marks are bullets, dashes or letters.</summary>
    private const double MinimumRuleLength = 6;

    public static ReadResult Read(byte[] content, IngestionLimits limits, CancellationToken cancellationToken)
    {
        if (!EndsWithEndOfFileMarker(content))
        {
            // A PDF's last bytes say where its index is; without them it was cut short, and whatever is recovered
            // may be missing the questions at the end.
            return new ReadRejected(Rejections.Corrupt("a PDF"));
        }

        if (PdfStreamBudget.Check(content, limits, cancellationToken) is { } tooFar)
        {
            return new ReadRejected(tooFar);
        }

        // PdfPig throws all sorts for damaged files; everything it throws while parsing means the file cannot be read.
        // Only PdfPig's calls are guarded, so a fault in the layout code between them still shows as the bug it is.
        try
        {
            return ReadPages(content, limits, cancellationToken);
        }
        catch (PdfDocumentEncryptedException)
        {
            return new ReadRejected(Rejections.Encrypted());
        }
        catch (UnreadablePdfException)
        {
            return new ReadRejected(Rejections.Corrupt("a PDF"));
        }
    }

    private static ReadResult ReadPages(byte[] content, IngestionLimits limits, CancellationToken cancellationToken)
    {
        using var document = Guard(() => PdfDocument.Open(content, new ParsingOptions { UseLenientParsing = true, SkipMissingFonts = true }));
        var pageCount = Guard(() => document.NumberOfPages);
        if (pageCount > limits.MaxPages)
        {
            return new ReadRejected(Rejections.TooManyPages(pageCount, limits.MaxPages));
        }

        var read = new PdfPageWords?[pageCount];
        var pagesWithoutText = new List<Page>();
        var blocks = FromTheEnd(pageCount, PageWords) ?? Blocks([.. Enumerable.Range(1, pageCount).Select(PageWords)]);
        return Guard(() => IsScanned(read.Count(page => page is not null), pagesWithoutText))
            ? new ReadRejected(Rejections.NoTextLayer())
            : new BlocksRead(blocks);

        PdfPageWords PageWords(int number)
        {
            if (read[number - 1] is { } done)
            {
                return done;
            }
            cancellationToken.ThrowIfCancellationRequested();
            var (page, words) = Guard(() => ReadPage(document, number));
            if (words.Words.Sum(word => word.Text.Length) < MinimumLettersForText)
            {
                pagesWithoutText.Add(page);
            }
            return read[number - 1] = words;
        }
    }

    /// <summary>PdfPig's page and what the layout stages need of it.</summary>
    internal static (Page Page, PdfPageWords Words) ReadPage(PdfDocument document, int number)
    {
        var page = document.GetPage(number);
        var (marks, rules) = Drawing(page);
        return (page, new PdfPageWords(number, page.Height, Words(page), marks, rules));
    }

    /// <summary>A report this long is read from its end first; a shorter one is read whole at once.</summary>
    internal const int PagesReadWhole = 12;

    /// <summary>The cover and the page after it (an inside cover with the publication date) are always read.</summary>
    private const int FrontPages = 2;

    /// <summary>The first run of pages read from the end; each run after it is twice the one before.</summary>
    private const int FirstRun = 4;

    /// <summary>
    /// PdfPig sets every glyph of a page it opens, most of a long PDF's reading time, and a focus report's questions
    /// are at its end. A long report is read from its last page backwards, in runs that double, with its cover, until
    /// the pages read hold a questions section whose first area and question lie after the earliest page read, and
    /// that page asks nothing (it is narrative before the section, not an earlier part of it): the pages before it
    /// cannot add to the section. The blocks of the pages read; or null when no such section was found before the
    /// cover, and the report must be read whole (as a short one always is), so that nothing is found differently.
    /// </summary>
    internal static List<ReportBlock>? FromTheEnd(int pageCount, Func<int, PdfPageWords> readPage)
    {
        if (pageCount <= PagesReadWhole)
        {
            return null;
        }
        var run = FirstRun;
        for (var from = pageCount - run + 1; from > FrontPages + 1; run *= 2, from = Math.Max(FrontPages + 1, from - run))
        {
            var blocks = Blocks([.. Enumerable.Range(1, FrontPages).Select(readPage), .. Enumerable.Range(from, pageCount - from + 1).Select(readPage)]);
            if (QuestionExtractor.Extract(blocks) is ReportExtracted { Report: var report }
                && FirstPage(report) > from
                && !blocks.Any(block => block.Page == from && block.Text.Contains('?', StringComparison.Ordinal)))
            {
                return blocks;
            }
        }
        return null;
    }

    private static int FirstPage(ExtractedReport report) =>
        report.Areas.SelectMany(area => area.Questions.Select(question => question.Source.Page).Prepend(area.Source.Page)).Min() ?? 0;

    /// <summary>PdfPig's work, with whatever it throws for a damaged file turned into one exception that says so.</summary>
    private static T Guard<T>(Func<T> parse)
    {
        try
        {
            return parse();
        }
        catch (Exception exception) when (exception is not (OperationCanceledException or PdfDocumentEncryptedException))
        {
            throw new UnreadablePdfException(exception);
        }
    }

    private sealed class UnreadablePdfException(Exception inner) : Exception("PdfPig could not read the file.", inner);

    /// <summary>The layout stages after PdfPig, on plain data so that tests can feed them made-up pages.</summary>
    internal static List<ReportBlock> Blocks(IReadOnlyList<PdfPageWords> pages)
    {
        var rows = Footnotes.SetAside(RunningText.Remove([.. pages.Select(page => PageLayout.Rows(DrawnMarkers.Apply(page)))]));
        var lines = RuledTables.Apply(PageLayout.Lines(rows), pages);
        ColumnEdges.Apply(lines);
        return LineAssembler.Blocks(lines);
    }

    /// <summary>No page has text, or most pages are images without text: the text is not there to be read.</summary>
    private static bool IsScanned(int pageCount, List<Page> pagesWithoutText)
    {
        if (pagesWithoutText.Count == pageCount)
        {
            return true;
        }
        return pagesWithoutText.Count * 2 > pageCount && pagesWithoutText.Count(page => page.GetImages().Any()) * 2 > pageCount;
    }

    private static List<PdfWord> Words(Page page)
    {
        var words = new List<PdfWord>();
        foreach (var word in page.GetWords())
        {
            // Text set sideways (margin notes, table headers) is not part of the reading order.
            if (word.TextOrientation != TextOrientation.Horizontal || string.IsNullOrWhiteSpace(word.Text))
            {
                continue;
            }
            var letters = word.Letters;
            var size = letters.GroupBy(letter => Math.Round(letter.PointSize, 1)).MaxBy(group => group.Count())!.Key;
            var bold = letters.Count(IsBold) * 2 > letters.Count;
            words.Add(new PdfWord(word.Text, word.BoundingBox.Left, word.BoundingBox.Right, letters[0].StartBaseLine.Y, size, bold));
        }
        return words;
    }

    /// <summary>
    /// What the page draws that the layout reads: small shapes, filled (a disc, a square) or outlined (the hollow
    /// circle browsers give a nested list), candidates for drawn list bullets; and rules across and down the page,
    /// drawn as thin filled rectangles or stroked straight segments, candidates for a table's cell borders.
    /// </summary>
    private static (List<PdfMark> Marks, List<PdfRule> Rules) Drawing(Page page)
    {
        var marks = new List<PdfMark>();
        var rules = new List<PdfRule>();
        foreach (var path in page.Paths)
        {
            if (!(path.IsFilled || path.IsStroked) || path.IsClipping || path.GetBoundingRectangle() is not { } box)
            {
                continue;
            }
            if (box.Width <= MaximumMarkSize && box.Height <= MaximumMarkSize && !IsTriangle(path))
            {
                marks.Add(new PdfMark(box.Left, box.Right, box.Bottom, box.Top));
            }
            foreach (var subpath in path)
            {
                Rules(subpath, path.IsStroked, rules);
            }
        }
        return (marks, rules);
    }

    /// <summary>
    /// A small triangle is a disclosure marker (a browser prints one before each <c>&lt;summary&gt;</c> of an
    /// accordion), not a list bullet: the line after it is a section's title, not an item.
    /// </summary>
    private static bool IsTriangle(PdfPath path) =>
        path.Count == 1
        && path[0].Commands.All(command => command is PdfSubpath.Move or PdfSubpath.Line or PdfSubpath.Close)
        && path[0].Commands.OfType<PdfSubpath.Line>().Select(line => (Math.Round(line.To.X, 1), Math.Round(line.To.Y, 1)))
            .Concat(path[0].Commands.OfType<PdfSubpath.Move>().Select(move => (Math.Round(move.Location.X, 1), Math.Round(move.Location.Y, 1))))
            .Distinct().Count() == 3;

    private static void Rules(PdfSubpath subpath, bool stroked, List<PdfRule> rules)
    {
        if (subpath.GetBoundingRectangle() is not { } box)
        {
            return;
        }
        var thin = Math.Min(box.Width, box.Height);
        var length = Math.Max(box.Width, box.Height);
        if (thin <= MaximumRuleWidth && length >= MinimumRuleLength)
        {
            // A thin rectangle, filled or stroked, or a single stroked segment: the rule along its middle.
            rules.Add(box.Width >= box.Height
                ? new PdfRule(box.Left, box.Right, box.Centroid.Y, box.Centroid.Y)
                : new PdfRule(box.Centroid.X, box.Centroid.X, box.Bottom, box.Top));
            return;
        }
        if (!stroked)
        {
            return;
        }
        // A stroked outline (a cell's box drawn as a rectangle): each of its straight sides across or down.
        foreach (var line in subpath.Commands.OfType<PdfSubpath.Line>())
        {
            var (from, to) = (line.From, line.To);
            if (Math.Abs(from.Y - to.Y) <= 0.5 && Math.Abs(from.X - to.X) >= MinimumRuleLength)
            {
                rules.Add(new PdfRule(Math.Min(from.X, to.X), Math.Max(from.X, to.X), from.Y, from.Y));
            }
            else if (Math.Abs(from.X - to.X) <= 0.5 && Math.Abs(from.Y - to.Y) >= MinimumRuleLength)
            {
                rules.Add(new PdfRule(from.X, from.X, Math.Min(from.Y, to.Y), Math.Max(from.Y, to.Y)));
            }
        }
    }

    private static bool IsBold(Letter letter)
    {
        if (letter.FontDetails is { } details && (details.IsBold || details.Weight >= 600))
        {
            return true;
        }
        var name = letter.FontName ?? "";
        return name.Contains("Bold", StringComparison.OrdinalIgnoreCase)
            || name.Contains("Black", StringComparison.OrdinalIgnoreCase)
            || name.Contains("Heavy", StringComparison.OrdinalIgnoreCase)
            || name.Contains("Semibold", StringComparison.OrdinalIgnoreCase)
            || name.Contains("Demi", StringComparison.OrdinalIgnoreCase);
    }

    private static bool EndsWithEndOfFileMarker(byte[] content)
    {
        var tail = content.AsSpan(Math.Max(0, content.Length - 2048));
        return tail.IndexOf("%%EOF"u8) >= 0;
    }
}
