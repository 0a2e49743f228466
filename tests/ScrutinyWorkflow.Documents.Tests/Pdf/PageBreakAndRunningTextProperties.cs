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
         from bullets in Gen.Elements(BulletStyle.Glyph, BulletStyle.Drawn)
         from numbering in Gen.Elements(Enum.GetValues<NumberStyle>())
         from width in Gen.Choose(300, 451)
         select new Typesetting([.. bottoms], runningText, hyphenation, ligatures, onCover, bullets, numbering, width))
        .ToArbitrary();
}

/// <summary>
/// The same report set on pages in many ways (page breaks anywhere, including inside a question; running headers,
/// footers and page numbers; hyphenated line ends; ligatures; narrower or wider text; bullets as glyphs, as drawn
/// shapes or left out for a hanging indent; list numbers set apart or a word space from the text) yields exactly the
/// questions its source was written with, whichever tool printed the report it started from.
/// </summary>
[Properties(Arbitrary = [typeof(TypesettingArbitraries)], MaxTest = 150)]
public sealed class PageBreakAndRunningTextProperties
{
    private static readonly Lazy<IReadOnlyList<ReportBlock>> ChildrenInCare = new(() => SampleBlocks("children-in-care.pdf"));
    private static readonly Lazy<IReadOnlyList<ReportBlock>> DomesticAbuse = new(() => SampleBlocks("domestic-abuse.pdf"));
    private static readonly Lazy<IReadOnlyList<ReportBlock>> Housing = new(() => SampleBlocks("housing.chromium.pdf"));
    private static readonly Lazy<IReadOnlyList<ReportBlock>> AdultSocialCare = new(() => SampleBlocks("adult-social-care.pdfpig.pdf"));

    [Property]
    public void Children_in_care_extracts_the_same_however_it_is_paginated(Typesetting setting) =>
        AssertSameQuestions("children-in-care.pdf", ChildrenInCare.Value, setting, "Settled and secure: children in care");

    [Property]
    public void Domestic_abuse_extracts_the_same_however_it_is_paginated(Typesetting setting) =>
        AssertSameQuestions("domestic-abuse.pdf", DomesticAbuse.Value, setting, "Safe to ask: domestic abuse focus report");

    [Property]
    public void Housing_printed_by_Chromium_extracts_the_same_however_it_is_set_again(Typesetting setting) =>
        AssertSameQuestions("housing.chromium.pdf", Housing.Value, setting, "A place to call home: housing focus report");

    [Property]
    public void Adult_social_care_written_by_PdfPig_extracts_the_same_however_it_is_set_again(Typesetting setting) =>
        AssertSameQuestions("adult-social-care.pdfpig.pdf", AdultSocialCare.Value, setting, "Home from hospital: adult social care");

    /// <summary>
    /// Lists with neither bullets nor numbers, only hanging indents, at two widths. Not among the properties: a page
    /// break that leaves an item's one line alone at the top of a page can still be read as the item above's
    /// continuation.
    /// </summary>
    [Theory]
    [InlineData("children-in-care.pdf", 451)]
    [InlineData("children-in-care.pdf", 320)]
    [InlineData("domestic-abuse.pdf", 451)]
    [InlineData("domestic-abuse.pdf", 320)]
    [InlineData("housing.chromium.pdf", 451)]
    [InlineData("housing.chromium.pdf", 320)]
    [InlineData("adult-social-care.pdfpig.pdf", 451)]
    [InlineData("adult-social-care.pdfpig.pdf", 320)]
    public void A_list_marked_only_by_hanging_indents_extracts_the_same(string sample, int width) =>
        AssertSameQuestions(sample, SampleBlocks(sample), new Typesetting([80], RunningTextStyle.HeaderAndFooter, 0, 0, false, BulletStyle.Hanging, NumberStyle.None, width), "Running title");

    [Fact]
    public void The_typesetter_really_draws_bullets_as_shapes_and_leaves_them_out_for_hanging_indents()
    {
        // Guards the properties above: with drawn bullets no word is a bullet, only shapes are; with hanging indents
        // there is neither, and the items' second lines start to the right of their first.
        var drawn = Typesetter.Set(ChildrenInCare.Value, new Typesetting([100], RunningTextStyle.None, 0, 0, false, BulletStyle.Drawn), "title");
        var hanging = Typesetter.Set(ChildrenInCare.Value, new Typesetting([100], RunningTextStyle.None, 0, 0, false, BulletStyle.Hanging), "title");

        Assert.DoesNotContain(drawn.SelectMany(page => page.Words), word => word.Text == "•");
        Assert.True(drawn.Sum(page => page.Marks!.Count) >= 16);
        Assert.DoesNotContain(hanging.SelectMany(page => page.Words), word => word.Text == "•");
        Assert.All(hanging, page => Assert.Empty(page.Marks!));
        Assert.Contains(PdfReportReader.Blocks(hanging), block => block.Kind == BlockKind.ListItem);
    }

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
