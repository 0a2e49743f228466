using ScrutinyWorkflow.Core.Reports;
using ScrutinyWorkflow.Documents.Reading.Pdf;
using ScrutinyWorkflow.Documents.Tests.Samples;
using UglyToad.PdfPig;

namespace ScrutinyWorkflow.Documents.Tests.Pdf;

public sealed class LongPdfTests
{
    [Theory]
    [InlineData("benchmark-40-pages.pdf")]
    [InlineData("benchmark-40-pages.chromium.pdf")]
    public void A_long_report_is_read_from_its_end_to_the_same_areas_and_questions_as_read_whole_without_opening_its_narrative(string fileName)
    {
        using var document = PdfDocument.Open(SampleReports.Bytes(fileName));
        var opened = new List<int>();

        var fromTheEnd = PdfReportReader.FromTheEnd(document.NumberOfPages, number =>
        {
            opened.Add(number);
            return PdfReportReader.ReadPage(document, number).Words;
        });
        var whole = PdfReportReader.Blocks([.. Enumerable.Range(1, document.NumberOfPages).Select(number => PdfReportReader.ReadPage(document, number).Words)]);

        Assert.NotNull(fromTheEnd);
        var early = Assert.IsType<ReportExtracted>(QuestionExtractor.Extract(fromTheEnd)).Report;
        var full = Assert.IsType<ReportExtracted>(QuestionExtractor.Extract(whole)).Report;
        Assert.Equal(full.Title, early.Title);
        Assert.Equal(full.Published, early.Published);
        Assert.Equal(Describe(full), Describe(early));
        Assert.InRange(opened.Distinct().Count(), 1, PdfReportReader.PagesReadWhole);
    }

    [Fact]
    public void A_report_of_a_dozen_pages_or_fewer_is_always_read_whole()
    {
        var opened = new List<int>();

        var fromTheEnd = PdfReportReader.FromTheEnd(PdfReportReader.PagesReadWhole, number =>
        {
            opened.Add(number);
            return new PdfPageWords(number, 842, []);
        });

        Assert.Null(fromTheEnd);
        Assert.Empty(opened);
    }

    [Fact]
    public void A_long_report_whose_questions_section_is_not_found_from_its_end_is_read_whole()
    {
        // Forty pages of narrative and no questions heading: every run from the end finds nothing, so the reader
        // says so and the caller reads the whole report, as it did before reading from the end.
        var opened = new List<int>();

        var fromTheEnd = PdfReportReader.FromTheEnd(40, number =>
        {
            opened.Add(number);
            return new PdfPageWords(number, 842, [new PdfWord($"Narrative on page {number}.", 72, 300, 700, 11, false)]);
        });

        Assert.Null(fromTheEnd);
        Assert.Contains(1, opened);
        Assert.Contains(40, opened);
    }

    private static List<string> Describe(ExtractedReport report) =>
        [.. report.Areas.SelectMany(area => area.Questions.Select(question => $"{area.Heading} | {question.Text} | page {question.Source.Page}"))];
}
