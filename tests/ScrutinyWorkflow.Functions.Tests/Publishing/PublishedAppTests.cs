using System.Text.Json;
using ScrutinyWorkflow.Functions.Http;
using ScrutinyWorkflow.Functions.Reports;
using ScrutinyWorkflow.Web.AwayRefresh;
using ScrutinyWorkflow.Web.FocusReports;

namespace ScrutinyWorkflow.Functions.Tests.Publishing;

/// <summary>What the Functions host reads from the published app: every function with its trigger, the extensions, host.json.</summary>
public sealed class PublishedAppTests(PublishedApp app) : IClassFixture<PublishedApp>
{
    [Fact]
    public void The_app_publishes_in_Release_with_no_warning()
    {
        Assert.True(app.ExitCode == 0, app.Output);
        Assert.DoesNotContain("warning", app.Output, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void The_pages_files_are_published_in_the_apps_wwwroot_where_the_worker_serves_them_from()
    {
        Assert.True(app.ExitCode == 0, app.Output);
        foreach (var file in new[] { "assets/govuk-frontend.min.css", "assets/govuk-frontend.min.js", "site.css", "init.js" })
        {
            Assert.True(File.Exists(Path.Combine(app.Folder, "wwwroot", file)), $"wwwroot/{file} is not in the published app.");
        }
    }

    [Fact]
    public void The_app_carries_nothing_of_the_web_hosts_own_nor_the_durable_test_host()
    {
        Assert.True(app.ExitCode == 0, app.Output);
        // The web host's settings name sample files that are not deployed, and it is a host of its own; the product's npm
        // files are for its build; the in-process test host is the web host's Durable engine, not the Functions app's.
        foreach (var file in new[] { "appsettings.json", "package.json", "package-lock.json", "ScrutinyWorkflow.WebHost.dll", "ScrutinyWorkflow.WebHost", "ScrutinyWorkflow.Web.runtimeconfig.json", "Microsoft.DurableTask.InProcessTestHost.dll" })
        {
            Assert.False(File.Exists(Path.Combine(app.Folder, file)), $"{file} is in the published app.");
        }
        var dependencies = File.ReadAllText(Path.Combine(app.Folder, "ScrutinyWorkflow.Functions.deps.json"));
        Assert.DoesNotContain("InProcessTestHost", dependencies, StringComparison.Ordinal);
        Assert.DoesNotContain("ScrutinyWorkflow.WebHost", dependencies, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(app.Folder, "ScrutinyWorkflow.Web.dll")), "The product's own assembly is missing from the published app.");
    }

    [Fact]
    public void Functions_metadata_lists_every_function_with_its_trigger()
    {
        var functions = Functions();

        Assert.Equal(
            new Dictionary<string, string>
            {
                ["Api"] = "httpTrigger",
                ["Respond"] = "httpTrigger",
                ["Pages"] = "httpTrigger",
                ["ReviewTimer"] = "orchestrationTrigger",
                ["AdvanceReview"] = "activityTrigger",
                ["ReviewSweep"] = "timerTrigger",
                ["ReportDropped"] = "blobTrigger",
                ["FocusReportFeed"] = "timerTrigger",
                ["AwayRefresh"] = "timerTrigger",
            }.OrderBy(p => p.Key, StringComparer.Ordinal),
            functions.ToDictionary(f => f.Key, f => Trigger(f.Value).GetProperty("type").GetString()!).OrderBy(p => p.Key, StringComparer.Ordinal));
    }

    [Fact]
    public void The_http_functions_carry_their_routes_and_every_one_can_reach_the_durable_client()
    {
        var functions = Functions();

        Assert.Equal(HttpFunctions.ApiRoute, Trigger(functions["Api"]).GetProperty("route").GetString());
        Assert.Equal(HttpFunctions.RespondRoute, Trigger(functions["Respond"]).GetProperty("route").GetString());
        Assert.Equal(HttpFunctions.PagesRoute, Trigger(functions["Pages"]).GetProperty("route").GetString());
        Assert.All(new[] { "Api", "Respond", "Pages", "ReportDropped", "FocusReportFeed", "AwayRefresh" },
            name => Assert.Contains(Bindings(functions[name]), b => b.GetProperty("type").GetString() == "durableClient"));
    }

    [Fact]
    public void The_blob_trigger_watches_the_reports_container_through_event_grid_and_the_timer_runs_daily()
    {
        var functions = Functions();

        var blob = Trigger(functions["ReportDropped"]);
        Assert.Equal(ReportFunctions.ReportsContainer + "/{name}", blob.GetProperty("path").GetString());
        Assert.Equal("EventGrid", blob.GetProperty("source").GetString());
        Assert.Equal(FocusReportFeed.DailySchedule, Trigger(functions["FocusReportFeed"]).GetProperty("schedule").GetString());
        Assert.Equal(AwayRefreshJob.HourlySchedule, Trigger(functions["AwayRefresh"]).GetProperty("schedule").GetString());
    }

    [Fact]
    public void Extensions_json_names_the_durable_and_blob_extensions_for_the_host_to_load()
    {
        var names = app.Read("extensions.json").GetProperty("extensions").EnumerateArray().Select(e => e.GetProperty("name").GetString()).ToList();

        Assert.Contains("DurableTask", names);
        Assert.Contains("AzureStorageBlobs", names);
        Assert.True(File.Exists(Path.Combine(app.Folder, ".azurefunctions", "Microsoft.Azure.WebJobs.Extensions.DurableTask.dll")));
    }

    [Fact]
    public void Host_json_is_published_with_the_task_hub_from_a_setting_and_extended_sessions_off()
    {
        var durable = app.Read("host.json").GetProperty("extensions").GetProperty("durableTask");

        Assert.Equal("%Scrutiny:Durable:TaskHub%", durable.GetProperty("hubName").GetString());
        Assert.False(durable.GetProperty("extendedSessionsEnabled").GetBoolean());
        Assert.InRange(durable.GetProperty("maxConcurrentActivityFunctions").GetInt32(), 1, 32);
        Assert.Equal("", app.Read("host.json").GetProperty("extensions").GetProperty("http").GetProperty("routePrefix").GetString());
    }

    private Dictionary<string, JsonElement> Functions() =>
        app.Read("functions.metadata").EnumerateArray().ToDictionary(f => f.GetProperty("name").GetString()!, f => f);

    private static IEnumerable<JsonElement> Bindings(JsonElement function) => function.GetProperty("bindings").EnumerateArray();

    private static JsonElement Trigger(JsonElement function) =>
        Assert.Single(Bindings(function), b => b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal));
}
