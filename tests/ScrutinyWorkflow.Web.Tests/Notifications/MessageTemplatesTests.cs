using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using ScrutinyWorkflow.Core.Reviews;
using ScrutinyWorkflow.Web.Deployment;
using ScrutinyWorkflow.Web.Hosting;
using ScrutinyWorkflow.Web.Mail;
using ScrutinyWorkflow.Web.Notifications;
using ScrutinyWorkflow.Web.Tests.EndToEnd;

namespace ScrutinyWorkflow.Web.Tests.Notifications;

/// <summary>The shipped templates, a council's own, and templates with mistakes in them.</summary>
public sealed class MessageTemplatesTests : IAsyncLifetime
{
    private static readonly string Shipped = Path.Combine(ScrutinyApplication.RepositoryRoot(), "samples", "templates");

    private readonly TestWorld world = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await world.DisposeAsync();

    public static TheoryData<string> Templates() => [.. TemplateCatalogue.All.Select(t => t.Name)];

    [Theory]
    [MemberData(nameof(Templates))]
    public void Each_template_fills_in_every_placeholder_it_names_and_leaves_no_liquid_behind(string name)
    {
        var spec = TemplateCatalogue.All.Single(t => t.Name == name);
        var source = File.ReadAllText(Path.Combine(Shipped, name + MessageTemplates.Extension));

        // A follow-up's message words a recommendation and a remedy apart: each placeholder must show in one of them.
        var kinds = TemplateCatalogue.PlaceholdersOf(spec).ContainsKey("follow_up.kind") ? new string?[] { "recommendation", "remedy" } : [null];
        var filled = kinds.Select(kind => MessageTemplates.Load(null).Fill(name, SampleModel(spec, kind))).ToList();

        var used = TemplateCatalogue.PlaceholdersOf(spec).Keys.Where(p => Sample(p) is string && Uses(source, p)).ToList();
        Assert.NotEmpty(used);
        var texts = filled.Select(f => f.Subject + "\n" + f.BodyMarkdown.Replace("\\", "", StringComparison.Ordinal)).ToList();
        Assert.All(used, p => Assert.Contains(texts, text => text.Contains(Sample(p)!.ToString()!, StringComparison.Ordinal)));
        Assert.All(filled, f => Assert.False(string.IsNullOrWhiteSpace(f.Subject)));
        Assert.All(texts, text => Assert.DoesNotContain("{{", text, StringComparison.Ordinal));
        Assert.All(texts, text => Assert.DoesNotContain("{%", text, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void Each_shipped_template_says_in_its_header_when_it_is_sent_and_what_every_placeholder_holds(string name)
    {
        var spec = TemplateCatalogue.All.Single(t => t.Name == name);
        var header = File.ReadAllText(Path.Combine(Shipped, name + MessageTemplates.Extension)).Split("{% endcomment %}")[0];

        Assert.Contains(spec.SentWhen, header, StringComparison.Ordinal);
        Assert.All(TemplateCatalogue.PlaceholdersOf(spec), p => Assert.Contains($"  {p.Key}: {p.Value}", header, StringComparison.Ordinal));
        Assert.Equal(MessageTemplates.Shipped(name + MessageTemplates.Extension), File.ReadAllText(Path.Combine(Shipped, name + MessageTemplates.Extension)));
    }

    [Fact]
    public async Task Words_from_people_are_text_in_both_parts_never_a_link_markup_or_script()
    {
        var hostile = "Is [this safe](https://evil.example/login)? <script>alert(1)</script> **bold** \n- not a list";
        var state = ReviewWith(hostile);

        var mail = await ReviewMessagesTests.MessagesWith(MessageTemplates.Load(null)).ComposeAsync("rv-1.2", new SendRequest("asha@council.example", ["A1"]), state, Now);

        var html = new HtmlParser().ParseDocument(mail.HtmlBody);
        Assert.Empty(html.QuerySelectorAll("script"));
        Assert.DoesNotContain(html.QuerySelectorAll("a"), a => a.GetAttribute("href")!.Contains("evil", StringComparison.Ordinal));
        Assert.Empty(html.QuerySelectorAll("strong"));
        Assert.Contains("[this safe](https://evil.example/login)? <script>alert(1)</script> **bold**", html.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("[this safe](https://evil.example/login)? <script>alert(1)</script> **bold**", mail.TextBody, StringComparison.Ordinal);
        var link = Assert.Single(html.QuerySelectorAll("a"));
        Assert.Equal("Answer your question", link.TextContent);
        Assert.StartsWith("https://scrutiny.council.example/respond/", link.GetAttribute("href"), StringComparison.Ordinal);
        Assert.Contains("Scrutiny Team, Riverside Borough Council: scrutiny@council.example", mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_councils_edited_template_is_the_one_sent()
    {
        var folder = CopyOfShipped();
        var request = Path.Combine(folder, "request.md");
        await File.WriteAllTextAsync(request, (await File.ReadAllTextAsync(request))
            .Replace("Subject: “{{ review.short_title }}” review:", "Subject: Riverside scrutiny, {{ review.short_title }}:", StringComparison.Ordinal)
            .Replace("Dear {{ officer.name }},", "Hello {{ officer.name }}, from {{ council.name }}.", StringComparison.Ordinal));
        world.Settings["Scrutiny:Mail:TemplatesPath"] = folder;
        world.Settings["Scrutiny:Mail:CouncilName"] = "Riverside Borough Council";

        await AssuranceReviewScenario.CreateAndDispatchAsync(world.App);
        await AssuranceReviewScenario.SendRequestsAsync(world.App);

        var sent = world.App.Mailbox.List();
        Assert.NotEmpty(sent);
        Assert.All(sent, m => Assert.StartsWith("Riverside scrutiny, Careless:", m.Subject, StringComparison.Ordinal));
        Assert.All(sent, m => Assert.Contains("from Riverside Borough Council.", m.TextBody, StringComparison.Ordinal));
        Assert.All(sent, m => Assert.Contains("from Riverside Borough Council.", m.HtmlBody, StringComparison.Ordinal));
    }

    [Fact]
    public void A_template_naming_an_unknown_placeholder_fails_naming_the_file_the_line_and_the_placeholder()
    {
        var folder = CopyOfShipped();
        var reminder = Path.Combine(folder, "reminder.md");
        var lines = File.ReadAllLines(reminder).ToList();
        var at = lines.FindIndex(l => l.StartsWith("Dear", StringComparison.Ordinal));
        lines[at] = "Dear {{ officer.first_name }},";
        File.WriteAllLines(reminder, lines);

        var error = Assert.Throws<InvalidDataException>(() => MessageTemplates.Load(folder));

        Assert.Contains($"{reminder}, line {at + 1}", error.Message, StringComparison.Ordinal);
        Assert.Contains("{{ officer.first_name }}", error.Message, StringComparison.Ordinal);
        Assert.Contains("officer.name", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_template_or_one_that_does_not_parse_fails_naming_each_file()
    {
        var folder = CopyOfShipped();
        File.Delete(Path.Combine(folder, "escalation.md"));
        File.AppendAllText(Path.Combine(folder, "declined.md"), "\n{% if reason %}never closed\n");
        File.WriteAllText(Path.Combine(folder, "closed-early.md"), "Dear {{ officer.name }},\n");

        var error = Assert.Throws<InvalidDataException>(() => MessageTemplates.Load(folder));

        Assert.Contains($"{Path.Combine(folder, "escalation.md")}: the template is missing", error.Message, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(folder, "declined.md"), error.Message, StringComparison.Ordinal);
        Assert.Contains($"{Path.Combine(folder, "closed-early.md")}: no \"Subject:\" line", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_template_stops_the_host_at_start()
    {
        var folder = CopyOfShipped();
        File.WriteAllText(Path.Combine(folder, "request.md"), "Subject: {{ review.nickname }}\nDear {{ officer.name }},\n");
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = world.DataPath, EnvironmentName = "Production" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Scrutiny:DataPath"] = world.DataPath,
            ["Scrutiny:DirectoryPath"] = Path.Combine(ScrutinyApplication.RepositoryRoot(), "samples", "directory.json"),
            ["Scrutiny:PublicBaseUrl"] = ScrutinyApplication.PublicBaseUrl,
            ["Scrutiny:TeamEmail"] = "scrutiny@council.example",
            ["Scrutiny:Mail:TemplatesPath"] = folder,
        });
        builder.AddScrutinyHosting();
        builder.AddMail(DeploymentProfile.Read(builder, ProductHost.WebHost));
        builder.AddReviewMessages();
        await using var host = builder.Build();

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => host.StartAsync());

        Assert.Contains($"{Path.Combine(folder, "request.md")}, line 1: the placeholder {{{{ review.nickname }}}}", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Whether the template (below its header) shows the placeholder as it is, not through a filter.</summary>
    private static bool Uses(string source, string placeholder)
    {
        // Printed as it is: a placeholder only tested in a condition ({% if follow_up.kind == "remedy" %}), or printed
        // through a filter, need not appear word for word.
        var below = source[source.IndexOf("Subject:", StringComparison.Ordinal)..];
        return below.Contains("{{ " + placeholder + " }}", StringComparison.Ordinal);
    }

    private static readonly DateTimeOffset Now = new(2026, 12, 14, 10, 0, 0, TimeSpan.Zero);

    private string CopyOfShipped()
    {
        var folder = Path.Combine(world.DataPath, "council-templates");
        Directory.CreateDirectory(folder);
        foreach (var file in Directory.GetFiles(Shipped, "*.md"))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }
        return folder;
    }

    private static ReviewState ReviewWith(string question)
    {
        var decider = new ReviewDecider(ReviewPolicy.Default, new Core.Calendar.WorkingCalendar());
        var asha = new Officer("asha@council.example", "Asha Patel", "Head of Service", null);
        var state = ReviewState.Initial;
        foreach (var command in new ReviewCommand[]
        {
            new DraftReview("rv-1", "Careless: helping to improve council services to children in care", new YearMonth(2020, 12),
                "Children and Families Scrutiny Panel", "panel@council.example", new DateOnly(2027, 1, 20), new DateOnly(2027, 1, 8),
                [new AreaInput("Accommodation", [new QuestionInput(question, [asha.Email])])], [asha], Now),
            new DispatchReview(Now),
        })
        {
            state = Assert.IsType<Accepted>(decider.Decide(command, state)).Events.Aggregate(state, ReviewState.Evolve);
        }
        return state;
    }

    /// <summary>A value for every placeholder, each one recognisable in the output.</summary>
    private static Dictionary<string, object?> SampleModel(TemplateSpec spec, string? followUpKind = null)
    {
        var model = new Dictionary<string, object?>();
        foreach (var placeholder in TemplateCatalogue.PlaceholdersOf(spec).Keys)
        {
            var parts = placeholder.Split('.');
            if (parts.Length == 1)
            {
                model[placeholder] = Sample(placeholder);
                continue;
            }
            var parent = model.TryGetValue(parts[0], out var existing) && existing is Dictionary<string, object?> d ? d : new Dictionary<string, object?>();
            parent[parts[1]] = placeholder == "follow_up.kind" && followUpKind is not null ? followUpKind : Sample(placeholder);
            model[parts[0]] = parent;
        }
        return model;
    }

    private static object? Sample(string placeholder) => placeholder switch
    {
        "questions" => new List<object?> { new Dictionary<string, object?> { ["area"] = "Area one", ["text"] = "Question one?", ["also_asked"] = "Someone Else" } },
        "question" => new Dictionary<string, object?> { ["area"] = "Area one", ["text"] = "Question one?" },
        "recipients" => new List<object?> { "Someone Else (someone@council.example)" },
        // One answer, so the receipt shows the first answer's own placeholders; the grouped wording is read in GroupedReceiptTests.
        "answers" => new List<object?> { new Dictionary<string, object?> { ["area"] = "Area one", ["text"] = "Question one?", ["answer"] = "Sample answer", ["reference"] = "RV-1-Q1-1" } },
        // The first version's words; a new version's are read in the end-to-end new-version test.
        "version" => 1,
        "changes" => new List<object?>(),
        "attached" or "suggested_in_directory" or "amended" => true,
        "reminder_number" or "answered" or "total" => 3,
        "link" or "appendix_link" or "cover_report_link" => new Uri($"https://scrutiny.council.example/{placeholder}"),
        _ => $"[{placeholder}]",
    };
}
