using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace SampleReports;

/// <summary>
/// Writes a sample as Word would: named styles (Title, Subtitle, Heading 1..3, List Paragraph), real list numbering,
/// running header and footer with a page number from the second page, and continuous section breaks for two columns.
/// </summary>
internal static class DocxWriter
{
    private const int PageWidth = 11906;
    private const int PageHeight = 16838;
    private const int Margin = 1134;
    private const int TextWidth = PageWidth - (2 * Margin);
    private const int BulletList = 1;
    private const int BulletAbstract = 0;
    private const int NumberAbstract = 1;

    public static void Write(ReportSource source, string path)
    {
        using var document = WordprocessingDocument.Create(path, WordprocessingDocumentType.Document);
        var main = document.AddMainDocumentPart();
        main.AddNewPart<StyleDefinitionsPart>().Styles = Styles();
        var parts = new HeaderFooterIds(
            Header: AddHeader(main, source.Header),
            Footer: AddFooter(main, source.Footer),
            EmptyHeader: AddHeader(main, null),
            EmptyFooter: AddFooter(main, null));

        var instances = new List<NumberingInstance> { Instance(BulletList, BulletAbstract, restart: false) };
        var body = new Body();
        AddCover(body, source);

        var firstSection = true;
        var inColumns = false;
        Element? previous = null;
        var currentList = BulletList;
        foreach (var element in source.Body)
        {
            switch (element)
            {
                case HeadingElement heading:
                    body.Append(StyledParagraph($"Heading{heading.Level}", heading.Text));
                    break;
                case ParagraphElement paragraph:
                    body.Append(StyledParagraph(null, paragraph.Text));
                    break;
                case CaseStudyElement caseStudy:
                    body.Append(StyledParagraph("CaseStudyHeading", caseStudy.Heading));
                    foreach (var text in caseStudy.Paragraphs)
                    {
                        body.Append(StyledParagraph("CaseStudy", text));
                    }
                    break;
                case ListItemElement item:
                    if (previous is not ListItemElement)
                    {
                        currentList = BulletList;
                        if (item.Numbered)
                        {
                            currentList = instances.Count + 1;
                            instances.Add(Instance(currentList, NumberAbstract, restart: true));
                        }
                    }
                    body.Append(ListParagraph(item, currentList));
                    break;
                case PageBreakElement:
                    body.Append(new Paragraph(new Run(new Break { Type = BreakValues.Page })));
                    break;
                case ColumnsStartElement:
                    body.Append(new Paragraph(new ParagraphProperties(Section(parts, columns: 1, firstSection))));
                    firstSection = false;
                    inColumns = true;
                    break;
                case ColumnsEndElement:
                    body.Append(new Paragraph(new ParagraphProperties(Section(parts, columns: 2, firstSection))));
                    inColumns = false;
                    break;
            }
            previous = element;
        }
        body.Append(Section(parts, inColumns ? 2 : 1, firstSection));

        var numbering = new Numbering(AbstractBullets(), AbstractNumbers());
        foreach (var instance in instances)
        {
            numbering.Append(instance);
        }
        main.AddNewPart<NumberingDefinitionsPart>().Numbering = numbering;
        main.Document = new Document(body);
        main.Document.Save();
    }

    private sealed record HeaderFooterIds(string Header, string Footer, string EmptyHeader, string EmptyFooter);

    private static void AddCover(Body body, ReportSource source)
    {
        if (source.CoverLabel is { } label)
        {
            body.Append(StyledParagraph("CoverLabel", label));
        }
        body.Append(StyledParagraph("Title", source.Title));
        body.Append(StyledParagraph("Subtitle", source.Subtitle));
        body.Append(StyledParagraph("CoverDate", source.Published));
        body.Append(new Paragraph(new Run(new Break { Type = BreakValues.Page })));
    }

    private static Paragraph StyledParagraph(string? style, string text)
    {
        var paragraph = new Paragraph();
        if (style is not null)
        {
            paragraph.Append(new ParagraphProperties(new ParagraphStyleId { Val = style }));
        }
        paragraph.Append(new Run(new Text(text) { Space = SpaceProcessingModeValues.Preserve }));
        return paragraph;
    }

    private static Paragraph ListParagraph(ListItemElement item, int list) =>
        new(
            new ParagraphProperties(
                new ParagraphStyleId { Val = "ListParagraph" },
                new NumberingProperties(new NumberingLevelReference { Val = item.Depth }, new NumberingId { Val = list })),
            new Run(new Text(item.Text) { Space = SpaceProcessingModeValues.Preserve }));

    private static SectionProperties Section(HeaderFooterIds parts, int columns, bool first)
    {
        var section = new SectionProperties(
            new HeaderReference { Type = HeaderFooterValues.Default, Id = parts.Header },
            new HeaderReference { Type = HeaderFooterValues.First, Id = parts.EmptyHeader },
            new FooterReference { Type = HeaderFooterValues.Default, Id = parts.Footer },
            new FooterReference { Type = HeaderFooterValues.First, Id = parts.EmptyFooter });
        if (!first)
        {
            section.Append(new SectionType { Val = SectionMarkValues.Continuous });
        }
        section.Append(
            new PageSize { Width = PageWidth, Height = PageHeight },
            new PageMargin { Top = Margin, Bottom = Margin, Left = Margin, Right = Margin, Header = 567, Footer = 567, Gutter = 0 },
            new Columns { ColumnCount = (Int16Value)(short)columns, Space = "567" });
        if (first)
        {
            section.Append(new TitlePage());
        }
        return section;
    }

    private static string AddHeader(MainDocumentPart main, string? text)
    {
        var part = main.AddNewPart<HeaderPart>();
        part.Header = new Header(text is null
            ? new Paragraph(new ParagraphProperties(new ParagraphStyleId { Val = "Header" }))
            : new Paragraph(
                new ParagraphProperties(new ParagraphStyleId { Val = "Header" }, new Justification { Val = JustificationValues.Right }),
                new Run(new Text(text) { Space = SpaceProcessingModeValues.Preserve })));
        return main.GetIdOfPart(part);
    }

    private static string AddFooter(MainDocumentPart main, string? text)
    {
        var part = main.AddNewPart<FooterPart>();
        part.Footer = new Footer(text is null
            ? new Paragraph(new ParagraphProperties(new ParagraphStyleId { Val = "Footer" }))
            : new Paragraph(
                new ParagraphProperties(
                    new ParagraphStyleId { Val = "Footer" },
                    new Tabs(new TabStop { Val = TabStopValues.Right, Position = TextWidth })),
                new Run(new Text(text) { Space = SpaceProcessingModeValues.Preserve }),
                new Run(new TabChar()),
                new SimpleField(new Run(new Text("1"))) { Instruction = " PAGE " }));
        return main.GetIdOfPart(part);
    }

    private static Styles Styles() =>
        new(
            new DocDefaults(
                new RunPropertiesDefault(new RunPropertiesBaseStyle(
                    new RunFonts { Ascii = "Arial", HighAnsi = "Arial", ComplexScript = "Arial" },
                    new FontSize { Val = "22" },
                    new FontSizeComplexScript { Val = "22" },
                    new Languages { Val = "en-GB" })),
                new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(
                    new SpacingBetweenLines { After = "160", Line = "264", LineRule = LineSpacingRuleValues.Auto }))),
            ParagraphStyle("Normal", "Normal", basedOn: null, paragraph: [], run: [], isDefault: true),
            ParagraphStyle("Title", "Title", "Normal",
                [new SpacingBetweenLines { Before = "2400", After = "240" }],
                [new Bold(), new Color { Val = "1F3864" }, new FontSize { Val = "64" }, new FontSizeComplexScript { Val = "64" }]),
            ParagraphStyle("Subtitle", "Subtitle", "Normal",
                [new SpacingBetweenLines { After = "480" }],
                [new Color { Val = "2F5496" }, new FontSize { Val = "32" }, new FontSizeComplexScript { Val = "32" }]),
            ParagraphStyle("CoverLabel", "Cover Label", "Normal", [], [new Color { Val = "595959" }, new FontSize { Val = "22" }]),
            ParagraphStyle("CoverDate", "Cover Date", "Normal", [], [new FontSize { Val = "24" }, new FontSizeComplexScript { Val = "24" }]),
            HeadingStyle(1, size: "36", color: "1F3864", before: "360"),
            HeadingStyle(2, size: "28", color: "2F5496", before: "240"),
            HeadingStyle(3, size: "24", color: "2F5496", before: "200"),
            ParagraphStyle("ListParagraph", "List Paragraph", "Normal",
                [new SpacingBetweenLines { After = "100" }, new Indentation { Left = "720" }],
                []),
            ParagraphStyle("CaseStudyHeading", "Case Study Heading", "Normal",
                [new KeepNext(), new Shading { Val = ShadingPatternValues.Clear, Color = "auto", Fill = "EAF1FB" }, new SpacingBetweenLines { Before = "120", After = "60" }, new Indentation { Left = "284", Right = "284" }],
                [new Bold(), new Color { Val = "1F3864" }]),
            ParagraphStyle("CaseStudy", "Case Study", "Normal",
                [new Shading { Val = ShadingPatternValues.Clear, Color = "auto", Fill = "EAF1FB" }, new Indentation { Left = "284", Right = "284" }],
                [new FontSize { Val = "20" }, new FontSizeComplexScript { Val = "20" }]),
            ParagraphStyle("Header", "header", "Normal", [new SpacingBetweenLines { After = "0" }], [new Color { Val = "595959" }, new FontSize { Val = "18" }]),
            ParagraphStyle("Footer", "footer", "Normal", [new SpacingBetweenLines { After = "0" }], [new Color { Val = "595959" }, new FontSize { Val = "18" }]));

    private static Style HeadingStyle(int level, string size, string color, string before) =>
        ParagraphStyle($"Heading{level}", $"heading {level}", "Normal",
            [new KeepNext(), new SpacingBetweenLines { Before = before, After = "120" }, new OutlineLevel { Val = level - 1 }],
            [new Bold(), new Color { Val = color }, new FontSize { Val = size }, new FontSizeComplexScript { Val = size }]);

    private static Style ParagraphStyle(
        string id, string name, string? basedOn, OpenXmlElement[] paragraph, OpenXmlElement[] run, bool isDefault = false)
    {
        var style = new Style(new StyleName { Val = name }) { Type = StyleValues.Paragraph, StyleId = id };
        if (isDefault)
        {
            style.Default = true;
        }
        if (basedOn is not null)
        {
            style.Append(new BasedOn { Val = basedOn });
        }
        style.Append(new PrimaryStyle());
        if (paragraph.Length > 0)
        {
            style.Append(new StyleParagraphProperties(paragraph));
        }
        if (run.Length > 0)
        {
            style.Append(new StyleRunProperties(run));
        }
        return style;
    }

    private static AbstractNum AbstractBullets() =>
        new(
            BulletLevel(0, "•"),
            BulletLevel(1, "–"),
            BulletLevel(2, "▪"))
        { AbstractNumberId = BulletAbstract };

    private static AbstractNum AbstractNumbers() =>
        new(
            new Level(
                new StartNumberingValue { Val = 1 },
                new NumberingFormat { Val = NumberFormatValues.Decimal },
                new LevelText { Val = "%1." },
                new LevelJustification { Val = LevelJustificationValues.Left },
                new PreviousParagraphProperties(new Indentation { Left = "720", Hanging = "432" }))
            { LevelIndex = 0 },
            BulletLevel(1, "–"),
            BulletLevel(2, "▪"))
        { AbstractNumberId = NumberAbstract };

    private static Level BulletLevel(int index, string glyph) =>
        new(
            new StartNumberingValue { Val = 1 },
            new NumberingFormat { Val = NumberFormatValues.Bullet },
            new LevelText { Val = glyph },
            new LevelJustification { Val = LevelJustificationValues.Left },
            new PreviousParagraphProperties(new Indentation { Left = (720 * (index + 1)).ToString(System.Globalization.CultureInfo.InvariantCulture), Hanging = "360" }),
            new NumberingSymbolRunProperties(new RunFonts { Ascii = "Arial", HighAnsi = "Arial" }))
        { LevelIndex = index };

    private static NumberingInstance Instance(int id, int abstractId, bool restart)
    {
        var instance = new NumberingInstance(new AbstractNumId { Val = abstractId }) { NumberID = id };
        if (restart)
        {
            instance.Append(new LevelOverride(new StartOverrideNumberingValue { Val = 1 }) { LevelIndex = 0 });
        }
        return instance;
    }
}
