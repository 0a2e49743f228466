using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using ScrutinyWorkflow.Core.Statements;
using ScrutinyWorkflow.Documents.Statements;
using ScrutinyWorkflow.Testing;
using static ScrutinyWorkflow.Testing.SampleDecisionsPapers;
using Paragraph = DocumentFormat.OpenXml.Wordprocessing.Paragraph;
using Table = DocumentFormat.OpenXml.Wordprocessing.Table;
using TableRow = DocumentFormat.OpenXml.Wordprocessing.TableRow;

namespace ScrutinyWorkflow.Documents.Tests.Statements;

public sealed class DecisionsPaperDocxTests
{
    private static readonly WordLayout Landscape = new(Landscape: true);

    private static DecisionsPaper Sample() =>
        SampleDecisionsPapers.Paper(Review(published: System.Collections.Immutable.ImmutableDictionary<int, decimal>.Empty.Add(2026, 72.5m)), AnswerMarkdown.Parse);

    /// <summary>A month of two decisions, neither upheld, nothing outstanding and no recommendations to report on.</summary>
    private static DecisionsPaper Quiet() => SampleDecisionsPapers.Paper(Review([NotUpheld, Premature]), AnswerMarkdown.Parse, others: [], earlier: []);

    [Fact]
    public void The_paper_passes_the_open_xml_validator_full_or_quiet()
    {
        Assert.Empty(WordChecks.ValidationErrors(DecisionsPaperDocx.Write(Sample(), Landscape)));
        Assert.Empty(WordChecks.ValidationErrors(DecisionsPaperDocx.Write(Quiet(), Landscape)));
        Assert.Empty(WordChecks.ValidationErrors(DecisionsPaperDocx.Write(SampleDecisionsPapers.Paper(Review([]), others: [], earlier: []), new WordLayout(Landscape: false))));
    }

    [Fact]
    public void Its_headings_tables_and_landscape_page_follow_the_position_statements_house_style()
    {
        using var document = WordprocessingDocument.Open(new MemoryStream(DecisionsPaperDocx.Write(Sample(), Landscape)), isEditable: false);
        var body = document.MainDocumentPart!.Document.Body!;

        Assert.Equal(["Ombudsman decisions: November 2026"], Styled(body, "Heading1"));
        Assert.Equal(["Decisions", "Learning from upheld decisions", "Remedy compliance", "Progress on recommendations"], Styled(body, "Heading2"));
        var tables = body.Elements<Table>().ToList();
        Assert.Equal(DecisionsPaperDocx.DecisionColumns, Cells(tables[1].Elements<TableRow>().First()));
        Assert.All(tables.Skip(1).Where(t => t.Elements<TableRow>().First().TableRowProperties is not null),
            t => Assert.NotNull(t.Elements<TableRow>().First().TableRowProperties!.GetFirstChild<TableHeader>()));
        Assert.Equal(["Recommendation", "Owner", "Status", "Owner's latest update"], Cells(tables[^1].Elements<TableRow>().First()));
        Assert.Equal(PageOrientationValues.Landscape, body.Descendants<PageSize>().Single().Orient!.Value);
        Assert.Equal(DecisionsPaperDocx.NotReleasedMarker, body.Elements<Paragraph>().ElementAt(1).InnerText);
    }

    [Fact]
    public async Task The_pdf_holds_every_decision_the_learning_the_compliance_figures_and_the_progress_rows()
    {
        var docx = DecisionsPaperDocx.Write(Sample(), Landscape);
        var pages = await WordChecks.ConvertAndRenderAsync(docx, "decisions-paper");
        var text = await WordChecks.RenderedTextAsync("decisions-paper");

        Assert.NotEmpty(pages);
        // What a cell's line breaks cannot split, read back from the PDF; whole phrases from the document's paragraphs.
        foreach (var expected in (string[])["25 004 512", "25 006 118", "25 007 903", "25 008 221", "Asha Patel", "37.5%", "72.5%", "24 019 300", "Progress on recommendations"])
        {
            Assert.Contains(expected, text, StringComparison.Ordinal);
        }
        using var document = WordprocessingDocument.Open(new MemoryStream(docx), isEditable: false);
        var paragraphs = string.Join(" | ", document.MainDocumentPart!.Document.Body!.Descendants<Paragraph>().Select(p => p.InnerText));
        foreach (var expected in (string[])[
            "Ombudsman decisions: November 2026", "Corporate Scrutiny Panel", "14 January 2027",
            "25 004 512", "25 006 118", "25 007 903", "25 008 221",
            "Upheld: fault causing injustice", "Not upheld: no fault", "Premature",
            "Payment of £500", "Due by 3 December 2026: done late", "Due by 12 December 2026: outstanding", "Due by 3 February 2027: not yet due",
            "duty team", "Asha Patel", "Head of Adult Social Care Operations", "No response received by 6 January 2027",
            "Due in November 2026", "37.5% on time (3 of 8 remedies due)", "0% on time (0 of 5 decisions due)",
            "72.5% (the Ombudsman's published figure for 2026/27)",
            "24 019 300", "10 February 2026",
            "Progress on recommendations", "Bring the children in care placement sufficiency strategy", "Closed: implemented", "Referrals are now counted weekly"])
        {
            Assert.Contains(expected, paragraphs, StringComparison.Ordinal);
        }
        Assert.DoesNotContain(ReportedBefore, paragraphs, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_quiet_month_reads_sensibly_without_learning_outstanding_remedies_or_progress()
    {
        await WordChecks.ConvertAndRenderAsync(DecisionsPaperDocx.Write(Quiet(), Landscape), "decisions-paper-quiet");
        var text = await WordChecks.RenderedTextAsync("decisions-paper-quiet");

        Assert.Contains("2 decisions about the council in November 2026; 0 of them were upheld.", text, StringComparison.Ordinal);
        Assert.Contains(DecisionsPaperDocx.NoLearning, text, StringComparison.Ordinal);
        Assert.Contains(DecisionsPaperDocx.NoOutstanding, text, StringComparison.Ordinal);
        Assert.Contains("None fallen due yet in 2026/27", text, StringComparison.Ordinal);
        Assert.Contains("Not entered yet: the Ombudsman's figure for 2026/27 has not been recorded", text, StringComparison.Ordinal);
        Assert.DoesNotContain(ProgressSection.Heading, text, StringComparison.Ordinal);
    }

    private static List<string> Styled(DocumentFormat.OpenXml.OpenXmlElement root, string style) =>
        [.. root.Descendants<Paragraph>().Where(p => p.ParagraphProperties?.ParagraphStyleId?.Val?.Value == style).Select(p => p.InnerText)];

    private static string[] Cells(TableRow row) => [.. row.Elements<TableCell>().Select(c => c.InnerText)];
}
