using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ScrutinyWorkflow.Core.Reports;
using ScrutinyWorkflow.Documents.Reading;
using ScrutinyWorkflow.Documents.Reading.Pdf;
using ScrutinyWorkflow.Documents.Tests.Samples;

namespace ScrutinyWorkflow.Documents.Tests.Pdf;

public static class TypesettingArbitraries
{
    public static Arbitrary<Typesetting> Typesettings() =>
        (from bottoms in Gen.Choose(80, 560).NonEmptyListOf()
         from runningText in Gen.Elements(Enum.GetValues<RunningTextStyle>())
         from hyphenation in Gen.Choose(0, 60)
         from ligatures in Gen.Choose(0, 100)
         from onCover in Gen.Elements(true, false)
         select new Typesetting([.. bottoms], runningText, hyphenation, ligatures, onCover))
        .ToArbitrary();
}

/// <summary>
/// The same report set on pages in many ways (page breaks anywhere, including inside a question; running headers,
/// footers and page numbers; hyphenated line ends; ligatures) yields exactly the questions its source was written
/// with.
/// </summary>
[Properties(Arbitrary = [typeof(TypesettingArbitraries)], MaxTest = 150)]
public sealed class PageBreakAndRunningTextProperties
{
    private static readonly Lazy<IReadOnlyList<ReportBlock>> ChildrenInCare = new(() => SampleBlocks("children-in-care.pdf"));
    private static readonly Lazy<IReadOnlyList<ReportBlock>> DomesticAbuse = new(() => SampleBlocks("domestic-abuse.pdf"));

    [Property]
    public void Children_in_care_extracts_the_same_however_it_is_paginated(Typesetting setting) =>
        AssertSameQuestions("children-in-care.pdf", ChildrenInCare.Value, setting, "Settled and secure: children in care");

    [Property]
    public void Domestic_abuse_extracts_the_same_however_it_is_paginated(Typesetting setting) =>
        AssertSameQuestions("domestic-abuse.pdf", DomesticAbuse.Value, setting, "Safe to ask: domestic abuse focus report");

    [Fact]
    public void The_typesetter_really_breaks_questions_across_pages_and_adds_running_text()
    {
        // Guards the property above against testing nothing: a setting with short pages splits list items over
        // pages, and the running header shows up in the words before the layout stages remove it.
        var setting = new Typesetting([700, 650], RunningTextStyle.HeaderAndFooter, 50, 50, RunningTextOnCover: false);
        var pages = Typesetter.Set(ChildrenInCare.Value, setting, "Settled and secure: children in care");

        var blocks = PdfReportReader.Blocks(pages);
        Assert.Contains(blocks, block => block.Kind == BlockKind.ListItem && block.EndPage is not null);
        Assert.True(pages.Count(page => page.Words.Any(word => word.Text == "Ombudsman" && word.Baseline == 30)) > 10);
        Assert.DoesNotContain(blocks, block => block.Text.Contains("Local Government and Social Care Ombudsman", StringComparison.Ordinal));
    }

    private static void AssertSameQuestions(string sample, IReadOnlyList<ReportBlock> blocks, Typesetting setting, string runningTitle)
    {
        var pages = Typesetter.Set(blocks, setting, runningTitle);

        var extracted = Assert.IsType<ReportExtracted>(QuestionExtractor.Extract(PdfReportReader.Blocks(pages)));
        ExtractionAssert.Matches(SampleReports.ExpectedFor(sample), extracted.Report);
    }

    private static List<ReportBlock> SampleBlocks(string fileName) =>
        [.. Assert.IsType<BlocksRead>(PdfReportReader.Read(SampleReports.Bytes(fileName), IngestionLimits.Default, CancellationToken.None)).Blocks];
}
