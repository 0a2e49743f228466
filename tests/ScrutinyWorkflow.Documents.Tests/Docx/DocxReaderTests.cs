using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using ScrutinyWorkflow.Core.Reports;
using ScrutinyWorkflow.Documents.Reading;
using ScrutinyWorkflow.Documents.Reading.Docx;
using static ScrutinyWorkflow.Documents.Tests.TestFiles;

namespace ScrutinyWorkflow.Documents.Tests.Docx;

public sealed class DocxReaderTests
{
    private static List<ReportBlock> Blocks(string bodyXml) =>
        [.. Assert.IsType<BlocksRead>(DocxReportReader.Read(TestFiles.Docx(bodyXml), IngestionLimits.Default, CancellationToken.None)).Blocks];

    [Fact]
    public void Reads_headings_from_Word_styles_even_when_the_document_does_not_define_them()
    {
        var blocks = Blocks(Paragraph("Out of sight", "Title") + Paragraph("Questions for councillors", "Heading1") + Paragraph("Exclusions", "Heading2") + Paragraph("Some text."));

        Assert.Equal(
            [(BlockKind.Heading, 1), (BlockKind.Heading, 1), (BlockKind.Heading, 2), (BlockKind.Paragraph, 0)],
            blocks.Select(block => (block.Kind, block.Level)));
    }

    [Fact]
    public void Reads_list_items_and_their_depth_from_numbering()
    {
        var blocks = Blocks(Paragraph("How is it monitored?", listLevel: 0) + Paragraph("How many children?", listLevel: 1) + Paragraph("Who decides?", listLevel: 0));

        Assert.All(blocks, block => Assert.Equal(BlockKind.ListItem, block.Kind));
        Assert.Equal([0, 1, 0], blocks.Select(block => block.Level));
    }

    [Theory]
    [InlineData(int.MaxValue, 8)]
    [InlineData(1_000_000_000, 8)]
    [InlineData(-3, 0)]
    public void Keeps_a_list_level_to_the_nine_levels_Word_numbers(int claimed, int read)
    {
        var block = Assert.Single(Blocks(Paragraph("How is it monitored?", listLevel: claimed)));

        Assert.Equal((BlockKind.ListItem, read), (block.Kind, block.Level));
    }

    [Fact]
    public void Reads_a_sub_point_with_a_huge_list_level_as_an_indented_sub_point_without_failing()
    {
        var docx = TestFiles.Docx(
            Paragraph("Questions for councillors", "Heading1")
            + Paragraph("How is care planned?", listLevel: 0)
            + Paragraph("for children placed far away", listLevel: int.MaxValue));

        var question = Assert.IsType<Ingested>(TestFiles.Ingest(docx, "report.docx")).Report.Areas.Single().Questions.Single();

        Assert.Equal($"How is care planned?\n{new string(' ', 14)}• for children placed far away", question.Text);
    }

    [Theory]
    [InlineData(-3)]
    [InlineData(9)]
    [InlineData(int.MinValue)]
    public void Reads_a_paragraph_whose_outline_level_is_not_a_heading_level_as_a_paragraph(int outline)
    {
        var block = Assert.Single(Blocks($"<w:p><w:pPr><w:outlineLvl w:val=\"{outline}\"/></w:pPr><w:r><w:t>Some text.</w:t></w:r></w:p>"));

        Assert.Equal((BlockKind.Paragraph, 0), (block.Kind, block.Level));
    }

    [Fact]
    public void Takes_short_bold_paragraphs_without_a_heading_style_as_headings_below_the_styled_ones()
    {
        var blocks = Blocks(
            Paragraph("Questions for councillors", "Heading1")
            + Paragraph("Housing", bold: true)
            + Paragraph("How quickly are people housed?", listLevel: 0)
            + Paragraph("A whole bold sentence is emphasis, not a heading.", bold: true));

        Assert.Equal((BlockKind.Heading, 2), (blocks[1].Kind, blocks[1].Level));
        Assert.Equal(BlockKind.Paragraph, blocks[3].Kind);
    }

    [Fact]
    public void Takes_a_short_bold_question_as_a_heading_but_a_longer_one_as_a_question()
    {
        var blocks = Blocks(
            Paragraph("What should councillors ask?", bold: true)
            + Paragraph("How does the council make sure that every child in care has a plan?", bold: true));

        Assert.Equal([BlockKind.Heading, BlockKind.Paragraph], blocks.Select(block => block.Kind));
    }

    [Fact]
    public void Takes_bullets_typed_as_text_as_list_items()
    {
        var blocks = Blocks(Paragraph("• How is it monitored?") + Paragraph("2) Who decides?"));

        Assert.Equal([("How is it monitored?", BlockKind.ListItem), ("Who decides?", BlockKind.ListItem)], blocks.Select(block => (block.Text, block.Kind)));
    }

    [Fact]
    public void Leaves_out_deleted_text_field_codes_and_hidden_text_and_keeps_inserted_text()
    {
        var paragraph = """
            <w:p>
              <w:r><w:t xml:space="preserve">How does the </w:t></w:r>
              <w:del w:id="1" w:author="A"><w:r><w:delText>old </w:delText></w:r></w:del>
              <w:ins w:id="2" w:author="A"><w:r><w:t xml:space="preserve">new </w:t></w:r></w:ins>
              <w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>
              <w:r><w:rPr><w:vanish/></w:rPr><w:t>secret </w:t></w:r>
              <w:r><w:t>policy work?</w:t></w:r>
            </w:p>
            """;

        Assert.Equal("How does the new policy work?", Assert.Single(Blocks(paragraph)).Text);
    }

    [Fact]
    public void Reads_the_text_in_table_cells_in_order()
    {
        var table = $"<w:tbl><w:tr><w:tc>{Paragraph("Area")}</w:tc><w:tc>{Paragraph("Question")}</w:tc></w:tr><w:tr><w:tc>{Paragraph("Housing")}</w:tc><w:tc>{Paragraph("How quickly?")}</w:tc></w:tr></w:tbl>";

        Assert.Equal(["Area", "Question", "Housing", "How quickly?"], Blocks(table).Select(block => block.Text));
    }

    [Fact]
    public void Reads_a_text_box_once_although_Word_stores_it_twice()
    {
        var textBox = """
            <w:p xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"
                 xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
                 xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"
                 xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
                 xmlns:v="urn:schemas-microsoft-com:vml">
              <w:r><w:t xml:space="preserve">Before the box. </w:t></w:r>
              <w:r>
                <mc:AlternateContent>
                  <mc:Choice Requires="wps">
                    <w:drawing><wp:inline><wp:extent cx="1" cy="1"/><wp:docPr id="1" name="Text Box 1"/>
                      <a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">
                        <wps:wsp><wps:txbx><w:txbxContent><w:p><w:r><w:t>Case study: Harry</w:t></w:r></w:p></w:txbxContent></wps:txbx></wps:wsp>
                      </a:graphicData></a:graphic>
                    </wp:inline></w:drawing>
                  </mc:Choice>
                  <mc:Fallback>
                    <w:pict><v:shape><v:textbox><w:txbxContent><w:p><w:r><w:t>Case study: Harry</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict>
                  </mc:Fallback>
                </mc:AlternateContent>
              </w:r>
            </w:p>
            """;

        var blocks = Blocks(textBox);

        Assert.Equal(1, blocks.Count(block => block.Text == "Case study: Harry"));
        Assert.Contains(blocks, block => block.Text == "Before the box.");
    }

    [Fact]
    public void Numbers_pages_only_when_Word_recorded_where_its_pages_started()
    {
        var withoutPages = Blocks(Paragraph("One") + Paragraph("Two"));
        var withPages = Blocks("<w:p><w:r><w:t>One</w:t></w:r></w:p><w:p><w:r><w:lastRenderedPageBreak/><w:t>Two</w:t></w:r></w:p><w:p><w:r><w:t>Three</w:t></w:r></w:p>");

        Assert.All(withoutPages, block => Assert.Null(block.Page));
        Assert.Equal([1, 2, 2], withPages.Select(block => block.Page));
    }

    [Fact]
    public void Reads_styles_defined_in_the_document_including_ones_based_on_headings()
    {
        var styles = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
              <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
              <w:style w:type="paragraph" w:styleId="Kop1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/></w:style>
              <w:style w:type="paragraph" w:styleId="AreaHeading"><w:name w:val="Area Heading"/><w:basedOn w:val="Kop1"/><w:pPr><w:outlineLvl w:val="2"/></w:pPr></w:style>
              <w:style w:type="paragraph" w:styleId="Question"><w:name w:val="Question"/><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="3"/></w:numPr></w:pPr></w:style>
              <w:style w:type="paragraph" w:styleId="TOC1"><w:name w:val="toc 1"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>
            </w:styles>
            """;
        var docx = TestFiles.Docx(
            Paragraph("Questions for councillors", "Kop1") + Paragraph("Housing", "AreaHeading") + Paragraph("How quickly?", "Question") + Paragraph("Contents entry", "TOC1"),
            zip => Write(zip, "word/styles.xml", styles));
        var withStyles = WithStylesRelationship(docx);

        var blocks = Assert.IsType<BlocksRead>(DocxReportReader.Read(withStyles, IngestionLimits.Default, CancellationToken.None)).Blocks;

        Assert.Equal(
            [(BlockKind.Heading, 1), (BlockKind.Heading, 3), (BlockKind.ListItem, 0), (BlockKind.Paragraph, 0)],
            blocks.Select(block => (block.Kind, block.Level)));
    }

    /// <summary>Adds the relationship and content type that make word/styles.xml the document's styles part.</summary>
    private static byte[] WithStylesRelationship(byte[] docx)
    {
        using var stream = new MemoryStream();
        stream.Write(docx);
        using (var zip = new System.IO.Compression.ZipArchive(stream, System.IO.Compression.ZipArchiveMode.Update, leaveOpen: true))
        {
            Write(zip, "word/_rels/document.xml.rels", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
                <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
                </Relationships>
                """);
            zip.GetEntry("[Content_Types].xml")!.Delete();
            Write(zip, "[Content_Types].xml", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
                <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
                <Default Extension="xml" ContentType="application/xml"/>
                <Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
                <Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>
                </Types>
                """);
        }
        return stream.ToArray();
    }

    [Fact]
    public void Takes_bold_paragraphs_numbered_by_Word_s_outline_numbering_as_headings_and_their_sections_as_areas()
    {
        // Word's multilevel list "1, 1.1" applied to bold paragraphs, as authors number sections without heading styles.
        var docx = WordWithOutlineNumbering(
            ("Paying the price", null, true),
            ("Questions for councillors", 0, true),
            ("Council tax reduction", 1, true),
            ("How long does a claim take?", null, false),
            ("Who checks refusals?", null, false),
            ("Debt collection", 1, true),
            ("When are enforcement agents used?", null, false));

        var report = Assert.IsType<Ingested>(Ingest(docx, "report.docx")).Report;

        Assert.Equal(
            [("Council tax reduction", 2), ("Debt collection", 1)],
            report.Areas.Select(area => (area.Heading, area.Questions.Count)));
    }

    /// <summary>
    /// A document made with the Open XML SDK whose paragraphs are numbered by one multilevel list printing "%1" at
    /// level 0 and "%1.%2" at level 1 (a null level is an ordinary paragraph).
    /// </summary>
    private static byte[] WordWithOutlineNumbering(params (string Text, int? Level, bool Bold)[] paragraphs)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            var numbering = main.AddNewPart<NumberingDefinitionsPart>();
            numbering.Numbering = new Numbering(
                new AbstractNum(
                    new Level(new StartNumberingValue { Val = 5 }, new NumberingFormat { Val = NumberFormatValues.Decimal }, new LevelText { Val = "%1" }) { LevelIndex = 0 },
                    new Level(new StartNumberingValue { Val = 1 }, new NumberingFormat { Val = NumberFormatValues.Decimal }, new LevelText { Val = "%1.%2" }) { LevelIndex = 1 })
                { AbstractNumberId = 7 },
                new NumberingInstance(new AbstractNumId { Val = 7 }) { NumberID = 3 });
            var body = new Body();
            foreach (var (text, level, bold) in paragraphs)
            {
                var properties = new ParagraphProperties();
                if (level is { } ilvl)
                {
                    properties.Append(new NumberingProperties(new NumberingLevelReference { Val = ilvl }, new NumberingId { Val = 3 }));
                }
                var run = new Run(new DocumentFormat.OpenXml.Wordprocessing.Text(text));
                if (bold)
                {
                    run.PrependChild(new RunProperties(new Bold()));
                }
                body.Append(new DocumentFormat.OpenXml.Wordprocessing.Paragraph(properties, run));
            }
            main.Document = new Document(body);
        }
        return stream.ToArray();
    }

    [Fact]
    public void Reads_a_table_of_questions_row_by_row_with_the_label_cell_as_the_area()
    {
        static TableCell Cell(params string[] paragraphs) =>
            new([.. paragraphs.Select(text => new DocumentFormat.OpenXml.Wordprocessing.Paragraph(new Run(new DocumentFormat.OpenXml.Wordprocessing.Text(text))))]);

        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            main.Document = new Document(new Body(
                new DocumentFormat.OpenXml.Wordprocessing.Paragraph(new ParagraphProperties(new ParagraphStyleId { Val = "Heading1" }), new Run(new DocumentFormat.OpenXml.Wordprocessing.Text("Questions for councillors"))),
                new Table(
                    new TableRow(new TableRowProperties(new TableHeader()), Cell("Area"), Cell("Questions to ask")),
                    new TableRow(Cell("Council tax reduction"), Cell("How long does a claim take?", "Who checks refusals?")),
                    new TableRow(Cell("Debt collection"), Cell("When are enforcement agents used?")))));
        }

        var report = Assert.IsType<Ingested>(Ingest(stream.ToArray(), "report.docx")).Report;

        Assert.Equal(
            [("Council tax reduction", 2), ("Debt collection", 1)],
            report.Areas.Select(area => (area.Heading, area.Questions.Count)));
    }
}
