using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Html.Parser;
using ScrutinyWorkflow.Web.Tests.EndToEnd;

namespace ScrutinyWorkflow.Web.Tests.Hosting;

public sealed class CrossSiteRequestTests : IAsyncLifetime
{
    private readonly TestWorld world = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await world.DisposeAsync();

    [Fact]
    public async Task An_empty_form_post_from_another_site_does_not_dispatch_a_draft()
    {
        var id = await world.App.CreateReviewAsync(AssuranceReviewScenario.Request());
        var forged = new HttpRequestMessage(HttpMethod.Post, $"/api/reviews/{id}/dispatch") { Content = new FormUrlEncodedContent([]) };
        forged.Headers.Add("Origin", "https://evil.example");
        forged.Headers.Add("Sec-Fetch-Site", "cross-site");

        var response = await world.App.CreateClient().SendAsync(forged);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("cross-site-request", await CodeOf(response));
        Assert.Equal("draft", (await world.App.GetReviewAsync(id)).Status);
    }

    [Theory]
    [InlineData("Sec-Fetch-Site", "cross-site")]
    [InlineData("Sec-Fetch-Site", "same-site")]
    [InlineData("Origin", "https://evil.example")]
    [InlineData("Origin", "null")]
    [InlineData("Origin", "https://scrutiny.council.example.evil.example")]
    public async Task A_json_command_a_browser_says_came_from_another_site_is_refused(string header, string value)
    {
        var id = await world.App.CreateReviewAsync(AssuranceReviewScenario.Request());
        var forged = new HttpRequestMessage(HttpMethod.Post, $"/api/reviews/{id}/close") { Content = JsonContent.Create(new { reason = "forged" }) };
        forged.Headers.TryAddWithoutValidation(header, value);

        var response = await world.App.CreateClient().SendAsync(forged);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("cross-site-request", await CodeOf(response));
        Assert.Equal("draft", (await world.App.GetReviewAsync(id)).Status);
    }

    [Fact]
    public async Task A_command_from_the_products_own_origin_is_accepted()
    {
        var id = await world.App.CreateReviewAsync(AssuranceReviewScenario.Request());
        var own = new HttpRequestMessage(HttpMethod.Post, $"/api/reviews/{id}/dispatch") { Content = Api.NoBody() };
        own.Headers.Add("Origin", ScrutinyApplication.PublicBaseUrl);
        own.Headers.Add("Sec-Fetch-Site", "same-origin");

        var response = await world.App.CreateClient().SendAsync(own);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Theory]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("text/plain")]
    [InlineData("multipart/form-data; boundary=x")]
    [InlineData(null)]
    public async Task A_command_not_sent_as_json_is_a_415_and_changes_nothing(string? contentType)
    {
        var id = await world.App.CreateReviewAsync(AssuranceReviewScenario.Request());
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/reviews/{id}/dispatch");
        if (contentType is not null)
        {
            request.Content = new ByteArrayContent([]);
            request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        var response = await world.App.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("unsupported-content-type", await CodeOf(response));
        Assert.Equal("draft", (await world.App.GetReviewAsync(id)).Status);
    }

    [Fact]
    public async Task A_cross_site_post_to_a_response_link_is_refused()
    {
        var id = await world.App.CreateReviewAsync(AssuranceReviewScenario.Request());
        await world.App.CreateClient().PostAsync($"/api/reviews/{id}/dispatch", Api.NoBody());
        await world.App.RunRunnerAsync();
        var link = world.App.LinkFor(AssuranceReviewScenario.Tom, AssuranceReviewScenario.Q2);
        var forged = new HttpRequestMessage(HttpMethod.Post, link.PathAndQuery)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["answer"] = "forged", ["action"] = "submit" }),
        };
        forged.Headers.Add("Sec-Fetch-Site", "cross-site");

        var response = await world.App.Browser().SendAsync(forged);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task An_answer_from_the_link_page_itself_is_accepted_though_its_no_referrer_policy_makes_the_origin_null()
    {
        var id = await world.App.CreateReviewAsync(AssuranceReviewScenario.Request());
        await world.App.CreateClient().PostAsync($"/api/reviews/{id}/dispatch", Api.NoBody());
        await world.App.RunRunnerAsync();
        var link = world.App.LinkFor(AssuranceReviewScenario.Tom, AssuranceReviewScenario.Q2);
        var browser = world.App.Browser();
        var page = new HtmlParser().ParseDocument(await browser.GetStringAsync(link.PathAndQuery));
        var form = page.QuerySelectorAll("form").First(f => f.QuerySelector("button[value=draft]") is not null);
        var values = form.QuerySelectorAll("input[type=hidden]").ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? "");
        values["answer"] = "Saved from the page itself.";
        values["action"] = "draft";
        var own = new HttpRequestMessage(HttpMethod.Post, link.PathAndQuery) { Content = new FormUrlEncodedContent(values) };
        // What Chromium sends for a form on a page served with Referrer-Policy: no-referrer.
        own.Headers.TryAddWithoutValidation("Origin", "null");
        own.Headers.Add("Sec-Fetch-Site", "same-origin");

        var response = await browser.SendAsync(own);

        Assert.NotEqual(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Saved from the page itself.", await browser.GetStringAsync(link.PathAndQuery), StringComparison.Ordinal);
    }

    private static async Task<string?> CodeOf(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString();
}
