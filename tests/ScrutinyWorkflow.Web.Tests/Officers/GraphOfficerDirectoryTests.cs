using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ScrutinyWorkflow.Web.Deployment;
using ScrutinyWorkflow.Web.Officers;
using ScrutinyWorkflow.Web.Tests.Graph;

namespace ScrutinyWorkflow.Web.Tests.Officers;

/// <summary>The directory in Entra ID, registered as the product does for Scrutiny:Directory:Provider Graph, against a local server speaking Graph v1.0.</summary>
public sealed class GraphOfficerDirectoryTests : IAsyncLifetime
{
    private static readonly GraphUser Director = new("u-1", "Zoë Fairbrother", "Director of Children's Services", "zoe.fairbrother@council.example", "zoe.fairbrother@council.example");
    private static readonly GraphUser HeadOfService = new("u-2", "Siân Llewellyn", "Head of Service, Looked After Children", "sian.llewellyn@council.example", "sllewellyn@council.onmicrosoft.example", ManagerId: "u-1");

    private LocalGraph graph = null!;

    public async Task InitializeAsync()
    {
        graph = await LocalGraph.StartAsync();
        graph.Add(Director);
        graph.Add(HeadOfService);
    }

    public async Task DisposeAsync() => await graph.DisposeAsync();

    private IOfficerDirectory Directory(string cacheFor = "00:10:00")
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Logging.ClearProviders();
        var settings = graph.Settings();
        settings["Scrutiny:Directory:Provider"] = "Graph";
        settings["Scrutiny:Graph:CacheFor"] = cacheFor;
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddOfficerDirectory(DeploymentProfile.Read(builder, ProductHost.WebHost));
        LocalGraph.Use(builder.Services);
        return builder.Build().Services.GetRequiredService<IOfficerDirectory>();
    }

    [Fact]
    public async Task An_officer_found_by_user_principal_name_has_their_name_job_title_mail_and_manager()
    {
        var officer = await Directory().FindAsync("SLlewellyn@council.onmicrosoft.example", CancellationToken.None);

        Assert.Equal(new Core.Reviews.Officer("sian.llewellyn@council.example", "Siân Llewellyn", "Head of Service, Looked After Children", "zoe.fairbrother@council.example"), officer);
    }

    [Fact]
    public async Task An_officer_is_found_by_mail_address_when_it_is_not_their_user_principal_name()
    {
        var officer = await Directory().FindAsync("sian.llewellyn@council.example", CancellationToken.None);

        Assert.Equal("Siân Llewellyn", officer?.Name);
        Assert.Contains(graph.Requests, r => r.Query.Contains("$filter=mail eq 'sian.llewellyn@council.example'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Someone_not_in_Entra_ID_is_not_found_rather_than_an_error()
    {
        Assert.Null(await Directory().FindAsync("nobody@council.example", CancellationToken.None));
    }

    [Fact]
    public async Task An_officer_with_no_manager_has_none()
    {
        var officer = await Directory().FindAsync(Director.Mail, CancellationToken.None);

        Assert.NotNull(officer);
        Assert.Null(officer.ManagerEmail);
    }

    [Fact]
    public async Task Lookups_are_kept_for_minutes_then_asked_again()
    {
        // Two seconds between two lookups in a row is room for a loaded machine; the wait past it is only ever longer.
        var directory = Directory(cacheFor: "00:00:02");

        await directory.FindAsync(Director.Mail, CancellationToken.None);
        await directory.FindAsync(Director.Mail, CancellationToken.None);
        Assert.Equal(1, graph.Count("/users/zoe.fairbrother@council.example"));

        await Task.Delay(2_500);
        await directory.FindAsync(Director.Mail, CancellationToken.None);
        Assert.Equal(2, graph.Count("/users/zoe.fairbrother@council.example"));
    }

    [Fact]
    public async Task A_429_with_Retry_After_is_waited_out()
    {
        graph.Answer(429, retryAfter: "1");

        Assert.NotNull(await Directory().FindAsync(Director.Mail, CancellationToken.None));
    }

    [Fact]
    public async Task Scheduled_automatic_replies_say_when_the_officer_is_away()
    {
        graph.Add(HeadOfService with
        {
            AutomaticReplies = new JsonObject
            {
                ["status"] = "scheduled",
                ["externalAudience"] = "all",
                ["scheduledStartDateTime"] = new JsonObject { ["dateTime"] = "2027-01-04T00:00:00.0000000", ["timeZone"] = "UTC" },
                ["scheduledEndDateTime"] = new JsonObject { ["dateTime"] = "2027-01-15T17:00:00.0000000", ["timeZone"] = "UTC" },
                ["internalReplyMessage"] = "I am on leave until 15 January.",
            },
        });

        var away = await Directory().FindAutomaticRepliesAsync(HeadOfService.UserPrincipalName, CancellationToken.None);

        Assert.Equal(new AutomaticReplies(new DateTimeOffset(2027, 1, 4, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2027, 1, 15, 17, 0, 0, TimeSpan.Zero)), away);
        Assert.True(away!.AwayAt(new DateTimeOffset(2027, 1, 8, 23, 59, 0, TimeSpan.Zero)));
        Assert.False(away.AwayAt(new DateTimeOffset(2027, 1, 20, 9, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public async Task Automatic_replies_always_on_have_no_end_and_off_are_none()
    {
        graph.Add(HeadOfService with { AutomaticReplies = new JsonObject { ["status"] = "alwaysEnabled", ["externalAudience"] = "none" } });
        var directory = Directory();

        Assert.Equal(new AutomaticReplies(null, null), await directory.FindAutomaticRepliesAsync(HeadOfService.UserPrincipalName, CancellationToken.None));
        Assert.Null(await directory.FindAutomaticRepliesAsync(Director.Mail, CancellationToken.None));
        Assert.Null(await directory.FindAutomaticRepliesAsync("nobody@council.example", CancellationToken.None));
    }

    [Fact]
    public async Task A_people_search_follows_the_next_link_across_pages_up_to_the_limit()
    {
        graph.PageSize = 2;
        foreach (var i in Enumerable.Range(1, 5))
        {
            graph.Add(new GraphUser($"s-{i}", $"Sam Social Worker {i}", "Social Worker", $"sam{i}@council.example", $"sam{i}@council.example"));
        }

        var found = await Directory().SearchAsync("Sam", 4, CancellationToken.None);

        Assert.Equal(["sam1@council.example", "sam2@council.example", "sam3@council.example", "sam4@council.example"], found.Select(o => o.Email));
        Assert.Equal(2, graph.Requests.Count(r => r.Path == "/v1.0/users" && r.Query.Contains("$search", StringComparison.Ordinal)));
    }
}
