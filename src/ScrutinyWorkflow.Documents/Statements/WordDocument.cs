using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using ScrutinyWorkflow.Core.Statements;
using Break = DocumentFormat.OpenXml.Wordprocessing.Break;
using Hyperlink = DocumentFormat.OpenXml.Wordprocessing.Hyperlink;
using Paragraph = DocumentFormat.OpenXml.Wordprocessing.Paragraph;
using Run = DocumentFormat.OpenXml.Wordprocessing.Run;
using Table = DocumentFormat.OpenXml.Wordprocessing.Table;
using TableRow = DocumentFormat.OpenXml.Wordprocessing.TableRow;
using Text = DocumentFormat.OpenXml.Wordprocessing.Text;

namespace ScrutinyWorkflow.Documents.Statements;

/// <summary>How a paper is laid out: the page, and optionally a council's Word template (.dotx) for styles, header and footer.</summary>
public sealed record WordLayout(bool Landscape, string? TemplatePath = null);

/// <summary>
/// A Word document being written with the Open XML SDK, with the built-in styles councils' templates restyle (Title,
/// Heading 1 and 2, Table Grid, List Bullet, List Number, Hyperlink), so a paper pasted into a council's pack takes on
/// its house style. Rich answers come out as real Word lists, runs, hyperlinks and nested tables.
/// </summary>
internal sealed class WordDocument : IDisposable
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    /// <summary>A4 in twentieths of a point.</summary>
    private const int A4Short = 11906;
    private const int A4Long = 16838;
    private const int Margin = 1134;
    private const int BulletList = 1;
    private const int NumberedList = 2;
    private const int DeepestLevel = 8;

    private readonly MemoryStream stream = new();
    private readonly WordprocessingDocument package;
    private readonly MainDocumentPart main;
    private readonly Body body;
    private readonly Numbering numbering;
    private int nextNumbering = 3;

    public WordDocument(string title, WordLayout layout)
    {
        if (layout.TemplatePath is { } template)
        {
            using var fromTemplate = WordprocessingDocument.CreateFromTemplate(template);
            package = fromTemplate.Clone(stream, isEditable: true);
            main = package.MainDocumentPart!;
            body = main.Document.Body ??= new Body();
            // The template's own sample content goes; its last section (page setup, header and footer) stays.
            var section = body.Elements<SectionProperties>().LastOrDefault()?.CloneNode(true);
            body.RemoveAllChildren();
            if (section is not null)
            {
                body.Append(section);
            }
        }
        else
        {
            package = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document);
            main = package.AddMainDocumentPart();
            main.Document = new Document(body = new Body());
        }
        var styles = main.StyleDefinitionsPart ?? main.AddNewPart<StyleDefinitionsPart>();
        styles.Styles ??= new Styles(DefaultStyles());
        AddMissingStyles(styles.Styles);
        var numberingPart = main.NumberingDefinitionsPart ?? main.AddNewPart<NumberingDefinitionsPart>();
        numberingPart.Numbering ??= new Numbering();
        numbering = numberingPart.Numbering;
        AddListNumbering(numbering);
        if (!body.Elements<SectionProperties>().Any())
        {
            body.Append(Section(layout.Landscape, Footer(title)));
        }
        package.PackageProperties.Title = title;
        package.PackageProperties.Creator = "Scrutiny Workflow";
    }

    /// <summary>Widths of the text area in twentieths of a point, for laying out tables.</summary>
    public static int TextWidth(bool landscape) => (landscape ? A4Long : A4Short) - (2 * Margin);

    public void AddHeading(int level, string text) =>
        Add(new Paragraph(new ParagraphProperties(new ParagraphStyleId { Val = $"Heading{level}" }), TextRunOf(text)));

    public void AddTitle(string text) =>
        Add(new Paragraph(new ParagraphProperties(new ParagraphStyleId { Val = "Title" }), TextRunOf(text)));

    public void AddParagraph(string text, bool bold = false, bool italic = false) =>
        Add(new Paragraph(Run(new TextRun(text, bold, italic))));

    /// <summary>A bold line that introduces what follows it and stays on its page (a heading below Heading 2).</summary>
    public void AddLeadIn(string text) =>
        Add(new Paragraph(new ParagraphProperties(new KeepNext()), Run(new TextRun(text, Bold: true))));

    public void AddBullets(IEnumerable<string> items)
    {
        var list = NewList(numbered: false, start: 1);
        foreach (var item in items)
        {
            Add(ListParagraph(list, numbered: false, level: 0, [new TextRun(item)]));
        }
    }

    public void AddNumbered(IEnumerable<string> items)
    {
        var list = NewList(numbered: true, start: 1);
        foreach (var item in items)
        {
            Add(ListParagraph(list, numbered: true, level: 0, [new TextRun(item)]));
        }
    }

    /// <summary>A table of label and value rows (a paper's particulars), labels in bold.</summary>
    public void AddParticulars(IEnumerable<(string Label, string Value)> rows, bool landscape)
    {
        var width = TextWidth(landscape);
        var widths = new[] { width / 4, width - (width / 4) };
        var table = NewTable(widths, null);
        foreach (var (label, value) in rows)
        {
            table.Append(new TableRow(
                Cell(widths[0], [new Paragraph(Run(new TextRun(label, Bold: true)))]),
                Cell(widths[1], [new Paragraph(Run(new TextRun(value)))])));
        }
        Add(table);
        Add(new Paragraph());
    }

    /// <summary>
    /// A table with a header row Word repeats on every page, rows allowed to break across pages, and fixed column
    /// widths; each row gives the content of its cells. <paramref name="rowsWhole"/> keeps each row on one page (for
    /// short rows, where a few lines carried over read badly); <paramref name="together"/> keeps a small table on one page.
    /// </summary>
    public void AddTable(IReadOnlyList<(string Header, int Width)> columns, IEnumerable<IReadOnlyList<IReadOnlyList<OpenXmlElement>>> rows, bool rowsWhole = false, bool together = false)
    {
        var widths = columns.Select(c => c.Width).ToArray();
        var table = NewTable(widths, "TableGrid");
        var header = new TableRow(new TableRowProperties(new TableHeader()));
        header.Append(columns.Select(c => Cell(c.Width, [new Paragraph(new ParagraphProperties(new KeepNext()), Run(new TextRun(c.Header, Bold: true)))], shade: true)));
        table.Append(header);
        foreach (var cells in rows)
        {
            var row = new TableRow();
            if (rowsWhole)
            {
                row.Append(new TableRowProperties(new CantSplit()));
            }
            row.Append(cells.Select((content, i) => Cell(widths[i], content)));
            table.Append(row);
        }
        if (together)
        {
            // Word keeps a table together when every paragraph but the last row's is kept with the next.
            foreach (var paragraph in table.Elements<TableRow>().SkipLast(1).SelectMany(r => r.Descendants<Paragraph>()))
            {
                var properties = paragraph.ParagraphProperties ?? paragraph.PrependChild(new ParagraphProperties());
                if (properties.KeepNext is null)
                {
                    properties.KeepNext = new KeepNext();
                }
            }
        }
        Add(table);
        Add(new Paragraph());
    }

    /// <summary>Rich text as Word blocks: paragraphs, List Bullet and List Number paragraphs, and nested tables.</summary>
    public List<OpenXmlElement> Blocks(RichText text, int width) => [.. Blocks(text.Blocks, width, level: 0)];

    public static List<OpenXmlElement> PlainText(string text, bool bold = false, bool italic = false) => [new Paragraph(Run(new TextRun(text, bold, italic)))];

    public byte[] ToBytes()
    {
        numbering.Save();
        main.Document.Save();
        package.Dispose();
        return stream.ToArray();
    }

    public void Dispose()
    {
        package.Dispose();
        stream.Dispose();
    }

    private void Add(OpenXmlElement element)
    {
        var section = body.Elements<SectionProperties>().LastOrDefault();
        if (section is null)
        {
            body.Append(element);
        }
        else
        {
            body.InsertBefore(element, section);
        }
    }

    private IEnumerable<OpenXmlElement> Blocks(IEnumerable<Core.Statements.Block> blocks, int width, int level)
    {
        foreach (var block in blocks)
        {
            switch (block)
            {
                case Core.Statements.Paragraph paragraph:
                    yield return ParagraphOf(Inlines(paragraph.Inlines));
                    break;
                case ListBlock list:
                    var numberingId = NewList(list.Numbered, list.Start, Math.Min(level, DeepestLevel));
                    foreach (var item in list.Items)
                    {
                        // An item's first paragraph carries the bullet or number; what follows it in the item is indented under it.
                        var first = true;
                        foreach (var inner in item)
                        {
                            if (inner is Core.Statements.Paragraph p)
                            {
                                yield return first
                                    ? ListParagraph(numberingId, list.Numbered, Math.Min(level, DeepestLevel), p.Inlines)
                                    : ParagraphOf(Inlines(p.Inlines), new ParagraphProperties(new Indentation { Left = Indent(level + 1) }));
                            }
                            else
                            {
                                foreach (var element in Blocks([inner], width, level + 1))
                                {
                                    yield return element;
                                }
                            }
                            first = false;
                        }
                    }
                    break;
                case TableBlock table:
                    yield return NestedTable(table, width);
                    // Word wants a paragraph between a nested table and what follows it, and at the end of a cell.
                    yield return new Paragraph();
                    break;
            }
        }
    }

    private Table NestedTable(TableBlock table, int width)
    {
        var columns = Math.Max(1, table.Rows.Max(r => r.Cells.Count));
        var widths = Enumerable.Repeat(width / columns, columns).ToArray();
        var nested = NewTable(widths, "TableGrid");
        for (var r = 0; r < table.Rows.Count; r++)
        {
            var header = r == 0 && table.HasHeader;
            var cells = table.Rows[r].Cells;
            var row = new TableRow();
            if (header)
            {
                row.Append(new TableRowProperties(new TableHeader()));
            }
            row.Append(Enumerable.Range(0, columns).Select(c => Cell(widths[c], [ParagraphOf(c < cells.Count ? Inlines(cells[c], bold: header) : [])], shade: header)));
            nested.Append(row);
        }
        return nested;
    }

    private List<OpenXmlElement> Inlines(IEnumerable<Inline> inlines, bool bold = false)
    {
        List<OpenXmlElement> runs = [];
        foreach (var inline in inlines)
        {
            switch (inline)
            {
                case TextRun text:
                    runs.Add(Run(bold ? text with { Bold = true } : text));
                    break;
                case LineBreak:
                    runs.Add(new Run(new Break()));
                    break;
                case Link link:
                    var relationship = main.AddHyperlinkRelationship(link.Target, isExternal: true);
                    runs.Add(new Hyperlink([.. link.Inlines.OfType<TextRun>().Select(t => Run(t, style: "Hyperlink"))]) { Id = relationship.Id, History = true });
                    break;
            }
        }
        return runs;
    }

    private static Run Run(TextRun text, string? style = null)
    {
        var properties = new RunProperties();
        if (style is not null)
        {
            properties.Append(new RunStyle { Val = style });
        }
        if (text.Bold)
        {
            properties.Append(new Bold());
        }
        if (text.Italic)
        {
            properties.Append(new Italic());
        }
        var run = new Run(new Text(XmlSafe(text.Text)) { Space = SpaceProcessingModeValues.Preserve });
        if (properties.HasChildren)
        {
            run.PrependChild(properties);
        }
        return run;
    }

    private static Run TextRunOf(string text) => Run(new TextRun(text));

    /// <summary>
    /// XML 1.0 cannot hold most control characters, the noncharacters U+FFFE and U+FFFF, or half a surrogate pair; an
    /// answer pasted from elsewhere sometimes has them, and one would stop the whole appendix being written.
    /// </summary>
    private static string XmlSafe(string text)
    {
        var unsafeAt = Enumerable.Range(0, text.Length).Any(i =>
            char.IsControl(text[i]) && text[i] is not ('\t' or '\n' or '\r')
            || !System.Xml.XmlConvert.IsXmlChar(text[i]) && !char.IsSurrogatePair(text, i) && !(i > 0 && char.IsSurrogatePair(text, i - 1)));
        if (!unsafeAt)
        {
            return text;
        }
        var kept = new System.Text.StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsSurrogatePair(text, i))
            {
                kept.Append(text, i++, 2);
            }
            else if (System.Xml.XmlConvert.IsXmlChar(text[i]) && (!char.IsControl(text[i]) || text[i] is '\t'))
            {
                kept.Append(text[i]);
            }
        }
        return kept.ToString();
    }

    private Paragraph ListParagraph(int numberingId, bool numbered, int level, IEnumerable<Inline> inlines) =>
        ParagraphOf(Inlines(inlines), new ParagraphProperties(
            new ParagraphStyleId { Val = numbered ? "ListNumber" : "ListBullet" },
            new NumberingProperties(new NumberingLevelReference { Val = level }, new NumberingId { Val = numberingId })));

    private static Paragraph ParagraphOf(IEnumerable<OpenXmlElement> runs, ParagraphProperties? properties = null)
    {
        var paragraph = new Paragraph();
        if (properties is not null)
        {
            paragraph.Append(properties);
        }
        paragraph.Append(runs);
        return paragraph;
    }

    /// <summary>Each list numbers from its own start: a numbering instance of its own over the shared list definition.</summary>
    private int NewList(bool numbered, int start, int level = 0)
    {
        var id = nextNumbering++;
        var instance = new NumberingInstance(new AbstractNumId { Val = numbered ? NumberedList : BulletList }) { NumberID = id };
        if (numbered)
        {
            instance.Append(new LevelOverride(new StartOverrideNumberingValue { Val = start }) { LevelIndex = level });
        }
        numbering.Append(instance);
        return id;
    }

    private static string Indent(int level) => (360 * (level + 1)).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static Table NewTable(int[] widths, string? style)
    {
        var properties = new TableProperties();
        if (style is not null)
        {
            properties.Append(new TableStyle { Val = style });
        }
        properties.Append(
            new TableWidth { Width = widths.Sum().ToString(System.Globalization.CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa },
            new TableLayout { Type = TableLayoutValues.Fixed },
            new TableLook { Val = "04A0", FirstRow = true, NoVerticalBand = true });
        return new Table(properties, new TableGrid([.. widths.Select(w => new GridColumn { Width = w.ToString(System.Globalization.CultureInfo.InvariantCulture) })]));
    }

    private static TableCell Cell(int width, IReadOnlyList<OpenXmlElement> content, bool shade = false)
    {
        var properties = new TableCellProperties(new TableCellWidth { Width = width.ToString(System.Globalization.CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa });
        if (shade)
        {
            properties.Append(new Shading { Val = ShadingPatternValues.Clear, Color = "auto", Fill = "E7E6E6" });
        }
        var cell = new TableCell(properties);
        cell.Append(content.Select(e => e.CloneNode(true)));
        if (cell.LastChild is not Paragraph)
        {
            cell.Append(new Paragraph());
        }
        return cell;
    }

    private Footer Footer(string title)
    {
        var footerPart = main.AddNewPart<FooterPart>();
        footerPart.Footer = new Footer(new Paragraph(
            new ParagraphProperties(new ParagraphStyleId { Val = "Footer" }),
            TextRunOf(title + " \u2013 page "),
            new SimpleField(TextRunOf("1")) { Instruction = " PAGE " },
            TextRunOf(" of "),
            new SimpleField(TextRunOf("1")) { Instruction = " NUMPAGES " }));
        footerPart.Footer.Save();
        return footerPart.Footer;
    }

    private SectionProperties Section(bool landscape, Footer footer) => new(
        new FooterReference { Type = HeaderFooterValues.Default, Id = main.GetIdOfPart(footer.FooterPart!) },
        landscape
            ? new PageSize { Width = A4Long, Height = A4Short, Orient = PageOrientationValues.Landscape }
            : new PageSize { Width = A4Short, Height = A4Long },
        new PageMargin { Top = Margin, Bottom = Margin, Left = Margin, Right = Margin, Header = 567, Footer = 567, Gutter = 0 });

    private static void AddListNumbering(Numbering numbering)
    {
        // Abstract definitions come before every instance in the numbering part.
        foreach (var id in new[] { BulletList, NumberedList })
        {
            if (numbering.Elements<AbstractNum>().Any(a => a.AbstractNumberId?.Value == id))
            {
                numbering.Elements<AbstractNum>().First(a => a.AbstractNumberId?.Value == id).Remove();
            }
        }
        var bullets = new AbstractNum(new MultiLevelType { Val = MultiLevelValues.HybridMultilevel }) { AbstractNumberId = BulletList };
        var numbers = new AbstractNum(new MultiLevelType { Val = MultiLevelValues.HybridMultilevel }) { AbstractNumberId = NumberedList };
        for (var level = 0; level <= DeepestLevel; level++)
        {
            bullets.Append(Level(level, NumberFormatValues.Bullet, level % 2 == 0 ? "\u2022" : "\u2013"));
            numbers.Append(Level(level, level % 2 == 0 ? NumberFormatValues.Decimal : NumberFormatValues.LowerLetter, $"%{level + 1}."));
        }
        var firstInstance = numbering.Elements<NumberingInstance>().FirstOrDefault();
        if (firstInstance is null)
        {
            numbering.Append(bullets, numbers);
        }
        else
        {
            numbering.InsertBefore(bullets, firstInstance);
            numbering.InsertBefore(numbers, firstInstance);
        }
        // The List Bullet and List Number styles point at these two, as Word's own do.
        numbering.Append(
            new NumberingInstance(new AbstractNumId { Val = BulletList }) { NumberID = BulletList },
            new NumberingInstance(new AbstractNumId { Val = NumberedList }) { NumberID = NumberedList });

        static Level Level(int level, NumberFormatValues format, string text) => new(
            new StartNumberingValue { Val = 1 },
            new NumberingFormat { Val = format },
            new LevelText { Val = text },
            new LevelJustification { Val = LevelJustificationValues.Left },
            new PreviousParagraphProperties(new Indentation { Left = Indent(level), Hanging = "360" }))
        { LevelIndex = level };
    }

    private static void AddMissingStyles(Styles styles)
    {
        var present = styles.Elements<Style>().Select(s => s.StyleId?.Value).OfType<string>().ToHashSet(StringComparer.Ordinal);
        foreach (var style in StyleDefinitions().Where(s => !present.Contains(s.StyleId!.Value!)))
        {
            styles.Append(style);
        }
    }

    private static OpenXmlElement[] DefaultStyles() =>
    [
        new DocDefaults(
            new RunPropertiesDefault(new RunPropertiesBaseStyle(
                new RunFonts { Ascii = "Arial", HighAnsi = "Arial", ComplexScript = "Arial", EastAsia = "Arial" },
                new FontSize { Val = "22" },
                new FontSizeComplexScript { Val = "22" },
                new Languages { Val = "en-GB" })),
            new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(new SpacingBetweenLines { After = "120", Line = "264", LineRule = LineSpacingRuleValues.Auto }))),
    ];

    private static IEnumerable<Style> StyleDefinitions()
    {
        yield return ParagraphStyle("Normal", "Normal", basedOn: null, isDefault: true);
        yield return ParagraphStyle("Title", "Title", "Normal", new StyleRunProperties(new Bold(), new FontSize { Val = "36" }), outline: null, new SpacingBetweenLines { After = "240" });
        yield return ParagraphStyle("Heading1", "heading 1", "Normal", new StyleRunProperties(new Bold(), new FontSize { Val = "32" }), outline: 0, new KeepNext(), new SpacingBetweenLines { Before = "240", After = "120" });
        yield return ParagraphStyle("Heading2", "heading 2", "Normal", new StyleRunProperties(new Bold(), new FontSize { Val = "26" }), outline: 1, new KeepNext(), new SpacingBetweenLines { Before = "240", After = "120" });
        yield return ParagraphStyle("ListBullet", "List Bullet", "Normal", null, null,
            new NumberingProperties(new NumberingId { Val = BulletList }), new SpacingBetweenLines { After = "60" });
        yield return ParagraphStyle("ListNumber", "List Number", "Normal", null, null,
            new NumberingProperties(new NumberingId { Val = NumberedList }), new SpacingBetweenLines { After = "60" });
        yield return ParagraphStyle("Footer", "footer", "Normal", new StyleRunProperties(new FontSize { Val = "18" }), null);
        yield return new Style(
            new StyleName { Val = "Hyperlink" },
            new UIPriority { Val = 99 },
            new UnhideWhenUsed(),
            new StyleRunProperties(new Color { Val = "0563C1" }, new Underline { Val = UnderlineValues.Single }))
        { Type = StyleValues.Character, StyleId = "Hyperlink" };
        yield return new Style(
            new StyleName { Val = "Table Grid" },
            new UIPriority { Val = 39 },
            new StyleParagraphProperties(new SpacingBetweenLines { After = "60" }),
            new StyleTableProperties(
                new TableBorders(
                    new TopBorder { Val = BorderValues.Single, Size = 4, Space = 0, Color = "auto" },
                    new LeftBorder { Val = BorderValues.Single, Size = 4, Space = 0, Color = "auto" },
                    new BottomBorder { Val = BorderValues.Single, Size = 4, Space = 0, Color = "auto" },
                    new RightBorder { Val = BorderValues.Single, Size = 4, Space = 0, Color = "auto" },
                    new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4, Space = 0, Color = "auto" },
                    new InsideVerticalBorder { Val = BorderValues.Single, Size = 4, Space = 0, Color = "auto" }),
                new TableCellMarginDefault(
                    new TopMargin { Width = "57", Type = TableWidthUnitValues.Dxa },
                    new TableCellLeftMargin { Width = 108, Type = TableWidthValues.Dxa },
                    new BottomMargin { Width = "57", Type = TableWidthUnitValues.Dxa },
                    new TableCellRightMargin { Width = 108, Type = TableWidthValues.Dxa })))
        { Type = StyleValues.Table, StyleId = "TableGrid" };
    }

    private static Style ParagraphStyle(string id, string name, string? basedOn, StyleRunProperties? run = null, int? outline = null, params OpenXmlElement[] paragraph)
    {
        var style = new Style(new StyleName { Val = name }) { Type = StyleValues.Paragraph, StyleId = id };
        if (basedOn is not null)
        {
            style.Append(new BasedOn { Val = basedOn }, new NextParagraphStyle { Val = "Normal" });
        }
        style.Append(new PrimaryStyle());
        var properties = new StyleParagraphProperties(paragraph);
        if (outline is { } level)
        {
            properties.Append(new OutlineLevel { Val = level });
        }
        if (properties.HasChildren)
        {
            style.Append(properties);
        }
        if (run is not null)
        {
            style.Append(run);
        }
        return style;
    }

    private static Style ParagraphStyle(string id, string name, string? basedOn, bool isDefault)
    {
        var style = ParagraphStyle(id, name, basedOn);
        style.Default = isDefault;
        return style;
    }
}
