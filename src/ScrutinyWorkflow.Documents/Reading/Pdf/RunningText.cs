using System.Text;

namespace ScrutinyWorkflow.Documents.Reading.Pdf;

/// <summary>
/// Removes running headers and footers: rows near the top or bottom of a page whose text, with its numbers ignored,
/// comes back at the same height on many pages. Page numbers on their own are the same case ("#", "Page # of #").
/// </summary>
internal static class RunningText
{
    /// <summary>How many rows from each edge of a page can be running text.</summary>
    private const int EdgeRows = 3;

    /// <summary>Running text sits in this fraction of the page height at its top or bottom.</summary>
    private const double MarginZone = 0.15;

    /// <summary>How far (points) the same header may drift between pages.</summary>
    private const double SameHeight = 4;

    public static List<PdfPageRows> Remove(IReadOnlyList<PdfPageRows> pages)
    {
        var pagesWithText = pages.Count(page => page.Rows.Count > 0);
        var required = Math.Max(2, (int)Math.Ceiling(pagesWithText * 0.4));
        var largest = LargestRunningSize(pages);

        // For each shape of edge text, the pages and heights it was seen at.
        var seen = new Dictionary<string, List<(int Page, double Baseline)>>();
        foreach (var page in pages)
        {
            foreach (var index in EdgeRowIndexes(page, largest))
            {
                var row = page.Rows[index];
                var key = Shape(row.Text);
                if (!seen.TryGetValue(key, out var places))
                {
                    seen[key] = places = [];
                }
                places.Add((page.Number, row.Baseline));
            }
        }

        // For each shape that runs, the heights it runs at.
        var running = new Dictionary<string, List<double>>();
        foreach (var (key, places) in seen)
        {
            // Group the places by height; odd and even pages may set the same header at different heights.
            foreach (var height in places.Select(place => place.Baseline).Distinct())
            {
                var pagesAtHeight = places.Where(place => Math.Abs(place.Baseline - height) <= SameHeight).Select(place => place.Page).Distinct().Count();
                if (pagesAtHeight >= required)
                {
                    if (!running.TryGetValue(key, out var heights))
                    {
                        running[key] = heights = [];
                    }
                    heights.Add(Math.Round(height));
                }
            }
        }

        return [.. pages.Select(page =>
        {
            var runningRows = EdgeRowIndexes(page, largest).Where(index => IsRunning(running, page.Rows[index])).ToHashSet();
            return runningRows.Count == 0 ? page : page with { Rows = [.. page.Rows.Where((_, index) => !runningRows.Contains(index))] };
        })];
    }

    private static bool IsRunning(Dictionary<string, List<double>> running, PdfRow row) =>
        running.TryGetValue(Shape(row.Text), out var heights)
        && heights.Any(height => Math.Abs(height - row.Baseline) <= SameHeight + 0.5);

    /// <summary>
    /// The rows among the first or last few of the page that sit in its top or bottom margin zone, set no larger than
    /// <paramref name="largest"/>. Only the edges are looked at: a page can hold tens of thousands of rows.
    /// </summary>
    private static IEnumerable<int> EdgeRowIndexes(PdfPageRows page, double largest)
    {
        var count = page.Rows.Count;
        var lastStart = Math.Min(count, Math.Max(EdgeRows, count - EdgeRows));
        var edges = Enumerable.Range(0, Math.Min(EdgeRows, count)).Concat(Enumerable.Range(lastStart, count - lastStart));
        return edges.Where(index => IsInMargin(page, page.Rows[index]) && page.Rows[index].Words.Max(word => word.FontSize) <= largest);
    }

    /// <summary>
    /// Running headers and footers are set no larger than the body text. A larger row at the top of two pages is a
    /// heading that happens to open both (a short report's narrative and questions can share an area's name).
    /// </summary>
    private static double LargestRunningSize(IReadOnlyList<PdfPageRows> pages)
    {
        var letters = new Dictionary<double, int>();
        foreach (var word in pages.SelectMany(page => page.Rows).SelectMany(row => row.Words))
        {
            var size = Math.Round(word.FontSize, 1);
            letters[size] = letters.GetValueOrDefault(size) + word.Text.Length;
        }
        return letters.Count == 0 ? double.MaxValue : letters.MaxBy(pair => pair.Value).Key * 1.1;
    }

    private static bool IsInMargin(PdfPageRows page, PdfRow row) =>
        row.Baseline >= page.Height * (1 - MarginZone) || row.Baseline <= page.Height * MarginZone;

    /// <summary>The text with runs of digits (page numbers, dates) made alike, case and spacing ignored.</summary>
    internal static string Shape(string text)
    {
        var shape = new StringBuilder(text.Length);
        var inNumber = false;
        foreach (var character in text)
        {
            if (char.IsDigit(character))
            {
                if (!inNumber)
                {
                    shape.Append('#');
                }
                inNumber = true;
                continue;
            }
            inNumber = false;
            if (!char.IsWhiteSpace(character))
            {
                shape.Append(char.ToLowerInvariant(character));
            }
        }
        return shape.ToString();
    }
}
