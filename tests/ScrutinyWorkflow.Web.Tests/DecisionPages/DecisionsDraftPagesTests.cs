using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using ScrutinyWorkflow.Web.Tests.EndToEnd;
using ScrutinyWorkflow.Web.Tests.ReviewPages;

namespace ScrutinyWorkflow.Web.Tests.DecisionPages;

/// <summary>
/// A month's decisions once recorded, on the draft's pages: they speak of the month's decisions (each upheld one with
/// what the Ombudsman found, its remedies and the one question its service is asked; the others after), not of a focus
/// report's areas of focus.
/// </summary>
public sealed class DecisionsDraftPagesTests : IAsyncLifetime
{
    private readonly TestWorld world = new(DateTimeOffset.UtcNow);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await world.DisposeAsync();

    /// <summary>The month the scenario's decisions were made in, as the pages write it.</summary>
    private static string Month => BetweenFocusReportsScenario.Today.AddMonths(-1).ToString("MMMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>The scenario's five decisions (two upheld, with three remedies between them), recorded through the API.</summary>
    private async Task<string> RecordDecisionsAsync()
    {
        var response = await world.App.CreateClient().PostAsJsonAsync("/api/reviews/decisions",
            BetweenFocusReportsScenario.Decisions("Audit and Governance Panel", "audit.panel@council.example"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<Web.Reviews.CreatedReview>())!.Id;
    }

    [Fact]
    public async Task The_draft_of_a_months_decisions_counts_decisions_and_remedies_not_areas_of_focus()
    {
        var id = await RecordDecisionsAsync();

        var page = await new PageDriver(world.App.Browser()).OpenAsync($"/reviews/{id}/draft");

        Assert.Equal("Check what each service is asked", page.QuerySelector("h1")!.TextContent);
        Assert.StartsWith("Check what each service is asked - Ombudsman decisions: ", page.Title, StringComparison.Ordinal);
        var summary = page.QuerySelector("#draft-summary")!.TextContent;
        Assert.Contains($"5 decisions about the council in {Month}: 2 learning questions to the services and 3 remedies to follow up", summary, StringComparison.Ordinal);
        Assert.DoesNotContain("of focus", page.Body!.TextContent, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("From the report", page.Body.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_upheld_decision_is_a_heading_with_its_finding_its_remedies_and_its_learning_question()
    {
        var id = await RecordDecisionsAsync();

        var page = await new PageDriver(world.App.Browser()).OpenAsync($"/reviews/{id}/draft");

        Assert.Equal(
            ["Decision 25 001 101: Adult care services", "Decision 25 002 202: Benefits and tax"],
            page.QuerySelectorAll("h2[id^='area-']").Select(h => h.TextContent.Trim()));
        var first = page.QuerySelector("#decision-0")!.TextContent;
        Assert.Contains("Upheld: fault causing injustice", first, StringComparison.Ordinal);
        Assert.Contains("suspended Mrs X's care package", first, StringComparison.Ordinal);
        Assert.StartsWith("M2 Payment of £300: Pay Mrs X's daughter", page.QuerySelector("#decision-0 #remedy-M2")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Contains("Evidence due by", page.QuerySelector("#remedy-M2")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(2, page.QuerySelectorAll(".govuk-summary-card").Length);
        Assert.All(page.QuerySelectorAll(".govuk-summary-card .govuk-summary-list__value.app-preformatted"),
            q => Assert.Equal(Core.Reviews.ReviewDecider.LearningQuestion, q.TextContent));
        // A learning question stays with its decision, and a question of its own would be in no decision's place in the paper.
        Assert.Empty(page.QuerySelectorAll("button[value=up], button[value=down]"));
        Assert.Null(page.QuerySelector($"a[href='/reviews/{id}/draft/questions/new']"));
        Assert.Null(page.QuerySelector($"a[href='/reviews/{id}/draft/areas/0']"));
    }

    [Fact]
    public async Task The_decisions_not_upheld_are_listed_after_the_upheld_ones_with_nobody_asked()
    {
        var id = await RecordDecisionsAsync();

        var page = await new PageDriver(world.App.Browser()).OpenAsync($"/reviews/{id}/draft");

        var rows = page.QuerySelectorAll("#not-upheld ~ table tbody tr").ToList();
        Assert.Equal(["25 003 303", "25 004 404", "25 005 505"], rows.Select(r => r.QuerySelector("th")!.TextContent));
        Assert.StartsWith("Not upheld: no fault", rows[0].QuerySelectorAll("td")[1].TextContent, StringComparison.Ordinal);
        Assert.Equal("Premature", rows[2].QuerySelectorAll("td")[1].TextContent.Split(',')[0]);
    }

    [Fact]
    public async Task The_check_before_sending_names_the_months_decisions_not_a_focus_report()
    {
        var id = await RecordDecisionsAsync();

        var page = await new PageDriver(world.App.Browser()).OpenAsync($"/reviews/{id}/draft/check");

        var keys = page.QuerySelectorAll(".govuk-summary-list__key").Select(k => k.TextContent.Trim()).ToList();
        Assert.Contains("Ombudsman decisions", keys);
        Assert.DoesNotContain("Focus report", keys);
        Assert.Contains($"5 decisions in {Month}, 3 remedies to follow up", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Decision 25 001 101: Adult care services", page.QuerySelectorAll("h2").Select(h => h.TextContent));
        Assert.Null(page.QuerySelector($"a[href='/reviews/{id}/draft/areas/0/officer']"));
    }

    [Fact]
    public async Task A_focus_reports_draft_still_speaks_of_its_areas_of_focus()
    {
        var id = await world.App.CreateReviewAsync(AssuranceReviewScenario.RequestWithDates(
            BetweenFocusReportsScenario.WorkingDaysAhead(20), BetweenFocusReportsScenario.WorkingDaysAhead(30)));

        var page = await new PageDriver(world.App.Browser()).OpenAsync($"/reviews/{id}/draft");

        Assert.Equal("Check the questions", page.QuerySelector("h1")!.TextContent);
        Assert.Contains("areas of focus", page.QuerySelector("#draft-summary")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector($"a[href='/reviews/{id}/draft/questions/new']"));
        Assert.Null(page.QuerySelector("#not-upheld"));
    }
}
