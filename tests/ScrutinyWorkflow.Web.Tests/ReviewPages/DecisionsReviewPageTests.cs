using static ScrutinyWorkflow.Web.Tests.EndToEnd.BetweenFocusReportsScenario;

namespace ScrutinyWorkflow.Web.Tests.ReviewPages;

/// <summary>
/// A decisions review's own page speaks of the month's paper, not a focus report's position statement: it has no
/// cover report to offer, and its status says the paper is ready.
/// </summary>
public sealed class DecisionsReviewPageTests : IAsyncLifetime
{
    private readonly TestWorld world = new(DateTimeOffset.UtcNow);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await world.DisposeAsync();

    [Fact]
    public async Task An_assembled_decisions_review_offers_its_paper_and_no_cover_report()
    {
        var id = await ClosedDecisionsReviewAsync(world.App, "Corporate Scrutiny Panel", "panel@council.example");

        var page = await new PageDriver(world.App.Browser()).OpenAsync($"/reviews/{id}");

        Assert.Equal("Paper ready to check", page.QuerySelector("main .govuk-tag")!.TextContent.Trim());
        Assert.Equal("The month's decisions paper", page.GetElementById("statement")!.TextContent.Trim());
        var links = page.QuerySelectorAll("main a").Select(a => (a.TextContent.Trim(), a.GetAttribute("href"))).ToList();
        Assert.Contains(("Preview the paper", $"/reviews/{id}/statement"), links);
        Assert.Contains(("Download the paper (Word)", $"/reviews/{id}/statement.docx"), links);
        Assert.DoesNotContain(links, link => link.Item2!.EndsWith("cover-report.docx", StringComparison.Ordinal));
        Assert.DoesNotContain("position statement", page.QuerySelector("main")!.TextContent, StringComparison.OrdinalIgnoreCase);
    }
}
