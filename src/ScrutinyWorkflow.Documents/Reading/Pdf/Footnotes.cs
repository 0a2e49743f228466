namespace ScrutinyWorkflow.Documents.Reading.Pdf;

/// <summary>
/// Sets footnotes aside: the rows at the foot of a page, below its text, set smaller than the text and opening with a
/// footnote's mark ("1", "*", "†"). Left in the reading order they would sit between the two halves of a sentence
/// broken over the page, and the halves would not be joined.
/// </summary>
internal static class Footnotes
{
    /// <summary>Footnotes are set at most this fraction of the body text's size.</summary>
    private const double SmallerThanBody = 0.9;

    /// <summary>Footnotes sit in the lower part of the page: below this fraction of its height.</summary>
    private const double LowerPart = 0.4;

    public static List<PdfPageRows> SetAside(IReadOnlyList<PdfPageRows> pages)
    {
        var bodySize = BodySize(pages);
        if (bodySize is null)
        {
            return [.. pages];
        }
        return [.. pages.Select(page => FootnoteStart(page, bodySize.Value) is { } start ? page with { Rows = [.. page.Rows.Take(start)] } : page)];
    }

    /// <summary>The index of the page's first footnote row, or null when its foot holds none.</summary>
    private static int? FootnoteStart(PdfPageRows page, double bodySize)
    {
        int? start = null;
        for (var i = page.Rows.Count - 1; i > 0; i--)
        {
            var row = page.Rows[i];
            if (row.Baseline > page.Height * LowerPart || row.Words.Max(word => word.FontSize) > bodySize * SmallerThanBody)
            {
                break;
            }
            if (StartsWithMark(row))
            {
                start = i;
            }
        }

        // Only when text in the body's size stands above them: a page of small print alone is not footnotes.
        return start is { } first && page.Rows.Take(first).Any(row => row.Words.Any(word => word.FontSize > bodySize * SmallerThanBody)) ? first : null;
    }

    private static bool StartsWithMark(PdfRow row)
    {
        var first = row.Words[0].Text;
        return first.Length > 0 && (char.IsAsciiDigit(first[0]) || first[0] is '*' or '†' or '‡' or '§' || "¹²³⁴⁵⁶⁷⁸⁹".Contains(first[0], StringComparison.Ordinal));
    }

    /// <summary>The size most letters are set in, or null for a document without text.</summary>
    private static double? BodySize(IReadOnlyList<PdfPageRows> pages)
    {
        var letters = new Dictionary<double, int>();
        foreach (var word in pages.SelectMany(page => page.Rows).SelectMany(row => row.Words))
        {
            var size = Math.Round(word.FontSize, 1);
            letters[size] = letters.GetValueOrDefault(size) + word.Text.Length;
        }
        return letters.Count == 0 ? null : letters.MaxBy(pair => pair.Value).Key;
    }
}
