using System.Text;
using ScrutinyWorkflow.Documents.Tests.Samples;

namespace ScrutinyWorkflow.Documents.Tests;

public sealed class ReportIngestionTests
{
    [Theory]
    [InlineData("children-in-care.pdf")]
    [InlineData("children-out-of-school.docx")]
    [InlineData("adult-social-care-charging.html")]
    public void Stops_when_cancelled(string sample)
    {
        using var stream = new MemoryStream(SampleReports.Bytes(sample));
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => ReportIngestion.Ingest(stream, sample, IngestionLimits.Default, cancelled.Token));
    }

    [Fact]
    public void Reads_from_where_the_stream_is_and_ignores_the_folder_in_the_file_name()
    {
        var markdown = Encoding.UTF8.GetBytes("# A report\n\n## Questions for councillors\n\n- How?\n");
        using var stream = new MemoryStream([.. "ignored"u8, .. markdown]);
        stream.Position = "ignored".Length;

        var ingested = Assert.IsType<Ingested>(ReportIngestion.Ingest(stream, @"C:\Users\officer\Downloads\report.md", IngestionLimits.Default));

        Assert.Equal("markdown", ingested.Format);
        Assert.Equal("How?", ingested.Report.Areas.Single().Questions.Single().Text);
    }

    [Fact]
    public void Reads_plain_text_reports()
    {
        var text = """
            Safe at home
            ============

            March 2024

            Questions for councillors
            -------------------------

            1. How quickly are people housed?
            2. Who checks that the housing is safe?
            """;

        var report = Assert.IsType<Ingested>(TestFiles.Ingest(Encoding.UTF8.GetBytes(text), "report.txt")).Report;

        Assert.Equal("Safe at home", report.Title);
        Assert.Equal("2024-03", report.Published.ToString());
        Assert.Equal(["How quickly are people housed?", "Who checks that the housing is safe?"], report.Areas.Single().Questions.Select(question => question.Text));
    }
}
