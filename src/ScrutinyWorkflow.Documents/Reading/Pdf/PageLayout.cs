namespace ScrutinyWorkflow.Documents.Reading.Pdf;

/// <summary>
/// Puts a page's words into rows, and rows into lines in reading order: a two-column stretch of a page is read down
/// the left column and then down the right one.
/// </summary>
internal static class PageLayout
{
    /// <summary>A row's words sit within this fraction of their font size of its baseline.</summary>
    private const double BaselineTolerance = 0.35;

    /// <summary>A band needs this many rows with text either side of a gutter before it is read as columns.</summary>
    private const int MinimumTwoSidedRows = 3;

    /// <summary>Where another page of the document already has columns at the same gutter, one such row will do.</summary>
    private const int MinimumTwoSidedRowsAtKnownGutter = 1;

    /// <summary>The narrowest gap (in font sizes) between columns; word spaces are about a third of that.</summary>
    private const double MinimumGutterWidth = 0.9;

    /// <summary>
    /// How far (in line pitches) a one-sided row may sit from a band and still join it: a heading's space above it
    /// within a column, not the space between the columns and the text after them.
    /// </summary>
    private const double BandReach = 2.5;

    /// <summary>Gutters within this many points of each other are the same gutter.</summary>
    private const double SameGutter = 6;

    public static PdfPageRows Rows(PdfPageWords page)
    {
        var words = page.Words.OrderByDescending(word => word.Baseline).ThenBy(word => word.Left).ToList();
        var rows = new List<List<PdfWord>>();
        foreach (var word in words)
        {
            var row = rows.Count > 0 ? rows[^1] : null;
            if (row is not null && Math.Abs(row[0].Baseline - word.Baseline) <= BaselineTolerance * Math.Min(row[0].FontSize, word.FontSize))
            {
                row.Add(word);
            }
            else
            {
                rows.Add([word]);
            }
        }
        return new PdfPageRows(page.Number, page.Height, [.. MergeRaisedWords(rows).Select(row => new PdfRow([.. row.OrderBy(word => word.Left)]))]);
    }

    /// <summary>
    /// Superscripts (footnote marks, "1st") sit above the baseline in a smaller size; they belong to the row below. A
    /// footnote's mark (a raised number or "*", "†") set hard against the word it annotates is left out: it is no
    /// part of the sentence, and kept it would end a question with "file? 2".
    /// </summary>
    private static List<List<PdfWord>> MergeRaisedWords(List<List<PdfWord>> rows)
    {
        var merged = new List<List<PdfWord>>();
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            if (i + 1 < rows.Count)
            {
                var below = rows[i + 1];
                var belowSize = below.Max(word => word.FontSize);
                var isRaised = row.All(word => word.FontSize <= 0.8 * belowSize)
                    && row[0].Baseline - below[0].Baseline <= 0.6 * belowSize;
                if (isRaised)
                {
                    below.AddRange(row.Where(word => !IsFootnoteMark(word, below)));
                    continue;
                }
            }
            merged.Add(row);
        }
        return merged;
    }

    private static bool IsFootnoteMark(PdfWord raised, List<PdfWord> below) =>
        raised.Text.Length is > 0 and <= 3
        && raised.Text.All(c => char.IsAsciiDigit(c) || c is '*' or '†' or '‡' or '§')
        && below.Any(word => word.Text.Length > 1 && Math.Abs(raised.Left - word.Right) <= 0.25 * word.FontSize);

    /// <summary>
    /// The document's lines in reading order, with two-column bands read one column at a time. A page whose columns
    /// are too short to show themselves (a few lines at the foot of a page) is read with the gutter other pages show.
    /// </summary>
    public static List<PdfLine> Lines(IReadOnlyList<PdfPageRows> pages)
    {
        var bands = pages.Select(page => ColumnBands(page.Rows)).ToList();
        var gutters = bands.SelectMany(pageBands => pageBands.Select(band => band.Gutter)).Distinct().ToList();
        var lines = new List<PdfLine>();
        for (var i = 0; i < pages.Count; i++)
        {
            var pageBands = bands[i].Count > 0 || gutters.Count == 0 ? bands[i] : ColumnBandsAt(pages[i].Rows, gutters);
            lines.AddRange(Lines(pages[i], pageBands));
        }
        return lines;
    }

    private static List<PdfLine> Lines(PdfPageRows page, List<Band> bands)
    {
        var rows = page.Rows;
        var lines = new List<PdfLine>();
        if (rows.Count == 0)
        {
            return lines;
        }

        var column = 1;
        for (var i = 0; i < rows.Count;)
        {
            var band = bands.FirstOrDefault(candidate => candidate.First == i);
            if (band is null)
            {
                lines.Add(new PdfLine(page.Number, rows[i].Words, ColumnSide.Full, column: 0));
                i++;
                continue;
            }

            var left = new List<IReadOnlyList<PdfWord>>();
            var right = new List<IReadOnlyList<PdfWord>>();
            for (var r = band.First; r <= band.Last; r++)
            {
                var words = rows[r].Words;
                var leftWords = words.Where(word => word.Right <= band.Gutter).ToList();
                var rightWords = words.Where(word => word.Left >= band.Gutter).ToList();
                if (leftWords.Count > 0)
                {
                    left.Add(leftWords);
                }
                if (rightWords.Count > 0)
                {
                    right.Add(rightWords);
                }
            }
            foreach (var (side, words) in new[] { (ColumnSide.Left, left), (ColumnSide.Right, right) })
            {
                if (words.Count == 0)
                {
                    continue;
                }
                var columnNumber = column;
                lines.AddRange(words.Select(lineWords => new PdfLine(page.Number, lineWords, side, columnNumber)));
                column++;
            }
            i = band.Last + 1;
        }
        return lines;
    }

    /// <summary>A run of rows (by index, inclusive) read as two columns split at <see cref="Gutter"/>.</summary>
    internal sealed record Band(int First, int Last, double Gutter)
    {
        public bool Contains(int row) => row >= First && row <= Last;
    }

    /// <summary>
    /// Finds stretches of the page where a vertical gutter near the middle separates text on both sides for several
    /// rows and no word crosses it. Rows with text on only one side join a band when they sit close to it: the short
    /// last line of a column, or a heading set in one column.
    /// </summary>
    internal static List<Band> ColumnBands(IReadOnlyList<PdfRow> rows)
    {
        if (rows.Count == 0)
        {
            return [];
        }
        var textLeft = rows.Min(row => row.Words[0].Left);
        var textRight = rows.Max(row => row.Words[^1].Right);
        var width = textRight - textLeft;
        if (width <= 0)
        {
            return [];
        }

        var candidates = new SortedSet<double>();
        foreach (var row in rows)
        {
            for (var w = 1; w < row.Words.Count; w++)
            {
                var gapStart = row.Words[w - 1].Right;
                var gapEnd = row.Words[w].Left;
                var middle = (gapStart + gapEnd) / 2;
                if (gapEnd - gapStart >= MinimumGutterWidth * row.Words[w].FontSize && middle > textLeft + (0.25 * width) && middle < textLeft + (0.75 * width))
                {
                    candidates.Add(Math.Round(middle));
                }
            }
        }

        var bands = Best(rows, candidates, MinimumTwoSidedRows);
        return bands.Count > 0 ? bands : OffsetBands(rows, textLeft, width);
    }

    /// <summary>
    /// Two columns whose lines never share a baseline (a browser sets each column's lines from its own top, and a
    /// heading in one shifts them): no row has text both sides of the gutter, but one stretch of the page has rows
    /// wholly left of it and rows wholly right of it, and no row crosses it. The gutter is just left of where a line
    /// starts in the middle of the page; the one that puts most rows on either side is the columns' own.
    /// </summary>
    private static List<Band> OffsetBands(IReadOnlyList<PdfRow> rows, double textLeft, double width)
    {
        var edges = rows.Select(row => row.Words[0].Left)
            .Where(left => left > textLeft + (0.3 * width) && left < textLeft + (0.7 * width))
            .Select(left => Math.Round(left))
            .Distinct();
        return Best(edges.Select(edge => edge - 1), gutter => OffsetBandsAt(rows, gutter));
    }

    private static (List<Band> Bands, int Score) OffsetBandsAt(IReadOnlyList<PdfRow> rows, double gutter)
    {
        var bands = new List<Band>();
        var score = 0;
        foreach (var (start, end) in Stretches(rows, gutter))
        {
            var inStretch = Enumerable.Range(start, end - start + 1).ToList();
            var left = inStretch.Where(r => rows[r].Words[^1].Right <= gutter + 0.5).ToList();
            var right = inStretch.Where(r => rows[r].Words[0].Left >= gutter - 0.5).ToList();
            if (left.Count < MinimumTwoSidedRows || right.Count < MinimumTwoSidedRows)
            {
                continue;
            }
            bands.Add(new Band(Math.Min(left[0], right[0]), Math.Max(left[^1], right[^1]), gutter));
            score += left.Count + right.Count;
        }
        return (bands, score);
    }

    private static List<Band> ColumnBandsAt(IReadOnlyList<PdfRow> rows, List<double> knownGutters) =>
        rows.Count == 0 ? [] : Best(rows, knownGutters.Where(gutter => !knownGutters.Any(other => other < gutter && gutter - other < SameGutter)), MinimumTwoSidedRowsAtKnownGutter);

    private static List<Band> Best(IReadOnlyList<PdfRow> rows, IEnumerable<double> gutters, int minimumTwoSided) =>
        Best(gutters, gutter => BandsAt(rows, gutter, minimumTwoSided));

    /// <summary>The bands at whichever gutter scores highest (the first of equals); none when no gutter scores.</summary>
    private static List<Band> Best(IEnumerable<double> gutters, Func<double, (List<Band> Bands, int Score)> bandsAt)
    {
        List<Band> best = [];
        var bestScore = 0;
        foreach (var gutter in gutters)
        {
            var (bands, score) = bandsAt(gutter);
            if (score > bestScore)
            {
                (best, bestScore) = (bands, score);
            }
        }
        return best;
    }

    private static (List<Band> Bands, int Score) BandsAt(IReadOnlyList<PdfRow> rows, double gutter, int minimumTwoSided)
    {
        var bands = new List<Band>();
        var score = 0;
        foreach (var (start, end) in Stretches(rows, gutter))
        {
            var twoSided = Enumerable.Range(start, end - start + 1).Where(r => IsTwoSided(rows[r], gutter)).ToList();
            if (twoSided.Count < minimumTwoSided)
            {
                continue;
            }
            var first = twoSided[0];
            var last = twoSided[^1];
            var pitch = ColumnPitch(rows, first, last, gutter);
            while (first > start && rows[first - 1].Baseline - rows[first].Baseline <= BandReach * pitch)
            {
                first--;
            }
            while (last < end && rows[last].Baseline - rows[last + 1].Baseline <= BandReach * pitch)
            {
                last++;
            }
            bands.Add(new Band(first, last, gutter));
            score += twoSided.Count;
        }
        return (bands, score);
    }

    /// <summary>Each run of consecutive rows (first and last index) in which no row crosses the gutter.</summary>
    private static IEnumerable<(int Start, int End)> Stretches(IReadOnlyList<PdfRow> rows, double gutter)
    {
        var i = 0;
        while (i < rows.Count)
        {
            if (Crosses(rows[i], gutter))
            {
                i++;
                continue;
            }
            var start = i;
            while (i < rows.Count && !Crosses(rows[i], gutter))
            {
                i++;
            }
            yield return (start, i - 1);
        }
    }

    /// <summary>
    /// The line pitch down a column, measured on each side of the gutter apart: where the columns' baselines are
    /// offset their rows interleave, and the pitch across both would be half a column's, too short to reach over the
    /// space above a heading in the longer column once the other has ended.
    /// </summary>
    private static double ColumnPitch(IReadOnlyList<PdfRow> rows, int first, int last, double gutter)
    {
        var inBand = Enumerable.Range(first, last - first + 1).ToList();
        var left = TypicalPitch([.. inBand.Where(r => rows[r].Words.Any(word => word.Right <= gutter + 0.5)).Select(r => rows[r])]);
        var right = TypicalPitch([.. inBand.Where(r => rows[r].Words.Any(word => word.Left >= gutter - 0.5)).Select(r => rows[r])]);
        return Math.Max(left ?? 0, right ?? 0) is > 0 and var pitch ? pitch : rows[first].Words.Max(word => word.FontSize) * 1.2;
    }

    private static double? TypicalPitch(IReadOnlyList<PdfRow> rows)
    {
        var gaps = Enumerable.Range(0, Math.Max(0, rows.Count - 1)).Select(r => rows[r].Baseline - rows[r + 1].Baseline).Where(gap => gap > 0).Order().ToList();
        return gaps.Count > 0 ? gaps[gaps.Count / 2] : null;
    }

    /// <summary>
    /// A word spans the gutter, or the row's words either side of it are only a word space apart: a line across the
    /// page whose space happens to fall there.
    /// </summary>
    private static bool Crosses(PdfRow row, double gutter)
    {
        PdfWord? before = null;
        PdfWord? after = null;
        foreach (var word in row.Words)
        {
            if (word.Left < gutter - 0.5 && word.Right > gutter + 0.5)
            {
                return true;
            }
            if (word.Right <= gutter + 0.5)
            {
                before = word;
            }
            else if (after is null)
            {
                after = word;
            }
        }
        return before is not null && after is not null && after.Left - before.Right < MinimumGutterWidth * after.FontSize;
    }

    private static bool IsTwoSided(PdfRow row, double gutter) =>
        row.Words.Any(word => word.Right <= gutter + 0.5) && row.Words.Any(word => word.Left >= gutter - 0.5);
}
