using Microsoft.Playwright;

namespace ScrutinyWorkflow.Web.BrowserTests;

/// <summary>What the browser tests do to a page the way a person does it, and wait for as a person would.</summary>
internal static class PageActions
{
    public static Task SubmitAsync(IPage page, ILocator control) => SubmitAsync(page, () => control.ClickAsync());

    /// <summary>Does what posts the form and waits until the browser shows the page the post led to (a redirect's GET, or the form again).</summary>
    public static async Task SubmitAsync(IPage page, Func<Task> press)
    {
        // Marked in the page's window, which Playwright reaches with the page's own JavaScript off too.
        await page.EvaluateAsync("() => { window.__before = true; }");
        await press();
        await page.WaitForFunctionAsync("() => window.__before === undefined && document.readyState === 'complete'", null, new() { PollingInterval = 100, Timeout = BrowserHost.PatienceMilliseconds });
    }

    /// <summary>Fails unless the page fits a phone's width, then checks it as <see cref="Visitor.CheckAsync"/> does.</summary>
    public static async Task FitsAsync(Visitor visitor, string name)
    {
        Assert.True(await visitor.Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), $"{name} scrolls sideways on a phone.");
        await visitor.CheckAsync(name);
    }

    /// <summary>Presses Tab from where focus is until it reaches the first element matching <paramref name="selector"/>.</summary>
    public static async Task TabToAsync(IPage page, string selector)
    {
        for (var presses = 0; presses < 40; presses++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await page.EvaluateAsync<bool>("s => document.activeElement === document.querySelector(s)", selector))
            {
                return;
            }
        }
        Assert.Fail($"Tab never reached {selector}.");
    }
}
