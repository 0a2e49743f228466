using System.Text.Json;
using Microsoft.Playwright;

namespace ScrutinyWorkflow.Web.BrowserTests;

/// <summary>
/// One person's browser tab. Every page it checks is screenshotted into the test output and run through axe-core at
/// WCAG 2.2 AA, and anything the content security policy blocked fails the check: a page that needs an inline
/// script or style to look right is a broken page.
/// </summary>
public sealed class Visitor : IAsyncDisposable
{
    private static readonly string[] Tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

    private static readonly Lazy<string> AxeSource = new(() =>
    {
        var path = Path.Combine(Tests.Shared.Loopback.RepositoryRoot(), "tests", "ScrutinyWorkflow.Web.BrowserTests", "node_modules", "axe-core", "axe.min.js");
        return File.Exists(path)
            ? File.ReadAllText(path)
            : throw new InvalidOperationException($"axe-core is not installed at {path}: run scripts/test.sh, or npm ci in tests/ScrutinyWorkflow.Web.BrowserTests.");
    });

    private readonly IBrowserContext context;
    private readonly string device;
    private readonly List<string> blocked = [];

    private Visitor(IBrowserContext context, IPage page, string device)
    {
        this.context = context;
        this.device = device;
        Page = page;
        Page.Console += (_, message) =>
        {
            if (message.Type == "error" && message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                blocked.Add(message.Text);
            }
        };
        Page.PageError += (_, error) => blocked.Add("Script error: " + error);
    }

    public const string NoScript = "no-js";

    public IPage Page { get; }

    internal static async Task<Visitor> StartAsync(IBrowserContext context, string device)
    {
        // axe-core is put in every page through the DevTools protocol, which the page's content security policy does not govern (a script tag would be blocked).
        await context.AddInitScriptAsync(AxeSource.Value);
        return new(context, await context.NewPageAsync(), device);
    }

    public async Task<IResponse> GoToAsync(string pathAndQuery)
    {
        var r = await Page.GotoAsync(pathAndQuery) ?? throw new InvalidOperationException($"No response for {pathAndQuery}.");
        return r;
    }

    /// <summary>Screenshot the whole page as <paramref name="name"/>, then fail on any axe violation or blocked resource.</summary>
    public async Task CheckAsync(string name)
    {
        await ScreenshotAsync(name);
        // axe-core is script: with JavaScript off it cannot run, and the same markup is checked with it on.
        var violations = device == NoScript ? [] : await AxeViolationsAsync();
        Assert.True(violations.Count == 0, $"axe found {violations.Count} violation(s) on {name} ({device}):\n" + string.Join("\n", violations));
        Assert.True(blocked.Count == 0, $"On {name} ({device}):\n" + string.Join("\n", blocked));
    }

    public async Task ScreenshotAsync(string name) =>
        await Page.ScreenshotAsync(new() { Path = Path.Combine(BrowserHost.ScreenshotFolder, $"{name}.{device}.png"), FullPage = true });

    /// <summary>axe-core on the page as it is now: each violation with its rule, impact and the elements it found.</summary>
    public async Task<IReadOnlyList<string>> AxeViolationsAsync()
    {
        var json = await Page.EvaluateAsync<string>(
            "() => axe.run(document, { runOnly: { type: 'tag', values: " + JsonSerializer.Serialize(Tags) + " } }).then(r => JSON.stringify(r.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.target.join(' ') + ': ' + n.failureSummary) }))))");
        using var document = JsonDocument.Parse(json);
        var result = document.RootElement;
        return [.. result.EnumerateArray().Select(v =>
            $"- {v.GetProperty("id").GetString()} ({v.GetProperty("impact").GetString()}): {v.GetProperty("help").GetString()}\n    "
            + string.Join("\n    ", v.GetProperty("nodes").EnumerateArray().Select(n => n.GetString())))];
    }

    public async ValueTask DisposeAsync() => await context.DisposeAsync();
}
