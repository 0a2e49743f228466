using System.Net;
using System.Net.Http.Json;
using ScrutinyWorkflow.Core.Calendar;
using ScrutinyWorkflow.Tests.Shared;
using static ScrutinyWorkflow.Web.Tests.EndToEnd.AssuranceReviewScenario;

namespace ScrutinyWorkflow.Web.Tests.EndToEnd;

/// <summary>
/// The web host in Durable mode: reviews run as Durable Task orchestrations on the Azure Storage backend (Azurite),
/// the read side in its tables, statements in its blobs. The same review, run the same way on the embedded runtime,
/// gives the same statement. Orchestrations keep real time, so the dates are set from today.
/// </summary>
[Trait("Speed", "Slow")]
public sealed class DurableRuntimeTests : IAsyncLifetime
{
    private Azurite azurite = null!;

    public async Task InitializeAsync() => azurite = await Azurite.StartAsync();

    public async Task DisposeAsync() => await azurite.DisposeAsync();

    private static TestWorld World(Dictionary<string, string>? settings = null)
    {
        var world = new TestWorld(DateTimeOffset.UtcNow);
        foreach (var (key, value) in settings ?? [])
        {
            world.Settings[key] = value;
        }
        return world;
    }

    /// <summary>The scenario's review, due in four working weeks, answered through the emailed links, closed early and released.</summary>
    private static async Task<string> RunAsync(ScrutinyApplication app)
    {
        var calendar = new WorkingCalendar();
        var deadline = calendar.AddWorkingDays(DateOnly.FromDateTime(DateTime.UtcNow), 20);
        var request = RequestWithDates(deadline, calendar.AddWorkingDays(deadline, 8));
        var client = app.CreateClient();
        var id = await app.CreateReviewAsync(request);
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync($"/api/reviews/{id}/dispatch", Api.NoBody())).StatusCode);
        await app.RunRunnerAsync();
        foreach (var (officer, question, answer) in new[] { (Data, Q1, Answer1), (Tom, Q2, Answer2), (Tom, Q4, Answer4), (Zoe, Q6, Answer6), (Head, Q1, Answer1Amended) })
        {
            Assert.Equal(HttpStatusCode.SeeOther, (await app.AnswerAsync(app.LinkFor(officer, question), question, answer)).StatusCode);
            await app.RunRunnerAsync();
        }
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsJsonAsync($"/api/reviews/{id}/close", new { reason = "The panel meeting was brought forward" })).StatusCode);
        await app.RunRunnerAsync();
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync($"/api/reviews/{id}/release", Api.NoBody())).StatusCode);
        await app.RunRunnerAsync();

        // After the panel has had it, a late answer makes version 2, released again.
        var review = await CompletedAsync(app, id);
        var q3 = review.Assignments.Single(a => a.Question == Q3).Id;
        var late = await client.PostAsJsonAsync($"/api/reviews/{id}/assignments/{q3}/late-answer", new { text = "Forty-two supported places." });
        Assert.True(late.StatusCode == HttpStatusCode.Accepted, $"{review.Status}: {await late.Content.ReadAsStringAsync()}");
        await app.RunRunnerAsync();
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync($"/api/reviews/{id}/release", Api.NoBody())).StatusCode);
        await app.RunRunnerAsync();
        return id;
    }

    /// <summary>The review once the panel has been told of its latest release (the Durable runtime may still be filing when a command returns).</summary>
    private static async Task<Web.Reviews.ReviewView> CompletedAsync(ScrutinyApplication app, string id)
    {
        // A ceiling for a loaded machine, not an expected time: the panel is told within a second or two when it is quiet.
        for (var until = DateTime.UtcNow.AddMinutes(5); ;)
        {
            var review = await app.GetReviewAsync(id);
            if (review.Status == "completed" || DateTime.UtcNow > until)
            {
                return review;
            }
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task A_review_on_the_durable_runtime_reaches_the_same_statement_as_on_the_embedded_runtime()
    {
        await using var embedded = World();
        var embeddedId = await RunAsync(embedded.App);
        await using var durable = World(new()
        {
            ["Scrutiny:Runtime"] = "Durable",
            ["Scrutiny:Storage:ConnectionString"] = azurite.ConnectionString,
            ["Scrutiny:Durable:TaskHub"] = "scrutinye2e",
        });

        var id = await RunAsync(durable.App);

        var review = await CompletedAsync(durable.App, id);
        Assert.Equal(("completed", 2), (review.Status, review.ReleasedVersion));
        Assert.StartsWith("http://127.0.0.1:", review.FiledLocation, StringComparison.Ordinal);
        var statement = await durable.App.CreateClient().GetStringAsync($"/api/reviews/{id}/statement");
        var expected = await embedded.App.CreateClient().GetStringAsync($"/api/reviews/{embeddedId}/statement");
        Assert.Equal(expected, statement);
        // Receipts name their review in the reference, and the two runs' reviews have ids of their own.
        Assert.Equal(
            embedded.App.Mailbox.List().Select(m => (m.Subject.Replace(embeddedId.ToUpperInvariant(), "THE-REVIEW", StringComparison.Ordinal), string.Join(",", m.To))).Order(),
            durable.App.Mailbox.List().Select(m => (m.Subject.Replace(id.ToUpperInvariant(), "THE-REVIEW", StringComparison.Ordinal), string.Join(",", m.To))).Order());
        Assert.Equal(5, durable.App.Mailbox.List().Count(m => m.Subject.Contains($"was received, reference {id.ToUpperInvariant()}-", StringComparison.Ordinal)));
        Assert.Single(durable.App.Mailbox.List(), m => m.Subject.StartsWith("Position statement:", StringComparison.Ordinal));
        Assert.Single(durable.App.Mailbox.List(), m => m.Subject.StartsWith("Position statement (version 2):", StringComparison.Ordinal));
    }
}
