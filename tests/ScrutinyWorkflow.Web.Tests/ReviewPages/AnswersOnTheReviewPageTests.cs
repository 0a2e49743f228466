using AngleSharp.Html.Parser;
using static ScrutinyWorkflow.Web.Tests.EndToEnd.AssuranceReviewScenario;

namespace ScrutinyWorkflow.Web.Tests.ReviewPages;

/// <summary>The scrutiny team reads each answer on the review's page as it arrives, long before the statement is assembled.</summary>
public sealed class AnswersOnTheReviewPageTests : IAsyncLifetime
{
    private readonly TestWorld world = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await world.DisposeAsync();

    [Fact]
    public async Task An_answer_is_readable_on_the_review_page_with_who_wrote_it_while_answers_are_still_being_collected()
    {
        var id = await CreateAndDispatchAsync(world.App);
        await SendRequestsAsync(world.App);
        await FirstAnswersAsync(world.App);

        var page = new HtmlParser().ParseDocument(await world.App.CreateClient().GetStringAsync($"/reviews/{id}"));

        Assert.Equal("open", (await world.App.GetReviewAsync(id)).Status);
        var answer = page.GetElementById("answer-Q1")!.TextContent;
        Assert.Contains(Answer1, answer, StringComparison.Ordinal);
        Assert.Contains("Answer from Children's Services Data Team", answer, StringComparison.Ordinal);
        Assert.Null(page.GetElementById("answer-Q3"));
    }
}
