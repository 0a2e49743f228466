using System.Globalization;
using Microsoft.Playwright;
using ScrutinyWorkflow.Tests.Shared;

namespace ScrutinyWorkflow.Web.BrowserTests.ScrutinyOfficer;

/// <summary>
/// A recommendation of the panel in Chromium (issue 26): recorded on the released review's page, updated by its owner
/// through their emailed link, and closed by the scrutiny officer; every page it passes checked by axe-core.
/// </summary>
public sealed partial class ScrutinyOfficerJourneyTests
{
    private const string Recommendation = "Report the number of children placed out of the borough to the panel every quarter.";
    private const string Owner = "priya.shah@council.example";

    [Fact]
    public async Task A_recommendation_is_recorded_updated_by_its_owner_through_their_link_and_closed()
    {
        await using var visitor = await host.VisitorAsync();
        var page = visitor.Page;
        var (deadline, meeting) = Dates();
        var created = await page.APIRequest.PostAsync("/api/reviews", new()
        {
            DataObject = new
            {
                focusReport = new { title = "Housing: placing families well (follow-ups)", published = "2024-03" },
                panel = new { name = Panel, email = "panel@council.example" },
                meetingDate = meeting.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                deadline = deadline.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                areas = new object[] { new { heading = "Placements", questions = new object[] { new { text = "Where are families placed?", officers = new[] { "tom.okafor@council.example" } } } } },
            },
        });
        Assert.Equal(201, created.Status);
        var id = (await created.JsonAsync())!.Value.GetProperty("id").GetString();
        Assert.Equal(202, (await page.APIRequest.PostAsync($"/api/reviews/{id}/dispatch", new() { DataObject = new { } })).Status);
        Assert.Equal(202, (await page.APIRequest.PostAsync($"/api/reviews/{id}/close", new() { DataObject = new { reason = "The panel asked early" } })).Status);
        Assert.Equal(202, (await page.APIRequest.PostAsync($"/api/reviews/{id}/release", new() { DataObject = new { } })).Status);

        // The release is filed and the panel told in the background, each a new version of the review: the page is
        // opened once that is done, as a person would after the panel's email, so its form is not refused as stale.
        for (var until = DateTime.UtcNow + BrowserHost.Patience; DateTime.UtcNow < until; await Task.Delay(200))
        {
            var review = await (await page.APIRequest.GetAsync($"/api/reviews/{id}")).JsonAsync();
            if (review!.Value.GetProperty("status").GetString() == "completed")
            {
                break;
            }
        }
        await visitor.GoToAsync($"/reviews/{id}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record a recommendation" }).ClickAsync();
        await page.WaitForURLAsync($"**/reviews/{id}/recommendations/new");
        await visitor.CheckAsync("follow-up-record");
        await page.Locator("#text").FillAsync(Recommendation);
        await page.Locator("#owner").FillAsync(Owner);
        await page.Locator("#due-day").FillAsync(deadline.Day.ToString(CultureInfo.InvariantCulture));
        await page.Locator("#due-month").FillAsync(deadline.Month.ToString(CultureInfo.InvariantCulture));
        await page.Locator("#due-year").FillAsync(deadline.Year.ToString(CultureInfo.InvariantCulture));
        await PageActions.SubmitAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Record the recommendation" }));
        Assert.Contains("The recommendation is recorded", await page.Locator(".govuk-notification-banner").InnerTextAsync(), StringComparison.Ordinal);
        await visitor.CheckAsync("follow-up-recorded");

        var link = await LinkAsync(Owner);
        await using var owner = await host.VisitorAsync();
        await owner.GoToAsync(link);
        Assert.Equal("Updates asked of you", (await owner.Page.Locator("h1").InnerTextAsync()).Trim());
        await owner.CheckAsync("follow-up-link");
        await owner.Page.Locator("#update-R1").FillAsync("Agreed with housing: the first quarterly report goes to the panel in April.");
        await owner.Page.Locator("#progress-R1-2").CheckAsync();
        await PageActions.SubmitAsync(owner.Page, owner.Page.GetByRole(AriaRole.Button, new() { Name = "Send your update" }));
        Assert.Equal("Update sent", (await owner.Page.Locator("h1").InnerTextAsync()).Trim());
        await owner.CheckAsync("follow-up-updated");

        await visitor.GoToAsync("/");
        Assert.Contains("update reported done", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await visitor.CheckAsync("follow-up-dashboard");
        await visitor.GoToAsync($"/reviews/{id}/follow-ups/R1/close");
        await visitor.CheckAsync("follow-up-close");
        await page.Locator("#closure").CheckAsync();
        await PageActions.SubmitAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Close it" }));
        Assert.Contains("Closed: implemented", await page.Locator("#follow-up-R1").InnerTextAsync(), StringComparison.Ordinal);
        await visitor.CheckAsync("follow-up-closed");
    }

    /// <summary>The link in the owner's email asking for their update, once the runner has sent it.</summary>
    private async Task<string> LinkAsync(string email)
    {
        string? link = null;
        var mailbox = new Mail.EmlMailbox(Path.Combine(host.DataPath, "mail"));
        for (var until = DateTime.UtcNow + BrowserHost.Patience; DateTime.UtcNow < until && link is null;)
        {
            link = mailbox.List().Where(m => m.To.Any(t => t.Contains(email, StringComparison.OrdinalIgnoreCase)) && m.TextBody.Contains("Report the number of children", StringComparison.Ordinal))
                .Select(m => ResponseLinkText.Pattern().Match(m.TextBody)).FirstOrDefault(m => m.Success)?.Value;
            if (link is null)
            {
                await Task.Delay(100);
            }
        }
        Assert.True(link is not null, $"No email with a link reached {email}.");
        return new Uri(link).PathAndQuery;
    }
}
