using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using static ScrutinyWorkflow.Web.Tests.EndToEnd.AssuranceReviewScenario;

namespace ScrutinyWorkflow.Web.Tests.ReviewPages;

/// <summary>
/// The panel's recommendations through the pages (issue 26): recorded by the scrutiny team once the statement has gone
/// to the panel, updated by their owner through the emailed link, and closed by the scrutiny team alone; each form
/// posted as a browser posts it, with its token and the version the page showed.
/// </summary>
public sealed class FollowUpPagesTests : IAsyncLifetime
{
    private const string Priya = "priya.shah@council.example";
    private const string Recommendation = "Report the number of 16 and 17 year olds in bed and breakfast to the panel every quarter.";

    private readonly TestWorld world = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await world.DisposeAsync();

    [Fact]
    public async Task A_recommendation_recorded_on_a_released_review_shows_with_its_owner_status_and_date()
    {
        var (id, driver) = await ReleasedAsync();

        var review = await RecordAsync(driver, id, Recommendation, Priya);

        Assert.Contains("The recommendation is recorded", review.QuerySelector(".govuk-notification-banner")!.TextContent, StringComparison.Ordinal);
        var card = review.GetElementById("follow-up-R1")!.TextContent;
        Assert.Contains(Recommendation, card, StringComparison.Ordinal);
        Assert.Contains("Priya Shah, Head of SEND and Inclusion", card, StringComparison.Ordinal);
        Assert.Contains("Update due by 1 February 2027", card, StringComparison.Ordinal);
        Assert.Contains("None yet", card, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Before_the_statement_goes_to_the_panel_the_decider_s_refusal_is_shown_on_the_page()
    {
        var app = world.App;
        var id = await CreateAndDispatchAsync(app);
        await SendRequestsAsync(app);
        var driver = new PageDriver(app.Browser());
        Assert.DoesNotContain("Record a recommendation", (await driver.OpenAsync($"/reviews/{id}")).GetElementById("follow-ups")!.NextElementSibling!.TextContent, StringComparison.Ordinal);

        var form = await driver.OpenAsync($"/reviews/{id}/recommendations/new");
        var refused = await driver.SubmitAsync(form, "form[action$='/recommendations/new']", Fields(Recommendation, Priya), ("action", "confirm"));

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var page = await PageDriver.ParseAsync(refused);
        Assert.Contains("panel", Assert.Single(PageDriver.Errors(page)).Text, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(Recommendation, page.QuerySelector<IHtmlTextAreaElement>("#text")!.Value);
        Assert.Empty((await driver.OpenAsync($"/reviews/{id}")).QuerySelectorAll("[id^=follow-up-R]"));
    }

    [Fact]
    public async Task An_owner_with_no_questions_gives_an_update_through_their_link_and_the_scrutiny_officer_closes_it()
    {
        var (id, driver) = await ReleasedAsync();
        await RecordAsync(driver, id, Recommendation, Priya);
        await world.App.RunRunnerAsync();
        var owner = new PageDriver(world.App.Browser());
        var link = world.App.LinkFor(Priya, Recommendation).PathAndQuery;

        var mine = await owner.OpenAsync(link);
        Assert.Equal("Updates asked of you", mine.QuerySelector("h1")!.TextContent.Trim());
        Assert.Empty(mine.QuerySelectorAll("section.question"));
        Assert.Contains("Update due by 1 February 2027", mine.GetElementById("f-R1")!.TextContent, StringComparison.Ordinal);
        var missing = await owner.SubmitAsync(mine, "#f-R1 form", new Dictionary<string, string> { ["update"] = "Agreed." }, ("action", "update"));
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal("#progress-R1", Assert.Single(PageDriver.Errors(await PageDriver.ParseAsync(missing))).Href);

        var thanks = await owner.FollowAsync(await owner.SubmitAsync(mine, "#f-R1 form",
            new Dictionary<string, string> { ["update"] = "Agreed with housing: the first report goes in April.", ["progress"] = "done" }, ("action", "update")));
        Assert.Equal("Update sent", thanks.QuerySelector("h1")!.TextContent.Trim());
        Assert.Contains("You said it is done", thanks.QuerySelector("main")!.TextContent, StringComparison.Ordinal);

        // Only the team closes: the link page offers no close, and whatever its form is made to say, it gives an update or nothing.
        mine = await owner.OpenAsync(link);
        Assert.DoesNotContain("Close", mine.GetElementById("f-R1")!.TextContent, StringComparison.Ordinal);
        var forged = await owner.SubmitAsync(mine, "#f-R1 form", new Dictionary<string, string> { ["update"] = "Closed.", ["progress"] = "implemented" }, ("action", "update"));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);

        var dashboard = await driver.OpenAsync("/");
        Assert.Contains("1 update reported done to close", dashboard.QuerySelector("tbody")!.TextContent, StringComparison.Ordinal);
        var review = await driver.OpenAsync($"/reviews/{id}");
        var card = review.GetElementById("follow-up-R1")!.TextContent;
        Assert.Contains("Reported done by the owner; not yet closed by the scrutiny officer", card, StringComparison.Ordinal);
        Assert.Contains("Agreed with housing: the first report goes in April.", card, StringComparison.Ordinal);

        var close = await driver.OpenAsync($"/reviews/{id}/follow-ups/R1/close");
        var noNote = await driver.SubmitAsync(close, "form[action$='/close']", new Dictionary<string, string> { ["closure"] = "not-implemented" }, ("action", "confirm"));
        Assert.Equal(HttpStatusCode.BadRequest, noNote.StatusCode);
        Assert.Equal("#note", Assert.Single(PageDriver.Errors(await PageDriver.ParseAsync(noNote))).Href);
        review = await driver.FollowAsync(await driver.SubmitAsync(close, "form[action$='/close']", new Dictionary<string, string> { ["closure"] = "implemented" }, ("action", "confirm")));

        Assert.Contains("Closed: implemented", review.GetElementById("follow-up-R1")!.TextContent, StringComparison.Ordinal);
        Assert.Empty(review.GetElementById("follow-up-R1")!.QuerySelectorAll(".govuk-summary-card__actions a"));
    }

    [Fact]
    public async Task A_page_opened_before_the_owner_s_update_is_refused_as_stale_and_changes_nothing()
    {
        var (id, driver) = await ReleasedAsync();
        await RecordAsync(driver, id, Recommendation, Priya);
        await world.App.RunRunnerAsync();
        var close = await driver.OpenAsync($"/reviews/{id}/follow-ups/R1/close");
        var owner = new PageDriver(world.App.Browser());
        var link = world.App.LinkFor(Priya, Recommendation).PathAndQuery;
        await owner.FollowAsync(await owner.SubmitAsync(await owner.OpenAsync(link), "#f-R1 form",
            new Dictionary<string, string> { ["update"] = "Started.", ["progress"] = "in-progress" }, ("action", "update")));

        var stale = await driver.SubmitAsync(close, "form[action$='/close']", new Dictionary<string, string> { ["closure"] = "no-longer-needed", ["note"] = "Overtaken." }, ("action", "confirm"));

        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("Someone else changed this review", Assert.Single(PageDriver.Errors(await PageDriver.ParseAsync(stale))).Text, StringComparison.Ordinal);
        Assert.Contains("In progress", (await driver.OpenAsync($"/reviews/{id}")).GetElementById("follow-up-R1")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Script_in_an_owner_s_update_is_shown_as_text_not_run()
    {
        const string Hostile = "Done <script>alert('x')</script> <img src=x onerror=alert(1)>";
        var (id, driver) = await ReleasedAsync();
        await RecordAsync(driver, id, Recommendation, Tom);
        await world.App.RunRunnerAsync();
        var owner = new PageDriver(world.App.Browser());
        var link = world.App.LinkFor(Tom, Recommendation).PathAndQuery;
        var mine = await owner.OpenAsync(link);
        // Tom was asked questions in this review too: his follow-up comes after them, on the same page.
        Assert.NotEmpty(mine.QuerySelectorAll("section.question"));
        await owner.FollowAsync(await owner.SubmitAsync(mine, "#f-R1 form", new Dictionary<string, string> { ["update"] = Hostile, ["progress"] = "in-progress" }, ("action", "update")));

        var review = await driver.OpenAsync($"/reviews/{id}");
        var ownerPage = await owner.OpenAsync(link);

        Assert.Equal(Hostile, review.GetElementById("follow-up-R1")!.QuerySelector(".app-owners-words")!.TextContent);
        Assert.Equal(Hostile, ownerPage.QuerySelector("#f-R1 .app-earlier-words")!.TextContent);
        Assert.Null(review.QuerySelector("main script"));
        Assert.Null(review.QuerySelector("main img"));
        Assert.Null(ownerPage.QuerySelector("main img"));
    }

    private async Task<(string Id, PageDriver Driver)> ReleasedAsync()
    {
        var app = world.App;
        var id = await ReleasedAtDeadlineAsync(app);
        return (id, new PageDriver(app.Browser()));
    }

    private static async Task<IHtmlDocument> RecordAsync(PageDriver driver, string id, string text, string owner)
    {
        var review = await driver.OpenAsync($"/reviews/{id}");
        var record = review.QuerySelectorAll("a").Single(a => a.TextContent.Trim() == "Record a recommendation").GetAttribute("href")!;
        var form = await driver.OpenAsync(record);
        return await driver.FollowAsync(await driver.SubmitAsync(form, "form[action$='/recommendations/new']", Fields(text, owner), ("action", "confirm")));
    }

    private static Dictionary<string, string> Fields(string text, string owner) => new()
    {
        ["text"] = text,
        ["owner"] = owner,
        ["due-day"] = "1",
        ["due-month"] = "2",
        ["due-year"] = "2027",
    };
}
