using AngleSharp.Html.Parser;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using ScrutinyWorkflow.Documents.Statements;
using ScrutinyWorkflow.Testing;
using ScrutinyWorkflow.Web.Statements;
using static ScrutinyWorkflow.Testing.SampleDecisionsPapers;

namespace ScrutinyWorkflow.Web.Tests.Statements;

public sealed class DecisionsPaperHtmlTests
{
    private static readonly StatementHtml Html = new(new ServiceCollection().BuildServiceProvider(), NullLoggerFactory.Instance);

    private static async Task<AngleSharp.Html.Dom.IHtmlDocument> PageAsync(Core.Statements.DecisionsPaper paper) =>
        new HtmlParser().ParseDocument(await Html.RenderAsync(paper));

    [Fact]
    public async Task The_page_gives_every_decision_the_learning_the_compliance_and_the_progress_in_the_word_papers_words()
    {
        var page = await PageAsync(SampleDecisionsPapers.Paper(parse: AnswerMarkdown.Parse));

        Assert.Equal("Ombudsman decisions: November 2026", page.QuerySelector("h1")!.TextContent);
        Assert.Equal(DecisionsPaperDocx.NotReleasedMarker, page.QuerySelector("p.draft")!.TextContent);
        var decisions = page.QuerySelectorAll("table.decisions tbody tr").Select(tr => tr.Children.Select(td => td.TextContent.Trim()).ToArray()).ToList();
        Assert.Equal(["25 004 512", "25 006 118", "25 007 903", "25 008 221"], decisions.Select(d => d[0]));
        Assert.Equal(["Upheld: fault causing injustice", "Upheld: fault, no injustice", "Not upheld: no fault", "Premature"], decisions.Select(d => d[3]));
        Assert.Equal(["Apology: Apologise to Mrs X's daughterDue by 3 December 2026: done on time", "Payment of £500: Pay Mrs X's daughter for the distress and her time and troubleDue by 3 December 2026: done late", "Procedure or policy change: Review how hospital discharge referrals are allocated, and tell the Ombudsman what changedDue by 3 February 2027: not yet due"],
            page.QuerySelectorAll("table.decisions tbody tr")[0].QuerySelectorAll("ol.remedies li").Select(li => li.TextContent));
        var learning = page.QuerySelectorAll("table.learning tbody tr").ToList();
        Assert.Equal("duty team", learning[0].QuerySelector("strong")!.TextContent);
        Assert.Equal(["Asha Patel", "Head of Adult Social Care Operations"], learning[0].Children.Skip(2).Select(td => td.TextContent));
        Assert.Equal("No response received by 6 January 2027", learning[1].QuerySelector("p.no-response")!.TextContent);
        Assert.Equal(["Due in November 2026", "1", "0", "1", "0"], page.QuerySelectorAll("table.compliance tbody tr")[0].Children.Select(c => c.TextContent));
        Assert.Contains("37.5% on time (3 of 8 remedies due)", page.QuerySelector("dl.rates")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(["24 019 300", "25 001 777"], page.QuerySelectorAll("table.outstanding tbody tr").Select(tr => tr.Children[0].TextContent));
        Assert.Equal([OldOpenRecommendation, OpenRecommendation, ClosedRecommendation], page.QuerySelectorAll("table.progress tbody tr").Select(tr => tr.Children[0].QuerySelector("p")!.TextContent));
    }

    [Fact]
    public async Task A_quiet_month_says_nobody_was_asked_nothing_is_outstanding_and_has_no_progress_table()
    {
        var page = await PageAsync(SampleDecisionsPapers.Paper(Review([NotUpheld, Premature]), AnswerMarkdown.Parse, others: [], earlier: []));

        Assert.Null(page.QuerySelector("table.learning"));
        Assert.Null(page.QuerySelector("table.progress"));
        Assert.Contains(DecisionsPaperDocx.NoLearning, page.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains(DecisionsPaperDocx.NoOutstanding, page.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_position_statements_page_ends_with_progress_on_recommendations_when_there_is_any()
    {
        var review = Review() with { Kind = Core.Reviews.ReviewKind.FocusReport };
        var paper = Core.Statements.StatementPaper.From(SampleStatements.Small(), AnswerMarkdown.Parse) with
        {
            Progress = Core.Statements.RecommendationsProgress.For(review, EarlierPapers(), Now),
        };

        var page = new HtmlParser().ParseDocument(await Html.RenderAsync(paper));

        var captions = page.QuerySelectorAll("caption");
        Assert.Equal(ProgressSection.Heading, captions[captions.Length - 1].TextContent);
        Assert.Equal(3, page.QuerySelectorAll("table.progress tbody tr").Length);
        Assert.Equal(ProgressSection.NoUpdate, page.QuerySelector("table.progress p.no-response")!.TextContent);
    }
}
