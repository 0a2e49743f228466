using System.Net;
using System.Net.Http.Json;
using AngleSharp.Html.Parser;
using ScrutinyWorkflow.Core.Decisions;
using ScrutinyWorkflow.Core.Reviews;
using ScrutinyWorkflow.Tests.Shared;
using static ScrutinyWorkflow.Web.Tests.EndToEnd.AssuranceReviewScenario;
using static ScrutinyWorkflow.Web.Tests.EndToEnd.BetweenFocusReportsScenario;

namespace ScrutinyWorkflow.Web.Tests.EndToEnd;

/// <summary>
/// Issue 26 from end to end over HTTP, on each runtime: a review's recommendations followed through two update rounds,
/// and a month's decisions from entry to the panel's paper with its compliance figures and the recommendations' progress.
/// </summary>
[Trait("Speed", "Slow")]
public sealed class BetweenFocusReportsTests : IAsyncLifetime
{
    private Azurite? azurite;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (azurite is not null)
        {
            await azurite.DisposeAsync();
        }
    }

    [Fact]
    public async Task On_the_embedded_runtime_recommendations_and_a_months_decisions_reach_the_panels_paper()
    {
        await using var world = new TestWorld(DateTimeOffset.UtcNow);
        await WalkAsync(world.App);
    }

    [Fact]
    public async Task On_the_durable_runtime_recommendations_and_a_months_decisions_reach_the_panels_paper()
    {
        azurite = await Azurite.StartAsync();
        await using var world = new TestWorld(DateTimeOffset.UtcNow);
        world.Settings["Scrutiny:Runtime"] = "Durable";
        world.Settings["Scrutiny:Storage:ConnectionString"] = azurite.ConnectionString;
        world.Settings["Scrutiny:Durable:TaskHub"] = "scrutinyfollowups";
        await WalkAsync(world.App);
    }

    private static async Task WalkAsync(ScrutinyApplication app)
    {
        var client = app.CreateClient();
        var reviewId = await ReleasedReviewAsync(app);
        // Time passes between the panel's meeting and its follow-up (the clock is the host's own, held still otherwise).
        app.Clock.Advance(TimeSpan.FromHours(2));

        // The panel met: two recommendations, each with an owner and the date their first update is due.
        await Expect(HttpStatusCode.Accepted, client.PostAsJsonAsync($"/api/reviews/{reviewId}/recommendations", new { text = Recommendation1, owner = Tom, updateDue = Day(WorkingDaysAhead(5)) }));
        await Expect(HttpStatusCode.Accepted, client.PostAsJsonAsync($"/api/reviews/{reviewId}/recommendations", new { text = Recommendation2, owner = Head, updateDue = Day(WorkingDaysAhead(5)) }));
        await app.RunRunnerAsync();

        // Round 1: each owner answers through the link in the email that asked them.
        await UpdateThroughLinkAsync(app, Tom, Recommendation1, "R1", Update1Round1, "in-progress");
        await UpdateThroughLinkAsync(app, Head, Recommendation2, "R2", Update2Round1, "in-progress");
        await app.RunRunnerAsync();
        Assert.Equal(2, app.Mailbox.List().Count(m => m.Subject.StartsWith("Update received from", StringComparison.Ordinal)));

        // Round 2 for the first: asked again, answered done (script and all, kept as text), closed by the scrutiny team.
        await Expect(HttpStatusCode.Accepted, client.PostAsJsonAsync($"/api/reviews/{reviewId}/follow-ups/R1/request-update", new { due = Day(WorkingDaysAhead(10)) }));
        await app.RunRunnerAsync();
        await UpdateThroughLinkAsync(app, Tom, Recommendation1, "R1", Update1Round2, "done");
        await app.RunRunnerAsync();
        Assert.Equal("reported-done", (await FollowUpAsync(app, reviewId, "R1")).Standing);
        app.Clock.Advance(TimeSpan.FromHours(2));
        await Expect(HttpStatusCode.Accepted, client.PostAsJsonAsync($"/api/reviews/{reviewId}/follow-ups/R1/close", new { closure = "implemented" }));
        await app.RunRunnerAsync();
        var r1 = await FollowUpAsync(app, reviewId, "R1");
        Assert.Equal(("closed", "implemented", 2), (r1.Standing, r1.Closure, r1.Updates.Count));
        Assert.Equal([Update1Round1, Update1Round2], r1.Updates.Select(u => u.Text));
        Assert.Single(app.Mailbox.List(), m => m.Subject.StartsWith("Closed:", StringComparison.Ordinal) && m.To.Any(t => t.Contains(Tom, StringComparison.Ordinal)));

        // A month's decisions for the same panel: five, two upheld with remedies.
        var created = await Expect(HttpStatusCode.Created, client.PostAsJsonAsync("/api/reviews/decisions", Decisions("Children and Families Scrutiny Panel", "panel@council.example")));
        var decisionsId = (await created.Content.ReadFromJsonAsync<Web.Reviews.CreatedReview>())!.Id;
        var drafted = await app.GetReviewAsync(decisionsId);
        Assert.Equal(("decisions", 5, 2), (drafted.Kind, drafted.Decisions!.Count, drafted.Areas.Count));
        await Expect(HttpStatusCode.Accepted, client.PostAsync($"/api/reviews/{decisionsId}/dispatch", Api.NoBody()));
        await app.RunRunnerAsync();

        // The services' learning comes back through their links; the apology's evidence is given and accepted.
        Assert.Equal(HttpStatusCode.SeeOther, (await app.AnswerAsync(app.LinkFor(Tom, ReviewDecider.LearningQuestion), ReviewDecider.LearningQuestion, Learning1)).StatusCode);
        Assert.Equal(HttpStatusCode.SeeOther, (await app.AnswerAsync(app.LinkFor(Head, ReviewDecider.LearningQuestion), ReviewDecider.LearningQuestion, Learning2)).StatusCode);
        await app.RunRunnerAsync();
        var apology = drafted.Decisions[0].Remedies[0];
        await UpdateThroughLinkAsync(app, Tom, apology.Text, apology.FollowUpId, "Apology letter sent to Mrs X's daughter; copy on file.", "done");
        await app.RunRunnerAsync();
        await Expect(HttpStatusCode.Accepted, client.PostAsJsonAsync($"/api/reviews/{decisionsId}/follow-ups/{apology.FollowUpId}/close", new { closure = "implemented" }));
        var year = YearCompliance.FirstYearOf(Today);
        await Expect(HttpStatusCode.Accepted, client.PostAsJsonAsync($"/api/reviews/{decisionsId}/published-compliance", new { year, percent = 72.5m }));
        // Both upheld decisions' learning is in, so the paper is assembled already: the scrutiny officer releases it.
        Assert.Equal("assembled", (await app.GetReviewAsync(decisionsId)).Status);
        await Expect(HttpStatusCode.Accepted, client.PostAsync($"/api/reviews/{decisionsId}/release", Api.NoBody()));
        await app.RunRunnerAsync();

        // The paper: every decision, the learning, compliance beside the published figure, and the recommendations' progress.
        var paper = WordText(await client.GetByteArrayAsync($"/api/reviews/{decisionsId}/statement.docx"));
        Assert.All(new[] { "25 001 101", "25 002 202", "25 003 303", "25 004 404", "25 005 505", Learning1, Learning2 }, text => Assert.Contains(text, paper, StringComparison.Ordinal));
        Assert.Contains("72.5%", paper, StringComparison.Ordinal);
        Assert.Contains("Progress on recommendations", paper, StringComparison.Ordinal);
        Assert.All(new[] { Recommendation1, Recommendation2, Update1Round2, Update2Round1 }, text => Assert.Contains(text, paper, StringComparison.Ordinal));
        // One remedy due so far was done on time (the apology), one is outstanding (the payment): half, by remedy.
        Assert.Contains("50%", paper, StringComparison.Ordinal);
    }

    /// <summary>
    /// Opens the link in the newest email to <paramref name="owner"/> about this follow-up, as the owner does, and sends
    /// the update form under it with its antiforgery token.
    /// </summary>
    private static async Task UpdateThroughLinkAsync(ScrutinyApplication app, string owner, string followUpText, string followUpId, string words, string progress)
    {
        var mail = app.Mailbox.List().First(m =>
            m.To.Any(t => t.Contains(owner, StringComparison.OrdinalIgnoreCase))
            && m.TextBody.Contains(followUpText, StringComparison.Ordinal)
            && ResponseLinkText.Pattern().IsMatch(m.TextBody));
        var link = new Uri(ResponseLinkText.Pattern().Match(mail.TextBody).Value);
        var browser = app.Browser();
        var page = new HtmlParser().ParseDocument(await browser.GetStringAsync(link.PathAndQuery));
        var form = page.QuerySelector($"section#f-{followUpId} form");
        Assert.True(form is not null, $"{owner}'s page has no update form for {followUpId}.");
        var values = form.QuerySelectorAll("input[type=hidden]").ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? "");
        values["update"] = words;
        values["progress"] = progress;
        values["action"] = "update";
        var posted = await browser.PostAsync(link.PathAndQuery, new FormUrlEncodedContent(values));
        Assert.True(posted.StatusCode == HttpStatusCode.SeeOther, $"{owner}'s update answered {posted.StatusCode}: {await posted.Content.ReadAsStringAsync()}");
    }
}
