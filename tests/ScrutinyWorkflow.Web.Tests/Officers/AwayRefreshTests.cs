using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ScrutinyWorkflow.Web.AwayRefresh;
using ScrutinyWorkflow.Web.Officers;
using ScrutinyWorkflow.Web.Tests.Graph;
using static ScrutinyWorkflow.Web.Tests.EndToEnd.AssuranceReviewScenario;

namespace ScrutinyWorkflow.Web.Tests.Officers;

/// <summary>
/// Automatic replies read again after dispatch, through the directory port: an officer who turns on "out of office"
/// later has their chasers go to their manager; nothing is recorded twice, for a closed review, or for an address the
/// directory cannot answer for.
/// </summary>
public sealed class AwayRefreshTests : IAsyncLifetime
{
    private readonly TestWorld world = new();
    private readonly AwayDirectory directory = new(FileOfficerDirectory.Load(Path.Combine(ScrutinyApplication.RepositoryRoot(), "samples", "directory.json")));

    public Task InitializeAsync()
    {
        world.Services.Add(services => services.AddSingleton<IOfficerDirectory>(directory));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await world.DisposeAsync();

    private Task<AwayRefreshPass> RefreshAsync() => world.App.Services.GetRequiredService<AwayRefreshJob>().RunAsync(CancellationToken.None);

    private async Task<List<JsonElement>> AwayEventsAsync(string id) =>
        [.. (await world.App.CreateClient().GetFromJsonAsync<List<JsonElement>>($"/api/reviews/{id}/events"))!.Where(e => e.GetProperty("type").GetString() == "officers-away-noted")];

    [Fact]
    public async Task An_officer_who_turns_on_out_of_office_after_dispatch_is_noted_once_and_their_reminder_goes_to_their_manager()
    {
        var id = await CreateAndDispatchAsync(world.App);
        await SendRequestsAsync(world.App);
        directory.Away[Tom] = new AutomaticReplies(Uk(2026, 12, 21, 0), Uk(2027, 1, 15, 17));
        directory.Unreadable.Add(Zoe);

        var first = await RefreshAsync();
        var second = await RefreshAsync();
        await FirstRemindersAsync(world.App);

        Assert.Equal(new AwayRefreshPass(Reviews: 1, Changed: 1, Unreadable: 1), first);
        Assert.Equal(new AwayRefreshPass(Reviews: 1, Changed: 0, Unreadable: 1), second);
        var noted = Assert.Single(await AwayEventsAsync(id));
        Assert.Equal(Tom, Assert.Single(noted.GetProperty("data").GetProperty("away").EnumerateArray()).GetProperty("email").GetString());
        var chasers = world.App.Mailbox.List().Where(m => m.Date >= Uk(2026, 12, 31, 9)).ToList();
        Assert.DoesNotContain(chasers, m => m.To.Single().Contains(Tom, StringComparison.Ordinal));
        Assert.Contains(Head, Assert.Single(chasers, m => m.Subject.Contains("Tom Okafor has", StringComparison.Ordinal)).To.Single(), StringComparison.Ordinal);
        // Zoë's replies could not be read: she is chased as usual, not taken to be away or back.
        Assert.Contains(chasers, m => m.Subject.StartsWith("Reminder:", StringComparison.Ordinal) && m.To.Single().Contains(Zoe, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_review_closed_early_is_not_looked_at()
    {
        var id = await CreateAndDispatchAsync(world.App);
        await SendRequestsAsync(world.App);
        Assert.Equal(HttpStatusCode.Accepted, (await world.App.CreateClient().PostAsJsonAsync($"/api/reviews/{id}/close", new { reason = "The panel meeting moved" })).StatusCode);
        directory.Away[Tom] = new AutomaticReplies(null, null);

        var pass = await RefreshAsync();

        Assert.Equal(new AwayRefreshPass(0, 0, 0), pass);
        Assert.Empty(await AwayEventsAsync(id));
    }
}

/// <summary>The refresh with the directory in Entra ID, against the local Graph server's mailboxSettings.</summary>
public sealed class GraphAwayRefreshTests : IAsyncLifetime
{
    private static readonly GraphUser Manager = new("u-head", "Siân Llewellyn", "Head of Service, Children in Care", Head, Head);
    private static readonly GraphUser Officer = new("u-tom", "Tom Okafor", "Team Manager, Looked After Children", Tom, Tom, ManagerId: "u-head");

    private readonly TestWorld world = new();
    private LocalGraph graph = null!;

    public async Task InitializeAsync()
    {
        graph = await LocalGraph.StartAsync();
        graph.Add(Manager);
        graph.Add(Officer);
        foreach (var (key, value) in graph.Settings())
        {
            world.Settings[key] = value!;
        }
        world.Settings["Scrutiny:Directory:Provider"] = "Graph";
        // Kept for a moment only, so the refresh sees what the test changes in Graph at once.
        world.Settings["Scrutiny:Graph:CacheFor"] = "00:00:00.001";
        world.Services.Add(LocalGraph.Use);
    }

    public async Task DisposeAsync()
    {
        await world.DisposeAsync();
        await graph.DisposeAsync();
    }

    [Fact]
    public async Task Scheduled_automatic_replies_turned_on_in_Entra_ID_after_dispatch_are_noted_and_turned_off_again_are_noted_as_back()
    {
        var id = await world.App.CreateReviewAsync(new
        {
            focusReport = new { title = "Careless: helping to improve council services to children in care", published = "2020-12" },
            panel = new { name = "Children and Families Scrutiny Panel", email = "panel@council.example" },
            meetingDate = "2027-01-20",
            deadline = "2027-01-08",
            areas = new[] { new { heading = "Care leavers", questions = new[] { new { text = Q4, officers = new[] { Tom } } } } },
        });
        Assert.Equal(HttpStatusCode.Accepted, (await world.App.CreateClient().PostAsync($"/api/reviews/{id}/dispatch", Api.NoBody())).StatusCode);
        var job = world.App.Services.GetRequiredService<AwayRefreshJob>();
        Assert.Equal(new AwayRefreshPass(1, 0, 0), await job.RunAsync(CancellationToken.None));

        graph.Add(Officer with
        {
            AutomaticReplies = new JsonObject
            {
                ["status"] = "scheduled",
                ["externalAudience"] = "all",
                ["scheduledStartDateTime"] = new JsonObject { ["dateTime"] = "2026-12-21T00:00:00.0000000", ["timeZone"] = "UTC" },
                ["scheduledEndDateTime"] = new JsonObject { ["dateTime"] = "2027-01-15T17:00:00.0000000", ["timeZone"] = "UTC" },
            },
        });
        await Task.Delay(5);
        var away = await job.RunAsync(CancellationToken.None);
        graph.Add(Officer);
        await Task.Delay(5);
        var back = await job.RunAsync(CancellationToken.None);

        Assert.Equal((1, 1), (away.Changed, back.Changed));
        var trail = await world.App.CreateClient().GetFromJsonAsync<List<JsonElement>>($"/api/reviews/{id}/events");
        var absences = trail!.Where(e => e.GetProperty("type").GetString() == "officers-away-noted")
            .Select(e => e.GetProperty("data").GetProperty("away")[0].GetProperty("until").GetString()).ToList();
        Assert.Equal([Uk(2027, 1, 15, 17).ToString("O"), world.Clock.GetUtcNow().ToString("O")], absences.Select(a => DateTimeOffset.Parse(a!, System.Globalization.CultureInfo.InvariantCulture).ToString("O")));
        Assert.True(graph.Count("/mailboxSettings") >= 3);
    }
}
