using ScrutinyWorkflow.Core.Reviews;
using ScrutinyWorkflow.Core.Statements;
using static ScrutinyWorkflow.Core.Tests.Reviews.Reviews;

namespace ScrutinyWorkflow.Core.Tests.Reviews;

public sealed class CoverReportTests
{
    private static readonly CoverReportSettings Settings = new(1, "Director of Governance", "Scrutiny Team", "scrutiny@council.example");

    private static PositionStatement Statement() =>
        PositionStatement.From(new DeciderSpecification().GivenDispatched()
            .GivenCommands(new SubmitAnswer("A2", "Three.", At(2026, 12, 18)), new ProcessDueTimers(At(2027, 1, 9))).State);

    [Fact]
    public void Questions_are_numbered_down_the_statement_in_the_reports_order()
    {
        Assert.Equal([1, 2, 3], Statement().Rows.Select(r => r.Number));
    }

    [Fact]
    public void The_subject_and_particulars_come_from_the_review()
    {
        var report = CoverReport.From(Statement(), Settings);

        Assert.Equal("Service response to the LGSCO focus report \u201cCareless: helping to improve council services to children in care\u201d", report.Subject);
        Assert.Equal(["Report to", "Date of meeting", "Report of", "Subject", "Contact"], report.Particulars.Select(p => p.Label));
        Assert.Equal("Director of Governance", report.Particulars[2].Value);
        Assert.Equal("Scrutiny Team, scrutiny@council.example", report.Particulars[4].Value);
    }

    [Fact]
    public void The_background_says_when_the_report_was_published_what_it_covers_and_how_and_by_when_services_were_asked()
    {
        var background = CoverReport.From(Statement(), Settings).Sections.Single(s => s.Heading == "Background").Paragraphs;

        Assert.StartsWith("In December 2020 the Local Government and Social Care Ombudsman", background[0].Text, StringComparison.Ordinal);
        Assert.Equal(["Accommodation for 16 and 17 year olds", "Care leavers"], background[1].Items);
        Assert.Contains("asking for answers by 8 January 2027", background[2].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_response_summary_counts_answers_and_names_the_services_that_gave_them()
    {
        var response = CoverReport.From(Statement(), Settings).Sections.Single(s => s.Heading == "Response summary").Paragraphs;

        Assert.Equal("1 of 3 questions were answered.", response[0].Text);
        Assert.StartsWith("2 questions were not answered by the deadline", response[1].Text, StringComparison.Ordinal);
        Assert.Equal([$"{Head.Designation} (1 answer)", $"{Data.Designation} (1 answer)"], response[2].Items);
    }

    [Fact]
    public void The_implications_are_left_for_the_author_to_complete()
    {
        var forAuthor = CoverReport.From(Statement(), Settings).Sections.Where(s => s.ForAuthor).ToList();

        Assert.Equal(["Financial implications", "Legal implications", "Risk management implications", "Policy implications"], forAuthor.Select(s => s.Heading));
        Assert.All(forAuthor, s => Assert.Equal(CoverReport.ToComplete, s.Paragraphs.Single().Text));
    }

    [Fact]
    public void A_cover_report_with_sections_left_for_its_author_is_not_complete_and_one_with_every_section_written_is()
    {
        var report = CoverReport.From(Statement(), Settings);

        Assert.False(report.IsComplete);
        var written = report with { Sections = [.. report.Sections.Select(s => s with { Paragraphs = [.. s.Paragraphs.Select(p => p.Text == CoverReport.ToComplete ? p with { Text = "None." } : p)] })] };
        Assert.True(written.IsComplete);
        Assert.False((written with { Particulars = [.. written.Particulars.Select(p => p.Label == "Report of" ? (p.Label, CoverReport.ToComplete) : p)] }).IsComplete);
    }
}
