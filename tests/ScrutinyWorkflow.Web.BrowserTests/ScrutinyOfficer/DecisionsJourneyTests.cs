using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using ScrutinyWorkflow.Core.Calendar;

namespace ScrutinyWorkflow.Web.BrowserTests.ScrutinyOfficer;

/// <summary>
/// Recording a month's Ombudsman decisions in Chromium: a statement uploaded, every field checked (the doubtful ones
/// marked), a refusal shown against its fields, the service's officer found in the directory, and the review created;
/// every page screenshotted and checked by axe-core at WCAG 2.2 AA. (The posts without JavaScript, and the refusals
/// of hostile input, are the HTTP tests' RecordDecisionsPagesTests.)
/// </summary>
[Collection(BrowserTestGroup.Name)]
[Trait("Speed", "Slow")]
public sealed partial class DecisionsJourneyTests(BrowserHost host)
{
    [Fact]
    public async Task She_uploads_a_months_statement_checks_each_field_chooses_the_officer_and_creates_the_review()
    {
        await using var visitor = await host.VisitorAsync();
        var page = visitor.Page;

        await visitor.GoToAsync("/reviews/decisions/new");
        Assert.Equal("Record the month's decisions", (await page.Locator("h1").InnerTextAsync()).Trim());
        await visitor.CheckAsync("decisions-new");

        var calendar = new WorkingCalendar();
        var deadline = calendar.NextWorkingDayOnOrAfter(DateOnly.FromDateTime(DateTime.UtcNow).AddDays(21));
        var meeting = calendar.AddWorkingDays(deadline, 8);
        await page.SetInputFilesAsync("#file", Path.Combine(Tests.Shared.Loopback.RepositoryRoot(),
            "tests", "ScrutinyWorkflow.Documents.Tests", "TestData", "decisions", "adult-care.reportlab.pdf"));
        await page.Locator("#panel-name").FillAsync("Audit and Governance Panel");
        await FillDateAsync(page, "meeting", meeting);
        await FillDateAsync(page, "deadline", deadline);
        await PageActions.SubmitAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Continue" }));

        Assert.Equal("Check the month's decisions", (await page.Locator("h1").InnerTextAsync()).Trim());
        Assert.Equal("23 012 345", await page.Locator("#d0-reference").InputValueAsync());
        Assert.Equal("3", await page.Locator("#month-month").InputValueAsync());
        Assert.True(await page.Locator("#d0-finding").IsCheckedAsync());
        Assert.Contains("Check this", await page.Locator("#d0-category-hint").InnerTextAsync(), StringComparison.Ordinal);
        await visitor.CheckAsync("decisions-check");

        // No panel address yet: the refusal comes back against its field, with everything read still on the page.
        await PageActions.SubmitAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Create the review" }));
        Assert.StartsWith("Error: ", await page.TitleAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await page.Locator(".govuk-error-summary a[href='#panel-email']").CountAsync());
        Assert.Equal("23 012 345", await page.Locator("#d0-reference").InputValueAsync());
        await visitor.CheckAsync("decisions-check-errors");

        await page.Locator("#panel-email").FillAsync("audit.panel@council.example");
        await page.Locator("#d0-officer").FillAsync("Daniel");
        await PageActions.SubmitAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Find in the directory for decision 1" }));
        await visitor.CheckAsync("decisions-officer-search");
        await PageActions.SubmitAsync(page, page.GetByRole(AriaRole.Button, new() { NameRegex = ChooseDaniel() }));
        Assert.Equal("daniel.byrne@council.example", await page.Locator("#d0-officer").InputValueAsync());

        await PageActions.SubmitAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Create the review" }));
        Assert.Matches(ReviewAddress(), page.Url);
        await visitor.CheckAsync("decisions-review");
    }

    /// <summary>The same pages on a phone: nothing scrolls sideways.</summary>
    [Fact]
    public async Task The_check_page_fits_a_phone()
    {
        await using var visitor = await host.VisitorAsync(phone: true);
        var page = visitor.Page;
        await visitor.GoToAsync("/reviews/decisions/new");
        await PageActions.FitsAsync(visitor, "decisions-new");
        await page.SetInputFilesAsync("#file", Path.Combine(Tests.Shared.Loopback.RepositoryRoot(),
            "tests", "ScrutinyWorkflow.Documents.Tests", "TestData", "decisions", "home-care.pasted.txt"));
        await PageActions.SubmitAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Continue" }));
        Assert.Equal("24 001 650", await page.Locator("#d0-reference").InputValueAsync());
        await PageActions.FitsAsync(visitor, "decisions-check");
    }

    private static async Task FillDateAsync(IPage page, string name, DateOnly date)
    {
        await page.Locator($"#{name}-day").FillAsync(date.Day.ToString(CultureInfo.InvariantCulture));
        await page.Locator($"#{name}-month").FillAsync(date.Month.ToString(CultureInfo.InvariantCulture));
        await page.Locator($"#{name}-year").FillAsync(date.Year.ToString(CultureInfo.InvariantCulture));
    }

    [GeneratedRegex("^Choose Daniel Byrne")]
    private static partial Regex ChooseDaniel();

    [GeneratedRegex(@"/reviews/rv-[0-9a-f]{12}/draft$")]
    private static partial Regex ReviewAddress();
}
