using ScrutinyWorkflow.Core.Reports;

namespace ScrutinyWorkflow.Documents.Tests.Samples;

public sealed class SampleExtractionTests
{
    public static TheoryData<string> Samples => SampleReports.All();

    [Theory]
    [MemberData(nameof(Samples))]
    public void Extracts_exactly_the_areas_and_questions_the_sample_was_written_with(string fileName)
    {
        var outcome = SampleReports.Ingest(fileName);

        var ingested = Assert.IsType<Ingested>(outcome);
        ExtractionAssert.Matches(SampleReports.ExpectedFor(fileName), ingested.Report);
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Says_where_every_area_and_question_came_from(string fileName)
    {
        var report = Assert.IsType<Ingested>(SampleReports.Ingest(fileName)).Report;
        var paged = fileName.EndsWith(".pdf", StringComparison.Ordinal);

        var sources = report.Areas.Select(area => area.Source)
            .Concat(report.Areas.SelectMany(area => area.Questions).Select(question => question.Source))
            .Append(report.TitleSource!)
            .ToList();
        Assert.All(sources, source =>
        {
            Assert.False(string.IsNullOrWhiteSpace(source.Reason));
            Assert.InRange(source.Confidence, 0.0, 1.0);
            Assert.Equal(paged, source.Page is not null);
        });
    }

    public static TheoryData<string, string> SameSourceOtherPrinting()
    {
        var data = new TheoryData<string, string>();
        foreach (var printings in SampleReports.Printings().Where(printings => printings.Count > 1))
        {
            foreach (var other in printings.Skip(1))
            {
                data.Add(printings[0], other);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(SameSourceOtherPrinting))]
    public void The_same_source_printed_by_another_tool_gives_the_same_areas_and_questions(string first, string other)
    {
        var one = Assert.IsType<Ingested>(SampleReports.Ingest(first)).Report;
        var another = Assert.IsType<Ingested>(SampleReports.Ingest(other)).Report;

        ExtractionAssert.SameQuestions(one, another);
        Assert.Equal(one.Areas.Select(area => area.Questions.Count), another.Areas.Select(area => area.Questions.Count));
    }

    [Fact]
    public void Every_new_producer_and_topic_is_among_the_samples()
    {
        var files = SampleReports.Printings().SelectMany(printings => printings).ToList();

        Assert.Contains("children-in-care.chromium.pdf", files);
        Assert.Contains("children-in-care.pdfpig.pdf", files);
        Assert.Contains("domestic-abuse.chromium.pdf", files);
        Assert.Contains("housing.chromium.pdf", files);
        Assert.Contains("housing.pdfpig.pdf", files);
        Assert.Contains("adult-social-care.chromium.pdf", files);
        Assert.Contains("adult-social-care.pdfpig.pdf", files);
    }

    [Fact]
    public void Names_the_page_a_question_starts_on_and_the_page_it_continues_on()
    {
        var report = Assert.IsType<Ingested>(SampleReports.Ingest("children-in-care.pdf")).Report;

        var stability = report.Areas.Single(area => area.Heading == "Placement stability");
        var crossing = stability.Questions[2];
        Assert.StartsWith("How does the council make sure that children are told", crossing.Text, StringComparison.Ordinal);
        Assert.Equal(4, crossing.Source.Page);
        Assert.Contains("continues on page 5", crossing.Source.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("children-in-care.pdf", "pdf")]
    [InlineData("domestic-abuse.pdf", "pdf")]
    [InlineData("children-out-of-school.docx", "docx")]
    [InlineData("adult-social-care-charging.html", "html")]
    [InlineData("ehc-plans.md", "markdown")]
    public void Reports_the_format_it_read(string fileName, string format) =>
        Assert.Equal(format, Assert.IsType<Ingested>(SampleReports.Ingest(fileName)).Format);

    [Fact]
    public void Keeps_a_lead_in_question_and_its_sub_points_together()
    {
        var report = Assert.IsType<Ingested>(SampleReports.Ingest("children-out-of-school.docx")).Report;

        var question = report.Areas.Single(area => area.Heading == "Arranging suitable education").Questions[0];
        var lines = question.Text.Split('\n');
        Assert.Equal("Does the council's policy on alternative education make clear:", ReportText.ForComparison(lines[0]));
        Assert.Equal(3, lines.Skip(1).Count(line => line.StartsWith("• ", StringComparison.Ordinal)));
    }
}
