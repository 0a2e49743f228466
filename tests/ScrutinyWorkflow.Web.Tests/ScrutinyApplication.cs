using System.Net;
using System.Net.Http.Json;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using ScrutinyWorkflow.Tests.Shared;
using ScrutinyWorkflow.Web.Engine.Embedded;
using ScrutinyWorkflow.Web.Mail;

namespace ScrutinyWorkflow.Web.Tests;

/// <summary>
/// The real web host on real local parts: a SQLite file and sent .eml mail in a temporary data folder, the sample
/// officer directory, and a fake clock the test moves. The background runner is off; tests run its passes
/// themselves, so nothing happens between steps that the test did not ask for.
/// </summary>
internal sealed class ScrutinyApplication(
    string dataPath, FakeTimeProvider clock, IReadOnlyDictionary<string, string>? settings = null, IReadOnlyList<Action<IServiceCollection>>? services = null)
    : WebApplicationFactory<Program>
{
    public const string PublicBaseUrl = "https://scrutiny.council.example";

    public string DataPath { get; } = dataPath;

    public FakeTimeProvider Clock { get; } = clock;

    public EmlMailbox Mailbox => new(Path.Combine(DataPath, "mail"));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Scrutiny:DataPath", DataPath);
        builder.UseSetting("Scrutiny:DirectoryPath", Path.Combine(RepositoryRoot(), "samples", "directory.json"));
        // Routing is on in the product; tests of other things name their officers, and the routing tests turn it on.
        builder.UseSetting("Scrutiny:Routing:RulesPath", "");
        builder.UseSetting("Scrutiny:PublicBaseUrl", PublicBaseUrl);
        builder.UseSetting("Scrutiny:TeamEmail", "scrutiny@council.example");
        builder.UseSetting("Scrutiny:Runner:Enabled", "false");
        // Tests read automatic replies again themselves (AwayRefreshJob), like the runner.
        builder.UseSetting("Scrutiny:Directory:AwayRefreshMinutes", "0");
        // Each answer's receipt is due at once, as tests written before receipts were grouped expect; the grouping
        // tests set the product's wait.
        builder.UseSetting("Scrutiny:ReceiptQuietPeriod", "00:00:00");
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureServices(collection =>
        {
            collection.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock));
            collection.Replace(ServiceDescriptor.Singleton(new Documents.Statements.LibreOfficePdf(timeLimit: Patience)));
            foreach (var configure in services ?? [])
            {
                configure(collection);
            }
        });
    }

    /// <summary>
    /// How long a request to the host (and a PDF conversion within one) may take before the test gives up: a ceiling for
    /// a machine loaded far past its cores, not an expected time. The product's own limits are tested on their own.
    /// </summary>
    public static readonly TimeSpan Patience = TimeSpan.FromMinutes(10);

    protected override void ConfigureClient(HttpClient client)
    {
        base.ConfigureClient(client);
        client.Timeout = Patience;
    }

    /// <summary>One pass of the embedded runner: fire due timers, carry out pending effects (mail, filing). The Durable runtime has none: its engine does this.</summary>
    /// <summary>
    /// Runs the embedded runner once; on the Durable runtime, waits until this host has handed on the work of every
    /// command it recorded (its effects carried out), which is what the runner's pass does on the embedded one.
    /// </summary>
    public async Task<RunnerPass> RunRunnerAsync()
    {
        if (Services.GetService<Web.Engine.Durable.ReviewHandoff>() is { } handoff)
        {
            await handoff.IdleAsync();
        }
        return await (Services.GetService<ReviewRunner>()?.RunOnceAsync(CancellationToken.None) ?? Task.FromResult(new RunnerPass(0, 0, 0)));
    }

    /// <summary>Moves the clock to a UK local time (GMT in winter, so the same as UTC) and runs the runner.</summary>
    public async Task<RunnerPass> AtAsync(DateTimeOffset localTime)
    {
        Clock.SetUtcNow(localTime.ToUniversalTime());
        return await RunRunnerAsync();
    }

    public HttpClient Browser() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>The response link in the newest email to this person that names this question.</summary>
    public Uri LinkFor(string email, string questionText)
    {
        var mail = Mailbox.List().First(m =>
            m.To.Any(t => t.Contains(email, StringComparison.OrdinalIgnoreCase))
            && m.TextBody.Contains(questionText, StringComparison.Ordinal)
            && ResponseLinkText.Pattern().IsMatch(m.TextBody));
        return new Uri(ResponseLinkText.Pattern().Match(mail.TextBody).Value);
    }

    /// <summary>
    /// Opens the link as a person would, finds the form under this question, and posts it with its antiforgery token:
    /// <paramref name="action"/> is submit, draft, check, preview, autosave or decline (with <paramref name="fields"/> for the colleague and reason).
    /// </summary>
    public async Task<HttpResponseMessage> AnswerAsync(Uri link, string questionText, string text, string action = "submit", Dictionary<string, string>? fields = null)
    {
        var browser = Browser();
        var page = new HtmlParser().ParseDocument(await browser.GetStringAsync(link.PathAndQuery));
        var section = page.QuerySelectorAll("section.question").FirstOrDefault(s => s.QuerySelector("h2")?.TextContent == questionText);
        Assert.True(section is not null, $"The page has no question \"{questionText}\".");
        // "Submit" is pressed on the check page after "Continue", and autosave is the page's script: the question's own
        // form carries the same fields.
        var form = section.QuerySelectorAll("form").FirstOrDefault(f => f.QuerySelector($"button[value={(action is "submit" or "autosave" ? "check" : action)}]") is not null);
        Assert.True(form is not null, $"The question \"{questionText}\" has no form to {action}.");
        var values = form.QuerySelectorAll("input[type=hidden]").ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? "");
        values["answer"] = text;
        values["action"] = action == "submit" ? "check" : action;
        foreach (var (name, value) in fields ?? [])
        {
            values[name] = value;
        }
        var posted = await browser.PostAsync(link.PathAndQuery, new FormUrlEncodedContent(values));
        if (action != "submit" || posted.StatusCode != HttpStatusCode.SeeOther)
        {
            return posted;
        }
        // Submitted as a person does: from the check page the answer leads to, with what that page's form carries. A
        // colleague's answer to the same question, taken in between, replaces the draft the page would check: the page
        // then sends the person back to the question, showing that answer, and that redirect is what comes back here.
        var checkPage = await browser.GetAsync(posted.Headers.Location!);
        if (checkPage.StatusCode == HttpStatusCode.Found)
        {
            return checkPage;
        }
        checkPage.EnsureSuccessStatusCode();
        var check = new HtmlParser().ParseDocument(await checkPage.Content.ReadAsStringAsync());
        var submit = check.QuerySelectorAll("form").First(f => f.QuerySelector("button[value=submit]") is not null);
        var confirmed = submit.QuerySelectorAll("input[type=hidden]").ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? "");
        confirmed["action"] = "submit";
        return await browser.PostAsync(link.PathAndQuery, new FormUrlEncodedContent(confirmed));
    }

    public async Task<string> CreateReviewAsync(object body)
    {
        var response = await CreateClient().PostAsJsonAsync("/api/reviews", body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"Creating the review answered {response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<Web.Reviews.CreatedReview>())!.Id;
    }

    public async Task<Web.Reviews.ReviewView> GetReviewAsync(string id) =>
        (await CreateClient().GetFromJsonAsync<Web.Reviews.ReviewView>($"/api/reviews/{id}"))!;

    public static string RepositoryRoot() => global::ScrutinyWorkflow.Tests.Shared.Loopback.RepositoryRoot();

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        // Pooled connections would keep the file open for the next host and stop the folder being deleted.
        SqliteConnection.ClearAllPools();
    }

}

/// <summary>A temporary data folder and a fake clock, shared by every host a test starts, so a restart sees both.</summary>
internal sealed class TestWorld(DateTimeOffset? start = null) : IAsyncDisposable
{
    private readonly TemporaryFolder folder = new();

    public string DataPath => folder.Path;

    /// <summary>Monday 14 December 2026, 10:00 unless the test says otherwise.</summary>
    public FakeTimeProvider Clock { get; } = new(start ?? new DateTimeOffset(2026, 12, 14, 10, 0, 0, TimeSpan.Zero));

    private ScrutinyApplication? current;

    /// <summary>The running host, started on first use.</summary>
    public ScrutinyApplication App => current ??= Start();

    /// <summary>Stops the host as a crash or redeploy would, and starts a new one on the same data.</summary>
    public async Task RestartAsync()
    {
        if (current is not null)
        {
            await current.DisposeAsync();
        }
        current = Start();
    }

    /// <summary>Settings for every host this world starts (the runtime, say), over the test defaults.</summary>
    public Dictionary<string, string> Settings { get; } = [];

    /// <summary>Changes to every host's services (a fake at a port), after the product's own.</summary>
    public List<Action<IServiceCollection>> Services { get; } = [];

    private ScrutinyApplication Start()
    {
        var app = new ScrutinyApplication(DataPath, Clock, Settings, Services);
        _ = app.Server; // start now, so a restart is a real new host
        return app;
    }

    public async ValueTask DisposeAsync()
    {
        if (current is not null)
        {
            await current.DisposeAsync();
        }
        folder.Dispose();
    }
}

/// <summary>How the tests call the API the way its rules require.</summary>
internal static class Api
{
    /// <summary>A command that takes no body is still sent as JSON, which no other site's form can do.</summary>
    public static HttpContent NoBody() => new StringContent("", System.Text.Encoding.UTF8, "application/json");

    /// <summary>A client that has fetched the report upload's antiforgery token (and its cookie) and sends it on every request.</summary>
    public static async Task<HttpClient> UploaderAsync(this WebApplicationFactory<Program> app)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var token = (await client.GetFromJsonAsync<Web.FocusReports.UploadToken>("/api/reviews/from-report"))!;
        client.DefaultRequestHeaders.Add(token.HeaderName, token.Token);
        return client;
    }
}
