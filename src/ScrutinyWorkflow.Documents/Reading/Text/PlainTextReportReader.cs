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
            if (standsAlone && LooksLikeHeading(trimmed))
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
