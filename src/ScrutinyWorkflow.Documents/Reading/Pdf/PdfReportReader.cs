using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Exceptions;

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
        // Only the parsing is guarded, so a fault in the layout code below still shows as the bug it is.
        List<PdfPageWords> pages;
        try
        {
            var parsed = Parse(content, limits, cancellationToken);
            if (parsed.Rejection is { } rejection)
            {
                return new ReadRejected(rejection);
            }
            pages = parsed.Pages;
        }
        catch (PdfDocumentEncryptedException)
        {
            return new ReadRejected(Rejections.Encrypted());
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return new ReadRejected(Rejections.Corrupt("a PDF"));
        }
        return new BlocksRead(Blocks(pages));
    }

    private sealed record Parsed(List<PdfPageWords> Pages, IngestionRejected? Rejection);

    private static Parsed Parse(byte[] content, IngestionLimits limits, CancellationToken cancellationToken)
    {
        using var document = PdfDocument.Open(content, new ParsingOptions { UseLenientParsing = true, SkipMissingFonts = true });
        if (document.NumberOfPages > limits.MaxPages)
        {
            return new Parsed([], Rejections.TooManyPages(document.NumberOfPages, limits.MaxPages));
        }

        var pages = new List<PdfPageWords>(document.NumberOfPages);
        var pagesWithoutText = new List<Page>();
        for (var number = 1; number <= document.NumberOfPages; number++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var page = document.GetPage(number);
            var words = Words(page);
            if (words.Sum(word => word.Text.Length) < MinimumLettersForText)
            {
                pagesWithoutText.Add(page);
            }
            pages.Add(new PdfPageWords(number, page.Height, words, Marks(page)));
        }
        return new Parsed(pages, IsScanned(pages.Count, pagesWithoutText) ? Rejections.NoTextLayer() : null);
    }

    /// <summary>The layout stages after PdfPig, on plain data so that tests can feed them made-up pages.</summary>
    internal static List<Core.Reports.ReportBlock> Blocks(IReadOnlyList<PdfPageWords> pages)
    {
        var rows = Footnotes.SetAside(RunningText.Remove([.. pages.Select(page => PageLayout.Rows(DrawnMarkers.Apply(page)))]));
        var lines = PageLayout.Lines(rows);
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
    /// The small shapes on the page, filled (a disc, a square) or outlined (the hollow circle browsers give a nested
    /// list): candidates for drawn list bullets.
    /// </summary>
    private static List<PdfMark> Marks(Page page)
    {
        var marks = new List<PdfMark>();
        foreach (var path in page.Paths)
        {
            if (!(path.IsFilled || path.IsStroked) || path.IsClipping || path.GetBoundingRectangle() is not { } box)
            {
                continue;
            }
            if (box.Width <= MaximumMarkSize && box.Height <= MaximumMarkSize)
            {
                marks.Add(new PdfMark(box.Left, box.Right, box.Bottom, box.Top));
            }
        }
        return marks;
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
