using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using ScrutinyWorkflow.Core.Statements;
using ScrutinyWorkflow.Documents.Statements;
using ScrutinyWorkflow.Testing;
using Hyperlink = DocumentFormat.OpenXml.Wordprocessing.Hyperlink;
using Paragraph = DocumentFormat.OpenXml.Wordprocessing.Paragraph;
using Run = DocumentFormat.OpenXml.Wordprocessing.Run;
using Table = DocumentFormat.OpenXml.Wordprocessing.Table;
using TableRow = DocumentFormat.OpenXml.Wordprocessing.TableRow;

namespace ScrutinyWorkflow.Documents.Tests.Statements;

public sealed class StatementDocxTests
{
    private static readonly WordLayout Landscape = new(Landscape: true);

    private static byte[] Appendix(PositionStatement statement) =>
        StatementDocx.Write(StatementPaper.From(statement, AnswerMarkdown.Parse), appendixNumber: 2, Landscape);

    private static (WordprocessingDocument Document, Body Body) Open(byte[] docx)
    {
        var document = WordprocessingDocument.Open(new MemoryStream(docx), isEditable: false);
        return (document, document.MainDocumentPart!.Document.Body!);
    }

    [Fact]
    public void The_appendix_passes_the_open_xml_validator()
    {
        Assert.Empty(WordChecks.ValidationErrors(Appendix(SampleStatements.Small())));
        Assert.Empty(WordChecks.ValidationErrors(Appendix(SampleStatements.Large())));
        Assert.Empty(WordChecks.ValidationErrors(Appendix(SampleStatements.Small(released: false) with { ClosedEarlyOn = new DateOnly(2026, 12, 21), ClosedEarlyReason = "The meeting moved" })));
    }

    [Fact]
    public void Every_question_answer_reporter_and_designation_is_in_its_areas_table_in_order()
    {
        var (document, body) = Open(Appendix(SampleStatements.Small()));
        using var _ = document;

        Assert.Equal("Appendix 2: Position statement against LGSCO areas of focus", Styled(body, "Heading1").Single());
        Assert.Equal(["Accommodation for 16 and 17 year olds", "Care leavers"], Styled(body, "Heading2"));
        var tables = body.Elements<Table>().Skip(1).ToList();
        Assert.All(tables, t => Assert.Equal(["Question", "Position statement", "Reporter", "Designation"], Cells(t.Elements<TableRow>().First())));
        var rows = tables.SelectMany(t => t.Elements<TableRow>().Skip(1)).Select(Cells).ToList();
        Assert.Equal(
            ["1. How many 16 and 17 year olds are in bed and breakfast accommodation?", "2. How do we assess their needs?", "3. Does every care leaver have a personal adviser?"],
            rows.Select(r => r[0]));
        Assert.StartsWith("As at 31 December there were three young people", rows[0][1], StringComparison.Ordinal);
        Assert.Equal(["Siân Llewellyn / Children's Services Data Team", "Head of Service, Children in Care / Performance and Data Team"], rows[0][2..]);
        Assert.Equal("No response received by 8 January 2027", rows[1][1]);
        Assert.Equal("Yes: all 212 of them.Received after the deadline.", rows[2][1]);
    }

    [Fact]
    public void The_header_row_repeats_on_each_page_and_rows_may_break_across_pages()
    {
        var (document, body) = Open(Appendix(SampleStatements.Large()));
        using var _ = document;

        var tables = body.Elements<Table>().Skip(1).ToList();
        Assert.Equal(6, tables.Count);
        Assert.All(tables, t => Assert.NotNull(t.Elements<TableRow>().First().TableRowProperties?.GetFirstChild<TableHeader>()));
        Assert.Empty(body.Descendants<CantSplit>());
        Assert.All(tables, t => Assert.Equal("TableGrid", t.GetFirstChild<TableProperties>()!.TableStyle!.Val!.Value));
    }

    [Fact]
    public void A_rich_answer_comes_out_as_word_lists_bold_runs_a_hyperlink_and_a_nested_table()
    {
        var (document, body) = Open(Appendix(SampleStatements.Small()));
        using var _ = document;

        var cell = body.Elements<Table>().ElementAt(1).Elements<TableRow>().ElementAt(1).Elements<TableCell>().ElementAt(1);
        Assert.Equal(["the duty manager is told the same day", "a social worker visits within 24 hours", "and again every week"], Styled(cell, "ListBullet"));
        Assert.Equal(["find a supported lodging placement", "review the placement at 28 days"], Styled(cell, "ListNumber"));
        Assert.Equal([0, 0, 1], cell.Descendants<Paragraph>().Where(p => StyleOf(p) == "ListBullet").Select(p => p.ParagraphProperties!.NumberingProperties!.NumberingLevelReference!.Val!.Value));
        Assert.Contains(cell.Descendants<Run>(), r => r.InnerText == "three" && r.RunProperties?.Bold is not null);
        Assert.Contains(cell.Descendants<Run>(), r => r.InnerText == "fewer than five nights" && r.RunProperties?.Italic is not null);
        var link = Assert.Single(cell.Descendants<Hyperlink>());
        Assert.Equal("placement sufficiency strategy", link.InnerText);
        Assert.Equal(new Uri("https://www.council.example/sufficiency"), document.MainDocumentPart!.HyperlinkRelationships.Single(r => r.Id == link.Id).Uri);
        var nested = Assert.Single(cell.Elements<Table>());
        Assert.Equal([["Quarter", "Placements"], ["Q1", "4"], ["Q2", "2"]], nested.Elements<TableRow>().Select(Cells));
    }

    [Fact]
    public void Script_in_an_answer_is_nowhere_in_the_document()
    {
        var (document, body) = Open(Appendix(SampleStatements.Small()));
        using var _ = document;

        Assert.DoesNotContain("alert", body.InnerText, StringComparison.Ordinal);
        Assert.DoesNotContain("script", body.InnerText, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(document.MainDocumentPart!.HyperlinkRelationships, r => r.Uri.Scheme == "javascript");
    }

    [Theory]
    [InlineData("Bell\a and escape\u001b[31m")]
    [InlineData("A noncharacter \uffff and \ufffe")]
    [InlineData("Half a surrogate \ud83d pair")]
    public void An_answer_with_characters_xml_cannot_hold_still_makes_an_appendix_without_them(string answer)
    {
        var (document, body) = Open(Appendix(SampleStatements.Small(firstAnswer: answer + " and an emoji \ud83d\ude00 kept")));
        using var _ = document;

        Assert.Contains("and an emoji \ud83d\ude00 kept", body.InnerText, StringComparison.Ordinal);
        Assert.DoesNotContain(body.InnerText, c => char.IsControl(c) && c != '\t' || c is '\uffff' or '\ufffe');
    }

    [Fact]
    public void A_statement_not_yet_released_says_so_at_the_top()
    {
        var (document, body) = Open(Appendix(SampleStatements.Small(released: false)));
        using var _ = document;

        Assert.Equal(StatementDocx.NotReleasedMarker, body.Elements<Paragraph>().ElementAt(1).InnerText);
    }

    [Fact]
    public async Task Progress_on_the_panels_earlier_recommendations_ends_the_appendix_when_there_is_any()
    {
        var review = SampleDecisionsPapers.Review() with { Kind = Core.Reviews.ReviewKind.FocusReport };
        var paper = StatementPaper.From(SampleStatements.Small(), AnswerMarkdown.Parse) with
        {
            Progress = RecommendationsProgress.For(review, SampleDecisionsPapers.EarlierPapers(), SampleDecisionsPapers.Now),
        };
        var docx = StatementDocx.Write(paper, appendixNumber: 2, Landscape);
        var (document, body) = Open(docx);
        using var _ = document;

        Assert.Empty(WordChecks.ValidationErrors(docx));
        Assert.Equal(ProgressSection.Heading, Styled(body, "Heading2").Last());
        var rows = body.Elements<Table>().Last().Elements<TableRow>().Select(Cells).ToList();
        Assert.Equal([ProgressSection.Recommendation, ProgressSection.Owner, ProgressSection.Status, ProgressSection.LatestUpdate], rows[0]);
        Assert.Equal(4, rows.Count);
        Assert.StartsWith(SampleDecisionsPapers.OldOpenRecommendation, rows[1][0], StringComparison.Ordinal);
        Assert.Equal("Priya ShahHead of Service, Children in Care", rows[1][1]);
        Assert.Equal(ProgressSection.NoUpdate, rows[1][3]);

        await WordChecks.ConvertAndRenderAsync(docx, "appendix-with-progress");
        var text = await WordChecks.RenderedTextAsync("appendix-with-progress");
        Assert.Contains("Publish the homelessness review procedure", text, StringComparison.Ordinal);
        Assert.Contains("Given on 5 January 2027", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_recommendations_to_report_on_the_appendix_has_no_progress_section()
    {
        var (document, body) = Open(Appendix(SampleStatements.Small()));
        using var _ = document;

        Assert.DoesNotContain(ProgressSection.Heading, Styled(body, "Heading2"));
    }

    [Fact]
    public async Task The_appendix_converts_to_pdf_with_libreoffice()
    {
        var pages = await WordChecks.ConvertAndRenderAsync(Appendix(SampleStatements.Small()), "appendix");

        Assert.NotEmpty(pages);
    }

    [Fact]
    public async Task A_sixty_question_appendix_converts_to_pdf_over_many_pages()
    {
        var pages = await WordChecks.ConvertAndRenderAsync(Appendix(SampleStatements.Large()), "appendix-large");

        Assert.True(pages.Length > 10, $"{pages.Length} pages");
    }

    [Fact]
    public void A_council_template_gives_its_styles_and_keeps_ours_that_it_lacks()
    {
        var template = Path.Combine(Path.GetTempPath(), $"council-{Guid.NewGuid():N}.dotx");
        File.WriteAllBytes(template, CouncilTemplate.Build());
        try
        {
            var docx = StatementDocx.Write(StatementPaper.From(SampleStatements.Small(), AnswerMarkdown.Parse), 1, new WordLayout(Landscape: true, template));

            Assert.Empty(WordChecks.ValidationErrors(docx));
            using var document = WordprocessingDocument.Open(new MemoryStream(docx), isEditable: false);
            Assert.Equal(DocumentFormat.OpenXml.WordprocessingDocumentType.Document, document.DocumentType);
            var styles = document.MainDocumentPart!.StyleDefinitionsPart!.Styles!.Elements<Style>().ToList();
            Assert.Equal("Council Heading", styles.Single(s => s.StyleId == "Heading1").StyleName!.Val!.Value);
            Assert.Contains(styles, s => s.StyleId == "ListBullet");
            Assert.Equal(CouncilTemplate.FooterText, document.MainDocumentPart.FooterParts.Single().Footer!.InnerText);
            Assert.DoesNotContain(CouncilTemplate.SampleText, document.MainDocumentPart.Document.Body!.InnerText, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(template);
        }
    }

    private static List<string> Styled(DocumentFormat.OpenXml.OpenXmlElement root, string style) =>
        [.. root.Descendants<Paragraph>().Where(p => StyleOf(p) == style).Select(p => p.InnerText)];

    private static string? StyleOf(Paragraph paragraph) => paragraph.ParagraphProperties?.ParagraphStyleId?.Val?.Value;

    private static string[] Cells(TableRow row) => [.. row.Elements<TableCell>().Select(c => c.InnerText)];
}
