using System.Text;
using ScrutinyWorkflow.Core.Reports;
using ScrutinyWorkflow.Documents.Reading;
using ScrutinyWorkflow.Documents.Reading.Html;

namespace ScrutinyWorkflow.Documents.Tests.Html;

public sealed class HtmlReaderTests
{
    private static List<ReportBlock> Blocks(string html) =>
        [.. Assert.IsType<BlocksRead>(HtmlReportReader.Read(Encoding.UTF8.GetBytes(html), CancellationToken.None)).Blocks];

    [Fact]
    public void Reads_headings_paragraphs_and_nested_list_items()
    {
        var blocks = Blocks("""
            <h1>Counting the cost</h1>
            <p>Published: <time>November 2023</time></p>
            <h2>Key lines of enquiry</h2>
            <ul>
              <li>Does the policy explain:
                <ul><li>how charges are worked out;</li><li>what is disregarded?</li></ul>
              </li>
              <li><p>How long do assessments take?</p></li>
            </ul>
            """);

        Assert.Equal(
            [
                (BlockKind.Heading, 1, "Counting the cost"),
                (BlockKind.Paragraph, 0, "Published: November 2023"),
                (BlockKind.Heading, 2, "Key lines of enquiry"),
                (BlockKind.ListItem, 0, "Does the policy explain:"),
                (BlockKind.ListItem, 1, "how charges are worked out;"),
                (BlockKind.ListItem, 1, "what is disregarded?"),
                (BlockKind.ListItem, 0, "How long do assessments take?"),
            ],
            blocks.Select(block => (block.Kind, block.Level, block.Text)));
    }

    [Fact]
    public void Ignores_scripts_styles_navigation_hidden_text_and_the_site_header_and_footer()
    {
        var blocks = Blocks("""
            <html><head><title>Questions for councillors</title><style>h2 { color: red }</style></head>
            <body>
            <header><a href="/">Home</a></header>
            <nav><ul><li>Questions for councillors</li></ul></nav>
            <main>
              <script>document.write("<h2>Questions for councillors</h2>")</script>
              <p hidden>Draft note</p>
              <p>The report&rsquo;s text &amp; more.</p>
              <noscript>Turn on JavaScript</noscript>
            </main>
            <footer><p>Contact us</p></footer>
            </body></html>
            """);

        Assert.Equal("The report’s text & more.", Assert.Single(blocks).Text);
    }

    [Fact]
    public void Keeps_a_header_that_is_part_of_the_report_article()
    {
        var blocks = Blocks("<body><article><header><h1>Out of sight</h1></header><p>Text.</p></article></body>");

        Assert.Equal(["Out of sight", "Text."], blocks.Select(block => block.Text));
    }

    [Fact]
    public void Refuses_a_page_nested_a_hundred_thousand_elements_deep_before_parsing_it()
    {
        var html = new StringBuilder("<html><body>");
        html.Insert(html.Length, "<div><b>", 50_000);
        html.Append("<h2>Questions for councillors</h2><ul><li>Deep question?</li></ul>");
        html.Insert(html.Length, "</b></div>", 50_000);
        html.Append("</body></html>");

        var rejected = Assert.IsType<ReadRejected>(HtmlReportReader.Read(Encoding.UTF8.GetBytes(html.ToString()), CancellationToken.None));

        Assert.Equal(Rejections.NestedTooDeeply, rejected.Rejection.Code);
    }

    [Fact]
    public void Reads_a_page_nested_as_deeply_as_real_pages_are_with_unclosed_paragraphs_and_items()
    {
        var html = new StringBuilder("<!DOCTYPE html><html><body>");
        html.Insert(html.Length, "<div>", 300);
        html.Insert(html.Length, "<p>An unclosed paragraph", 2_000);
        html.Append("<h2>Questions for councillors</h2><ul>");
        html.Insert(html.Length, "<li>An unclosed item?", 2_000);
        html.Append("</ul><script>if (a < b) { document.write('<div><div><div>'); }</script><!-- <div><div> -->");
        html.Insert(html.Length, "</div>", 300);
        html.Append("</body></html>");

        var blocks = Blocks(html.ToString());

        Assert.Equal(2_000, blocks.Count(block => block is { Kind: BlockKind.ListItem, Text: "An unclosed item?" }));
    }

    [Fact]
    public void Joins_inline_elements_and_line_breaks_into_the_text_around_them()
    {
        var blocks = Blocks("<p>How <strong>does</strong> the<br>council <a href='#'>check</a>?</p>");

        Assert.Equal("How does the council check ?", Assert.Single(blocks).Text);
    }
}
