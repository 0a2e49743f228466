using System.Net;
using System.Net.Http.Json;
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
        var app = world.App;
        var client = app.CreateClient();
        var created = await Expect(HttpStatusCode.Created, client.PostAsJsonAsync("/api/reviews/decisions", Decisions("Corporate Scrutiny Panel", "panel@council.example")));
        var id = (await created.Content.ReadFromJsonAsync<Web.Reviews.CreatedReview>())!.Id;
        await Expect(HttpStatusCode.Accepted, client.PostAsync($"/api/reviews/{id}/dispatch", Api.NoBody()));
        await app.RunRunnerAsync();
        await Expect(HttpStatusCode.Accepted, client.PostAsJsonAsync($"/api/reviews/{id}/close", new { reason = "The panel asked early" }));
        await app.RunRunnerAsync();

        var page = await new PageDriver(app.Browser()).OpenAsync($"/reviews/{id}");

        Assert.Equal("Paper ready to check", page.QuerySelector("main .govuk-tag")!.TextContent.Trim());
        Assert.Equal("The month's decisions paper", page.GetElementById("statement")!.TextContent.Trim());
        var links = page.QuerySelectorAll("main a").Select(a => (a.TextContent.Trim(), a.GetAttribute("href"))).ToList();
        Assert.Contains(("Preview the paper", $"/reviews/{id}/statement"), links);
        Assert.Contains(("Download the paper (Word)", $"/reviews/{id}/statement.docx"), links);
        Assert.DoesNotContain(links, link => link.Item2!.EndsWith("cover-report.docx", StringComparison.Ordinal));
        Assert.DoesNotContain("position statement", page.QuerySelector("main")!.TextContent, StringComparison.OrdinalIgnoreCase);
    }
}
