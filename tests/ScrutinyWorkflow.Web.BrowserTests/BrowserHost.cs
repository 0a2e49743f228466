using Microsoft.Playwright;
using ScrutinyWorkflow.Tests.Shared;

namespace ScrutinyWorkflow.Web.BrowserTests;

/// <summary>
/// The real web host (embedded runtime, a temporary data folder, its runner looking every second) in a child process
/// on a free loopback port, and Debian's Chromium driven headless by Playwright. One of each for every test in the
/// collection; each test opens its own browser context, so no cookie or draft leaks from one to the next.
/// <see cref="DurableBrowserHost"/> is the same on the Durable runtime.
/// </summary>
public class BrowserHost : IAsyncLifetime
{
    public const string CouncilName = "Riverside Borough Council";

    /// <summary>
    /// How long any browser step may take (launching Chromium, a navigation, a click, an expectation, a request, the
    /// runner's mail): a ceiling for a machine loaded far past its cores, not an expected time. Playwright moves on as
    /// soon as what it waits for happens, so a quiet machine is no slower for it.
    /// </summary>
    public static readonly TimeSpan Patience = TimeSpan.FromMinutes(5);

    /// <summary><see cref="Patience"/> as Playwright takes it, in milliseconds.</summary>
    public static float PatienceMilliseconds => (float)Patience.TotalMilliseconds;

    private WebHostProcess? host;
    private IPlaywright? playwright;

    public string DataPath { get; } = Directory.CreateTempSubdirectory("scrutiny-browser-").FullName;

    public Uri Address => host?.Address ?? throw new InvalidOperationException("The host has not started.");

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Where the screenshots of every page visited go: the test output folder, never the repository.</summary>
    public static string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    /// <summary>Which runtime the host runs: a word for the screenshots' names, so each runtime's pages are kept.</summary>
    public virtual string Runtime => "embedded";

    /// <summary>The settings that choose the runtime, after starting whatever it needs; none for the embedded one.</summary>
    protected virtual Task<IReadOnlyList<string>> RuntimeSettingsAsync() => Task.FromResult<IReadOnlyList<string>>([]);

    /// <summary>Stops what <see cref="RuntimeSettingsAsync"/> started, once the host has stopped.</summary>
    protected virtual ValueTask StopRuntimeAsync() => ValueTask.CompletedTask;

    public async Task InitializeAsync()
    {
        var root = Loopback.RepositoryRoot();
        var runtime = await RuntimeSettingsAsync();
        host = await WebHostProcess.StartAsync(
        [
            .. runtime,
            $"--Scrutiny:DataPath={DataPath}", $"--Scrutiny:DirectoryPath={Path.Combine(root, "samples", "directory.json")}", $"--Scrutiny:Routing:RulesPath={Path.Combine(root, "samples", "routing-rules.json")}",
            "--Scrutiny:PublicBaseUrl=http://localhost:5080", "--Scrutiny:TeamEmail=scrutiny@council.example",
            $"--Scrutiny:CouncilName={CouncilName}", "--Scrutiny:Runner:PollSeconds=1",
        ], Path.Combine(DataPath, "host.log"));
        playwright = await Playwright.CreateAsync();
        Assertions.SetDefaultExpectTimeout(PatienceMilliseconds);
        Browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Timeout = PatienceMilliseconds,
            // Without these, Chromium started from the test host treats its pages as in the background and never
            // fires their timers, so axe-core (which yields with setTimeout) would never finish.
            Args = ["--no-sandbox", "--disable-background-timer-throttling", "--disable-renderer-backgrounding", "--disable-backgrounding-occluded-windows"],
        });
        Directory.CreateDirectory(ScreenshotFolder);
    }

    /// <summary>A fresh browser (no cookies) on a desktop or a phone-sized screen, with or without JavaScript.</summary>
    public async Task<Visitor> VisitorAsync(bool phone = false, bool javaScript = true)
    {
        var context = await Browser.NewContextAsync(new()
        {
            BaseURL = Address.ToString(),
            JavaScriptEnabled = javaScript,
            ViewportSize = phone ? new ViewportSize { Width = 375, Height = 667 } : new ViewportSize { Width = 1280, Height = 800 },
            IsMobile = phone,
            HasTouch = phone,
        });
        context.SetDefaultTimeout(PatienceMilliseconds);
        context.SetDefaultNavigationTimeout(PatienceMilliseconds);
        return await Visitor.StartAsync(context, phone ? "phone" : javaScript ? "desktop" : Visitor.NoScript);
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }
        playwright?.Dispose();
        if (host is not null)
        {
            await host.DisposeAsync();
        }
        await StopRuntimeAsync();
        try
        {
            Directory.Delete(DataPath, recursive: true);
        }
        catch (IOException)
        {
            // A file the host still held as it stopped; the temporary folder is the system's to clear.
        }
    }
}

/// <summary>
/// The browser on a host of the Durable runtime: Azurite (npm, installed by scripts/test.sh) for its storage and task
/// hub, the orchestrations running in the host's own worker as they do on Azure.
/// </summary>
public sealed class DurableBrowserHost : BrowserHost
{
    private Azurite? azurite;

    public override string Runtime => "durable";

    protected override async Task<IReadOnlyList<string>> RuntimeSettingsAsync()
    {
        azurite = await Azurite.StartAsync();
        return ["--Scrutiny:Runtime=Durable", $"--Scrutiny:Storage:ConnectionString={azurite.ConnectionString}", "--Scrutiny:Durable:TaskHub=scrutinybrowser"];
    }

    protected override async ValueTask StopRuntimeAsync()
    {
        if (azurite is not null)
        {
            await azurite.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserTestGroup : ICollectionFixture<BrowserHost>
{
    public const string Name = "Browser";
}

[CollectionDefinition(Name)]
public sealed class DurableBrowserTestGroup : ICollectionFixture<DurableBrowserHost>
{
    public const string Name = "Browser on the Durable runtime";
}
