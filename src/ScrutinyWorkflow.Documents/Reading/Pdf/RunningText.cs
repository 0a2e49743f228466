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

        // For each shape of edge text, the pages and heights it was seen at.
        var seen = new Dictionary<string, List<(int Page, double Baseline)>>();
        foreach (var page in pages)
        {
            foreach (var row in EdgeRowsOf(page))
            {
                var key = Shape(row.Text);
                if (!seen.TryGetValue(key, out var places))
                {
                    seen[key] = places = [];
                }
                places.Add((page.Number, row.Baseline));
            }
        }

        var running = new HashSet<(string Key, int Baseline)>();
        foreach (var (key, places) in seen)
        {
            // Group the places by height; odd and even pages may set the same header at different heights.
            foreach (var height in places.Select(place => place.Baseline).Distinct())
            {
                var pagesAtHeight = places.Where(place => Math.Abs(place.Baseline - height) <= SameHeight).Select(place => place.Page).Distinct().Count();
                if (pagesAtHeight >= required)
                {
                    running.Add((key, (int)Math.Round(height)));
                }
            }
        }

        return [.. pages.Select(page => page with
        {
            Rows = [.. page.Rows.Where(row => !IsEdgeRow(page, row) || !IsRunning(running, Shape(row.Text), row.Baseline))],
        })];
    }

    private static bool IsRunning(HashSet<(string Key, int Baseline)> running, string key, double baseline) =>
        running.Any(entry => entry.Key == key && Math.Abs(entry.Baseline - baseline) <= SameHeight + 0.5);

    private static IEnumerable<PdfRow> EdgeRowsOf(PdfPageRows page) => page.Rows.Where(row => IsEdgeRow(page, row));

    /// <summary>Among the first or last few rows of the page, and in its top or bottom margin zone.</summary>
    private static bool IsEdgeRow(PdfPageRows page, PdfRow row)
    {
        var index = IndexOf(page.Rows, row);
        var nearEdge = index < EdgeRows || index >= page.Rows.Count - EdgeRows;
        var inMargin = row.Baseline >= page.Height * (1 - MarginZone) || row.Baseline <= page.Height * MarginZone;
        return nearEdge && inMargin;
    }

    private static int IndexOf(IReadOnlyList<PdfRow> rows, PdfRow row)
    {
        for (var i = 0; i < rows.Count; i++)
        {
            if (ReferenceEquals(rows[i], row))
            {
                return i;
            }
        }
        return -1;
    }

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
