using System.Net;
using System.Net.Http.Headers;
using AngleSharp.Html.Parser;

namespace ScrutinyWorkflow.Web.Tests.Pages;

/// <summary>An address that leads nowhere: a page for a person's browser, a problem for a program.</summary>
public sealed class PageNotFoundTests : IAsyncLifetime
{
    private readonly TestWorld world = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await world.DisposeAsync();

    [Theory]
    [InlineData("/reviews/rv-000000000000")]
    [InlineData("/reviews/rv-000000000000/draft")]
    [InlineData("/reviews/rv-000000000000/statement")]
    [InlineData("/reviews/%20")]
    [InlineData("/no/such/page")]
    public async Task A_browser_asking_for_an_unknown_review_or_address_gets_the_page_not_found_page(string path)
    {
        using var client = world.App.Browser();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var page = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        Assert.Equal("Page not found", page.QuerySelector("h1")?.TextContent.Trim());
        Assert.StartsWith("Page not found", page.Title, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/reviews/rv-000000000000", "*/*")]
    [InlineData("/api/reviews/rv-000000000000", "application/json")]
    [InlineData("/reviews/rv-000000000000", "application/json")]
    public async Task A_program_or_any_api_address_still_gets_a_json_problem(string path, string accept)
    {
        using var client = world.App.Browser();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
