using System.Net.Http.Json;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using ScrutinyWorkflow.Core.Reviews;
using ScrutinyWorkflow.Web.Officers;
using ScrutinyWorkflow.Web.Reviews;
using static ScrutinyWorkflow.Web.Tests.EndToEnd.AssuranceReviewScenario;

namespace ScrutinyWorkflow.Web.Tests.Officers;

/// <summary>Before dispatch, the scrutiny officer sees who is away until after the deadline.</summary>
public sealed class AwayOfficersTests : IAsyncLifetime
{
    private readonly TestWorld world = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await world.DisposeAsync();

    [Fact]
    public async Task Officers_away_until_after_the_deadline_are_listed_with_their_manager_and_those_back_in_time_are_not()
    {
        var directory = new AwayDirectory(FileOfficerDirectory.Load(Path.Combine(ScrutinyApplication.RepositoryRoot(), "samples", "directory.json")))
        {
            Away =
            {
                [Zoe] = new AutomaticReplies(Uk(2027, 1, 4, 0), Uk(2027, 1, 15, 17)),
                [Tom] = new AutomaticReplies(Uk(2026, 12, 21, 0), Uk(2027, 1, 5, 9)),
                [Head] = new AutomaticReplies(null, null),
            },
        };
        using var app = world.App.WithWebHostBuilder(host => host.ConfigureTestServices(services => services.AddSingleton<IOfficerDirectory>(directory)));
        var id = await world.App.CreateReviewAsync(Request());

        var away = await app.CreateClient().GetFromJsonAsync<List<OfficerAway>>($"/api/reviews/{id}/away");

        Assert.Equal(
            [
                new OfficerAway(Head, "Siân Llewellyn", null, null, "aisha.rahman@council.example"),
                new OfficerAway(Zoe, "Zoë Fairbrother", Uk(2027, 1, 4, 0), Uk(2027, 1, 15, 17), "owen.price@council.example"),
            ],
            away!.OrderBy(a => a.Email, StringComparer.Ordinal));
    }

    [Fact]
    public async Task An_officer_away_past_the_deadline_when_the_review_goes_out_has_their_reminders_sent_to_their_manager_instead()
    {
        var directory = new AwayDirectory(FileOfficerDirectory.Load(Path.Combine(ScrutinyApplication.RepositoryRoot(), "samples", "directory.json")))
        {
            Away = { [Tom] = new AutomaticReplies(Uk(2026, 12, 21, 0), Uk(2027, 1, 15, 17)) },
        };
        using var app = world.App.WithWebHostBuilder(host => host.ConfigureTestServices(services => services.AddSingleton<IOfficerDirectory>(directory)));
        var id = await world.App.CreateReviewAsync(Request());

        Assert.Equal(System.Net.HttpStatusCode.Accepted, (await app.CreateClient().PostAsync($"/api/reviews/{id}/dispatch", Api.NoBody())).StatusCode);
        await SendRequestsAsync(world.App);
        await FirstRemindersAsync(world.App);

        var events = await world.App.CreateClient().GetFromJsonAsync<List<System.Text.Json.JsonElement>>($"/api/reviews/{id}/events");
        Assert.Contains(events!, e => e.GetProperty("type").GetString() == "officers-away-noted");
        var chasers = world.App.Mailbox.List().Where(m => m.Date >= Uk(2026, 12, 31, 9)).ToList();
        Assert.DoesNotContain(chasers, m => m.To.Single().Contains(Tom, StringComparison.Ordinal));
        var early = Assert.Single(chasers, m => m.Subject.Contains("Tom Okafor has", StringComparison.Ordinal));
        Assert.Contains(Head, early.To.Single(), StringComparison.Ordinal);
        Assert.Contains("automatic replies say they are away until Friday 15 January 2027", early.TextBody, StringComparison.Ordinal);
        Assert.Contains(chasers, m => m.Subject.StartsWith("Reminder:", StringComparison.Ordinal) && m.To.Single().Contains(Zoe, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Sending_a_review_when_the_directory_cannot_read_someones_replies_still_sends_it_and_notes_the_others_through_the_api_and_the_page_alike()
    {
        var directory = new AwayDirectory(FileOfficerDirectory.Load(Path.Combine(ScrutinyApplication.RepositoryRoot(), "samples", "directory.json")))
        {
            Away = { [Tom] = new AutomaticReplies(Uk(2026, 12, 21, 0), Uk(2027, 1, 15, 17)) },
            Unreadable = { Zoe },
        };
        using var app = world.App.WithWebHostBuilder(host => host.ConfigureTestServices(services => services.AddSingleton<IOfficerDirectory>(directory)));
        var byApi = await world.App.CreateReviewAsync(Request());
        var byPage = await world.App.CreateReviewAsync(Request());
        var driver = new ReviewPages.PageDriver(app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false }));

        var warned = await app.CreateClient().GetFromJsonAsync<List<OfficerAway>>($"/api/reviews/{byApi}/away");
        var check = await driver.OpenAsync($"/reviews/{byPage}/draft/check");
        var sentByApi = await app.CreateClient().PostAsync($"/api/reviews/{byApi}/dispatch", Api.NoBody());
        var sentByPage = await driver.SubmitAsync(check, $"form[action='/reviews/{byPage}/dispatch']");

        Assert.Equal([Tom], warned!.Select(a => a.Email));
        Assert.Contains("Tom Okafor", check.QuerySelector("#away")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Fairbrother", check.QuerySelector("#away")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, sentByApi.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.SeeOther, sentByPage.StatusCode);
        foreach (var id in new[] { byApi, byPage })
        {
            var events = await world.App.CreateClient().GetFromJsonAsync<List<System.Text.Json.JsonElement>>($"/api/reviews/{id}/events");
            var noted = Assert.Single(events!, e => e.GetProperty("type").GetString() == "officers-away-noted");
            Assert.Contains(Tom, noted.GetRawText(), StringComparison.Ordinal);
            Assert.DoesNotContain(Zoe, noted.GetRawText(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Sending_a_review_from_its_check_page_notes_who_is_away_as_the_api_does()
    {
        var directory = new AwayDirectory(FileOfficerDirectory.Load(Path.Combine(ScrutinyApplication.RepositoryRoot(), "samples", "directory.json")))
        {
            Away = { [Tom] = new AutomaticReplies(Uk(2026, 12, 21, 0), Uk(2027, 1, 15, 17)) },
        };
        using var app = world.App.WithWebHostBuilder(host => host.ConfigureTestServices(services => services.AddSingleton<IOfficerDirectory>(directory)));
        var id = await world.App.CreateReviewAsync(Request());
        var driver = new ReviewPages.PageDriver(app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false }));

        var check = await driver.OpenAsync($"/reviews/{id}/draft/check");
        Assert.Contains("Tom Okafor", check.QuerySelector("#away")!.TextContent, StringComparison.Ordinal);
        var sent = await driver.SubmitAsync(check, $"form[action='/reviews/{id}/dispatch']");

        Assert.Equal(System.Net.HttpStatusCode.SeeOther, sent.StatusCode);
        var events = await world.App.CreateClient().GetFromJsonAsync<List<System.Text.Json.JsonElement>>($"/api/reviews/{id}/events");
        var noted = Assert.Single(events!, e => e.GetProperty("type").GetString() == "officers-away-noted");
        Assert.Contains(Tom, noted.GetRawText(), StringComparison.Ordinal);
    }
}

/// <summary>The sample directory, with automatic replies the test sets, and addresses whose replies cannot be read.</summary>
internal sealed class AwayDirectory(IOfficerDirectory officers) : IOfficerDirectory
{
    public Dictionary<string, AutomaticReplies> Away { get; } = [];

    public HashSet<string> Unreadable { get; } = [];

    public Task<Officer?> FindAsync(string email, CancellationToken cancellationToken) => officers.FindAsync(email, cancellationToken);

    public Task<AutomaticReplies?> FindAutomaticRepliesAsync(string email, CancellationToken cancellationToken) =>
        Unreadable.Contains(email)
            ? Task.FromException<AutomaticReplies?>(new HttpRequestException("The directory did not answer."))
            : Task.FromResult(Away.GetValueOrDefault(email));

    public Task<IReadOnlyList<Officer>> SearchAsync(string text, int limit, CancellationToken cancellationToken) => officers.SearchAsync(text, limit, cancellationToken);
}
