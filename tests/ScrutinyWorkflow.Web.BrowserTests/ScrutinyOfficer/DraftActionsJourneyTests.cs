using Microsoft.Playwright;

namespace ScrutinyWorkflow.Web.BrowserTests.ScrutinyOfficer;

/// <summary>
/// On a draft started from a sample report: one officer given a whole area in one step, then the draft deleted after a
/// warning, back on the dashboard that says so; each new page checked by axe-core, on a desktop and on a phone.
/// </summary>
public sealed partial class ScrutinyOfficerJourneyTests
{
    [Fact]
    public async Task She_gives_one_officer_a_whole_area_then_deletes_the_trial_draft_after_a_warning()
    {
        await using var visitor = await host.VisitorAsync();
        var page = visitor.Page;
        await visitor.GoToAsync("/reviews/new");
        var (deadline, meeting) = Dates();
        await page.SetInputFilesAsync("#file", Path.Combine(Tests.Shared.Loopback.RepositoryRoot(), "samples", "reports", "ehc-plans.md"));
        await FillStartAsync(page, deadline, meeting);
        await SubmitAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Continue" }));
        var id = DraftAddress().Match(page.Url).Groups[1].Value;

        await page.GetByRole(AriaRole.Link, new() { Name = "Choose one officer for every question in Annual reviews" }).ClickAsync();
        await page.WaitForURLAsync($"**/reviews/{id}/draft/areas/*/officer");
        await visitor.CheckAsync("assign-area");
        await page.Locator("#officer").FillAsync("Tom");
        await SubmitAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Search the directory" }));
        await SubmitAsync(page, page.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Choose Tom Okafor") }));
        await visitor.CheckAsync("assign-area-chosen");
        await using (var phone = await host.VisitorAsync(phone: true))
        {
            await phone.GoToAsync(new Uri(page.Url).PathAndQuery);
            await FitsAsync(phone, "assign-area");
        }
        await SubmitAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Give them every question in the area" }));
        Assert.Contains("Every question in the area", await page.Locator(".govuk-notification-banner").InnerTextAsync(), StringComparison.Ordinal);
        var areaText = await page.Locator("h2:has-text('Annual reviews') ~ .govuk-summary-card").AllInnerTextsAsync();
        Assert.NotEmpty(areaText);
        Assert.All(areaText, card => Assert.Contains("Tom Okafor", card, StringComparison.Ordinal));
        await visitor.CheckAsync("draft-area-assigned");

        await page.GetByRole(AriaRole.Link, new() { Name = "Delete this draft" }).ClickAsync();
        await page.WaitForURLAsync($"**/reviews/{id}/draft/delete");
        await visitor.CheckAsync("delete-draft");
        await using (var phone = await host.VisitorAsync(phone: true))
        {
            await phone.GoToAsync($"/reviews/{id}/draft/delete");
            await FitsAsync(phone, "delete-draft");
        }
        await SubmitAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Delete the draft" }));
        Assert.EndsWith("/?done=deleted", page.Url, StringComparison.Ordinal);
        Assert.Contains("The draft is deleted", await page.Locator(".govuk-notification-banner").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator($"a[href='/reviews/{id}']").CountAsync());
        await visitor.CheckAsync("dashboard-draft-deleted");
    }
}
