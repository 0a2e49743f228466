using Microsoft.Playwright;

namespace ScrutinyWorkflow.Web.BrowserTests;

/// <summary>The layout every page shares, seen through the sent-mail pages: GOV.UK Frontend served by the host, nothing inline.</summary>
[Collection(BrowserTestGroup.Name)]
[Trait("Speed", "Slow")]
public sealed class LayoutTests(BrowserHost host)
{
    [Fact]
    public async Task A_page_has_the_councils_name_a_skip_link_and_GOV_UK_styles_and_no_accessibility_violations()
    {
        await using var visitor = await host.VisitorAsync();

        var response = await visitor.GoToAsync("/mail");

        Assert.Equal(200, response.Status);
        Assert.Equal($"Sent mail - Scrutiny Workflow - {BrowserHost.CouncilName}", await visitor.Page.TitleAsync());
        Assert.Equal(BrowserHost.CouncilName, (await visitor.Page.Locator(".govuk-header__link--homepage").InnerTextAsync()).Trim());
        // GOV.UK Frontend's stylesheet applied (its font and its header's black), and its script ran from a file.
        Assert.Contains("GDS Transport", await visitor.Page.Locator("h1").EvaluateAsync<string>("e => getComputedStyle(e).fontFamily"), StringComparison.Ordinal);
        Assert.Contains("govuk-frontend-supported", await visitor.Page.Locator("body").GetAttributeAsync("class") ?? "", StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", response.Headers["content-security-policy"], StringComparison.Ordinal);
        await visitor.CheckAsync("sent-mail-empty");

        await visitor.Page.Keyboard.PressAsync("Tab");
        Assert.Equal("Skip to main content", await visitor.Page.EvaluateAsync<string>("() => document.activeElement.textContent"));
        await visitor.Page.Keyboard.PressAsync("Enter");
        Assert.Equal("main-content", await visitor.Page.EvaluateAsync<string>("() => document.activeElement.id"));
    }

    [Fact]
    public async Task An_unknown_review_shows_the_page_not_found_page_with_a_way_back_to_every_review_and_no_accessibility_violations()
    {
        await using var visitor = await host.VisitorAsync();

        var response = await visitor.GoToAsync("/reviews/no-such-review");

        Assert.Equal(404, response.Status);
        Assert.Equal("Page not found", (await visitor.Page.Locator("h1").InnerTextAsync()).Trim());
        Assert.Equal("/", await visitor.Page.GetByRole(AriaRole.Link, new() { Name = "See all reviews" }).GetAttributeAsync("href"));
        await visitor.CheckAsync("page-not-found");
    }

    [Fact]
    public async Task On_a_phone_the_page_fits_the_screen_with_no_accessibility_violations()
    {
        await using var visitor = await host.VisitorAsync(phone: true);

        await visitor.GoToAsync("/mail");

        Assert.True(await visitor.Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "The page scrolls sideways on a phone.");
        await visitor.CheckAsync("sent-mail-empty");
    }

    [Fact]
    public async Task Without_JavaScript_the_page_is_still_styled_and_accessible()
    {
        await using var visitor = await host.VisitorAsync(javaScript: false);

        await visitor.GoToAsync("/mail");

        Assert.DoesNotContain("govuk-frontend-supported", await visitor.Page.Locator("body").GetAttributeAsync("class") ?? "", StringComparison.Ordinal);
        await visitor.CheckAsync("sent-mail-empty");
    }

    [Fact]
    public async Task GOV_UK_Frontend_is_served_by_the_host_and_cached()
    {
        await using var visitor = await host.VisitorAsync();

        var css = await visitor.Page.APIRequest.GetAsync("/assets/govuk-frontend.min.css");
        var font = await visitor.Page.APIRequest.GetAsync("/assets/fonts/bold-b542beb274-v2.woff2");
        var init = await visitor.Page.APIRequest.GetAsync("/init.js");

        Assert.Equal(200, css.Status);
        Assert.Equal(200, font.Status);
        Assert.Equal("public, max-age=86400", css.Headers["cache-control"]);
        Assert.Contains("initAll", await init.TextAsync(), StringComparison.Ordinal);
        Assert.Equal("no-cache", init.Headers["cache-control"]);
    }

    [Fact]
    public async Task The_accessibility_check_names_what_it_finds_on_a_page_that_breaks_the_rules()
    {
        await using var visitor = await host.VisitorAsync();
        await visitor.GoToAsync("/mail");

        await visitor.Page.EvaluateAsync("() => { const img = document.createElement('img'); img.src = '/assets/images/favicon.svg'; document.querySelector('main').append(img); }");
        var violations = await visitor.AxeViolationsAsync();

        Assert.Contains(violations, v => v.StartsWith("- image-alt ", StringComparison.Ordinal));
    }
}
