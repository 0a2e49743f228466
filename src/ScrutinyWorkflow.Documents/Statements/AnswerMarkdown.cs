using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using ScrutinyWorkflow.Core.Statements;
using Block = ScrutinyWorkflow.Core.Statements.Block;
using Inline = ScrutinyWorkflow.Core.Statements.Inline;
using MarkdigTable = Markdig.Extensions.Tables.Table;
using MarkdigTableRow = Markdig.Extensions.Tables.TableRow;

namespace ScrutinyWorkflow.Documents.Statements;

/// <summary>
/// Reads an answer written in the documented Markdown (paragraphs, bullet and numbered lists, bold, italic, links,
/// pipe tables) into <see cref="RichText"/>, with Markdig. What the statement cannot carry is let go of, never passed
/// on: raw HTML is dropped (tags and script alike), images leave their description, headings become bold paragraphs,
/// code becomes plain text, and a link whose address is not http, https or mailto keeps only its words.
/// </summary>
public static class AnswerMarkdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseAutoLinks()
        .Build();

    public static RichText Parse(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var document = Markdown.Parse(markdown, Pipeline);
        return new RichText([.. Blocks(document)]);
    }

    private static IEnumerable<Block> Blocks(ContainerBlock container)
    {
        foreach (var block in container)
        {
            switch (block)
            {
                case HeadingBlock heading:
                    yield return new Paragraph([.. Inlines(heading.Inline, bold: true, italic: false)]);
                    break;
                case ParagraphBlock paragraph:
                    yield return new Paragraph([.. Inlines(paragraph.Inline, bold: false, italic: false)]);
                    break;
                case Markdig.Syntax.ListBlock list:
                    yield return new Core.Statements.ListBlock(
                        list.IsOrdered,
                        list.IsOrdered && int.TryParse(list.OrderedStart, out var start) ? start : 1,
                        [.. list.OfType<ListItemBlock>().Select(item => (IReadOnlyList<Block>)[.. Blocks(item)])]);
                    break;
                case MarkdigTable table:
                    yield return Table(table);
                    break;
                case CodeBlock code:
                    // Fenced or indented code reads as the lines the officer typed.
                    var lines = code.Lines.Lines.Take(code.Lines.Count).Select(l => l.Slice.ToString()).ToList();
                    yield return new Paragraph([.. lines.SelectMany((line, i) => i == 0 ? [new TextRun(line)] : new Inline[] { new LineBreak(), new TextRun(line) })]);
                    break;
                case HtmlBlock:
                    // Raw HTML never reaches the panel's papers, not even as text.
                    break;
                case ContainerBlock inner:
                    // Block quotes and the like: their content, without the quoting.
                    foreach (var child in Blocks(inner))
                    {
                        yield return child;
                    }
                    break;
            }
        }
    }

    private static TableBlock Table(MarkdigTable table)
    {
        var rows = table.OfType<MarkdigTableRow>().ToList();
        return new TableBlock(
            rows.Count > 0 && rows[0].IsHeader,
            [.. rows.Select(row => new Core.Statements.TableRow([.. row.OfType<TableCell>().Select(cell => (IReadOnlyList<Inline>)[.. CellInlines(cell)])]))]);
    }

    private static IEnumerable<Inline> CellInlines(TableCell cell) =>
        cell.OfType<ParagraphBlock>().SelectMany((paragraph, i) =>
            (i == 0 ? [] : new Inline[] { new LineBreak() }).Concat(Inlines(paragraph.Inline, bold: false, italic: false)));

    private static IEnumerable<Inline> Inlines(ContainerInline? container, bool bold, bool italic)
    {
        if (container is null)
        {
            yield break;
        }
        // Words between an inline <script> or <style> and its end tag are code, not the officer's: they go with the tags.
        string? skipUntil = null;
        foreach (var inline in container)
        {
            if (skipUntil is not null)
            {
                if (inline is HtmlInline end && end.Tag.StartsWith(skipUntil, StringComparison.OrdinalIgnoreCase))
                {
                    skipUntil = null;
                }
                continue;
            }
            switch (inline)
            {
                case HtmlInline html when html.Tag.StartsWith("<script", StringComparison.OrdinalIgnoreCase):
                    skipUntil = "</script";
                    break;
                case HtmlInline html when html.Tag.StartsWith("<style", StringComparison.OrdinalIgnoreCase):
                    skipUntil = "</style";
                    break;
                case LiteralInline literal:
                    yield return new TextRun(literal.Content.ToString(), bold, italic);
                    break;
                case HtmlEntityInline entity:
                    yield return new TextRun(entity.Transcoded.ToString(), bold, italic);
                    break;
                case CodeInline code:
                    yield return new TextRun(code.Content, bold, italic);
                    break;
                case LineBreakInline:
                    // A single line break in an answer box is meant: it is kept, not joined into the line before.
                    yield return new LineBreak();
                    break;
                case AutolinkInline autolink:
                    foreach (var part in LinkOrWords(autolink.IsEmail ? "mailto:" + autolink.Url : autolink.Url, [new TextRun(autolink.Url, bold, italic)]))
                    {
                        yield return part;
                    }
                    break;
                case LinkInline { IsImage: true } image:
                    foreach (var part in Inlines(image, bold, italic))
                    {
                        yield return part;
                    }
                    break;
                case LinkInline link:
                    foreach (var part in LinkOrWords(link.Url, [.. Inlines(link, bold, italic)]))
                    {
                        yield return part;
                    }
                    break;
                case EmphasisInline emphasis:
                    var strong = emphasis.DelimiterCount >= 2;
                    foreach (var part in Inlines(emphasis, bold || strong, italic || !strong))
                    {
                        yield return part;
                    }
                    break;
                case HtmlInline:
                    // A tag is dropped; the words around it stay.
                    break;
                case ContainerInline inner:
                    foreach (var part in Inlines(inner, bold, italic))
                    {
                        yield return part;
                    }
                    break;
            }
        }
    }

    private static IEnumerable<Inline> LinkOrWords(string? url, IReadOnlyList<Inline> words) =>
        Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var target) && Link.IsSafe(target)
            ? [new Link(target, words)]
            : words;
}
