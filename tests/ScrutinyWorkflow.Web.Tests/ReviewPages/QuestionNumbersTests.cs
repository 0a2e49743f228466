using System.Net;
using static ScrutinyWorkflow.Web.Tests.EndToEnd.AssuranceReviewScenario;

namespace ScrutinyWorkflow.Web.Tests.ReviewPages;

/// <summary>
/// A question has one number from the draft to the statement and the references: after one is removed from the draft,
/// the draft page, the review's page, the officer's page, the receipt's reference and the statement all agree.
/// </summary>
public sealed class QuestionNumbersTests : IAsyncLifetime
{
    private readonly TestWorld world = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await world.DisposeAsync();

    [Fact]
    public async Task After_the_first_question_is_removed_every_page_the_statement_and_the_reference_call_the_fourth_question_three()
    {
        var app = world.App;
        var id = await app.CreateReviewAsync(Request());
        var driver = new PageDriver(app.Browser());
        var draft = await driver.OpenAsync($"/reviews/{id}/draft");
        draft = await driver.FollowAsync(await driver.SubmitAsync(draft, $"form[action='/reviews/{id}/draft/questions/Q1/arrange']", button: ("edit", "remove")));

        // Q4 (the care leavers' first question) is the third question left.
        Assert.StartsWith("Question 3", draft.QuerySelector("#question-Q4 h3")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Equal("Question 3", (await driver.OpenAsync($"/reviews/{id}/draft/questions/Q4")).QuerySelector("h1")!.TextContent.Trim());
        var check = await driver.OpenAsync($"/reviews/{id}/draft/check");
        await driver.FollowAsync(await driver.SubmitAsync(check, $"form[action='/reviews/{id}/dispatch']"));
        await app.AtAsync(Uk(2026, 12, 14, 10, 1));

        var officerPage = await driver.Client.GetStringAsync(app.LinkFor(Tom, Q4).PathAndQuery);
        Assert.Contains("Question 3", officerPage, StringComparison.Ordinal);
        await app.AtAsync(Uk(2026, 12, 16, 11));
        Assert.Equal(HttpStatusCode.SeeOther, (await app.AnswerAsync(app.LinkFor(Tom, Q4), Q4, Answer4)).StatusCode);
        await app.RunRunnerAsync();
        var receipt = Assert.Single(app.Mailbox.List(), m => m.Subject.Contains("was received, reference", StringComparison.Ordinal));
        Assert.Contains($"{id.ToUpperInvariant()}-Q3-1", receipt.Subject, StringComparison.Ordinal);

        var review = await driver.OpenAsync($"/reviews/{id}");
        var tomsQuestion = review.QuerySelectorAll("[id^=assignment-]").Single(row => row.TextContent.Contains(Q4, StringComparison.Ordinal));
        Assert.StartsWith("Q3:", tomsQuestion.QuerySelector("dt")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Contains("Answer to question 3 submitted by", review.QuerySelector("#trail ~ ol")!.TextContent, StringComparison.Ordinal);

        var close = await driver.OpenAsync($"/reviews/{id}/close");
        await driver.FollowAsync(await driver.SubmitAsync(close, "form[action$='/close']", new Dictionary<string, string> { ["reason"] = "Enough for the meeting" }, ("action", "confirm")));
        var statement = await driver.OpenAsync($"/reviews/{id}/statement");
        Assert.StartsWith("3. ", statement.QuerySelector("tr#Q4 td")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.StartsWith("1. ", statement.QuerySelector("tr#Q2 td")!.TextContent.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_api_gives_each_question_the_number_the_pages_use_in_the_draft_and_once_sent()
    {
        var app = world.App;
        var id = await app.CreateReviewAsync(Request());
        var driver = new PageDriver(app.Browser());
        await driver.SubmitAsync(await driver.OpenAsync($"/reviews/{id}/draft"), $"form[action='/reviews/{id}/draft/questions/Q1/arrange']", button: ("edit", "remove"));

        Assert.Equal([("Q2", 1), ("Q3", 2), ("Q4", 3), ("Q5", 4), ("Q6", 5), ("Q7", 6), ("Q8", 7)], await NumbersAsync(app, id));
        Assert.Equal(HttpStatusCode.Accepted, (await app.CreateClient().PostAsync($"/api/reviews/{id}/dispatch", Api.NoBody())).StatusCode);
        Assert.Equal([("Q2", 1), ("Q3", 2), ("Q4", 3), ("Q5", 4), ("Q6", 5), ("Q7", 6), ("Q8", 7)], await NumbersAsync(app, id));
    }

    private static async Task<List<(string, int)>> NumbersAsync(ScrutinyApplication app, string id) =>
        [.. (await app.GetReviewAsync(id)).Areas.SelectMany(a => a.Questions).Select(q => (q.Id, q.Number))];
}
