using System.Text;
using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Helpers;
using Markdig.Parsers;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace ScrutinyWorkflow.Documents.Reading.Text;

/// <summary>
/// Reads Markdown through Markdig's syntax tree: headings, list items (at their depth in nested lists), quoted and
/// plain paragraphs, table rows and code as running text. Inline markup is reduced to its words: emphasis and links
/// to their text, code to its content; images and HTML are dropped.
/// </summary>
internal static class MarkdownReportReader
{
    /// <summary>
    /// Far deeper than any report nests lists and quotations (or emphasis and links). Markdig refuses deeper documents
    /// itself, and the reader walks the tree by recursion, so the limit also keeps that recursion off the end of the stack.
    /// </summary>
    internal const int MaxNesting = 32;

    /// <summary>Far more emphasis marks and brackets than a report puts in one paragraph; see <see cref="MarkCap"/>.</summary>
    internal const int MaxMarksPerParagraph = 128;

    private static readonly MarkdownPipeline Pipeline = BuildPipeline();

    private static MarkdownPipeline BuildPipeline()
    {
        var builder = new MarkdownPipelineBuilder { MaximumNestingDepth = MaxNesting }.UsePipeTables();
        builder.InlineParsers.Insert(0, new MarkCap());
        return builder.Build();
    }

    /// <summary>
    /// The longest run of indentation, quote marks and list markers a line may start with. Markdig's block parser
    /// climbs through every open container on each line, so a list nested thousands deep costs the square of its
    /// depth before Markdig's own limit is reached; a line that could open more than <see cref="MaxNesting"/>
    /// containers is refused first, in one pass over the text.
    /// </summary>
    internal const int MaxContainerPrefix = 4 * MaxNesting;

    public static ReadResult Read(byte[] content)
    {
        var text = TextDecoding.Decode(content);
        if (HasDeepContainerPrefix(text))
        {
            return TooDeep();
        }
        MarkdownDocument document;
        try
        {
            document = Markdown.Parse(text, Pipeline);
        }
        catch (ArgumentException)
        {
            // How Markdig refuses a document nested past the limit.
            return TooDeep();
        }

        var reader = new TreeReader();
        if (!reader.Container(document, listLevel: 0, depth: 0))
        {
            return TooDeep();
        }
        reader.Blocks.Flush();
        return new BlocksRead(reader.Blocks.Blocks);
    }

    private static bool HasDeepContainerPrefix(string text)
    {
        // Indentation alone opens nothing (it is code or running text); with a quote mark or list marker in the
        // prefix, it is how deep the line's containers go.
        var (run, marked) = (0, false);
        foreach (var c in text)
        {
            if (c is '\n' or '\r')
            {
                (run, marked) = (0, false);
            }
            else if (run >= 0 && (c is ' ' or '\t' or '>' or '-' or '*' or '+' or '.' or ')' || char.IsAsciiDigit(c)))
            {
                marked |= c is not (' ' or '\t');
                if (++run > MaxContainerPrefix && marked)
                {
                    return true;
                }
            }
            else
            {
                // Past the line's prefix: nothing more on this line counts.
                run = -1;
            }
        }
        return false;
    }

    private static ReadRejected TooDeep() => new(Rejections.TooDeep("Markdown file", MaxNesting));

    /// <summary>
    /// Reads the emphasis marks and brackets of a paragraph past the first <see cref="MaxMarksPerParagraph"/> as text.
    /// Markdig keeps each mark open until the paragraph ends and, for every piece of text after it, climbs down through
    /// all the open ones: a paragraph of thousands of unmatched "*" or "[" takes time in the square of their number.
    /// </summary>
    private sealed class MarkCap : InlineParser
    {
        public MarkCap() => OpeningCharacters = ['*', '_', '[', '!'];

        public override bool Match(InlineProcessor processor, ref StringSlice slice)
        {
            if (slice.CurrentChar == '!' && slice.PeekChar() != '[')
            {
                return false;
            }
            var marks = processor.GetParserState<MarkCount>(this);
            return ++marks.Seen > MaxMarksPerParagraph && processor.LiteralInlineParser.Match(processor, ref slice);
        }

        private sealed class MarkCount
        {
            public int Seen { get; set; }
        }
    }

    /// <summary>Walks the tree in document order; each method says false when the tree is deeper than the limit.</summary>
    private sealed class TreeReader
    {
        public TextBlocks Blocks { get; } = new();

        public bool Container(ContainerBlock container, int listLevel, int depth)
        {
            if (depth > MaxNesting)
            {
                return false;
            }
            foreach (var block in container)
            {
                if (!Block(block, listLevel, depth))
                {
                    return false;
                }
            }
            return true;
        }

        private bool Block(Block block, int listLevel, int depth)
        {
            switch (block)
            {
                case HeadingBlock heading:
                    return Heading(heading, depth);
                case ParagraphBlock paragraph:
                    return Paragraph(paragraph, depth);
                case ListBlock list:
                    return Items(list, listLevel, depth + 1);
                case Table table:
                    return Table(table, depth + 1);
                case CodeBlock code:
                    Code(code);
                    return true;
                case HtmlBlock or LinkReferenceDefinitionGroup or ThematicBreakBlock:
                    Blocks.Flush();
                    return true;
                case ContainerBlock quoteOrOther:
                    // A quotation is read as the text it quotes.
                    return Container(quoteOrOther, listLevel, depth + 1);
                default:
                    return true;
            }
        }

        private bool Heading(HeadingBlock heading, int depth)
        {
            if (!Inline(heading.Inline, depth, out var lines))
            {
                return false;
            }
            Blocks.Heading(string.Join(' ', lines), heading.Level);
            return true;
        }

        private bool Paragraph(ParagraphBlock paragraph, int depth)
        {
            if (!Inline(paragraph.Inline, depth, out var lines))
            {
                return false;
            }
            Blocks.Flush();
            foreach (var line in lines)
            {
                Blocks.Line(line, indented: false);
            }
            return true;
        }

        /// <summary>
        /// Each item's first paragraph is the item; what follows it in the item (a second paragraph, a nested list) is
        /// read after it, nested lists one level down.
        /// </summary>
        private bool Items(ListBlock list, int listLevel, int depth)
        {
            if (depth > MaxNesting)
            {
                return false;
            }
            foreach (var item in list.OfType<ListItemBlock>())
            {
                var rest = 0;
                if (item.Count > 0 && item[0] is ParagraphBlock first)
                {
                    if (!Inline(first.Inline, depth, out var lines))
                    {
                        return false;
                    }
                    Blocks.Item(lines[0], listLevel);
                    foreach (var line in lines.Skip(1))
                    {
                        Blocks.Line(line, indented: true);
                    }
                    rest = 1;
                }
                for (var i = rest; i < item.Count; i++)
                {
                    if (!Block(item[i], listLevel + 1, depth + 1))
                    {
                        return false;
                    }
                }
            }
            return true;
        }

        /// <summary>A table is one paragraph, a line per row with its cells' words in order.</summary>
        private bool Table(Table table, int depth)
        {
            Blocks.Flush();
            foreach (var row in table.OfType<TableRow>())
            {
                List<string> cells = [];
                foreach (var paragraph in row.OfType<TableCell>().SelectMany(cell => cell.OfType<ParagraphBlock>()))
                {
                    if (!Inline(paragraph.Inline, depth + 2, out var lines))
                    {
                        return false;
                    }
                    cells.AddRange(lines);
                }
                Blocks.Line(string.Join(' ', cells), indented: false);
            }
            Blocks.Flush();
            return true;
        }

        /// <summary>
        /// Code (fenced, or indented by four spaces or more) is kept as text, a paragraph per run of lines: a report
        /// converted to Markdown often has indented paragraphs that Markdown reads as code.
        /// </summary>
        private void Code(CodeBlock code)
        {
            Blocks.Flush();
            for (var i = 0; i < code.Lines.Count; i++)
            {
                var text = code.Lines.Lines[i].Slice.AsSpan().Trim();
                if (text.IsEmpty)
                {
                    Blocks.Flush();
                    continue;
                }
                Blocks.Line(text.ToString(), indented: true);
            }
            Blocks.Flush();
        }

        /// <summary>The words of inline markup, split at its line breaks so that wrapped lines join as other text does.</summary>
        private static bool Inline(ContainerInline? inline, int depth, out List<string> lines)
        {
            lines = [];
            var line = new StringBuilder();
            var withinLimit = inline is null || Words(inline, line, lines, depth);
            lines.Add(line.ToString());
            return withinLimit;
        }

        private static bool Words(ContainerInline container, StringBuilder line, List<string> lines, int depth)
        {
            if (depth > MaxNesting)
            {
                return false;
            }
            foreach (var inline in container)
            {
                switch (inline)
                {
                    case LiteralInline literal:
                        line.Append(literal.Content.AsSpan());
                        break;
                    case CodeInline code:
                        line.Append(code.Content);
                        break;
                    case AutolinkInline autolink:
                        line.Append(autolink.Url);
                        break;
                    case HtmlEntityInline entity:
                        line.Append(entity.Transcoded.AsSpan());
                        break;
                    case LineBreakInline:
                        lines.Add(line.ToString());
                        line.Clear();
                        break;
                    case LinkInline { IsImage: true } or HtmlInline:
                        break;
                    case DelimiterInline delimiter:
                        // Markup that matched nothing (a lone "*" or "["), kept as the characters it was written with.
                        line.Append(delimiter.ToLiteral());
                        if (!Words(delimiter, line, lines, depth + 1))
                        {
                            return false;
                        }
                        break;
                    case ContainerInline emphasisOrLink:
                        if (!Words(emphasisOrLink, line, lines, depth + 1))
                        {
                            return false;
                        }
                        break;
                    default:
                        break;
                }
            }
            return true;
        }
    }
}
