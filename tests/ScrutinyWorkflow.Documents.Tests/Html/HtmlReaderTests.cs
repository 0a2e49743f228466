using System.Globalization;
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

    /// <summary>The areas and questions a web page gives, as the person uploading it would get them.</summary>
    private static ExtractedReport Extracted(string html) =>
        Assert.IsType<Ingested>(TestFiles.Ingest(Encoding.UTF8.GetBytes(html), "report.html")).Report;

    private static (string Area, string[] Questions)[] AreasOf(ExtractedReport report) =>
        [.. report.Areas.Select(area => (area.Heading, area.Questions.Select(question => question.Text).ToArray()))];

    [Fact]
    public void Takes_the_summary_of_each_details_accordion_as_an_area_of_focus()
    {
        var report = Extracted("""
            <h1>Paying the price</h1>
            <h2>Questions for councillors</h2>
            <details><summary>Council tax reduction</summary>
              <ul><li>How long does a claim take?</li><li>Who checks refusals?</li></ul></details>
            <details><summary>Debt collection</summary>
              <ul><li>When are enforcement agents used?</li></ul></details>
            """);

        Assert.Equal(
            [("Council tax reduction", ["How long does a claim take?", "Who checks refusals?"]), ("Debt collection", ["When are enforcement agents used?"])],
            AreasOf(report));
    }

    [Theory]
    [InlineData("<p><b>{0}</b></p>")]
    [InlineData("<p><strong>{0}</strong></p>")]
    [InlineData("<div role=\"heading\" aria-level=\"3\">{0}</div>")]
    public void Takes_a_heading_written_as_a_bold_paragraph_or_given_the_heading_role_as_an_area(string pattern)
    {
        var report = Extracted($"""
            <h1>Paying the price</h1>
            <h2>Questions for councillors</h2>
            {string.Format(CultureInfo.InvariantCulture, pattern, "Council tax reduction")}
            <ul><li>How long does a claim take?</li></ul>
            {string.Format(CultureInfo.InvariantCulture, pattern, "Debt collection")}
            <p>When are enforcement agents used?</p>
            """);

        Assert.Equal(
            [("Council tax reduction", ["How long does a claim take?"]), ("Debt collection", ["When are enforcement agents used?"])],
            AreasOf(report));
    }

    [Fact]
    public void Reads_only_the_main_content_so_a_feedback_prompt_after_it_is_no_question()
    {
        var report = Extracted("""
            <body><div class="site"><a href="/">Home</a></div>
            <main><h1>Paying the price</h1>
              <h2>Questions for councillors</h2><h3>Council tax reduction</h3>
              <ul><li>How long does a claim take?</li></ul></main>
            <div class="feedback"><p>Is this page useful?</p><p>Is there anything wrong with this page?</p></div>
            </body>
            """);

        Assert.Equal([("Council tax reduction", ["How long does a claim take?"])], AreasOf(report));
    }

    [Fact]
    public void Leaves_out_a_link_in_an_aside_even_when_its_words_ask_something()
    {
        var report = Extracted("""
            <h1>Paying the price</h1>
            <h2>Questions for councillors</h2><h3>Council tax reduction</h3>
            <ul><li>How long does a claim take?</li></ul>
            <aside><h4>Related</h4><ul><li><a href="/ctr">Can I get council tax reduction?</a></li></ul>
              <p>Mrs B waited a year for her claim to be decided.</p></aside>
            """);

        Assert.Equal(["How long does a claim take?"], report.Areas.SelectMany(area => area.Questions).Select(question => question.Text));
    }

    [Fact]
    public void Reads_a_table_of_questions_row_by_row_with_the_label_cell_as_the_area()
    {
        var report = Extracted("""
            <h1>Paying the price</h1>
            <h2>Questions for councillors</h2>
            <table>
              <thead><tr><th>Area</th><th>Questions to ask</th></tr></thead>
              <tr><td>Council tax reduction</td><td><ul><li>How long does a claim take?</li><li>Who checks refusals?</li></ul></td></tr>
              <tr><th scope="row">Debt collection</th><td><p>When are enforcement agents used?</p></td></tr>
            </table>
            """);

        Assert.Equal(
            [("Council tax reduction", ["How long does a claim take?", "Who checks refusals?"]), ("Debt collection", ["When are enforcement agents used?"])],
            AreasOf(report));
    }

    [Fact]
    public void Drafts_the_areas_that_have_questions_when_a_bold_box_title_sits_among_them()
    {
        var report = Extracted("""
            <h1>Paying the price</h1>
            <h2>Questions for councillors</h2>
            <h3>Council tax reduction</h3><ul><li>How long does a claim take?</li></ul>
            <h3>Good practice</h3><div class="box"><p>One council phones every claimant.</p></div>
            <h3>Debt collection</h3><ul><li>When are enforcement agents used?</li></ul>
            """);

        Assert.Equal(["Council tax reduction", "Debt collection"], report.Areas.Select(area => area.Heading));
        Assert.All(report.Areas, area => Assert.NotEmpty(area.Questions));
    }
}
