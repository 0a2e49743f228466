using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ScrutinyWorkflow.Web.Links;
using ScrutinyWorkflow.Web.Tests.Hostile;
using static ScrutinyWorkflow.Web.Tests.EndToEnd.AssuranceReviewScenario;

namespace ScrutinyWorkflow.Web.Tests.Links;

/// <summary>The scrutiny team rotates the link key and retires the old one; officers' old links say they were withdrawn, and a reminder brings a new one.</summary>
public sealed class LinkKeysApiTests
{
    [Fact]
    public async Task After_a_rotation_old_links_work_until_their_key_is_retired_then_say_they_were_withdrawn_and_a_reminder_brings_a_working_link()
    {
        var logs = new LogCollector();
        await using var world = new TestWorld();
        world.Services.Add(s => s.AddSingleton<ILoggerProvider>(logs));
        var app = world.App;
        var client = app.CreateClient();
        var id = await CreateAndDispatchAsync(app);
        await SendRequestsAsync(app);
        var old = app.LinkFor(Zoe, Q6);

        var rotated = await client.PostAsync("/api/links/keys", Api.NoBody());
        Assert.Equal(HttpStatusCode.Created, rotated.StatusCode);
        Assert.Equal("k1", (await rotated.Content.ReadFromJsonAsync<LinkKeyView>())!.Id);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(old.PathAndQuery)).StatusCode);
        var refused = await client.PostAsync("/api/links/keys/k1/retire", Api.NoBody());
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains(LinksApi.CurrentKey, await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/links/keys/k0/retire", Api.NoBody())).StatusCode);
        var withdrawn = await client.GetAsync(old.PathAndQuery);
        Assert.Equal(HttpStatusCode.Gone, withdrawn.StatusCode);
        var page = await withdrawn.Content.ReadAsStringAsync();
        Assert.Contains("This link has been withdrawn", page, StringComparison.Ordinal);
        Assert.Contains("Ask the scrutiny team for a new one", page, StringComparison.Ordinal);
        Assert.Contains("scrutiny@council.example", page, StringComparison.Ordinal);
        Assert.DoesNotContain(Q6, page, StringComparison.Ordinal);
        // An answer sent through it is refused the same way, and changes nothing.
        var post = await client.PostAsync(old.PathAndQuery, new FormUrlEncodedContent(new Dictionary<string, string> { ["assignment"] = "A8", ["answer"] = "Through a withdrawn link.", ["action"] = "submit" }));
        Assert.Equal(HttpStatusCode.Gone, post.StatusCode);

        await app.AtAsync(Uk(2026, 12, 15, 10));
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync($"/api/reviews/{id}/officers/{Uri.EscapeDataString(Zoe)}/remind", Api.NoBody())).StatusCode);
        await app.RunRunnerAsync();
        var fresh = new Uri(LinkIn(Assert.Single(app.Mailbox.List(), m => m.To.Single().Contains(Zoe, StringComparison.Ordinal) && m.Subject.StartsWith("Reminder:", StringComparison.Ordinal)).TextBody));
        Assert.StartsWith("/respond/k1.", fresh.AbsolutePath, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.SeeOther, (await app.AnswerAsync(fresh, Q6, Answer6)).StatusCode);

        var keys = await client.GetFromJsonAsync<List<LinkKeyView>>("/api/links/keys");
        Assert.Equal([("k0", "retired"), ("k1", "current")], keys!.Select(k => (k.Id, k.State)));
        var messages = logs.Entries.Select(e => e.Message).ToList();
        Assert.Contains(messages, m => m.Contains("Link key k1 made current in place of k0", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("Link key k0 retired", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("retired link key k0 was refused as withdrawn", StringComparison.Ordinal));
        // Nothing secret in the log: no link, no link id or signature, no key.
        var secrets = old.AbsolutePath[9..].Split('.').Skip(1).Concat(fresh.AbsolutePath[9..].Split('.').Skip(1))
            .Append(await File.ReadAllTextAsync(Path.Combine(world.DataPath, "link.key")))
            .Select(s => s.Trim());
        Assert.All(secrets, secret => Assert.DoesNotContain(messages, m => m.Contains(secret, StringComparison.Ordinal)));
    }

    private static string LinkIn(string text) =>
        System.Text.RegularExpressions.Regex.Match(text, @"https?://\S+/respond/\S+").Value;
}
