using System.Net;
using System.Net.Http.Json;
using static ScrutinyWorkflow.Web.Tests.EndToEnd.AssuranceReviewScenario;

namespace ScrutinyWorkflow.Web.Tests.Responses;

public sealed class ResponsePageTests : IAsyncLifetime
{
    private readonly TestWorld world = new();
    private string reviewId = "";

    public async Task InitializeAsync()
    {
        reviewId = await CreateAndDispatchAsync(world.App);
        await SendRequestsAsync(world.App);
    }

    public async Task DisposeAsync() => await world.DisposeAsync();

    private async Task<int> EventCountAsync() =>
        (await world.App.CreateClient().GetFromJsonAsync<List<Web.Reviews.AuditEntry>>($"/api/reviews/{reviewId}/events"))!.Count;

    [Fact]
    public async Task Opening_a_link_the_way_a_mail_scanner_does_changes_nothing()
    {
        var link = world.App.LinkFor(Tom, Q2);
        var before = await EventCountAsync();

        for (var i = 0; i < 3; i++)
        {
            var page = await world.App.CreateClient().GetAsync(link.PathAndQuery);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains(Q2.Replace("'", "&#39;", StringComparison.Ordinal), await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Equal("no-referrer", page.Headers.GetValues("Referrer-Policy").Single());
            Assert.True(page.Headers.CacheControl!.NoStore);
        }

        Assert.Equal(before, await EventCountAsync());
    }

    [Fact]
    public async Task A_forged_or_mangled_link_is_not_recognised()
    {
        var real = world.App.LinkFor(Tom, Q2).AbsolutePath;
        var forged = real[..^4] + (real.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");

        foreach (var path in new[] { forged, "/respond/short", "/respond/" + new string('a', 43) })
        {
            var response = await world.App.CreateClient().GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Contains("not recognised", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_post_without_the_forms_antiforgery_token_saves_nothing_and_gives_the_text_back()
    {
        var link = world.App.LinkFor(Tom, Q2);
        var before = await EventCountAsync();

        var response = await world.App.Browser().PostAsync(link.PathAndQuery,
            new FormUrlEncodedContent(new Dictionary<string, string> { ["answer"] = "My careful answer", ["action"] = "submit" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("nothing was saved", page, StringComparison.Ordinal);
        Assert.Contains(">My careful answer</textarea>", page, StringComparison.Ordinal);
        Assert.Equal(before, await EventCountAsync());
    }

    [Fact]
    public async Task An_answer_too_large_to_read_gets_a_page_saying_nothing_was_saved()
    {
        var link = world.App.LinkFor(Tom, Q2);
        var before = await EventCountAsync();

        var response = await world.App.AnswerAsync(link, new string('a', 5 * 1024 * 1024));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("nothing was saved", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await EventCountAsync());
        Assert.Equal(HttpStatusCode.SeeOther, (await world.App.AnswerAsync(link, "A sensible answer.")).StatusCode);
    }

    [Fact]
    public async Task Script_in_an_answer_is_shown_as_text_never_run()
    {
        var link = world.App.LinkFor(Tom, Q2);
        await world.App.AnswerAsync(link, "<script>alert('pwned')</script>");

        var page = await world.App.CreateClient().GetStringAsync(link.PathAndQuery);

        Assert.DoesNotContain("<script>alert", page, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(&#39;pwned&#39;)&lt;/script&gt;", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_submission_is_refused_on_the_page_and_a_draft_is_kept_for_later()
    {
        var link = world.App.LinkFor(Tom, Q2);

        var empty = await world.App.AnswerAsync(link, "   ");
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("Write an answer before submitting it", await empty.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var draft = await world.App.AnswerAsync(link, "Half-written thoughts", submit: false);
        Assert.Equal(HttpStatusCode.SeeOther, draft.StatusCode);
        Assert.Contains(">Half-written thoughts</textarea>", await world.App.CreateClient().GetStringAsync(link.PathAndQuery), StringComparison.Ordinal);
        Assert.Equal("requested", (await world.App.GetReviewAsync(reviewId)).Assignments.Single(a => a.Question == Q2).State);
    }

    [Fact]
    public async Task After_the_deadline_the_link_shows_the_question_is_closed_and_accepts_nothing()
    {
        var link = world.App.LinkFor(Tom, Q2);
        world.App.Clock.SetUtcNow(Uk(2027, 1, 9, 8));   // the timer has not even run yet

        var page = await world.App.CreateClient().GetAsync(link.PathAndQuery);
        Assert.Equal(HttpStatusCode.Gone, page.StatusCode);
        Assert.DoesNotContain("<form", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var before = await EventCountAsync();
        var late = await world.App.Browser().PostAsync(link.PathAndQuery, new FormUrlEncodedContent(new Dictionary<string, string> { ["answer"] = "Late", ["action"] = "submit" }));
        Assert.NotEqual(HttpStatusCode.SeeOther, late.StatusCode);
        Assert.Equal(before, await EventCountAsync());
    }

    [Fact]
    public async Task Links_are_built_from_the_configured_address_whatever_host_the_request_named()
    {
        var client = world.App.CreateClient();
        client.DefaultRequestHeaders.Host = "attacker.example";
        var id = await world.App.CreateReviewAsync(Request());
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/reviews/{id}/dispatch");
        request.Headers.Host = "attacker.example";
        await client.SendAsync(request);
        await world.App.RunRunnerAsync();

        Assert.All(world.App.Mailbox.List(), m =>
        {
            Assert.DoesNotContain("attacker.example", m.TextBody, StringComparison.Ordinal);
            Assert.DoesNotContain("attacker.example", m.HtmlBody, StringComparison.Ordinal);
        });
    }
}
