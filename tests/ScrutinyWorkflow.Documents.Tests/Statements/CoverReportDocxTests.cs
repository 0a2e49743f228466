using DocumentFormat.OpenXml.Packaging;
using ScrutinyWorkflow.Core.Statements;
using ScrutinyWorkflow.Documents.Statements;
using ScrutinyWorkflow.Testing;
using WordParagraph = DocumentFormat.OpenXml.Wordprocessing.Paragraph;

namespace ScrutinyWorkflow.Documents.Tests.Statements;

public sealed class CoverReportDocxTests
{
    private static readonly CoverReportSettings Settings = new(2, "Director of Governance", "Scrutiny Team", "scrutiny@council.example");

    private static byte[] Cover(bool released = true) =>
        CoverReportDocx.Write(CoverReport.From(SampleStatements.Small(released: released), Settings), released, new WordLayout(Landscape: false));

    [Fact]
    public void The_cover_report_passes_the_open_xml_validator()
    {
        Assert.Empty(WordChecks.ValidationErrors(Cover()));
        Assert.Empty(WordChecks.ValidationErrors(Cover(released: false)));
    }

    [Fact]
    public void The_cover_report_has_the_sections_a_council_files_with_the_parts_for_the_author_marked()
    {
        using var document = WordprocessingDocument.Open(new MemoryStream(Cover()), isEditable: false);
        var body = document.MainDocumentPart!.Document.Body!;

        Assert.Equal(
            ["1. Report summary", "2. Recommendations", "3. Background", "4. Response summary", "5. Financial implications", "6. Legal implications",
             "7. Risk management implications", "8. Policy implications", "9. Appendices and background papers"],
            body.Descendants<WordParagraph>().Where(p => p.ParagraphProperties?.ParagraphStyleId?.Val?.Value == "Heading1").Select(p => p.InnerText));
        Assert.Contains("Children and Families Scrutiny PanelDate of meeting20 January 2027", body.InnerText, StringComparison.Ordinal);
        Assert.Contains("2.1 That the Panel notes the position statement at Appendix 2.", body.InnerText, StringComparison.Ordinal);
        Assert.Contains("2 of 3 questions were answered, 1 of them after the deadline.", body.InnerText, StringComparison.Ordinal);
        Assert.Equal(4, body.Descendants<WordParagraph>().Count(p => p.InnerText == CoverReport.ToComplete));
    }

    [Fact]
    public async Task The_cover_report_converts_to_pdf_with_libreoffice()
    {
        Assert.NotEmpty(await WordChecks.ConvertAndRenderAsync(Cover(), "cover-report"));
    }
}
