using System.Text.RegularExpressions;

namespace ScrutinyWorkflow.Documents.Reading.Text;

/// <summary>
/// Reads plain text, where only the layout says what is a heading: a short line standing on its own without closing
/// punctuation, or a line underlined with === or ---. Bulleted and numbered lines are list items, nested by indent.
/// </summary>
internal static partial class PlainTextReportReader
{
    private const int MaxHeadingWords = 12;

    /// <summary>A line ending in a question mark is only a heading when this short ("What should councillors ask?").</summary>
    private const int MaxQuestionHeadingWords = 5;

    public static ReadResult Read(byte[] content)
    {
        var lines = Lines(TextDecoding.Decode(content)).ToList();
        var blocks = new TextBlocks();
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (line.StartsWith('\f'))
            {
                // A form feed starts a page (pdftotext puts one before each page's first line): whatever was open ends.
                blocks.Flush();
                line = line.TrimStart('\f');
            }
            var trimmed = line.Trim();
            if (trimmed.Length == 0)
            {
                blocks.Flush();
                continue;
            }
            if (blocks.OpenLines == 1 && blocks.OpenKind == Core.Reports.BlockKind.Paragraph && Underline().Match(trimmed) is { Success: true } underline)
            {
                blocks.OpenBecomesHeading(underline.Value[0] == '=' ? 1 : 2);
                continue;
            }
            var indent = Indent(line[..(line.Length - line.TrimStart().Length)]);
            if (ListMarkers.TryStrip(trimmed, out var itemText))
            {
                blocks.StartItem(itemText, indent);
                continue;
            }

            var standsAlone = blocks.OpenLines == 0 && (i + 1 == lines.Count || lines[i + 1].Trim().Length == 0);
            if ((standsAlone || (blocks.OpenLines == 0 && TopsAParagraph(trimmed, lines[i + 1]))) && LooksLikeHeading(trimmed))
            {
                blocks.Heading(trimmed, IsCapitals(trimmed) ? 1 : 2);
                continue;
            }
            blocks.Line(trimmed, indented: indent > 0);
        }
        blocks.Flush();
        return new BlocksRead(blocks.Blocks);
    }

    private static IEnumerable<string> Lines(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n');

    /// <summary>
    /// A short line straight above a full one: text taken out of a PDF (pdftotext, a copy from a viewer) sets a heading
    /// on the line before its paragraph, with no blank line between, and a paragraph's first line fills the width.
    /// </summary>
    private static bool TopsAParagraph(string line, string next)
    {
        var below = next.Trim();
        return below.Length >= MinimumFullLine && below.Length >= 2 * line.Length && !ListMarkers.TryStrip(below, out _);
    }

    /// <summary>A wrapped paragraph's first line is at least this long; pdftotext and pandoc wrap at 70 to 100.</summary>
    private const int MinimumFullLine = 60;

    private static int Indent(string whitespace) => whitespace.Sum(character => character == '\t' ? 4 : 1);

    private static bool LooksLikeHeading(string line)
    {
        var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        var first = line.FirstOrDefault(char.IsLetterOrDigit);
        if (words > MaxHeadingWords || line[^1] is '.' or ',' or ';' or ':' || !(char.IsUpper(first) || char.IsDigit(first)))
        {
            return false;
        }
        return line[^1] != '?' || words <= MaxQuestionHeadingWords;
    }

    private static bool IsCapitals(string line) => line.Any(char.IsLetter) && !line.Any(char.IsLower);

    [GeneratedRegex(@"^(=+|-+)$")]
    private static partial Regex Underline();
}
