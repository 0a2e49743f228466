using ScrutinyWorkflow.Core.Reports;
using ScrutinyWorkflow.Documents.Reading.Pdf;

namespace ScrutinyWorkflow.Documents.Tests.Pdf;

/// <summary>
/// Layouts that tools the samples were not made with give a report (LaTeX, ReportLab, LibreOffice with outline
/// numbering, a browser's generous line height), described word by word as PdfPig reads them, and read all the way to
/// areas and questions.
/// </summary>
public sealed class OtherProducersLayoutTests
{
    private const double Body = 11;

    /// <summary>Words of one line, placed from <paramref name="x"/> at half the font size a character.</summary>
    private static IEnumerable<PdfWord> Line(string text, double x, double baseline, double size = Body, bool bold = false)
    {
        foreach (var word in text.Split(' '))
        {
            yield return new PdfWord(word, x, x + (word.Length * size * 0.5), baseline, size, bold);
            x += (word.Length * size * 0.5) + (size * 0.28);
        }
    }

    /// <summary>A marker, then a quad along, its text, in the marker's size and weight.</summary>
    private static IEnumerable<PdfWord> Numbered(string number, double x, double baseline, string text, double size = Body, bool bold = false) =>
        Line(number, x, baseline, size, bold).Concat(Line(text, x + (number.Length * size * 0.5) + size, baseline, size, bold));

    private static PdfPageWords Page(int number, params IEnumerable<PdfWord>[] lines) => new(number, 842, [.. lines.SelectMany(line => line)]);

    private static (string Area, string[] Questions)[] AreasOf(params PdfPageWords[] pages)
    {
        var report = Assert.IsType<ReportExtracted>(QuestionExtractor.Extract(PdfReportReader.Blocks(pages))).Report;
        return [.. report.Areas.Select(area => (area.Heading, area.Questions.Select(question => question.Text).ToArray()))];
    }

    [Fact]
    public void Takes_a_section_numbered_heading_as_an_area_not_as_a_list_item()
    {
        // LaTeX's \section and \subsection: the number a quad from the title, both in bold.
        var page = Page(1,
            Numbered("5", 72, 760, "Questions for councillors", 14.4, bold: true),
            Numbered("5.1", 72, 730, "Council tax reduction", 12, bold: true),
            Numbered("•", 84, 710, "How long does a claim take?"),
            Numbered("•", 84, 696, "Who checks refusals?"),
            Numbered("5.2", 72, 666, "Debt collection", 12, bold: true),
            Numbered("•", 84, 646, "When are enforcement agents used?"));

        Assert.Equal(
            [("Council tax reduction", ["How long does a claim take?", "Who checks refusals?"]), ("Debt collection", ["When are enforcement agents used?"])],
            AreasOf(page));
    }
}
