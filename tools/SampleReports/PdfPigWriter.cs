using System.Globalization;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace SampleReports;

/// <summary>
/// Writes a sample straight to PDF with PdfPig's document builder, laid out the way desktop publishing does and
/// word processors do not: list bullets drawn as filled circles (paths, no character), numbers as text runs of their
/// own set apart from the item's text, or no marker at all and only a hanging indent; two columns where the source
/// asks; a running header and a footer with the page number.
/// </summary>
internal sealed class PdfPigWriter : IDisposable
{
    private const double PageWidth = 595;
    private const double PageHeight = 842;
    private const double Left = 64;
    private const double Right = 531;
    private const double Top = 772;
    private const double Bottom = 72;
    private const double Gutter = 22;
    private const double BodySize = 10;
    private const double ListIndent = 18;
    private const double MarkerWidth = 14;
    private const double HangingIndent = 18;

    private readonly PdfDocumentBuilder builder = new();
    private readonly PdfDocumentBuilder.AddedFont regular;
    private readonly PdfDocumentBuilder.AddedFont bold;
    private readonly ReportSource source;
    private readonly bool drawnMarkers;
    private PdfPageBuilder page = null!;
    private int pageNumber;
    private double y;
    private int column;
    private bool inColumns;
    private double columnsTop;

    private PdfPigWriter(ReportSource source)
    {
        this.source = source;
        drawnMarkers = source.PdfPigLists switch
        {
            "drawn" => true,
            "hanging" => false,
            var other => throw new FormatException($"pdfpig-lists: '{other}' is neither 'drawn' nor 'hanging'."),
        };
        regular = builder.AddStandard14Font(Standard14Font.Helvetica);
        bold = builder.AddStandard14Font(Standard14Font.HelveticaBold);
    }

    public static void Write(ReportSource source, string path)
    {
        using var writer = new PdfPigWriter(source);
        writer.WriteCover();
        writer.WriteBody();
        File.WriteAllBytes(path, writer.builder.Build());
    }

    public void Dispose() => builder.Dispose();

    private void WriteCover()
    {
        NewPage(running: false);
        y = 560;
        if (source.CoverLabel is { } label)
        {
            Paragraph(label, 12, bold: false, Left, Left, spaceAfter: 14);
        }
        Paragraph(source.Title, 30, bold: true, Left, Left, spaceAfter: 10);
        Paragraph(source.Subtitle, 16, bold: false, Left, Left, spaceAfter: 24);
        Paragraph(source.Published, 12, bold: false, Left, Left, spaceAfter: 0);
    }

    private void WriteBody()
    {
        NewPage(running: true);
        var numbers = new Dictionary<int, int>();
        Element? previous = null;
        foreach (var element in source.Body)
        {
            if (element is not ListItemElement)
            {
                numbers.Clear();
            }
            switch (element)
            {
                case HeadingElement heading:
                    var size = heading.Level switch { 1 => 18, 2 => 13.5, _ => 11.5 };
                    KeepWithNext(size, lines: 3);
                    Space(previous is null ? 0 : size * 0.8);
                    Paragraph(heading.Text, size, bold: true, ColumnLeft, ColumnLeft, spaceAfter: size * 0.4);
                    break;
                case ParagraphElement paragraph:
                    Paragraph(paragraph.Text, BodySize, bold: false, ColumnLeft, ColumnLeft, spaceAfter: BodySize * 0.7);
                    break;
                case CaseStudyElement caseStudy:
                    Space(BodySize * 0.4);
                    Paragraph(caseStudy.Heading, BodySize, bold: true, ColumnLeft + 14, ColumnLeft + 14, spaceAfter: 3, rule: true);
                    foreach (var text in caseStudy.Paragraphs)
                    {
                        Paragraph(text, BodySize, bold: false, ColumnLeft + 14, ColumnLeft + 14, spaceAfter: BodySize * 0.5, rule: true);
                    }
                    Space(BodySize * 0.4);
                    break;
                case ListItemElement item:
                    foreach (var deeper in numbers.Keys.Where(depth => depth > item.Depth).ToList())
                    {
                        numbers.Remove(deeper);
                    }
                    numbers[item.Depth] = numbers.GetValueOrDefault(item.Depth) + 1;
                    ListItem(item, numbers[item.Depth]);
                    break;
                case PageBreakElement:
                    NewPage(running: true);
                    break;
                case ColumnsStartElement:
                    inColumns = true;
                    column = 0;
                    columnsTop = y;
                    break;
                case ColumnsEndElement:
                    // Text after the columns starts below them: on a new page once the right column is in use.
                    inColumns = false;
                    if (column == 1 && element != source.Body[^1])
                    {
                        NewPage(running: true);
                    }
                    break;
            }
            previous = element;
        }
    }

    private double ColumnWidth => inColumns ? (Right - Left - Gutter) / 2 : Right - Left;

    private double ColumnLeft => inColumns && column == 1 ? Left + ColumnWidth + Gutter : Left;

    private double ColumnRight => ColumnLeft + ColumnWidth;

    private void ListItem(ListItemElement item, int number)
    {
        var indent = item.Depth * ListIndent;
        if (!drawnMarkers)
        {
            // No marker: the item's first line starts at the margin and its other lines hang in from it.
            Paragraph(item.Text, BodySize, bold: false, ColumnLeft + indent, ColumnLeft + indent + HangingIndent, spaceAfter: 0);
            return;
        }
        var width = ColumnWidth - indent - MarkerWidth;
        var lines = Wrap(item.Text, BodySize, bold: false, width, width);
        for (var i = 0; i < lines.Count; i++)
        {
            // Each line is placed after NextLine, which may have moved on to the next column.
            var baseline = NextLine(BodySize);
            var markerX = ColumnLeft + indent;
            if (i == 0 && item.Numbered)
            {
                page.AddText(number.ToString(CultureInfo.InvariantCulture) + ".", BodySize, new PdfPoint(markerX, baseline), regular);
            }
            else if (i == 0)
            {
                page.DrawCircle(new PdfPoint(markerX + 2.2, baseline + (0.33 * BodySize)), 3.6, 0, fill: true);
            }
            page.AddText(lines[i], BodySize, new PdfPoint(markerX + MarkerWidth, baseline), regular);
        }
        Space(2.5);
    }

    private void Paragraph(string text, double size, bool bold, double firstLeft, double otherLeft, double spaceAfter, bool rule = false)
    {
        var offsetFirst = firstLeft - ColumnLeft;
        var offsetOther = otherLeft - ColumnLeft;
        var lines = Wrap(text, size, bold, ColumnWidth - offsetFirst, ColumnWidth - offsetOther);
        for (var i = 0; i < lines.Count; i++)
        {
            var baseline = NextLine(size);
            var x = ColumnLeft + (i == 0 ? offsetFirst : offsetOther);
            page.AddText(lines[i], size, new PdfPoint(x, baseline), bold ? this.bold : regular);
            if (rule)
            {
                page.DrawLine(new PdfPoint(ColumnLeft + 4, baseline - 3), new PdfPoint(ColumnLeft + 4, baseline + size), 1.2);
            }
        }
        Space(spaceAfter);
    }

    /// <summary>The baseline of the next line, moving to the next column or page when this one is full.</summary>
    private double NextLine(double size)
    {
        var pitch = size * 1.3;
        if (y - pitch < Bottom)
        {
            NextColumnOrPage();
        }
        y -= pitch;
        return y;
    }

    private void KeepWithNext(double size, int lines)
    {
        if (y - (size * 2) - (lines * BodySize * 1.3) < Bottom)
        {
            NextColumnOrPage();
        }
    }

    private void Space(double points)
    {
        if (y != Top && y != columnsTop)
        {
            y -= points;
        }
    }

    private void NextColumnOrPage()
    {
        if (inColumns && column == 0)
        {
            column = 1;
            y = columnsTop;
            return;
        }
        NewPage(running: true);
        if (inColumns)
        {
            column = 0;
            columnsTop = y;
        }
    }

    private void NewPage(bool running)
    {
        page = builder.AddPage(PageWidth, PageHeight);
        pageNumber++;
        y = Top;
        if (!running)
        {
            return;
        }
        if (source.Header is { } header)
        {
            var width = Measure(header, 8, bold: false);
            page.AddText(header, 8, new PdfPoint(Right - width, 806), regular);
        }
        if (source.Footer is { } footer)
        {
            page.AddText(footer, 8, new PdfPoint(Left, 36), regular);
        }
        var number = pageNumber.ToString(CultureInfo.InvariantCulture);
        page.AddText(number, 8, new PdfPoint(Right - Measure(number, 8, bold: false), 36), regular);
    }

    /// <summary>The text broken into lines that fit: the first line in one width, the others in another.</summary>
    private List<string> Wrap(string text, double size, bool bold, double firstWidth, double otherWidth)
    {
        var lines = new List<string>();
        var line = "";
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = line.Length == 0 ? word : line + " " + word;
            var width = lines.Count == 0 ? firstWidth : otherWidth;
            if (line.Length > 0 && Measure(candidate, size, bold) > width)
            {
                lines.Add(line);
                line = word;
            }
            else
            {
                line = candidate;
            }
        }
        lines.Add(line);
        return lines;
    }

    private double Measure(string text, double size, bool bold)
    {
        var letters = page.MeasureText(text, size, new PdfPoint(0, 0), bold ? this.bold : regular);
        return letters.Count == 0 ? 0 : letters[^1].EndBaseLine.X - letters[0].StartBaseLine.X;
    }
}
