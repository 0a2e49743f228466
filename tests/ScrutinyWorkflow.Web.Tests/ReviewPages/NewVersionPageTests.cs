using System.Net;
using System.Net.Http.Json;
using AngleSharp.Html.Parser;
using static ScrutinyWorkflow.Web.Tests.EndToEnd.AssuranceReviewScenario;

namespace ScrutinyWorkflow.Web.Tests.ReviewPages;

/// <summary>After release, a new version's page agrees with what the decider will do with it.</summary>
public sealed class NewVersionPageTests : IAsyncLifetime
{
    private readonly TestWorld world = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await world.DisposeAsync();

    [Fact]
    public async Task Version_two_is_named_promises_no_automatic_release_and_offers_no_action_the_decider_refuses()
    {
        var app = world.App;
        var id = await ReleasedAtDeadlineAsync(app);
        await app.AtAsync(Uk(2027, 1, 13, 10));
        var q3 = (await app.GetReviewAsync(id)).Assignments.Single(a => a.Question == Q3).Id;
        Assert.Equal(HttpStatusCode.Accepted, (await app.CreateClient().PostAsJsonAsync($"/api/reviews/{id}/assignments/{q3}/late-answer", new { text = "Sent by email." })).StatusCode);
        await app.RunRunnerAsync();

        var page = new HtmlParser().ParseDocument(await app.CreateClient().GetStringAsync($"/reviews/{id}"));

        Assert.Equal("Position statement, version 2", page.GetElementById("statement")!.TextContent.Trim());
        Assert.DoesNotContain("Goes to the panel", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector($"a[href='/reviews/{id}/reopen']"));
        Assert.Null(page.QuerySelector($"a[href='/reviews/{id}/meeting-date']"));
        Assert.NotNull(page.QuerySelector($"a[href='/reviews/{id}/release']"));
    }
}
