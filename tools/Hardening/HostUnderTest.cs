using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using AngleSharp.Html.Parser;
using ScrutinyWorkflow.Tests.Shared;
using ScrutinyWorkflow.Web.Mail;

namespace ScrutinyWorkflow.Hardening;

/// <summary>
/// The real web host as a child process on its own data folder and temp folder, with the embedded runtime, the sample
/// directory, a runner that polls every second and, when asked, the time taken from a clock file; it can be killed and
/// started again on the same data, and it is driven the way people drive it: the JSON API and the emailed links.
/// </summary>
internal sealed class HostUnderTest : IAsyncDisposable
{
    public const string Head = "head.of.service@council.example";
    public const string Tom = "tom.okafor@council.example";
    public const string Data = "data.team@council.example";

    private readonly string? clockFile;
    private readonly string directory;
    private readonly string linkKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
    private WebHostProcess? process;
    private int starts;

    private HostUnderTest(string root, DateTimeOffset? clock, string? directory)
    {
        Root = root;
        this.directory = directory ?? Path.Combine(Loopback.RepositoryRoot(), "samples", "directory.json");
        Directory.CreateDirectory(DataPath);
        Directory.CreateDirectory(TempPath);
        if (clock is { } now)
        {
            clockFile = Path.Combine(root, "clock.txt");
            SetClock(now);
        }
    }

    public string Root { get; }

    public string DataPath => Path.Combine(Root, "data");

    /// <summary>The host's own temp folder (TMPDIR), where ASP.NET Core buffers large uploads.</summary>
    public string TempPath => Path.Combine(Root, "tmp");

    public Uri Address => process?.Address ?? throw new InvalidOperationException("The host is not running.");

    public int ProcessId => process?.Id ?? 0;

    public bool IsServing => process is { HasExited: false };

    public EmlMailbox Mailbox => new(Path.Combine(DataPath, "mail"));

    private readonly Dictionary<string, EmlMessage> read = new(StringComparer.Ordinal);

    /// <summary>Every message in the mail folder, each file parsed once (a message file is written whole and never changed).</summary>
    public IReadOnlyList<EmlMessage> Mails()
    {
        var folder = Path.Combine(DataPath, "mail");
        if (!Directory.Exists(folder))
        {
            return [];
        }
        lock (read)
        {
            foreach (var name in Directory.EnumerateFiles(folder, "*.eml").Select(Path.GetFileName).Where(n => !read.ContainsKey(n!)))
            {
                if (Mailbox.Find(name!) is { } message)
                {
                    read[name!] = message;
                }
            }
            return [.. read.Values];
        }
    }

    /// <summary>Every log file the host's runs wrote, one per start.</summary>
    public IEnumerable<string> LogFiles => Directory.EnumerateFiles(Root, "host-*.log");

    /// <param name="directory">The officer directory, the sample one unless given.</param>
    public static async Task<HostUnderTest> StartAsync(string root, DateTimeOffset? clock = null, string? directory = null)
    {
        var host = new HostUnderTest(root, clock, directory);
        await host.StartAgainAsync();
        return host;
    }

    /// <summary>Starts the host (again) on the same data, key, clock and temp folder.</summary>
    public async Task StartAgainAsync()
    {
        var settings = new List<string>
        {
            $"--Scrutiny:DataPath={DataPath}",
            $"--Scrutiny:DirectoryPath={directory}", "--Scrutiny:Routing:RulesPath=",
            "--Scrutiny:PublicBaseUrl=http://scrutiny.council.example", $"--Scrutiny:LinkKey={linkKey}", "--Scrutiny:ReceiptQuietPeriod=00:00:00", "--Scrutiny:Runner:PollSeconds=1",
            // The corpus sends dozens of hostile answers through one link within a minute, from one address, to see how
            // each is handled; the rate limits (tested on their own) would answer most of them 429 before they arrived.
            "--Scrutiny:SignIn:RateLimits:AnswersPerLinkPerMinute=100000", "--Scrutiny:SignIn:RateLimits:AnswersPerAddressPerMinute=1000000",
        };
        if (clockFile is not null)
        {
            settings.Add($"--{Web.Hosting.FileClock.Setting}={clockFile}");
        }
        var environment = new Dictionary<string, string> { ["TMPDIR"] = TempPath, ["ASPNETCORE_TEMP"] = TempPath };
        process = await WebHostProcess.StartAsync(settings, Path.Combine(Root, $"host-{++starts}.log"), environment);
    }

    /// <summary>SIGKILL, then waits for the process to be gone (its log written).</summary>
    public async Task KillAsync()
    {
        if (process is { } running)
        {
            running.Kill();
            await running.DisposeAsync();
            process = null;
        }
    }

    /// <summary>Moves the host's clock: written whole and renamed into place, so the host never reads half of it.</summary>
    public void SetClock(DateTimeOffset now)
    {
        var next = clockFile + ".next";
        File.WriteAllText(next, now.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
        File.Move(next, clockFile!, overwrite: true);
    }

    /// <summary>A client for the host whose requests may take ten minutes: a ceiling for a loaded machine, not an expected time.</summary>
    public HttpClient Client() => new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = Address, Timeout = TimeSpan.FromMinutes(10) };

    /// <summary>The host's peak resident memory so far (VmHWM), in MiB.</summary>
    public double PeakMemoryMiB() =>
        File.ReadLines($"/proc/{ProcessId}/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal)) is var line
            ? long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0
            : 0;

    public async Task<string> CreateReviewAsync(object body)
    {
        using var client = Client();
        var response = await client.PostAsJsonAsync("/api/reviews", body);
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"Creating a review answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
        return (await response.Content.ReadFromJsonAsync<Web.Reviews.CreatedReview>())!.Id;
    }

    public async Task<HttpStatusCode> PostJsonAsync(string path, object? body = null)
    {
        using var client = Client();
        var response = await client.PostAsync(path, body is null ? new StringContent("", System.Text.Encoding.UTF8, "application/json") : JsonContent.Create(body));
        return response.StatusCode;
    }

    public async Task<Web.Reviews.ReviewView> ReviewAsync(string id)
    {
        using var client = Client();
        return (await client.GetFromJsonAsync<Web.Reviews.ReviewView>($"/api/reviews/{id}"))!;
    }

    /// <summary>
    /// The link in the request this review sent this person, waiting up to five minutes for the runner to send it (a
    /// ceiling for a loaded machine, not an expected time: the runner sends it within a second or two).
    /// </summary>
    public async Task<string> LinkAsync(string reviewId, string officer)
    {
        for (var until = DateTime.UtcNow.AddMinutes(5); ; await Task.Delay(200))
        {
            var request = Mails().FirstOrDefault(m => m.MessageId.Contains(reviewId, StringComparison.Ordinal)
                && m.To.Single().Contains(officer, StringComparison.Ordinal) && ResponseLinkText.Pattern().IsMatch(m.TextBody));
            if (request is not null)
            {
                return new Uri(ResponseLinkText.Pattern().Match(request.TextBody).Value).AbsolutePath;
            }
            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"Review {reviewId} sent {officer} no request within five minutes.");
            }
        }
    }

    /// <summary>
    /// Opens the link in a fresh browser and fills in the form under one question (the <paramref name="question"/>th on
    /// the page) as the page would send it: its hidden fields (assignment, antiforgery token), the answer and the button.
    /// </summary>
    public async Task<AnswerForm> OpenFormAsync(string link, int question, string action = "submit")
    {
        var browser = Client();
        var page = new HtmlParser().ParseDocument(await browser.GetStringAsync(link));
        var section = page.QuerySelectorAll("section.question").ElementAtOrDefault(question)
            ?? throw new InvalidOperationException($"The page at {link[..12]}... has no question {question}.");
        // "Submit" is pressed on the check page after "Continue"; the question's own form carries the same fields.
        var form = section.QuerySelectorAll("form").FirstOrDefault(f => f.QuerySelector($"button[value={(action == "submit" ? "check" : action)}]") is not null)
            ?? throw new InvalidOperationException($"Question {question} has no form to {action}.");
        var fields = form.QuerySelectorAll("input[type=hidden]").ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? "");
        fields["action"] = action;
        return new AnswerForm(browser, link, fields, section.QuerySelector("h2")?.TextContent ?? "");
    }

    public async ValueTask DisposeAsync() => await KillAsync();
}

/// <summary>One question's form as a browser holds it: its cookie jar, the hidden fields, and where it posts.</summary>
internal sealed record AnswerForm(HttpClient Browser, string Link, Dictionary<string, string> Fields, string Question) : IDisposable
{
    public Task<HttpResponseMessage> SendAsync(string answer)
    {
        var fields = new Dictionary<string, string>(Fields) { ["answer"] = answer };
        return Browser.PostAsync(Link, new FormUrlEncodedContent(fields));
    }

    public void Dispose() => Browser.Dispose();
}
