using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using ScrutinyWorkflow.Web.Tests.EndToEnd;

namespace ScrutinyWorkflow.Web.Tests.Hostile;

/// <summary>Inputs an outside probe sent: each gets its own clear answer, and the host keeps serving afterwards.</summary>
public sealed class HostileRequestTests : IAsyncLifetime
{
    private readonly TestWorld world = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        // Whatever a case sent, the service still answers the next person.
        Assert.Equal(HttpStatusCode.OK, (await world.App.CreateClient().GetAsync("/api/reviews")).StatusCode);
        await world.DisposeAsync();
    }

    [Theory]
    [InlineData("GET", "/api/reviews/%20")]
    [InlineData("GET", "/api/reviews/%20/events")]
    [InlineData("GET", "/api/reviews/%20/statement")]
    [InlineData("GET", "/api/reviews/%20/statement.docx")]
    [InlineData("GET", "/reviews/%20/statement")]
    [InlineData("POST", "/api/reviews/%20/dispatch")]
    [InlineData("POST", "/api/reviews/%09/close")]
    [InlineData("PUT", "/api/reviews/%20/questions")]
    public async Task A_blank_review_id_is_a_404_problem_not_a_crash(string method, string path)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = method == "GET" ? null : JsonContent.Create(new { reason = "x", areas = Array.Empty<object>() }) };

        var response = await world.App.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("""{ "meetingDate": 20270120 }""", "meetingDate")]
    [InlineData("""{ "areas": "all of them" }""", "areas")]
    [InlineData("""{ "areas": [ { "questions": [ { "officers": [ 7 ] } ] } ] }""", "areas[0].questions[0].officers[0]")]
    [InlineData("""{ "panel": [] }""", "panel")]
    public async Task A_value_of_the_wrong_json_type_is_a_400_naming_its_field(string json, string field)
    {
        var response = await world.App.CreateClient().PostAsync("/api/reviews", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out _), $"The problem names {string.Join(", ", errors.EnumerateObject().Select(p => p.Name))}, not {field}.");
    }

    [Fact]
    public async Task A_value_of_the_wrong_json_type_in_a_bound_command_is_a_400_naming_its_field()
    {
        var id = await world.App.CreateReviewAsync(AssuranceReviewScenario.Request());

        var response = await world.App.CreateClient().PostAsync($"/api/reviews/{id}/deadline", new StringContent("""{ "deadline": ["2027-01-08"] }""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("deadline", out _));
    }

    [Theory]
    [InlineData("We assess them\0 all.", 0, "a character that cannot be saved")]
    [InlineData("Fine.", 2000, "more fields than the page sends")]
    public async Task An_answer_form_that_cannot_be_read_says_why_rather_than_too_long(string answer, int extraFields, string why)
    {
        var link = await LinkAsync();

        var response = await world.App.AnswerAsync(link, AssuranceReviewScenario.Q2, answer, fields: Enumerable.Range(0, extraFields).ToDictionary(i => $"extra{i}", _ => "x"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("far too long", page, StringComparison.Ordinal);
        Assert.Contains(why, page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_statement_page_forbids_scripts_with_a_content_security_policy()
    {
        var id = await AssuranceReviewScenario.CreateAndDispatchAsync(world.App);
        Assert.Equal(HttpStatusCode.Accepted, (await world.App.CreateClient().PostAsJsonAsync($"/api/reviews/{id}/close", new { reason = "Testing" })).StatusCode);

        foreach (var path in new[] { $"/reviews/{id}/statement", $"/api/reviews/{id}/statement" })
        {
            var response = await world.App.CreateClient().GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var policy = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
            Assert.Contains("default-src 'none'", policy, StringComparison.Ordinal);
            Assert.DoesNotContain("script-src", policy, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Opening_an_answer_page_logs_no_warning()
    {
        var link = await LinkAsync();
        var logs = new LogCollector();
        await using var logged = world.App.WithWebHostBuilder(b => b.ConfigureLogging(l => l.AddProvider(logs)));

        var response = await logged.CreateClient().GetAsync(link.PathAndQuery);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(logs.Entries, e => e.Level >= LogLevel.Warning);
    }

    private async Task<Uri> LinkAsync()
    {
        await AssuranceReviewScenario.CreateAndDispatchAsync(world.App);
        await AssuranceReviewScenario.SendRequestsAsync(world.App);
        return world.App.LinkFor(AssuranceReviewScenario.Tom, AssuranceReviewScenario.Q2);
    }
}
