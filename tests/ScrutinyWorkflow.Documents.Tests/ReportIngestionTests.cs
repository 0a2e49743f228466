using System.Text;
using ScrutinyWorkflow.Documents.Tests.Samples;

namespace ScrutinyWorkflow.Documents.Tests;

public sealed class ReportIngestionTests
{
    [Theory]
    [InlineData("children-in-care.pdf")]
    [InlineData("children-out-of-school.docx")]
    [InlineData("adult-social-care-charging.html")]
    public void Stops_when_cancelled_while_reading_the_document(string sample)
    {
        // Cancelled only once the whole upload has been read, so it is the reader that has to notice.
        using var cancellation = new CancellationTokenSource();
        using var stream = new CancelsAtItsEnd(SampleReports.Bytes(sample), cancellation);

        Assert.ThrowsAny<OperationCanceledException>(() => ReportIngestion.Ingest(stream, sample, IngestionLimits.Default, cancellation.Token));
        Assert.True(stream.ReachedTheEnd);
    }

    /// <summary>An upload whose request is cancelled just as its last byte arrives.</summary>
    private sealed class CancelsAtItsEnd(byte[] content, CancellationTokenSource cancellation) : MemoryStream(content)
    {
        public bool ReachedTheEnd { get; private set; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = base.Read(buffer, offset, count);
            if (read == 0)
            {
                ReachedTheEnd = true;
                cancellation.Cancel();
            }
            return read;
        }
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
