namespace ScrutinyWorkflow.Core.Statements;

/// <summary>
/// An answer as the panel reads it: paragraphs, bullet and numbered lists and simple tables, of text that may be bold,
/// italic or a link. Parsed once from what the officer wrote; every rendering (Word, HTML) walks the same blocks, so
/// what one shows the other shows.
/// </summary>
public sealed record RichText(IReadOnlyList<Block> Blocks)
{
    /// <summary>Text with no formatting: blank lines separate paragraphs, single line breaks are kept.</summary>
    public static RichText Plain(string text) => new(
        [.. text.ReplaceLineEndings("\n")
            .Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(paragraph => new Paragraph([.. paragraph.Split('\n').SelectMany((line, i) => i == 0 ? [new TextRun(line)] : new Inline[] { new LineBreak(), new TextRun(line) })]))]);

    /// <summary>All the words, without formatting: for searching and for tests.</summary>
    public string PlainText => string.Join("\n", Blocks.Select(Words));

    private static string Words(Block block) => block switch
    {
        Paragraph p => Words(p.Inlines),
        ListBlock l => string.Join("\n", l.Items.Select(item => string.Join("\n", item.Select(Words)))),
        TableBlock t => string.Join("\n", t.Rows.Select(row => string.Join(" | ", row.Cells.Select(Words)))),
        _ => "",
    };

    private static string Words(IEnumerable<Inline> inlines) => string.Concat(inlines.Select(inline => inline switch
    {
        TextRun run => run.Text,
        Link link => Words(link.Inlines),
        LineBreak => "\n",
        _ => "",
    }));
}

public abstract record Block;

public sealed record Paragraph(IReadOnlyList<Inline> Inlines) : Block;

/// <summary>A bullet list, or a numbered one counting from <see cref="Start"/>; each item is blocks of its own, so lists nest.</summary>
public sealed record ListBlock(bool Numbered, int Start, IReadOnlyList<IReadOnlyList<Block>> Items) : Block;

/// <summary>A simple table: rows of cells of text; the first row is a header row when <see cref="HasHeader"/>.</summary>
public sealed record TableBlock(bool HasHeader, IReadOnlyList<TableRow> Rows) : Block;

public sealed record TableRow(IReadOnlyList<IReadOnlyList<Inline>> Cells);

public abstract record Inline;

public sealed record TextRun(string Text, bool Bold = false, bool Italic = false) : Inline;

/// <summary>A link to a web page or mail address: only http, https and mailto are ever made links.</summary>
public sealed record Link(Uri Target, IReadOnlyList<Inline> Inlines) : Inline
{
    public static bool IsSafe(Uri target) =>
        target.IsAbsoluteUri && (target.Scheme == Uri.UriSchemeHttp || target.Scheme == Uri.UriSchemeHttps || target.Scheme == Uri.UriSchemeMailto);
}

public sealed record LineBreak : Inline;
