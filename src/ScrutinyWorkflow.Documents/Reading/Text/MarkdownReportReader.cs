using System.Text.RegularExpressions;

namespace ScrutinyWorkflow.Documents.Reading.Text;

/// <summary>
/// Reads Markdown: # and underlined headings, -, *, + and numbered list items nested by indentation, quoted and
/// plain paragraphs. Inline markup (emphasis, links, images, code, HTML tags) is reduced to its text.
/// </summary>
internal static partial class MarkdownReportReader
{
    public static ReadResult Read(byte[] content)
    {
        var blocks = new TextBlocks();
        var inFence = false;
        foreach (var rawLine in Lines(TextDecoding.Decode(content)))
        {
            var line = rawLine;
            if (Fence().IsMatch(line))
            {
                blocks.Flush();
                inFence = !inFence;
                continue;
            }
            if (inFence)
            {
                blocks.Line(line.Trim(), indented: true);
                continue;
            }

            // A quotation is read as the text it quotes.
            if (Quote().Match(line) is { Success: true } quote)
            {
                line = quote.Groups["text"].Value;
            }
            if (line.Trim().Length == 0)
            {
                blocks.Flush();
                continue;
            }
            if (AtxHeading().Match(line) is { Success: true } heading)
            {
                blocks.Heading(Inline(heading.Groups["text"].Value), heading.Groups["hashes"].Length);
                continue;
            }
            if (blocks.OpenLines > 0 && blocks.OpenKind == Core.Reports.BlockKind.Paragraph && SetextUnderline().Match(line) is { Success: true } underline)
            {
                blocks.OpenBecomesHeading(underline.Groups["mark"].Value[0] == '=' ? 1 : 2);
                continue;
            }
            if (ThematicBreak().IsMatch(line))
            {
                blocks.Flush();
                continue;
            }
            if (ListItem().Match(line) is { Success: true } item)
            {
                blocks.StartItem(Inline(item.Groups["text"].Value), Indent(item.Groups["indent"].Value));
                continue;
            }
            if (TableDivider().IsMatch(line))
            {
                continue;
            }
            var text = Inline(line.Trim().Trim('|').Replace(" | ", " ", StringComparison.Ordinal));
            blocks.Line(text, indented: line.StartsWith(' ') || line.StartsWith('\t'));
        }
        blocks.Flush();
        return new BlocksRead(blocks.Blocks);
    }

    internal static IEnumerable<string> Lines(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n');

    internal static int Indent(string whitespace) => whitespace.Sum(character => character == '\t' ? 4 : 1);

    /// <summary>The text of inline Markdown: no emphasis marks, links as their words, images and tags dropped.</summary>
    private static string Inline(string text)
    {
        text = Image().Replace(text, "");
        text = Link().Replace(text, "${text}");
        text = AutoLink().Replace(text, "${url}");
        text = Tag().Replace(text, "");
        text = Emphasis().Replace(text, "${text}");
        text = Code().Replace(text, "${text}");
        return Escape().Replace(text, "${character}");
    }

    [GeneratedRegex(@"^\s{0,3}(```|~~~)")]
    private static partial Regex Fence();

    [GeneratedRegex(@"^\s{0,3}>\s?(?<text>.*)$")]
    private static partial Regex Quote();

    [GeneratedRegex(@"^\s{0,3}(?<hashes>#{1,6})\s+(?<text>.*?)(?:\s+#+)?\s*$")]
    private static partial Regex AtxHeading();

    [GeneratedRegex(@"^\s{0,3}(?<mark>=+|-+)\s*$")]
    private static partial Regex SetextUnderline();

    [GeneratedRegex(@"^\s{0,3}([-*_])(?:\s*\1){2,}\s*$")]
    private static partial Regex ThematicBreak();

    [GeneratedRegex(@"^(?<indent>\s*)(?:[-*+•]|\d{1,3}[.)])\s+(?<text>\S.*)$")]
    private static partial Regex ListItem();

    [GeneratedRegex(@"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")]
    private static partial Regex TableDivider();

    [GeneratedRegex(@"!\[[^\]]*\]\([^)]*\)")]
    private static partial Regex Image();

    [GeneratedRegex(@"\[(?<text>[^\]]*)\]\([^)]*\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"<(?<url>https?://[^>\s]+)>")]
    private static partial Regex AutoLink();

    [GeneratedRegex(@"</?[A-Za-z][^>]*>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"(?<![\w\\])(\*\*|__|\*|_)(?<text>\S(?:.*?\S)?)\1(?!\w)")]
    private static partial Regex Emphasis();

    [GeneratedRegex(@"`(?<text>[^`]*)`")]
    private static partial Regex Code();

    [GeneratedRegex(@"\\(?<character>[\\`*_{}\[\]()#+\-.!>|])")]
    private static partial Regex Escape();
}
