using AngleSharp.Html.Parser;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using ScrutinyWorkflow.Core.Statements;
using ScrutinyWorkflow.Documents.Statements;
using ScrutinyWorkflow.Testing;
using ScrutinyWorkflow.Web.Statements;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace ScrutinyWorkflow.Web.Tests.Statements;

public sealed class StatementHtmlTests
{
    private static readonly StatementHtml Html = new(new ServiceCollection().BuildServiceProvider(), NullLoggerFactory.Instance);

    private static StatementPaper Paper(PositionStatement statement) => StatementPaper.From(statement, AnswerMarkdown.Parse);

    private static async Task<AngleSharp.Html.Dom.IHtmlDocument> PageAsync(PositionStatement statement) =>
        new HtmlParser().ParseDocument(await Html.RenderAsync(Paper(statement)));

    [Fact]
    public async Task Html_joins_reporters_and_marks_missing_and_late_answers()
    {
        var page = await PageAsync(SampleStatements.Small());
        var rows = page.QuerySelectorAll("main > table > tbody > tr").Select(tr => tr.Children.Select(td => td.TextContent).ToArray()).ToList();

        Assert.Equal(["Siân Llewellyn / Children's Services Data Team", "Head of Service, Children in Care / Performance and Data Team"], rows[0][2..]);
        Assert.Equal("No response received by 8 January 2027", page.QuerySelector("p.no-response")!.TextContent);
        Assert.Equal("Yes: all 212 of them.Received after the deadline.", rows[2][1]);
        Assert.Equal(["Accommodation for 16 and 17 year olds", "Care leavers"], page.QuerySelectorAll("caption").Select(c => c.TextContent));
    }

    [Fact]
    public async Task A_bullet_list_a_numbered_list_bold_a_link_and_a_table_in_an_answer_survive_into_the_html()
    {
        var answer = (await PageAsync(SampleStatements.Small())).QuerySelectorAll("main > table tbody > tr")[0].Children[1];

        Assert.Equal(["the duty manager is told the same day", "a social worker visits within 24 hours"], answer.QuerySelectorAll(":scope > ul > li").Select(li => li.FirstChild!.TextContent));
        Assert.Equal("and again every week", answer.QuerySelector("ul ul li")!.TextContent);
        Assert.Equal(["find a supported lodging placement", "review the placement at 28 days"], answer.QuerySelectorAll("ol > li").Select(li => li.TextContent));
        Assert.Equal("three", answer.QuerySelector("strong")!.TextContent);
        Assert.Equal("fewer than five nights", answer.QuerySelector("em")!.TextContent);
        Assert.Equal("https://www.council.example/sufficiency", Assert.Single(answer.QuerySelectorAll("a")).GetAttribute("href"));
        Assert.Equal(["Quarter", "Placements"], answer.QuerySelectorAll("table thead th").Select(th => th.TextContent));
        Assert.Equal(["Q1", "4", "Q2", "2"], answer.QuerySelectorAll("table tbody td").Select(td => td.TextContent));
    }

    [Fact]
    public async Task Script_in_an_answer_survives_into_neither_the_html_nor_the_word_appendix()
    {
        var paper = Paper(SampleStatements.Small());
        var html = await Html.RenderAsync(paper);
        using var word = WordprocessingDocument.Open(new MemoryStream(StatementDocx.Write(paper, 1, new WordLayout(true))), false);

        Assert.DoesNotContain("script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("alert", html, StringComparison.Ordinal);
        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("onclick", html, StringComparison.Ordinal);
        Assert.DoesNotContain("alert", word.MainDocumentPart!.Document.Body!.InnerText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_html_and_the_word_appendix_give_every_question_answer_reporter_and_designation_in_the_same_order()
    {
        var paper = Paper(SampleStatements.Large());
        var page = new HtmlParser().ParseDocument(await Html.RenderAsync(paper));
        using var word = WordprocessingDocument.Open(new MemoryStream(StatementDocx.Write(paper, 1, new WordLayout(true))), false);

        var htmlRows = page.QuerySelectorAll("main > table > tbody > tr").Select(tr => tr.Children.Select(td => td.TextContent).ToArray()).ToList();
        var wordRows = word.MainDocumentPart!.Document.Body!.Elements<W.Table>().Skip(1)
            .SelectMany(t => t.Elements<W.TableRow>().Skip(1)).Select(r => r.Elements<W.TableCell>().Select(c => c.InnerText).ToArray()).ToList();

        Assert.Equal(60, htmlRows.Count);
        Assert.Equal(htmlRows, wordRows);
        Assert.Equal(paper.Statement.Rows.Select(r => $"{r.Number}. {r.Question}"), htmlRows.Select(r => r[0]));
    }

    [Theory]
    [InlineData("<p onclick=\"x()\">Hi</p>", "<p>Hi</p>")]
    [InlineData("<a href=\"javascript:alert(1)\">x</a>", "<a>x</a>")]
    [InlineData("<img src=x onerror=alert(1)><script>alert(1)</script>", "")]
    [InlineData("<a href=\"https://a.example/\">a</a>", "<a href=\"https://a.example/\">a</a>")]
    public void The_sanitiser_lets_through_only_what_an_answer_may_have(string html, string expected)
    {
        Assert.Equal(expected, StatementHtml.Sanitise(html));
    }
}
