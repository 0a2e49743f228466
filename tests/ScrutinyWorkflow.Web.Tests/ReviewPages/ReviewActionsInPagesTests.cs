using System.Net;
using System.Net.Http.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using static ScrutinyWorkflow.Web.Tests.EndToEnd.AssuranceReviewScenario;

namespace ScrutinyWorkflow.Web.Tests.ReviewPages;

/// <summary>
/// What the API could do and the pages could not: delete a draft (from the draft, after a warning), record a late
/// answer and correct an answer after release (where the team looks, under the question), and give one officer a
/// whole area of the draft in one step. Each through the pages as a browser posts them, and said in the audit trail.
/// </summary>
public sealed class ReviewActionsInPagesTests : IAsyncLifetime
{
    private readonly TestWorld world = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await world.DisposeAsync();

    [Fact]
    public async Task A_trial_draft_is_deleted_from_its_page_after_a_warning_and_leaves_the_dashboard_where_each_row_says_when_it_was_started()
    {
        var app = world.App;
        var kept = await app.CreateReviewAsync(Request());
        var trial = await app.CreateReviewAsync(Request());
        var driver = new PageDriver(app.Browser());
        var dashboard = await driver.OpenAsync("/");
        Assert.Equal(2, dashboard.QuerySelectorAll(".app-started").Length);
        Assert.All(dashboard.QuerySelectorAll(".app-started"), started => Assert.StartsWith("Started ", started.TextContent.Trim(), StringComparison.Ordinal));

        var draft = await driver.OpenAsync($"/reviews/{trial}/draft");
        var delete = draft.QuerySelectorAll("a").Single(a => a.TextContent.Trim() == "Delete this draft").GetAttribute("href")!;
        var warning = await driver.OpenAsync(delete);
        Assert.Equal("Delete this draft review", warning.QuerySelector("h1")!.TextContent.Trim());
        Assert.Contains("cannot be undone", warning.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(warning.QuerySelector("button.govuk-button--warning"));
        Assert.Equal("draft", (await app.GetReviewAsync(trial)).Status);

        var after = await driver.FollowAsync(await driver.SubmitAsync(warning, $"form[action='/reviews/{trial}/draft/delete']", button: ("action", "confirm")));

        Assert.Contains("The draft is deleted", after.QuerySelector(".govuk-notification-banner")!.TextContent, StringComparison.Ordinal);
        Assert.Equal([$"/reviews/{kept}"], after.QuerySelectorAll("tbody a.govuk-link").Select(a => a.GetAttribute("href")).Where(h => h!.StartsWith("/reviews/", StringComparison.Ordinal) && !h.Contains("/draft", StringComparison.Ordinal)));
        Assert.Equal(HttpStatusCode.NotFound, (await driver.Client.GetAsync($"/reviews/{trial}/draft")).StatusCode);
        Assert.Equal("deleted", (await app.GetReviewAsync(trial)).Status);
        var trail = await app.CreateClient().GetFromJsonAsync<List<Web.Reviews.AuditEntry>>($"/api/reviews/{trial}/events");
        Assert.Equal("draft-discarded", trail![^1].Type);
        Assert.Equal(1, (await app.CreateClient().GetFromJsonAsync<Web.Reviews.ReviewListView>("/api/reviews"))!.Total);
    }

    [Fact]
    public async Task After_release_a_late_answer_and_a_correction_are_made_under_their_questions_and_make_version_two()
    {
        var app = world.App;
        var id = await ReleasedAtDeadlineAsync(app);
        await app.AtAsync(Uk(2027, 1, 13, 10));
        Assert.Equal("completed", (await app.GetReviewAsync(id)).Status);
        var driver = new PageDriver(app.Browser());

        var review = await driver.OpenAsync($"/reviews/{id}");
        var late = await driver.OpenAsync(LinkUnder(review, Q3, "Record a late answer"));
        Assert.Equal("Record a late answer to question 3", late.QuerySelector("h1")!.TextContent.Trim());
        review = await driver.FollowAsync(await driver.SubmitAsync(late, "form[action$='/late-answer']", new Dictionary<string, string> { ["text"] = "We commission 40 supported places; it is not enough." }, ("action", "confirm")));
        Assert.Equal("Position statement, version 2", review.GetElementById("statement")!.TextContent.Trim());
        Assert.Contains("We commission 40 supported places", review.GetElementById("answer-Q3")!.TextContent, StringComparison.Ordinal);

        var correct = await driver.OpenAsync(LinkUnder(review, Q1, "Correct the answer"));
        Assert.Equal(Answer1, correct.QuerySelector<IHtmlTextAreaElement>("#text")!.Value);
        review = await driver.FollowAsync(await driver.SubmitAsync(correct, "form[action$='/correct']", new Dictionary<string, string> { ["text"] = Answer1 + " Two of them were 17." }, ("action", "confirm")));

        Assert.Contains("Two of them were 17.", review.GetElementById("answer-Q1")!.TextContent, StringComparison.Ordinal);
        var trail = review.QuerySelector("#trail ~ ol")!.TextContent;
        Assert.Contains("Late answer to question 3 from", trail, StringComparison.Ordinal);
        Assert.Contains("Answer to question 1 corrected by the scrutiny team", trail, StringComparison.Ordinal);
        Assert.Equal(2, (await app.GetReviewAsync(id)).StatementVersion);
    }

    [Fact]
    public async Task One_officer_found_in_the_directory_is_given_every_question_of_an_area_in_one_step()
    {
        var app = world.App;
        var id = await app.CreateReviewAsync(Request());
        var driver = new PageDriver(app.Browser());
        var draft = await driver.OpenAsync($"/reviews/{id}/draft");
        var link = draft.QuerySelectorAll("a").Single(a => a.TextContent.Trim() == "Choose one officer for every question in Contact arrangements").GetAttribute("href")!;

        var form = await driver.OpenAsync(link);
        Assert.Contains("3 questions", form.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        var found = await PageDriver.ParseAsync(await driver.SubmitAsync(form, "form[action$='/officer']", new Dictionary<string, string> { ["officer"] = "Tom" }, ("action", "search")));
        var chosen = await PageDriver.ParseAsync(await driver.SubmitAsync(found, "form[action$='/officer']", button: ("pick", Tom)));
        Assert.Equal(Tom, chosen.QuerySelector<IHtmlInputElement>("#officer")!.Value);
        draft = await driver.FollowAsync(await driver.SubmitAsync(chosen, "form[action$='/officer']", button: ("action", "confirm")));

        foreach (var question in new[] { "Q6", "Q7", "Q8" })
        {
            var card = draft.GetElementById($"question-{question}")!.TextContent;
            Assert.Contains("Tom Okafor", card, StringComparison.Ordinal);
            Assert.DoesNotContain("Zo", card, StringComparison.Ordinal);
            Assert.DoesNotContain("Siân", card, StringComparison.Ordinal);
        }
        // The other areas keep their officers.
        Assert.DoesNotContain("Tom Okafor", draft.GetElementById("question-Q1")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Every question in the area", draft.QuerySelector(".govuk-notification-banner")!.TextContent, StringComparison.Ordinal);
    }

    /// <summary>The address of the link with these words in the row of the review page's question list that holds the question.</summary>
    private static string LinkUnder(IHtmlDocument review, string question, string words)
    {
        var row = review.QuerySelectorAll("#questions + dl .govuk-summary-list__row").Single(r => r.TextContent.Contains(question, StringComparison.Ordinal));
        return row.QuerySelectorAll("a").Single(a => a.TextContent.Trim().StartsWith(words, StringComparison.Ordinal)).GetAttribute("href")!;
    }
}
