using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ScrutinyWorkflow.Core.Reports;
using static ScrutinyWorkflow.Core.Reports.ReportBlock;

namespace ScrutinyWorkflow.Core.Tests.Reports;

/// <summary>Where the page breaks fall in a report, as one choice per block: start a new page before it or not.</summary>
public sealed record PageBreaks(bool[] Before);

/// <summary>Which blocks a page break cuts in two, and after how many of their words.</summary>
public sealed record Cuts(int[] Positions);

public static class ExtractorArbitraries
{
    public static Arbitrary<PageBreaks> Breaks() =>
        Gen.Elements(true, false, false, false).ArrayOf(SampleReport.Blocks.Count).Select(before => new PageBreaks(before)).ToArbitrary();

    public static Arbitrary<Cuts> CutPositions() =>
        Gen.Choose(0, 40).ArrayOf(SampleReport.Blocks.Count).Select(positions => new Cuts(positions)).ToArbitrary();
}

[Properties(Arbitrary = [typeof(ExtractorArbitraries)], MaxTest = 300)]
public sealed class QuestionExtractorProperties
{
    private static readonly ExtractedReport Unbroken = Extract(SampleReport.Blocks);

    [Property]
    public bool The_pages_blocks_fall_on_do_not_change_the_questions(PageBreaks breaks) =>
        SameQuestions(Extract(Paginate(SampleReport.Blocks, breaks)));

    [Property]
    public bool A_question_cut_in_two_by_a_page_break_reads_the_same(Cuts cuts, PageBreaks breaks) =>
        SameQuestions(Extract(Paginate(Cut(SampleReport.Blocks, cuts), breaks)));

    [Fact]
    public void The_sample_report_has_the_questions_it_was_written_with()
    {
        Assert.Equal(["Care planning", "Charging", "Leaving care"], Unbroken.Areas.Select(area => area.Heading));
        Assert.Equal([3, 2, 2], Unbroken.Areas.Select(area => area.Questions.Count));
    }

    [Fact]
    public void Cutting_really_splits_questions()
    {
        var cut = Cut(SampleReport.Blocks, new Cuts([.. Enumerable.Repeat(3, SampleReport.Blocks.Count)]));

        Assert.True(cut.Count(block => block.Kind == BlockKind.Paragraph) > SampleReport.Blocks.Count(block => block.Kind == BlockKind.Paragraph) + 3);
    }

    private static ExtractedReport Extract(IReadOnlyList<ReportBlock> blocks) =>
        Assert.IsType<ReportExtracted>(QuestionExtractor.Extract(blocks)).Report;

    private static bool SameQuestions(ExtractedReport report) =>
        report.Title == Unbroken.Title
        && report.Published == Unbroken.Published
        && report.Areas.Select(area => area.Heading).SequenceEqual(Unbroken.Areas.Select(area => area.Heading))
        && report.Areas.SelectMany(area => area.Questions.Select(question => question.Text))
            .SequenceEqual(Unbroken.Areas.SelectMany(area => area.Questions.Select(question => question.Text)));

    /// <summary>Numbers the pages, keeping the cover on page 1 as a report's cover always is.</summary>
    private static List<ReportBlock> Paginate(IReadOnlyList<ReportBlock> blocks, PageBreaks breaks)
    {
        var page = 1;
        var paged = new List<ReportBlock>(blocks.Count);
        for (var i = 0; i < blocks.Count; i++)
        {
            if (i >= SampleReport.CoverBlocks && (i == SampleReport.CoverBlocks || breaks.Before[i % breaks.Before.Length]))
            {
                page++;
            }
            paged.Add(blocks[i] with { Page = page });
        }
        return paged;
    }

    /// <summary>
    /// Splits list items in the questions section before a word that starts in lower case, as a reader that could
    /// not mend a page break would leave them: the item, then the rest as a paragraph.
    /// </summary>
    private static List<ReportBlock> Cut(IReadOnlyList<ReportBlock> blocks, Cuts cuts)
    {
        var result = new List<ReportBlock>();
        for (var i = 0; i < blocks.Count; i++)
        {
            var block = blocks[i];
            var words = block.Text.Split(' ');
            var at = cuts.Positions[i % cuts.Positions.Length];
            var cuttable = block.Kind == BlockKind.ListItem && at > 0 && at < words.Length
                && char.IsLower(words[at][0]) && words[at - 1][^1] is not ('.' or '?' or '!' or ':' or ';');
            if (!cuttable)
            {
                result.Add(block);
                continue;
            }
            result.Add(block with { Text = string.Join(' ', words[..at]) });
            result.Add(Paragraph(string.Join(' ', words[at..])));
        }
        return result;
    }
}

/// <summary>A small report in blocks, as a reader would give it: cover, narrative, then the questions.</summary>
internal static class SampleReport
{
    public const int CoverBlocks = 4;

    public static IReadOnlyList<ReportBlock> Blocks { get; } =
    [
        Paragraph("Focus report: learning lessons from complaints"),
        Heading("Settled and secure", 1),
        Heading("Learning from complaints about council services for children in care", 3),
        Paragraph("September 2023"),
        Heading("Introduction", 2),
        Paragraph("We investigated more than 400 complaints about services for children in care, and upheld seven in ten of them."),
        Heading("Case study: Amira", 5),
        Paragraph("Amira was placed with her grandmother when she was four. The council told the family that the arrangement was temporary."),
        Heading("Questions for councillors to ask", 2),
        Paragraph("Councillors may wish to use the following questions to seek assurance that their council is meeting its responsibilities."),
        Heading("Care planning", 4),
        ListItem("How does the council make sure that every child in care has an up-to-date care plan which sets out a long-term plan for their upbringing?"),
        ListItem("How many children have had a review of their care plan postponed or cancelled in the past year, and what were the reasons?"),
        ListItem("What action does the council take when an independent reviewing officer raises concerns about drift or delay in a child's plan?"),
        Heading("Charging", 4),
        Paragraph("When deciding what a person can afford to pay, does the council take into account:"),
        ListItem("the disability-related expenditure they actually incur, rather than a flat rate;"),
        ListItem("costs for which they cannot produce receipts, where these are reasonable;"),
        ListItem("the minimum income guarantee they must be left with?"),
        ListItem("Does the council pause debt recovery action while a complaint about a charge is being considered by its complaints team?"),
        Heading("Leaving care", 4),
        ListItem("How does the council's assessment of care leavers consider:"),
        ListItem("the support a young person needs to manage a tenancy of their own;", 1),
        ListItem("whether the young person is in education, employment or training?", 1),
        ListItem("The law allows care leavers to ask for support from a personal adviser up to the age of twenty-five. How many care leavers aged twenty-one to twenty-five have taken up this offer?"),
        Paragraph("Local Government and Social Care Ombudsman, PO Box 0000, Coventry"),
    ];
}
