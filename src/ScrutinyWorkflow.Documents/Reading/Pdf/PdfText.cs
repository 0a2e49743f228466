namespace ScrutinyWorkflow.Documents.Reading.Pdf;

/// <summary>A word as the PDF placed it, in points, with y growing up the page.</summary>
internal sealed record PdfWord(string Text, double Left, double Right, double Baseline, double FontSize, bool Bold);

/// <summary>
/// A small shape the page draws (a path, not a character), in points: browsers and desktop publishing draw list
/// bullets this way.
/// </summary>
internal sealed record PdfMark(double Left, double Right, double Bottom, double Top)
{
    public double Width => Right - Left;

    public double Height => Top - Bottom;
}

/// <summary>
/// A straight rule the page draws across or down it (a table's cell border), in points, as thin as a line.
/// </summary>
internal sealed record PdfRule(double Left, double Right, double Bottom, double Top)
{
    public bool IsAcross => Right - Left >= Top - Bottom;
}

/// <summary>The words of one page, in no particular order, the small shapes drawn on it and its rules.</summary>
internal sealed record PdfPageWords(int Number, double Height, IReadOnlyList<PdfWord> Words, IReadOnlyList<PdfMark>? Marks = null, IReadOnlyList<PdfRule>? Rules = null);

/// <summary>A table cell a line sits in: <see cref="Id"/> tells cells apart on a page, <see cref="TableColumn"/> counts from 0 at the left.</summary>
internal sealed record PdfCell(int Id, int TableColumn);

/// <summary>Words that share a baseline across the whole width of a page, left to right.</summary>
internal sealed class PdfRow(IReadOnlyList<PdfWord> words)
{
    public IReadOnlyList<PdfWord> Words { get; } = words;

    public double Baseline { get; } = words.Max(word => word.Baseline);

    public string Text => string.Join(' ', Words.Select(word => word.Text));
}

/// <summary>The rows of one page, top to bottom.</summary>
internal sealed record PdfPageRows(int Number, double Height, IReadOnlyList<PdfRow> Rows);

/// <summary>Where on the page a line sits: across it, or in the left or right column of a two-column stretch.</summary>
internal enum ColumnSide
{
    Full,
    Left,
    Right,
}

/// <summary>
/// One line of text within one column (or across the page), in reading order. <see cref="ColumnLeft"/> is the left
/// edge of the column it sits in, so that indents measure the same in either column and on every page.
/// </summary>
internal sealed class PdfLine
{
    public PdfLine(int page, IReadOnlyList<PdfWord> words, ColumnSide side, int column)
    {
        Page = page;
        Words = words;
        Side = side;
        Column = column;
        Text = string.Join(' ', words.Select(word => word.Text));
        Baseline = words.Max(word => word.Baseline);
        ColumnLeft = Left;

        // The size and weight of most of the line's letters: a bold word in a sentence does not make a heading.
        var letters = words.Sum(word => word.Text.Length);
        FontSize = words.GroupBy(word => Math.Round(word.FontSize * 2) / 2)
            .MaxBy(group => group.Sum(word => word.Text.Length))!.Key;
        Bold = words.Where(word => word.Bold).Sum(word => word.Text.Length) * 10 >= letters * 9;
    }

    public int Page { get; }

    public IReadOnlyList<PdfWord> Words { get; }

    public ColumnSide Side { get; }

    /// <summary>Identifies the column on its page (0 across the page, then 1, 2... in reading order).</summary>
    public int Column { get; }

    /// <summary>Set by <see cref="ColumnEdges"/> once every page has been laid out.</summary>
    public double ColumnLeft { get; internal set; }

    /// <summary>
    /// The right edge of the column the line sits in (as far as any line in such a column reaches), set by
    /// <see cref="ColumnEdges"/>: a line that stops well short of it was ended on purpose.
    /// </summary>
    public double ColumnRight { get; internal set; } = double.MaxValue;

    public string Text { get; }

    public double Baseline { get; }

    public double FontSize { get; }

    public bool Bold { get; }

    public double Left => Words[0].Left;

    /// <summary>The ruled table cell the line was read from, if any (see <see cref="RuledTables"/>).</summary>
    public PdfCell? Cell { get; init; }

    /// <summary>The line is in the first cell of a table row with other cells: where a table names an area.</summary>
    public bool RowLabel { get; init; }

    public double Right => Words[^1].Right;

    public override string ToString() => $"p{Page} {Side}{Column} x{Left:F0}/{ColumnLeft:F0} y{Baseline:F0} {FontSize}{(Bold ? "b" : "")}: {Text}";
}
