using ScrutinyWorkflow.Core.Reports;
using ScrutinyWorkflow.Core.Reviews;
using static ScrutinyWorkflow.Core.Reports.ReportBlock;

namespace ScrutinyWorkflow.Core.Tests.Reports;

public sealed class ReadingDoubtsTests
{
    private static ExtractedQuestion Question(double confidence) =>
        new("How does the council plan?", new ReportSource(2, "A list item", confidence));

    private static ExtractedArea Area(string heading, double confidence, params double[] questions) =>
        new(heading, new ReportSource(2, "A sub-heading", confidence), [.. questions.Select(Question)]);

    private static ExtractedReport Report(params ExtractedArea[] areas) => new("A report", null, null, areas);

    [Fact]
    public void A_report_whose_areas_and_questions_read_cleanly_has_no_doubts()
    {
        var report = Report(Area("Care planning", 0.9, 0.95, 0.95, 0.85), Area("Leaving care", 0.9, 0.95, 0.95));

        Assert.Empty(ReadingDoubts.Of(report));
    }

    [Fact]
    public void A_quarter_of_the_questions_doubtful_makes_the_layout_hard_to_read_and_says_how_many()
    {
        var report = Report(Area("Care planning", 0.9, 0.6, 0.95, 0.95, 0.95), Area("Leaving care", 0.9, 0.95, 0.95, 0.45, 0.95));

        Assert.Equal(["2 of the 8 questions could not be read with confidence"], ReadingDoubts.Of(report));
    }

    [Fact]
    public void One_doubtful_question_in_a_short_report_is_left_to_its_own_check_this()
    {
        var report = Report(Area("Care planning", 0.9, 0.6, 0.95, 0.95));

        Assert.Empty(ReadingDoubts.Of(report));
    }

    [Fact]
    public void Questions_under_no_heading_of_their_own_say_the_report_had_no_clear_area_headings()
    {
        var report = Assert.IsType<ReportExtracted>(QuestionExtractor.Extract(
        [
            Heading("A report", 1),
            Heading("Questions for councillors", 2),
            ListItem("How does the council plan?"),
            ListItem("Who checks the plans?"),
        ])).Report;

        var doubt = Assert.Single(ReadingDoubts.Of(report));

        Assert.Contains("no clear headings for its areas of focus", doubt, StringComparison.Ordinal);
        Assert.Contains("“Questions for councillors”", doubt, StringComparison.Ordinal);
    }

    [Fact]
    public void A_heading_taken_from_its_place_alone_is_no_doubt_but_one_doubted_as_well_is()
    {
        var report = Report(Area("Care planning", 0.7, 0.95, 0.95), Area("Leaving care", 0.5, 0.95, 0.95));

        Assert.Equal(["the area “Leaving care” had no clear heading in the report"], ReadingDoubts.Of(report));
    }
}
