using System.Text;
using ScrutinyWorkflow.Documents.Tests.Corpus;
using ScrutinyWorkflow.Documents.Tests.Samples;

namespace ScrutinyWorkflow.Documents.Tests;

/// <summary>
/// The reader says when a document's layout as a whole was hard to read, for the draft page to warn; a document that
/// reads cleanly, whichever tool made it, says nothing.
/// </summary>
public sealed class LayoutDoubtsTests
{
    /// <summary>
    /// A report set without area headings, its questions as paragraphs and two of them broken in two (as a converter
    /// that makes a paragraph of every line leaves them): every question lands under the section's own heading, and
    /// the broken ones are doubtful.
    /// </summary>
    public const string HardReport = """
        <html><body>
        <h1>Waiting well: assessments for care at home</h1>
        <p>Published March 2026</p>
        <p>People waited too long for their assessments, and were not told why.</p>
        <h2>Questions for councillors</h2>
        <p>How long did people wait last year for an assessment of their</p>
        <p>needs, and how many waited longer than the council's own target?</p>
        <p>How many assessments were started but not finished?</p>
        <p>Are people told how long they are likely to wait, and</p>
        <p>by whom?</p>
        <p>Who checks that a care plan is reviewed when a person's needs change?</p>
        </body></html>
        """;

    public static TheoryData<string> Corpus => [.. CorpusDocuments.All(TestFiles.TestData("corpus"))];

    [Fact]
    public void A_report_with_no_area_headings_and_questions_broken_in_two_says_its_layout_was_hard_to_read()
    {
        var read = Assert.IsType<Ingested>(TestFiles.Ingest(Encoding.UTF8.GetBytes(HardReport), "waiting.html"));

        Assert.Equal(2, read.Doubts.Count);
        Assert.Equal("How long did people wait last year for an assessment of their needs, and how many waited longer than the council's own target?", read.Report.Areas[0].Questions[0].Text);
        Assert.Contains(read.Doubts, doubt => doubt.StartsWith("2 of the 4 questions", StringComparison.Ordinal));
        Assert.Contains(read.Doubts, doubt => doubt.Contains("no clear headings for its areas of focus", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(SampleReports.All), MemberType = typeof(SampleReports))]
    public void A_sample_report_reads_without_doubt_about_its_layout(string fileName)
    {
        var read = Assert.IsType<Ingested>(SampleReports.Ingest(fileName));

        Assert.True(read.Doubts.Count == 0, $"{fileName}: {string.Join("; ", read.Doubts)}");
    }

    [Theory]
    [MemberData(nameof(Corpus))]
    public void A_corpus_document_reads_without_doubt_about_its_layout(string fileName)
    {
        var read = Assert.IsType<Ingested>(TestFiles.Ingest(File.ReadAllBytes(Path.Combine(TestFiles.TestData("corpus"), fileName)), fileName));

        Assert.True(read.Doubts.Count == 0, $"{fileName}: {string.Join("; ", read.Doubts)}");
    }
}
