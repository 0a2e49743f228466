using System.Text;
using ScrutinyWorkflow.Core.Reports;
using ScrutinyWorkflow.Core.Reviews;
using ScrutinyWorkflow.Documents.Reading;
using ScrutinyWorkflow.Documents.Reading.Html;
using ScrutinyWorkflow.Documents.Reading.Pdf;
using ScrutinyWorkflow.Documents.Reading.Text;
using ScrutinyWorkflow.Testing;

namespace ScrutinyWorkflow.Documents.Tests;

/// <summary>
/// Small files built so that a reader doing work in the square of their size would take tens of seconds. Each test
/// checks what comes out; the sizes are ones the readers get through at once, so a return of the slow paths shows as
/// a suite that suddenly takes minutes (the benchmark times the same inputs).
/// </summary>
public sealed class HostileInputTests
{
    private static List<ReportBlock> Markdown(string text) =>
        [.. Assert.IsType<BlocksRead>(MarkdownReportReader.Read(Encoding.UTF8.GetBytes(text))).Blocks];

    private static List<ReportBlock> Plain(string text) =>
        [.. Assert.IsType<BlocksRead>(PlainTextReportReader.Read(Encoding.UTF8.GetBytes(text))).Blocks];

    private static string Lines(int count, string line) => string.Join("\n\n", Enumerable.Repeat(line, count));

    [Fact]
    public void A_hundred_kilobyte_heading_and_a_sixty_thousand_character_question_are_cut_short_and_marked_and_the_rest_of_the_report_is_kept()
    {
        var heading = string.Concat(Enumerable.Repeat("Overlong heading ", 6_000));
        var question = string.Concat(Enumerable.Repeat("and how does the council know ", 2_000)) + "?";
        var report = $"""
            # Hostile report

            ## Questions for councillors

            ### {heading}

            - {question}
            - How many complaints were upheld?

            ### Waiting times

            - How long does a decision take?
            """;

        var read = Assert.IsType<Ingested>(TestFiles.Ingest(Encoding.UTF8.GetBytes(report), "hostile.md")).Report;

        Assert.Equal(2, read.Areas.Count);
        var first = read.Areas[0];
        Assert.InRange(first.Heading.Length, 400, ReviewDecider.MaxLineLength);
        Assert.StartsWith("Overlong heading", first.Heading, StringComparison.Ordinal);
        Assert.EndsWith("…", first.Heading, StringComparison.Ordinal);
        Assert.Contains("cut short", first.Source.Reason, StringComparison.Ordinal);
        Assert.InRange(first.Questions[0].Text.Length, 3_900, ReviewDecider.MaxQuestionLength);
        Assert.Contains("more than a question may have", first.Questions[0].Source.Reason, StringComparison.Ordinal);
        Assert.True(first.Questions[0].Source.Confidence <= 0.4);
        Assert.Equal("How many complaints were upheld?", first.Questions[1].Text);
        Assert.Equal(("Waiting times", "How long does a decision take?"), (read.Areas[1].Heading, read.Areas[1].Questions.Single().Text));
    }

    [Fact]
    public void Questions_beyond_what_one_review_may_hold_are_left_out_with_a_note_rather_than_the_upload_refused()
    {
        var items = string.Join("\n", Enumerable.Range(1, ReviewDecider.MaxQuestionsPerReview + 5).Select(n => $"- Question number {n}?"));
        var report = $"# Long report\n\n## Questions for councillors\n\n### Everything\n\n{items}\n";

        var read = Assert.IsType<Ingested>(TestFiles.Ingest(Encoding.UTF8.GetBytes(report), "long.md")).Report;

        Assert.Equal(ReviewDecider.MaxQuestionsPerReview, read.QuestionCount);
        Assert.Contains("5 more questions", read.Areas[^1].Source.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Keeps_lines_of_unmatched_emphasis_marks_as_they_are()
    {
        var line = string.Concat(Enumerable.Repeat("*a ", 3_300)).TrimEnd();

        var blocks = Markdown(Lines(30, line));

        Assert.Equal(30, blocks.Count);
        Assert.All(blocks, block => Assert.Equal((BlockKind.Paragraph, line), (block.Kind, block.Text)));
    }

    [Fact]
    public void Keeps_a_very_long_line_of_unmatched_emphasis_marks_as_plain_text()
    {
        var line = string.Concat(Enumerable.Repeat("*a ", 40_000)).TrimEnd();

        var block = Markdown("# Title\n\n" + line)[^1];

        Assert.Equal((BlockKind.Paragraph, line), (block.Kind, block.Text));
    }

    [Theory]
    [InlineData("quotes")]
    [InlineData("lists")]
    [InlineData("emphasis")]
    public void Refuses_Markdown_nested_deeper_than_any_report(string nesting)
    {
        var markdown = nesting switch
        {
            "quotes" => new string('>', 100_000) + " Deep",
            "lists" => string.Join("\n", Enumerable.Range(0, 2_000).Select(depth => new string(' ', 2 * depth) + "- Deep")),
            _ => string.Concat(Enumerable.Repeat("*a ", 40)) + "deep" + string.Concat(Enumerable.Repeat(" a*", 40)),
        };

        var rejected = Assert.IsType<IngestionRejected>(TestFiles.Ingest(Encoding.UTF8.GetBytes("## Questions for councillors\n\n" + markdown), "report.md"));

        Assert.Equal(Rejections.NestedTooDeeply, rejected.Code);
    }

    [Fact]
    public void Reads_lists_nested_as_deeply_as_a_report_might_at_their_depth()
    {
        var blocks = Markdown(string.Join("\n", Enumerable.Range(0, 8).Select(depth => new string(' ', 2 * depth) + $"- Level {depth}")));

        Assert.Equal(Enumerable.Range(0, 8).Select(depth => (BlockKind.ListItem, depth, $"Level {depth}")), blocks.Select(block => (block.Kind, block.Level, block.Text)));
    }

    [Fact]
    public void Still_removes_emphasis_including_emphasis_inside_emphasis()
    {
        var block = Assert.Single(Markdown("*Focus report*, **all *of* it** and __this__ but not snake_case_names."));

        Assert.Equal("Focus report, all of it and this but not snake_case_names.", block.Text);
    }

    [Fact]
    public void Reads_headings_padded_with_long_runs_of_spaces()
    {
        var blocks = Markdown(Lines(30, "# a" + new string(' ', 9_000) + "b"));

        Assert.Equal(30, blocks.Count);
        Assert.All(blocks, block => Assert.Equal((BlockKind.Heading, 1, "a b"), (block.Kind, block.Level, block.Text)));
    }

    [Fact]
    public void Reads_a_closed_heading_without_its_closing_hashes()
    {
        Assert.Equal(
            [("Housing", 2), ("C#", 3), ("Care", 4)],
            Markdown("## Housing ##\n\n### C#\n\n####   Care ###   ").Select(block => (block.Text, block.Level)));
    }

    [Fact]
    public void Reads_lines_indented_by_long_runs_of_spaces_as_their_text()
    {
        var blocks = Markdown(Lines(60, new string(' ', 9_000) + "x"));

        Assert.Equal(60, blocks.Count);
        Assert.All(blocks, block => Assert.Equal((BlockKind.Paragraph, "x"), (block.Kind, block.Text)));
    }

    [Fact]
    public void Reads_long_runs_of_brackets_and_angle_brackets_as_text()
    {
        var line = string.Concat(Enumerable.Repeat("[a](x(y)", 600)) + string.Concat(Enumerable.Repeat("<a", 2_000));

        var blocks = Markdown(Lines(30, line));

        Assert.Equal(30, blocks.Count);
        Assert.All(blocks, block => Assert.Equal(line, block.Text));
    }

    [Fact]
    public void Still_reads_links_and_images_including_addresses_with_brackets()
    {
        var block = Assert.Single(Markdown("See [the guidance](https://example.org/Care_(England)) ![logo](logo.png) and [this](a.html \"title\")."));

        Assert.Equal("See the guidance and this.", block.Text);
    }

    [Fact]
    public void Joins_a_word_broken_at_the_end_of_every_line()
    {
        var blocks = Plain(string.Concat(Enumerable.Repeat("ab-\n", 40_000)));

        Assert.Equal(string.Concat(Enumerable.Repeat("ab", 40_000)) + "-", Assert.Single(blocks).Text);
    }

    [Fact]
    public void Refuses_a_page_of_empty_elements_written_as_self_closing()
    {
        // HTML ignores "/>" on a div, so each of these opens one more level.
        var html = "<html><body>" + string.Concat(Enumerable.Repeat("<div/>", 100_000)) + "<h2>Questions for councillors</h2></body></html>";

        var rejected = Assert.IsType<IngestionRejected>(TestFiles.Ingest(Encoding.UTF8.GetBytes(html), "report.html"));

        Assert.Equal(Rejections.NestedTooDeeply, rejected.Code);
    }

    [Fact]
    public void Refuses_a_page_that_hides_its_depth_behind_end_tags_of_elements_never_opened()
    {
        var html = "<html><body>" + string.Concat(Enumerable.Repeat("<div></x>", 100_000)) + "<h2>Questions for councillors</h2></body></html>";

        var rejected = Assert.IsType<IngestionRejected>(TestFiles.Ingest(Encoding.UTF8.GetBytes(html), "report.html"));

        Assert.Equal(Rejections.NestedTooDeeply, rejected.Code);
    }

    [Fact]
    public void Counts_self_closing_elements_in_SVG_and_void_elements_as_closed()
    {
        var html = "<html><body><svg>" + string.Concat(Enumerable.Repeat("<path d='M0 0'/>", 5_000)) + "</svg>"
            + string.Concat(Enumerable.Repeat("<br/><img src='x.png'/>", 5_000)) + "<svg/>" + "<p>Text.</p></body></html>";

        Assert.False(HtmlNesting.IsDeeperThan(html, 10));
    }

    [Fact]
    public void Does_not_count_anchors_written_as_self_closing_as_nested_since_each_closes_the_one_before()
    {
        var html = "<html><body>" + string.Concat(Enumerable.Repeat("<p><a name='x'/>Text.", 5_000)) + "</body></html>";

        Assert.False(HtmlNesting.IsDeeperThan(html, 10));
    }

    [Fact]
    public void Closes_the_elements_inside_one_that_an_end_tag_closes()
    {
        var html = string.Concat(Enumerable.Repeat("<section><div><span>text</section>", 5_000));

        Assert.False(HtmlNesting.IsDeeperThan(html, 10));
    }

    [Fact]
    public void Removes_running_headers_from_a_page_of_tens_of_thousands_of_rows()
    {
        static PdfRow Row(string text, double baseline) => new([new PdfWord(text, 50, 200, baseline, 10, Bold: false)]);
        var body = Enumerable.Range(0, 40_000).Select(i => Row($"Line {i} of the body", 400)).ToList();
        var pages = Enumerable.Range(1, 3)
            .Select(number => new PdfPageRows(
                number,
                842,
                [Row("Out of sight: focus report", 800), .. number == 2 ? body : [Row("Some text", 400)], Row($"Page {number}", 30)]))
            .ToList();

        var kept = RunningText.Remove(pages);

        Assert.Equal([1, 40_000, 1], kept.Select(page => page.Rows.Count));
        Assert.Equal<PdfRow>(body, kept[1].Rows);
    }

    [Fact]
    public void A_pdf_page_that_inflates_past_the_stream_limit_is_refused_unread()
    {
        var bomb = HostilePdfs.PdfWithExpandingPage(expandedBytes: 16L * 1024 * 1024);

        var outcome = TestFiles.Ingest(bomb, "report.pdf", IngestionLimits.Default with { MaxPdfStreamBytes = 4L * 1024 * 1024 });

        var rejected = Assert.IsType<IngestionRejected>(outcome);
        Assert.Equal(Rejections.PdfTooLargeExpanded, rejected.Code);
        Assert.Contains("4 MB", rejected.Title, StringComparison.Ordinal);
    }

    [Fact]
    public void Pdf_streams_that_together_inflate_past_the_document_limit_are_refused_unread()
    {
        var bomb = HostilePdfs.PdfWithExpandingPage(expandedBytes: 16L * 1024 * 1024);

        var outcome = TestFiles.Ingest(bomb, "report.pdf", IngestionLimits.Default with { MaxExpandedBytes = 8L * 1024 * 1024 });

        Assert.Equal(Rejections.PdfTooLargeExpanded, Assert.IsType<IngestionRejected>(outcome).Code);
    }

    [Fact]
    public void A_pdf_page_that_inflates_within_the_limits_is_read_as_usual()
    {
        var page = HostilePdfs.PdfWithExpandingPage(expandedBytes: 1024 * 1024);

        var outcome = TestFiles.Ingest(page, "report.pdf", IngestionLimits.Default with { MaxPdfStreamBytes = 4L * 1024 * 1024 });

        // Spaces are no text: PdfPig read the page and found nothing on it.
        Assert.Equal(Rejections.PdfNoTextLayer, Assert.IsType<IngestionRejected>(outcome).Code);
    }
}
