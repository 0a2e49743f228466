using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using ScrutinyWorkflow.Core.Reviews;
using static ScrutinyWorkflow.Web.Tests.EndToEnd.AssuranceReviewScenario;
using static ScrutinyWorkflow.Web.Tests.EndToEnd.BetweenFocusReportsScenario;

namespace ScrutinyWorkflow.Web.Tests.ReviewPages;

/// <summary>
/// The page the scrutiny officer checks before release shows what the panel will get: a focus report's position
/// statement, or for a month's decisions the decisions paper (the decisions, the learning, remedy compliance).
/// </summary>
public sealed class ReleaseCheckPageTests
{
    /// <summary>The scenario's month of decisions, sent, the first upheld decision's learning given, and closed early: the paper is assembled.</summary>
    private static async Task<string> AssembledDecisionsAsync(ScrutinyApplication app)
    {
        var client = app.CreateClient();
        var created = await Expect(HttpStatusCode.Created, client.PostAsJsonAsync("/api/reviews/decisions", Decisions("Audit and Governance Panel", "audit.panel@council.example")));
        var id = (await created.Content.ReadFromJsonAsync<Web.Reviews.CreatedReview>())!.Id;
        await Expect(HttpStatusCode.Accepted, client.PostAsync($"/api/reviews/{id}/dispatch", Api.NoBody()));
        await app.RunRunnerAsync();
        Assert.Equal(HttpStatusCode.SeeOther, (await app.AnswerAsync(app.LinkFor(Tom, ReviewDecider.LearningQuestion), ReviewDecider.LearningQuestion, Learning1)).StatusCode);
        await app.RunRunnerAsync();
        await Expect(HttpStatusCode.Accepted, client.PostAsJsonAsync($"/api/reviews/{id}/close", new { reason = "The panel meets early this month" }));
        await app.RunRunnerAsync();
        Assert.Equal("assembled", (await app.GetReviewAsync(id)).Status);
        return id;
    }

    [Fact]
    public async Task A_months_decisions_are_checked_as_their_paper_with_the_decisions_the_learning_and_remedy_compliance()
    {
        await using var world = new TestWorld(DateTimeOffset.UtcNow);
        var id = await AssembledDecisionsAsync(world.App);
        var month = Today.AddMonths(-1).ToString("MMMM yyyy", CultureInfo.InvariantCulture);

        var page = await new PageDriver(world.App.Browser()).OpenAsync($"/reviews/{id}/release");

        Assert.StartsWith($"Check and release the paper - Ombudsman decisions: {month}", page.Title, StringComparison.Ordinal);
        Assert.Equal($"Ombudsman decisions: {month}", page.QuerySelector(".govuk-caption-l")!.TextContent);
        Assert.Equal("The month's decisions paper", page.QuerySelector("h2#paper")!.TextContent);
        Assert.DoesNotContain("position statement", page.Body!.TextContent, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("the learning from 2 upheld decisions", page.QuerySelector("#paper-contents")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(["25 001 101", "25 002 202", "25 003 303", "25 004 404", "25 005 505"],
            page.QuerySelectorAll("#paper-decisions + table tbody th").Select(th => th.TextContent));
        var learning = page.QuerySelectorAll("#paper-learning + dl .govuk-summary-list__row").ToList();
        Assert.Equal(2, learning.Count);
        Assert.Contains(Learning1, learning[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("Not answered: the review was closed early", learning[1].TextContent, StringComparison.Ordinal);
        Assert.Contains("1 of 2 upheld decisions have no learning", page.QuerySelector(".govuk-warning-text")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Ombudsman's published figure", page.QuerySelector("#paper-rates")!.TextContent, StringComparison.Ordinal);
        Assert.Contains($"Ombudsman decisions: {month} (Word)", page.QuerySelector($"a[href='/reviews/{id}/statement.docx']")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("#cover-report"));
        Assert.Equal("Release the paper to the panel", page.QuerySelector($"form[action='/reviews/{id}/release'] button")!.TextContent.Trim());
    }

    [Fact]
    public async Task The_paper_checked_counts_remedies_as_the_downloaded_paper_does()
    {
        await using var world = new TestWorld(DateTimeOffset.UtcNow);
        var id = await AssembledDecisionsAsync(world.App);

        var page = await new PageDriver(world.App.Browser()).OpenAsync($"/reviews/{id}/release");
        var word = WordText(await world.App.CreateClient().GetByteArrayAsync($"/api/reviews/{id}/statement.docx"));

        // The payment's date has passed with no evidence: outstanding, in the page as in the Word paper.
        var rates = page.QuerySelectorAll("#paper-rates dd").Select(d => d.TextContent).ToList();
        Assert.NotEmpty(rates);
        Assert.All(rates, rate => Assert.Contains(rate, word, StringComparison.Ordinal));
        Assert.Contains("Due by", page.QuerySelector("#paper-decisions + table")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(": outstanding", page.QuerySelector("#paper-decisions + table")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_focus_reports_review_is_still_checked_as_its_position_statement()
    {
        await using var world = new TestWorld();
        var id = await AssembledAtDeadlineAsync(world.App);

        var page = await new PageDriver(world.App.Browser()).OpenAsync($"/reviews/{id}/release");

        Assert.StartsWith("Check and release the statement - ", page.Title, StringComparison.Ordinal);
        Assert.Contains("The position statement", page.QuerySelectorAll("h2").Select(h => h.TextContent));
        Assert.Null(page.QuerySelector("#paper"));
        Assert.Equal("Release to the panel", page.QuerySelector($"form[action='/reviews/{id}/release'] button")!.TextContent.Trim());
    }
}
