using AngleSharp.Html.Parser;
using static ScrutinyWorkflow.Web.Tests.EndToEnd.AssuranceReviewScenario;

namespace ScrutinyWorkflow.Web.Tests.Home;

/// <summary>The dashboard's "Show" filter, as the scrutiny officer reads its choices.</summary>
public sealed class DashboardFilterTests : IAsyncLifetime
{
    private readonly TestWorld world = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await world.DisposeAsync();

    [Fact]
    public async Task A_released_review_is_listed_under_released_and_not_under_a_choice_of_its_own()
    {
        var draft = await world.App.CreateReviewAsync(Request());
        var released = await CreateAndDispatchAsync(world.App);
        await SendRequestsAsync(world.App);
        await DeadlinePassesAsync(world.App);
        await ReleaseAsync(world.App, released);
        Assert.Equal("completed", (await world.App.GetReviewAsync(released)).Status);

        var page = new HtmlParser().ParseDocument(await world.App.CreateClient().GetStringAsync("/?status=released"));

        Assert.Equal(["All", "Drafts", "Collecting answers", "Answers closed", "To check", "Released"],
            page.QuerySelectorAll("#status option").Select(o => o.TextContent.Trim()));
        Assert.Equal("Released", page.QuerySelector("#status option[selected]")?.TextContent.Trim());
        var links = page.QuerySelectorAll("tbody a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains(links, l => l!.Contains(released, StringComparison.Ordinal));
        Assert.DoesNotContain(links, l => l!.Contains(draft, StringComparison.Ordinal));
    }
}
