using System.Globalization;
using Microsoft.Playwright;

namespace ScrutinyWorkflow.Web.BrowserTests.ScrutinyOfficer;

/// <summary>Removing a question from a draft asks first, on a page of its own checked by axe-core; keeping it changes nothing.</summary>
public sealed partial class ScrutinyOfficerJourneyTests
{
    private const string FirstToRemove = "How many families were placed out of the borough this year (to remove)?";
    private const string SecondToKeep = "How do we decide where a family is placed?";

    [Fact]
    public async Task Removing_a_draft_question_asks_first_naming_it_by_number_and_keeping_it_changes_nothing()
    {
        await using var visitor = await host.VisitorAsync();
        var page = visitor.Page;
        var (deadline, meeting) = Dates();
        var created = await page.APIRequest.PostAsync("/api/reviews", new()
        {
            DataObject = new
            {
                focusReport = new { title = "Housing: placing families well (remove)", published = "2024-03" },
                panel = new { name = "Children and Families Scrutiny Panel", email = "panel@council.example" },
                meetingDate = meeting.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                deadline = deadline.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                areas = new object[]
                {
                    new { heading = "Placements", questions = new object[] { new { text = FirstToRemove, officers = new[] { "tom.okafor@council.example" } }, new { text = SecondToKeep, officers = new[] { "tom.okafor@council.example" } } } },
                },
            },
        });
        Assert.Equal(201, created.Status);
        var id = (await created.JsonAsync())!.Value.GetProperty("id").GetString();

        await visitor.GoToAsync($"/reviews/{id}/draft/questions/Q1/remove");
        Assert.Equal("Are you sure you want to remove question 1?", (await page.Locator("h1").InnerTextAsync()).Trim());
        Assert.Equal(FirstToRemove, (await page.Locator(".govuk-inset-text").InnerTextAsync()).Trim());
        await visitor.CheckAsync("remove-question");

        await page.GetByRole(AriaRole.Link, new() { Name = "No, keep it" }).ClickAsync();
        await page.WaitForURLAsync($"**/reviews/{id}/draft#question-Q1");
        Assert.Equal(2, await page.Locator(".govuk-summary-card[id^=question-]").CountAsync());

        await visitor.GoToAsync($"/reviews/{id}/draft/questions/Q1/remove");
        await PageActions.SubmitAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Yes, remove question 1" }));
        Assert.Equal(0, await page.Locator("#question-Q1").CountAsync());
        Assert.StartsWith("Question 1", (await page.Locator("#question-Q2 h3").InnerTextAsync()).Trim(), StringComparison.Ordinal);
        await visitor.CheckAsync("draft-question-removed");
    }
}
