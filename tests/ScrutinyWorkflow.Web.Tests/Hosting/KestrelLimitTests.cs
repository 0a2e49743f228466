using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace ScrutinyWorkflow.Web.Tests.Hosting;

/// <summary>Runs the host on real Kestrel, whose request body limit the in-memory test server does not have.</summary>
public sealed class KestrelLimitTests
{
    [Fact]
    public async Task A_body_over_the_servers_limit_is_a_413_problem_and_the_service_keeps_running()
    {
        await using var world = new TestWorld();
        await using var app = new ScrutinyApplication(world.DataPath, world.Clock);
        app.UseKestrel(0);
        app.StartServer();
        // Wait for the server's go-ahead before sending the body, as large uploads should, so its refusal is read
        // rather than cut off mid-upload; wait long enough that a busy machine cannot make the client give up waiting.
        using var client = new HttpClient(new SocketsHttpHandler { Expect100ContinueTimeout = TimeSpan.FromMinutes(1) })
        {
            BaseAddress = app.CreateClient().BaseAddress,
        };
        client.DefaultRequestHeaders.ExpectContinue = true;

        var body = new StringBuilder("{\"focusReport\":{\"title\":\"").Append('x', 31 * 1000 * 1000).Append("\"}}").ToString();
        var response = await client.PostAsync("/api/reviews", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("The request is too large.", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/reviews")).StatusCode);
    }
}
