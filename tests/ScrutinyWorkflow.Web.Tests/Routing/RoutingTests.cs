using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ScrutinyWorkflow.Web.Deployment;
using ScrutinyWorkflow.Web.Hosting;
using ScrutinyWorkflow.Web.Officers;
using ScrutinyWorkflow.Web.Reviews;
using ScrutinyWorkflow.Web.Routing;

namespace ScrutinyWorkflow.Web.Tests.Routing;

/// <summary>The sample rules on the sample reports, a new draft's proposals through the API, and rules files with mistakes.</summary>
public sealed class RoutingTests : IAsyncLifetime
{
    private static readonly string Samples = Path.Combine(ScrutinyApplication.RepositoryRoot(), "samples");
    private static readonly string SampleRules = Path.Combine(Samples, "routing-rules.json");

    private readonly TestWorld world = new();

    public Task InitializeAsync()
    {
        world.Settings["Scrutiny:Routing:RulesPath"] = SampleRules;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await world.DisposeAsync();

    [Theory]
    [InlineData("children-in-care", "Leaving care", "Does every care leaver", "Care leavers", "tom.okafor@council.example")]
    [InlineData("children-in-care", "Placement stability", "What support is available to foster carers", "Children in care", "head.of.service@council.example")]
    [InlineData("domestic-abuse", "Complaints", "How can a person affected by domestic abuse", "Domestic abuse", "zoe.fairbrother@council.example")]
    [InlineData("domestic-abuse", "Adult social care", "What happens when a concern is raised", "Adult social care", "daniel.byrne@council.example")]
    [InlineData("domestic-abuse", "Adult social care", "How does the council make sure that safeguarding", "Domestic abuse", "zoe.fairbrother@council.example")]
    [InlineData("ehc-plans", "Timeliness", "Where are the main causes of delay", "EHC plans (by area)", "james.whitfield@council.example")]
    [InlineData("children-out-of-school", "Special educational needs", "When a child with an education, health and care plan", "EHC plans", "james.whitfield@council.example")]
    [InlineData("children-out-of-school", "Exclusions and reduced timetables", "How does the council make sure that excluded", "Children missing education", "niamh.oconnor@council.example")]
    [InlineData("adult-social-care-charging", "Deferred payments", "How many deferred payment agreements", "Charging for care", "martin.kowalski@council.example")]
    [InlineData("housing", "Temporary accommodation", "How many households with children", "Housing", "owen.price@council.example")]
    [InlineData("housing", "Learning from complaints", "How often are councillors told", "default", "fiona.macleod@council.example")]
    public void The_sample_rules_send_the_sample_reports_questions_to_the_officers_a_council_would(string report, string area, string questionStart, string rule, string officer)
    {
        var question = SampleQuestions(report).Single(q => q.Area == area && q.Text.StartsWith(questionStart, StringComparison.Ordinal));

        var routed = RoutingRulesFile.Load(SampleRules).Route(question.Area, question.Text);

        Assert.Equal(rule, routed.Choice.Rule);
        Assert.Equal([officer], routed.Officers);
    }

    [Fact]
    public void Every_sample_question_is_routed_to_someone_in_the_sample_directory_and_most_by_a_rule()
    {
        var router = RoutingRulesFile.Load(SampleRules);
        var directory = FileOfficerDirectory.Load(Path.Combine(Samples, "directory.json"));
        var questions = Directory.GetFiles(Path.Combine(Samples, "reports"), "*.expected.json")
            .SelectMany(file => SampleQuestions(Path.GetFileName(file)[..^".expected.json".Length])).ToList();

        var routed = questions.Select(q => router.Route(q.Area, q.Text)).ToList();

        Assert.All(routed.SelectMany(r => r.Officers), email => Assert.Contains(directory.All, o => o.Email == email));
        var byDefault = routed.Count(r => r.Choice.Rule == "default");
        Assert.True(byDefault * 10 < questions.Count, $"{byDefault} of {questions.Count} sample questions fell to the default owner.");
    }

    [Fact]
    public async Task A_draft_from_a_report_proposes_officers_for_every_question_with_the_rule_that_chose_them_and_can_go_at_once()
    {
        var created = await (await world.App.UploaderAsync()).PostAsync("/api/reviews/from-report", UploadForm("children-in-care.pdf"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var review = (await created.Content.ReadFromJsonAsync<ReviewView>())!;

        var questions = review.Areas.SelectMany(a => a.Questions.Select(q => (a.Heading, Question: q))).ToList();
        Assert.All(questions, q => Assert.NotEmpty(q.Question.Officers));
        Assert.All(questions, q => Assert.False(string.IsNullOrWhiteSpace(q.Question.RoutedBy?.Reason)));
        var leavingCare = questions.First(q => q.Heading == "Leaving care").Question;
        Assert.Equal(["tom.okafor@council.example"], leavingCare.Officers);
        Assert.Equal("Care leavers", leavingCare.RoutedBy!.Rule);
        Assert.Equal("The area of focus \u201cLeaving care\u201d matches \u201cleaving care\u201d.", leavingCare.RoutedBy.Reason);

        var client = world.App.CreateClient();
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync($"/api/reviews/{review.Id}/dispatch", Api.NoBody())).StatusCode);
        await world.App.RunRunnerAsync();
        var officers = questions.SelectMany(q => q.Question.Officers).Distinct().ToList();
        var sent = world.App.Mailbox.List();
        Assert.Equal(officers.Count, sent.Count);
        Assert.All(officers, email => Assert.Single(sent, m => m.To.Single().Contains(email, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task The_json_api_routes_only_questions_without_officers_and_the_rule_shows_in_the_draft()
    {
        var client = world.App.CreateClient();
        var created = await client.PostAsJsonAsync("/api/reviews", new
        {
            focusReport = new { title = "Safe to ask", published = "2025-03" },
            panel = new { name = "Communities Scrutiny Panel", email = "panel@council.example" },
            meetingDate = "2027-01-20",
            deadline = "2027-01-08",
            areas = new object[]
            {
                new
                {
                    heading = "Housing and homelessness",
                    questions = new object[]
                    {
                        new { text = "How many people fleeing domestic abuse were placed in interim accommodation?", officers = Array.Empty<string>() },
                        new { text = "How is interim accommodation checked?", officers = new[] { "tom.okafor@council.example" } },
                    },
                },
            },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<CreatedReview>())!.Id;

        var json = JsonDocument.Parse(await client.GetStringAsync($"/api/reviews/{id}")).RootElement;

        var questions = json.GetProperty("areas")[0].GetProperty("questions");
        Assert.Equal("zoe.fairbrother@council.example", questions[0].GetProperty("officers")[0].GetString());
        Assert.Equal("Domestic abuse", questions[0].GetProperty("routedBy").GetProperty("rule").GetString());
        Assert.Equal("The question mentions \u201cdomestic abuse\u201d.", questions[0].GetProperty("routedBy").GetProperty("reason").GetString());
        Assert.Equal("tom.okafor@council.example", questions[1].GetProperty("officers")[0].GetString());
        Assert.Equal(JsonValueKind.Null, questions[1].GetProperty("routedBy").ValueKind);
    }

    [Theory]
    [InlineData("{ \"defaultOwner\": \"fiona.macleod@council.example\", \"rules\": [ { \"name\": \"Housing\", \"word\": [\"housing\"], \"officers\": [\"owen.price@council.example\"] } ] }", "word")]
    [InlineData("{ \"defaultOwner\": \"fiona.macleod@council.example\", \"rules\": [ { \"name\": \"Housing\", \"officers\": [\"owen.price@council.example\"] } ] }", "Rule 1 (\"Housing\") matches nothing")]
    [InlineData("{ \"rules\": [] }", "default owner")]
    [InlineData("{ \"defaultOwner\": \"fiona.macleod@council.example\", \"rules\": [ { \"name\": \"Housing\", \"areas\": [\"housing\"], \"officers\": [\"nobody.here@council.example\"] } ] }", "nobody.here@council.example, not in the officer directory")]
    [InlineData("{ \"defaultOwner\": \"fiona.macleod@council.example\",\n  \"rules\": [ { \"name\": \"Housing\" ", "line 2")]
    public async Task A_rules_file_with_a_mistake_stops_the_host_naming_the_file_and_the_mistake(string rules, string named)
    {
        var path = Path.Combine(world.DataPath, "routing-rules.json");
        Directory.CreateDirectory(world.DataPath);
        await File.WriteAllTextAsync(path, rules);
        await using var host = Host(world.DataPath, path);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => host.StartAsync());

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_sample_rules_start_the_host()
    {
        await using var host = Host(world.DataPath, SampleRules);

        await host.StartAsync();
        await host.StopAsync();
    }

    [Fact]
    public async Task A_council_directory_with_no_rules_file_beside_it_starts_with_routing_off()
    {
        // The council's own directory, naming none of the samples' people, in a folder of its own.
        var directory = Path.Combine(world.DataPath, "council", "directory.csv");
        Directory.CreateDirectory(Path.GetDirectoryName(directory)!);
        await File.WriteAllTextAsync(directory, "email,name,designation,manager\nchris.hale@borough.example,Chris Hale,Head of Housing,\n");
        await using var host = Host(world.DataPath, rulesPath: null, directory);

        await host.StartAsync();

        var routing = host.Services.GetRequiredService<DraftRouting>();
        Assert.Null(routing.File);
        Assert.Empty(routing.Everyone);
        await host.StopAsync();
    }

    [Fact]
    public async Task The_rules_beside_the_directory_file_are_used_when_no_rules_file_is_named()
    {
        await using var host = Host(world.DataPath, rulesPath: null);

        await host.StartAsync();

        var routing = host.Services.GetRequiredService<DraftRouting>();
        Assert.Equal(Path.GetFullPath(SampleRules), routing.File);
        Assert.NotEmpty(routing.Everyone);
        await host.StopAsync();
    }

    [Fact]
    public async Task A_blank_rules_file_turns_routing_off_even_beside_the_sample_directory()
    {
        await using var host = Host(world.DataPath, rulesPath: "");

        await host.StartAsync();

        Assert.Null(host.Services.GetRequiredService<DraftRouting>().File);
        await host.StopAsync();
    }

    private static WebApplication Host(string dataPath, string? rulesPath, string? directoryPath = null)
    {
        Directory.CreateDirectory(dataPath);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = dataPath, EnvironmentName = "Production" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Scrutiny:DataPath"] = dataPath,
            ["Scrutiny:DirectoryPath"] = directoryPath ?? Path.Combine(Samples, "directory.json"),
            ["Scrutiny:PublicBaseUrl"] = ScrutinyApplication.PublicBaseUrl,
            ["Scrutiny:TeamEmail"] = "scrutiny@council.example",
        });
        if (rulesPath is not null)
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Scrutiny:Routing:RulesPath"] = rulesPath });
        }
        builder.AddScrutinyHosting();
        builder.AddOfficerDirectory(DeploymentProfile.Read(builder, ProductHost.WebHost));
        builder.AddQuestionRouting();
        return builder.Build();
    }

    private static IEnumerable<(string Area, string Text)> SampleQuestions(string report)
    {
        using var expected = JsonDocument.Parse(File.ReadAllText(Path.Combine(Samples, "reports", report + ".expected.json")));
        return [.. expected.RootElement.GetProperty("areas").EnumerateArray().SelectMany(area => area.GetProperty("questions").EnumerateArray()
            .Select(q => (area.GetProperty("heading").GetString()!, q.ValueKind == JsonValueKind.String ? q.GetString()! : q.GetProperty("text").GetString()!)))];
    }

    private static MultipartFormDataContent UploadForm(string sample)
    {
        var form = new MultipartFormDataContent();
        var content = new ByteArrayContent(File.ReadAllBytes(Path.Combine(Samples, "reports", sample)));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(content, "file", sample);
        form.Add(new StringContent("Children and Families Scrutiny Panel"), "panelName");
        form.Add(new StringContent("panel@council.example"), "panelEmail");
        form.Add(new StringContent("2027-01-20"), "meetingDate");
        form.Add(new StringContent("2027-01-08"), "deadline");
        return form;
    }
}
