using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using ScrutinyWorkflow.Functions.Http;
using ScrutinyWorkflow.Web.Tests;

namespace ScrutinyWorkflow.Functions.Tests.Http;

/// <summary>
/// The HTTP triggers, each called as the worker calls it, answer every request as the web host does: the same
/// status, the same body shape, the same problems, because they hand the request to the web host's own pipeline.
/// </summary>
public sealed class HttpFunctionsTests : IAsyncLifetime
{
    private readonly TemporaryFolder functionsData = new();
    private readonly TemporaryFolder webData = new();
    private FunctionsWorker functions = null!;
    private WebHost web = null!;

    public static string NewReview(string? deadline = "2027-01-08") => JsonSerializer.Serialize(new
    {
        focusReport = new { title = "Careless: helping to improve council services to children in care", published = "2020-12" },
        panel = new { name = "Children and Families Scrutiny Panel", email = "panel@council.example" },
        meetingDate = "2027-01-20",
        deadline,
        areas = new object[]
        {
            new { heading = "Care leavers", questions = new object[]
            {
                new { text = "How do you make sure care leavers know what support they are entitled to?", officers = new[] { "tom.okafor@council.example" } },
                new { text = "How many care leavers are in suitable accommodation?", officers = new[] { "head.of.service@council.example" } },
            } },
        },
    });

    public async Task InitializeAsync()
    {
        functions = await FunctionsWorker.StartAsync(functionsData.Path);
        web = new WebHost(webData.Path);
    }

    public async Task DisposeAsync()
    {
        await functions.DisposeAsync();
        await web.DisposeAsync();
        functionsData.Dispose();
        webData.Dispose();
    }

    [Fact]
    public async Task Creating_a_review_through_the_Api_function_answers_201_and_the_review_reads_back_as_on_the_web_host()
    {
        var created = await functions.SendAsync(Api, "POST", "/api/reviews", NewReview());
        var webCreated = await web.SendAsync("POST", "/api/reviews", NewReview());

        Assert.Equal(201, created.Status);
        Assert.Equal(webCreated.Status, created.Status);
        var id = JsonDocument.Parse(created.Body).RootElement.GetProperty("id").GetString()!;
        Assert.Equal($"/api/reviews/{id}", created.Location);

        var read = await functions.SendAsync(Api, "GET", $"/api/reviews/{id}");
        var webId = JsonDocument.Parse(webCreated.Body).RootElement.GetProperty("id").GetString()!;
        var webRead = await web.SendAsync("GET", $"/api/reviews/{webId}");
        Assert.Equal(200, read.Status);
        var review = JsonDocument.Parse(read.Body).RootElement;
        Assert.Equal("draft", review.GetProperty("status").GetString());
        Assert.Equal(2, review.GetProperty("assignments").GetArrayLength());
        Assert.Equal(Shape(JsonDocument.Parse(webRead.Body).RootElement), Shape(review));
    }

    [Fact]
    public async Task A_body_that_is_not_json_gets_the_web_hosts_problem_and_nothing_is_created()
    {
        const string broken = "{ \"focusReport\": ";

        var answer = await functions.SendAsync(Api, "POST", "/api/reviews", broken);
        var webAnswer = await web.SendAsync("POST", "/api/reviews", broken);

        Assert.Equal(400, answer.Status);
        Assert.Equal(webAnswer.Status, answer.Status);
        Assert.Equal(webAnswer.ContentType, answer.ContentType);
        Assert.Equal(Problem(webAnswer), Problem(answer));
        var list = await functions.SendAsync(Api, "GET", "/api/reviews");
        Assert.Equal(0, JsonDocument.Parse(list.Body).RootElement.GetProperty("reviews").GetArrayLength());
    }

    [Fact]
    public async Task A_review_the_decider_refuses_names_the_same_fields_as_on_the_web_host()
    {
        var answer = await functions.SendAsync(Api, "POST", "/api/reviews", NewReview(deadline: null));
        var webAnswer = await web.SendAsync("POST", "/api/reviews", NewReview(deadline: null));

        Assert.Equal(400, answer.Status);
        Assert.Equal(webAnswer.Body.Length > 0, answer.Body.Length > 0);
        Assert.Equal(Errors(webAnswer), Errors(answer));
        Assert.Contains("deadline", Errors(answer));
    }

    [Fact]
    public async Task An_unknown_review_is_a_404_problem_from_the_function_as_from_the_web_host()
    {
        var answer = await functions.SendAsync(Api, "GET", "/api/reviews/rv-000000000000");
        var webAnswer = await web.SendAsync("GET", "/api/reviews/rv-000000000000");

        Assert.Equal(404, answer.Status);
        Assert.Equal(webAnswer.Status, answer.Status);
        Assert.Equal(webAnswer.ContentType, answer.ContentType);
    }

    [Fact]
    public async Task The_home_page_and_a_bad_answer_link_come_through_their_functions_as_on_the_web_host()
    {
        var home = await functions.SendAsync(Pages, "GET", "/");
        var webHome = await web.SendAsync("GET", "/");
        var respond = await functions.SendAsync(Respond, "GET", "/respond/not-a-real-token");
        var webRespond = await web.SendAsync("GET", "/respond/not-a-real-token");

        Assert.Equal(200, home.Status);
        Assert.Equal(webHome.Status, home.Status);
        Assert.StartsWith("text/html", home.ContentType, StringComparison.Ordinal);
        Assert.Equal(webRespond.Status, respond.Status);
        Assert.InRange(respond.Status, 400, 499);
    }

    [Fact]
    public async Task The_pages_styles_and_scripts_come_through_the_Pages_function_as_from_the_web_host()
    {
        foreach (var (path, type) in new[] { ("/assets/govuk-frontend.min.css", "text/css"), ("/site.css", "text/css"), ("/init.js", "text/javascript") })
        {
            var file = await functions.SendAsync(Pages, "GET", path);
            var webFile = await web.SendAsync("GET", path);

            Assert.Equal(200, file.Status);
            Assert.Equal(type, file.ContentType);
            Assert.Equal(webFile.Body, file.Body);
        }
    }

    [Fact]
    public async Task The_functions_serve_every_route_the_web_host_maps_and_no_other()
    {
        await functions.SendAsync(Pages, "GET", "/");

        Assert.Equal(Routes(web.Services), Routes(functions.Services));
        Assert.Contains("/api/reviews/{id}", Routes(functions.Services));
        Assert.Contains("/respond/{token}", Routes(functions.Services));
    }

    private static Task Api(HttpFunctions f, Microsoft.AspNetCore.Http.HttpRequest r) => f.Api(r, FunctionsWorker.Durable);

    private static Task Pages(HttpFunctions f, Microsoft.AspNetCore.Http.HttpRequest r) => f.Pages(r, FunctionsWorker.Durable);

    private static Task Respond(HttpFunctions f, Microsoft.AspNetCore.Http.HttpRequest r) => f.Respond(r, FunctionsWorker.Durable);

    private static List<string> Routes(IServiceProvider services) =>
        [.. services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().Select(e => e.RoutePattern.RawText!).Distinct().Order(StringComparer.Ordinal)];

    /// <summary>Every property path of a JSON document (not its values: ids and times differ between the two hosts).</summary>
    private static List<string> Shape(JsonElement element, string path = "")
    {
        return element.ValueKind switch
        {
            JsonValueKind.Object => [.. element.EnumerateObject().SelectMany(p => Shape(p.Value, $"{path}.{p.Name}").Prepend($"{path}.{p.Name}"))],
            JsonValueKind.Array => [.. element.EnumerateArray().Take(1).SelectMany(e => Shape(e, path + "[]"))],
            _ => [],
        };
    }

    private static (string?, string?) Problem(Answer answer)
    {
        var problem = JsonDocument.Parse(answer.Body).RootElement;
        return (problem.GetProperty("title").GetString(), problem.TryGetProperty("code", out var code) ? code.GetString() : null);
    }

    private static List<string> Errors(Answer answer) =>
        [.. JsonDocument.Parse(answer.Body).RootElement.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)];
}
