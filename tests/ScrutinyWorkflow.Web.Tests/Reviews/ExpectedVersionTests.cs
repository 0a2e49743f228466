using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ScrutinyWorkflow.Web.Tests.EndToEnd;

namespace ScrutinyWorkflow.Web.Tests.Reviews;

/// <summary>A command that names the version its sender read (If-Match) is refused if the review has moved on since.</summary>
public sealed class ExpectedVersionTests : IAsyncLifetime
{
    private readonly TestWorld world = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await world.DisposeAsync();

    private static object Edit(string heading) => new
    {
        areas = new object[] { new { heading, questions = new object[] { new { text = "A question?", officers = new[] { AssuranceReviewScenario.Tom } } } } },
    };

    private static HttpRequestMessage Put(string id, object body, string? ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/reviews/{id}/questions") { Content = JsonContent.Create(body) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }
        return request;
    }

    [Fact]
    public async Task A_stale_edit_with_an_old_etag_gets_412_and_changes_nothing()
    {
        var id = await world.App.CreateReviewAsync(AssuranceReviewScenario.Request());
        var client = world.App.CreateClient();
        var read = await client.GetAsync($"/api/reviews/{id}");
        var etag = read.Headers.ETag!.Tag;
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(Put(id, Edit("First edit"), etag))).StatusCode);
        var before = await client.GetStringAsync($"/api/reviews/{id}/events");

        var stale = await client.SendAsync(Put(id, Edit("Second edit from an old page"), etag));

        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal("stale-version", (await stale.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Equal(before, await client.GetStringAsync($"/api/reviews/{id}/events"));
        Assert.Equal(["First edit"], (await world.App.GetReviewAsync(id)).Areas.Select(a => a.Heading));
    }

    [Fact]
    public async Task Every_change_gives_the_new_etag_and_an_edit_sent_with_it_is_applied()
    {
        var id = await world.App.CreateReviewAsync(AssuranceReviewScenario.Request());
        var client = world.App.CreateClient();
        var first = (await client.GetAsync($"/api/reviews/{id}")).Headers.ETag!.Tag;

        var edited = await client.SendAsync(Put(id, Edit("First edit"), first));
        var second = edited.Headers.ETag!.Tag;
        var dispatch = new HttpRequestMessage(HttpMethod.Post, $"/api/reviews/{id}/dispatch") { Content = Api.NoBody() };
        dispatch.Headers.TryAddWithoutValidation("If-Match", second);
        var dispatched = await client.SendAsync(dispatch);

        Assert.NotEqual(first, second);
        Assert.Equal(HttpStatusCode.Accepted, dispatched.StatusCode);
        Assert.NotEqual(second, dispatched.Headers.ETag!.Tag);
        Assert.Equal(dispatched.Headers.ETag.Tag, (await client.GetAsync($"/api/reviews/{id}")).Headers.ETag!.Tag);
        Assert.Equal("open", (await world.App.GetReviewAsync(id)).Status);
    }

    [Fact]
    public async Task Scripts_that_send_no_etag_are_decided_on_the_latest_state()
    {
        var id = await world.App.CreateReviewAsync(AssuranceReviewScenario.Request());
        var client = world.App.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(Put(id, Edit("First edit"), null))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(Put(id, Edit("Second edit"), null))).StatusCode);

        Assert.Equal(["Second edit"], (await world.App.GetReviewAsync(id)).Areas.Select(a => a.Heading));
    }

    [Fact]
    public async Task An_unreadable_if_match_is_a_400_naming_the_header_and_changes_nothing()
    {
        var id = await world.App.CreateReviewAsync(AssuranceReviewScenario.Request());
        var client = world.App.CreateClient();

        var response = await client.SendAsync(Put(id, Edit("Edit"), "W/\"1\""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("If-Match", out _));
        Assert.NotEqual(["Edit"], (await world.App.GetReviewAsync(id)).Areas.Select(a => a.Heading));
    }
}
