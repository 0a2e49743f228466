using System.Text;
using ScrutinyWorkflow.Core.Reports;
using ScrutinyWorkflow.Documents.Reading;
using ScrutinyWorkflow.Documents.Reading.Text;

namespace ScrutinyWorkflow.Documents.Tests.Text;

public sealed class TextReaderTests
{
    private static List<ReportBlock> Markdown(string text) =>
        [.. Assert.IsType<BlocksRead>(MarkdownReportReader.Read(Encoding.UTF8.GetBytes(text))).Blocks];

    private static List<ReportBlock> Plain(string text) =>
        [.. Assert.IsType<BlocksRead>(PlainTextReportReader.Read(Encoding.UTF8.GetBytes(text))).Blocks];

    [Fact]
    public void Reads_Markdown_headings_lists_and_paragraphs_without_their_markup()
    {
        var blocks = Markdown("""
            Plans that deliver
            ==================

            *Focus report*, published **February 2024**.

            ## Questions for scrutiny

            1. How are plans [checked](https://example.org)?
               - by whom;
               - how often?
            2. What does `the council` do
               when it cannot?

            > **Case study: Sam**
            """);

        Assert.Equal(
            [
                (BlockKind.Heading, 1, "Plans that deliver"),
                (BlockKind.Paragraph, 0, "Focus report, published February 2024."),
                (BlockKind.Heading, 2, "Questions for scrutiny"),
                (BlockKind.ListItem, 0, "How are plans checked?"),
                (BlockKind.ListItem, 1, "by whom;"),
                (BlockKind.ListItem, 1, "how often?"),
                (BlockKind.ListItem, 0, "What does the council do when it cannot?"),
                (BlockKind.Paragraph, 0, "Case study: Sam"),
            ],
            blocks.Select(block => (block.Kind, block.Level, block.Text)));
    }

    [Fact]
    public void Takes_short_lines_standing_alone_in_plain_text_as_headings()
    {
        var blocks = Plain("""
            OUT OF SIGHT

            June 2023

            What should councillors ask?

            Identifying children
            --------------------

            - How does the council find children who are miss-
              ing education?
            - How quickly do schools tell the council?

            A paragraph that wraps
            over two lines.
            """);

        Assert.Equal(
            [
                (BlockKind.Heading, 1, "OUT OF SIGHT"),
                (BlockKind.Heading, 2, "June 2023"),
                (BlockKind.Heading, 2, "What should councillors ask?"),
                (BlockKind.Heading, 2, "Identifying children"),
                (BlockKind.ListItem, 0, "How does the council find children who are missing education?"),
                (BlockKind.ListItem, 0, "How quickly do schools tell the council?"),
                (BlockKind.Paragraph, 0, "A paragraph that wraps over two lines."),
            ],
            blocks.Select(block => (block.Kind, block.Level, block.Text)));
    }

    [Fact]
    public void Takes_a_short_line_straight_above_a_full_one_as_a_heading_and_a_form_feed_as_the_end_of_a_block_as_pdftotext_sets_them()
    {
        var blocks = Plain(
            "Questions for councillors\n" +
            "Councillors may wish to ask the following questions to satisfy themselves that their\n" +
            "council deals with planning enforcement well.\n\n" +
            " 1. How does the council decide which breaches to investigate first?\n" +
            "\fTimeliness\n\n" +
            " 1. How many complaints were investigated in time?\n");

        Assert.Equal(
            [
                (BlockKind.Heading, "Questions for councillors"),
                (BlockKind.Paragraph, "Councillors may wish to ask the following questions to satisfy themselves that their council deals with planning enforcement well."),
                (BlockKind.ListItem, "How does the council decide which breaches to investigate first?"),
                (BlockKind.Heading, "Timeliness"),
                (BlockKind.ListItem, "How many complaints were investigated in time?"),
            ],
            blocks.Select(block => (block.Kind, block.Text)));
    }

    [Fact]
    public void Does_not_take_the_short_last_line_of_a_paragraph_above_a_full_one_for_a_heading()
    {
        var blocks = Plain(
            "The council took fourteen months to visit the site, and did not tell Mr B why.\n" +
            "It apologised.\n" +
            "We recommended that it review its enforcement plan and tell complainants what it will do.\n");

        Assert.DoesNotContain(blocks, block => block.Kind == BlockKind.Heading);
    }

    [Fact]
    public void Does_not_take_a_standalone_question_for_a_heading()
    {
        var block = Assert.Single(Plain("How does the council make sure children are safe at home?"));

        Assert.Equal(BlockKind.Paragraph, block.Kind);
    }

    [Theory]
    [InlineData(new byte[] { 0xEF, 0xBB, 0xBF, 0x43, 0x61, 0x66, 0xC3, 0xA9 }, "Café")]
    [InlineData(new byte[] { 0x43, 0x61, 0x66, 0xE9 }, "Café")]
    [InlineData(new byte[] { 0xFF, 0xFE, 0x43, 0x00, 0x61, 0x00, 0x66, 0x00, 0xE9, 0x00 }, "Café")]
    public void Decodes_UTF8_Latin1_and_UTF16_text(byte[] bytes, string expected) =>
        Assert.Equal(expected, TextDecoding.Decode(bytes));
}
