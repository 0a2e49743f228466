namespace ScrutinyWorkflow.Core.Reports;

/// <summary>What a block of report text is, as far as its layout says.</summary>
public enum BlockKind
{
    Heading,
    Paragraph,
    ListItem,
}

/// <summary>
/// One unit of a report's text in reading order, as every reader (PDF, Word, HTML, text) produces it.
/// The extractor only ever sees these, so a format's quirks end in its reader.
/// </summary>
/// <param name="Kind">Heading, paragraph or list item.</param>
/// <param name="Text">The text on one line: whitespace collapsed, list markers removed, ligatures expanded.</param>
/// <param name="Page">The 1-based page the block starts on, when the format has pages.</param>
/// <param name="Level">
/// For a heading, its rank (1 is the most prominent, up to <see cref="LowestHeadingLevel"/>); only comparisons between
/// levels matter. For a list item, its nesting depth (0 is the outermost, up to <see cref="DeepestListLevel"/>). Zero
/// for a paragraph. Readers pass on what the document claims; the extractor brings it into these ranges.
/// </param>
public sealed record ReportBlock(BlockKind Kind, string Text, int? Page, int Level)
{
    /// <summary>HTML and Markdown stop at six heading ranks; anything a document claims beyond is ranked sixth.</summary>
    public const int LowestHeadingLevel = 6;

    /// <summary>Word numbers nine list levels (0 to 8); deeper claims are damaged or hostile, and read as the ninth.</summary>
    public const int DeepestListLevel = 8;

    /// <summary>The page the block ends on, when it runs over a page break; otherwise null.</summary>
    public int? EndPage { get; init; }

    /// <summary>
    /// What the reader was unsure of when it read the block's layout ("set in a larger size but not bold: a heading
    /// told from its size alone"), for the scrutiny officer to check; null when the layout was plain.
    /// </summary>
    public string? Doubt { get; init; }

    public static ReportBlock Heading(string text, int level, int? page = null) => new(BlockKind.Heading, text, page, level);

    public static ReportBlock Paragraph(string text, int? page = null) => new(BlockKind.Paragraph, text, page, 0);

    public static ReportBlock ListItem(string text, int depth = 0, int? page = null) => new(BlockKind.ListItem, text, page, depth);
}
