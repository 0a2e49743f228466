using System.Text.RegularExpressions;

namespace ScrutinyWorkflow.Documents.Reading.Text;

/// <summary>
/// Reads Markdown: # and underlined headings, -, *, + and numbered list items nested by indentation, quoted and
/// plain paragraphs. Inline markup (emphasis, links, images, code, HTML tags) is reduced to its text.
/// </summary>
/// <remarks>
/// Every line is the uploader's, so no pattern here may let two of its parts match the same characters (that is
/// what makes a backtracking regex take time in the square of the line's length): bodies exclude their own
/// delimiters and runs of whitespace are matched atomically. As a second guard, each match is given a time limit,
/// and a line that is too long to be a line of a report, or takes too long to read, is kept as plain text.
/// </remarks>
internal static partial class MarkdownReportReader
{
    /// <summary>Far longer than any line of a report; a longer one is kept as it is, markup and all.</summary>
    internal const int MaxMarkupLineLength = 10_000;

    private const int MatchTimeoutMilliseconds = 100;

    public static ReadResult Read(byte[] content)
    {
        var blocks = new TextBlocks();
        var inFence = false;
        foreach (var line in Lines(TextDecoding.Decode(content)))
        {
            if (inFence && !IsFence(line))
            {
                blocks.Line(line.Trim(), indented: true);
                continue;
            }
            if (line.Length > MaxMarkupLineLength)
            {
                PlainLine(blocks, line);
                continue;
            }
            try
            {
                inFence = ReadLine(blocks, line, inFence);
            }
            catch (RegexMatchTimeoutException)
            {
                PlainLine(blocks, line);
            }
        }
        blocks.Flush();
        return new BlocksRead(blocks.Blocks);
    }

    /// <summary>Reads one line outside a code block, or the fence that opens or closes one; whether a fence is open after it.</summary>
    private static bool ReadLine(TextBlocks blocks, string line, bool inFence)
    {
        if (Fence().IsMatch(line))
        {
            blocks.Flush();
            return !inFence;
        }

        // A quotation is read as the text it quotes.
        if (Quote().Match(line) is { Success: true } quote)
        {
            line = quote.Groups["text"].Value;
        }
        if (line.Trim().Length == 0)
        {
            blocks.Flush();
            return false;
        }
        if (AtxHeading().Match(line) is { Success: true } heading)
        {
            blocks.Heading(Inline(WithoutClosingHashes(heading.Groups["text"].Value)), heading.Groups["hashes"].Length);
            return false;
        }
        if (blocks.OpenLines > 0 && blocks.OpenKind == Core.Reports.BlockKind.Paragraph && SetextUnderline().Match(line) is { Success: true } underline)
        {
            blocks.OpenBecomesHeading(underline.Groups["mark"].Value[0] == '=' ? 1 : 2);
            return false;
        }
        if (ThematicBreak().IsMatch(line))
        {
            blocks.Flush();
            return false;
        }
        if (ListItem().Match(line) is { Success: true } item)
        {
            blocks.StartItem(Inline(item.Groups["text"].Value), Indent(item.Groups["indent"].Value));
            return false;
        }
        if (TableDivider().IsMatch(line))
        {
            return false;
        }
        var text = Inline(line.Trim().Trim('|').Replace(" | ", " ", StringComparison.Ordinal));
        blocks.Line(text, indented: IsIndented(line));
        return false;
    }

    private static bool IsFence(string line) => line.Length <= MaxMarkupLineLength && Fence().IsMatch(line);

    /// <summary>A line whose markup cannot be read in reasonable time: its words are kept, as they stand.</summary>
    private static void PlainLine(TextBlocks blocks, string line)
    {
        if (line.Trim().Length == 0)
        {
            blocks.Flush();
            return;
        }
        blocks.Line(line.Trim(), indented: IsIndented(line));
    }

    private static bool IsIndented(string line) => line.StartsWith(' ') || line.StartsWith('\t');

    internal static IEnumerable<string> Lines(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n');

    internal static int Indent(string whitespace) => whitespace.Sum(character => character == '\t' ? 4 : 1);

    /// <summary>A heading's text without the optional closing run of #s ("## Housing ##").</summary>
    private static string WithoutClosingHashes(string text)
    {
        text = text.Trim();
        var hashes = text.Length;
        while (hashes > 0 && text[hashes - 1] == '#')
        {
            hashes--;
        }
        if (hashes < text.Length && (hashes == 0 || char.IsWhiteSpace(text[hashes - 1])))
        {
            text = text[..hashes].TrimEnd();
        }
        return text;
    }

    /// <summary>The text of inline Markdown: no emphasis marks, links as their words, images and tags dropped.</summary>
    private static string Inline(string text)
    {
        text = Image().Replace(text, "");
        text = Link().Replace(text, "${text}");
        text = AutoLink().Replace(text, "${url}");
        text = Tag().Replace(text, "");

        // Emphasis cannot contain its own marks, so emphasis inside emphasis ("**all *of* it**") comes off a layer a
        // pass; two passes cover what reports use.
        text = Emphasis().Replace(Emphasis().Replace(text, "${text}"), "${text}");
        text = Code().Replace(text, "${text}");
        return Escape().Replace(text, "${character}");
    }

    [GeneratedRegex(@"^\s{0,3}(```|~~~)", RegexOptions.None, MatchTimeoutMilliseconds)]
    private static partial Regex Fence();

    [GeneratedRegex(@"^\s{0,3}>\s?(?<text>.*)$", RegexOptions.None, MatchTimeoutMilliseconds)]
    private static partial Regex Quote();

    // The text takes everything after the first space; trimming and the closing #s are done in code, where they
    // cost one pass.
    [GeneratedRegex(@"^\s{0,3}(?<hashes>#{1,6})(?>\s+)(?<text>.*)$", RegexOptions.None, MatchTimeoutMilliseconds)]
    private static partial Regex AtxHeading();

    [GeneratedRegex(@"^\s{0,3}(?<mark>(?>=+)|(?>-+))(?>\s*)$", RegexOptions.None, MatchTimeoutMilliseconds)]
    private static partial Regex SetextUnderline();

    [GeneratedRegex(@"^\s{0,3}([-*_])(?>\s*\1){2,}(?>\s*)$", RegexOptions.None, MatchTimeoutMilliseconds)]
    private static partial Regex ThematicBreak();

    [GeneratedRegex(@"^(?<indent>(?>\s*))(?:[-*+•]|\d{1,3}[.)])(?>\s+)(?<text>\S.*)$", RegexOptions.None, MatchTimeoutMilliseconds)]
    private static partial Regex ListItem();

    [GeneratedRegex(@"^(?>\s*)\|?(?>\s*):?(?>-{3,}):?(?>\s*)(?:\|(?>\s*):?(?>-{3,}):?(?>\s*))*\|?(?>\s*)$", RegexOptions.None, MatchTimeoutMilliseconds)]
    private static partial Regex TableDivider();

    // A link's address may hold one level of round brackets ("Care_(England)"). Neither text nor address runs past a
    // square bracket, where the next link would start, so each is scanned once.
    [GeneratedRegex(@"!\[[^\[\]]*\]\((?>(?:[^()\[\]]|\([^()\[\]]*\))*)\)", RegexOptions.None, MatchTimeoutMilliseconds)]
    private static partial Regex Image();

    [GeneratedRegex(@"\[(?<text>[^\[\]]*)\]\((?>(?:[^()\[\]]|\([^()\[\]]*\))*)\)", RegexOptions.None, MatchTimeoutMilliseconds)]
    private static partial Regex Link();

    [GeneratedRegex(@"<(?<url>https?://[^<>\s]+)>", RegexOptions.None, MatchTimeoutMilliseconds)]
    private static partial Regex AutoLink();

    [GeneratedRegex(@"</?[A-Za-z][^<>]*>", RegexOptions.None, MatchTimeoutMilliseconds)]
    private static partial Regex Tag();

    // The body may not hold its own mark, so an opening mark without a closing one is given up at the next mark
    // rather than at the end of the line.
    [GeneratedRegex(@"(?<![\w\\])(?:(?<mark>\*\*?)(?<text>[^*\s](?:[^*]*?[^*\s])?)\k<mark>|(?<mark>__?)(?<text>[^_\s](?:[^_]*?[^_\s])?)\k<mark>)(?!\w)", RegexOptions.None, MatchTimeoutMilliseconds)]
    private static partial Regex Emphasis();

    [GeneratedRegex(@"`(?<text>[^`]*)`", RegexOptions.None, MatchTimeoutMilliseconds)]
    private static partial Regex Code();

    [GeneratedRegex(@"\\(?<character>[\\`*_{}\[\]()#+\-.!>|])", RegexOptions.None, MatchTimeoutMilliseconds)]
    private static partial Regex Escape();
}
