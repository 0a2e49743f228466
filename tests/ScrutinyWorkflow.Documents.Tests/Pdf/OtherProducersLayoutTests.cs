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

    [Fact]
    public void Joins_a_paragraph_s_lines_set_one_and_a_half_font_sizes_apart_as_the_document_sets_all_its_lines()
    {
        // A browser's line-height of 1.5: lines 16.5 points apart at 11 points, paragraphs a further 11 points apart.
        var y = 780.0;
        var lines = new List<IEnumerable<PdfWord>> { Line("Questions for councillors", 72, y, 16, bold: true) };
        y -= 30;
        lines.Add(Line("Council tax reduction", 72, y, 13, bold: true));
        y -= 27.5;
        foreach (var (first, second) in new[]
        {
            ("Most councils decide a claim within a fortnight of the day", "they receive it, and tell the claimant in writing."),
            ("Some councils take months over a claim, and some tell the", "claimant nothing until the first bill for council tax arrives."),
            ("How long does your council take to decide a claim for council", "tax reduction, and how many wait longer than a month?"),
            ("Who checks a refusal before the claimant is told about it and", "how often is the decision changed on review?"),
            ("How does the council tell people who may be entitled to a", "reduction that they can claim?"),
        })
        {
            lines.Add(Line(first, 72, y));
            lines.Add(Line(second, 72, y - 16.5));
            y -= 16.5 + 27.5;
        }

        var (area, questions) = Assert.Single(AreasOf(Page(1, [.. lines])));

        Assert.Equal("Council tax reduction", area);
        Assert.Equal(
            [
                "How long does your council take to decide a claim for council tax reduction, and how many wait longer than a month?",
                "Who checks a refusal before the claimant is told about it and how often is the decision changed on review?",
                "How does the council tell people who may be entitled to a reduction that they can claim?",
            ],
            questions);
    }

    [Fact]
    public void Joins_a_question_broken_over_a_page_with_a_footnote_at_the_foot_of_the_first()
    {
        var first = Page(1,
            Line("Questions for councillors", 72, 780, 16, bold: true),
            Line("Council tax reduction", 72, 750, 13, bold: true),
            Numbered("•", 84, 730, "How long does your council take to decide a claim?"),
            Numbered("•", 84, 716, "How does your council make sure that people who"),
            Line("1 The Council Tax Reduction Schemes (Prescribed Requirements)", 72, 70, 8),
            Line("(England) Regulations 2012.", 72, 61, 8));
        var second = Page(2,
            Line("are refused a reduction are told why and how to appeal?", 102, 780),
            Numbered("•", 84, 766, "Who checks refusals?"));

        var (_, questions) = Assert.Single(AreasOf(first, second));

        Assert.Equal(
            ["How long does your council take to decide a claim?", "How does your council make sure that people who are refused a reduction are told why and how to appeal?", "Who checks refusals?"],
            questions);
    }

    [Fact]
    public void Reads_two_columns_whose_lines_never_share_a_baseline_one_column_at_a_time()
    {
        // As Chromium sets a two-column grid: the right column's lines fall 7 points below the left's.
        var page = Page(1,
            Line("Questions for councillors", 72, 780, 16, bold: true),
            Line("Council tax reduction", 72, 750, 13, bold: true),
            Line("Debt collection", 320, 743, 13, bold: true),
            Numbered("•", 84, 730, "How long does a claim"),
            Numbered("•", 332, 723, "When are enforcement"),
            Line("take to decide?", 102, 716),
            Line("agents used?", 350, 709),
            Numbered("•", 84, 702, "Who checks refusals?"),
            Numbered("•", 332, 695, "How are debts written"),
            Numbered("•", 84, 688, "How are people told?"),
            Line("off?", 350, 681));

        Assert.Equal(
            [
                ("Council tax reduction", ["How long does a claim take to decide?", "Who checks refusals?", "How are people told?"]),
                ("Debt collection", ["When are enforcement agents used?", "How are debts written off?"]),
            ],
            AreasOf(page));
    }
}
