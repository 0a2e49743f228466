using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using ScrutinyWorkflow.Core.Reviews;
using ScrutinyWorkflow.Web.Engine.Serialization;
using ScrutinyWorkflow.Web.Engine.Storage;
using ScrutinyWorkflow.Web.Reviews;
using static ScrutinyWorkflow.Web.Tests.EndToEnd.AssuranceReviewScenario;

namespace ScrutinyWorkflow.Web.Tests.Reviews;

/// <summary>The review list pages through every review, filtered and sorted as asked, from lines written with the events.</summary>
public sealed class ReviewListTests : IAsyncLifetime
{
    private readonly TestWorld world = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await world.DisposeAsync();

    [Fact]
    public async Task Every_review_is_reachable_a_page_at_a_time_with_no_silent_cap()
    {
        var created = new List<string>();
        for (var i = 0; i < 205; i++)
        {
            created.Add(await world.App.CreateReviewAsync(Request()));
        }

        var first = await ListAsync("/api/reviews?pageSize=200");
        var second = await ListAsync(first.Next!);

        Assert.Equal((205, 2, 200, 5), (first.Total, first.Pages, first.Reviews.Count, second.Reviews.Count));
        Assert.Null(second.Next);
        Assert.Equal("/api/reviews?page=1&pageSize=200&sort=newest", second.Previous);
        Assert.Equal(created.Order(StringComparer.Ordinal), first.Reviews.Concat(second.Reviews).Select(r => r.Id).Order(StringComparer.Ordinal));
        var home = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await world.App.CreateClient().GetStringAsync("/?page=9"));
        Assert.Equal("205 reviews, page 9 of 9", home.QuerySelector("caption")!.TextContent.Trim());
        Assert.Equal("/?page=8&sort=newest", home.QuerySelector("a[rel=prev]")!.GetAttribute("href"));
        Assert.Null(home.QuerySelector("a[rel=next]"));
        Assert.Equal(5, home.QuerySelectorAll("tbody tr").Length);
    }

    [Fact]
    public async Task The_list_is_filtered_by_status_and_sorted_newest_first_or_by_deadline_or_meeting()
    {
        var later = await world.App.CreateReviewAsync(RequestWithDates(new DateOnly(2027, 2, 5), new DateOnly(2027, 2, 17)));
        world.Clock.Advance(TimeSpan.FromMinutes(1));
        var sooner = await CreateAndDispatchAsync(world.App);

        Assert.Equal([sooner, later], (await ListAsync("/api/reviews?sort=deadline")).Reviews.Select(r => r.Id));
        Assert.Equal([sooner, later], (await ListAsync("/api/reviews?sort=meeting")).Reviews.Select(r => r.Id));
        Assert.Equal([sooner, later], (await ListAsync("/api/reviews")).Reviews.Select(r => r.Id));
        var open = await ListAsync("/api/reviews?status=open");
        Assert.Equal([sooner], open.Reviews.Select(r => r.Id));
        Assert.Equal(1, open.Total);
        Assert.Empty((await ListAsync("/api/reviews?status=completed")).Reviews);
    }

    [Fact]
    public async Task A_line_shows_how_many_questions_are_answered_and_overdue_as_the_review_goes()
    {
        var id = await CreateAndDispatchAsync(world.App);
        await SendRequestsAsync(world.App);
        await FirstAnswersAsync(world.App);
        var answering = Assert.Single((await ListAsync("/api/reviews")).Reviews);
        Assert.Equal(("open", 2, 8, 0), (answering.Status, answering.Answered, answering.Questions, answering.Overdue));
        Assert.Equal(new DateTime(2026, 12, 31, 9, 0, 0), answering.NextDue);

        await FirstRemindersAsync(world.App);
        await MoreAnswersAsync(world.App);
        await SecondRemindersAndEscalationsAsync(world.App);

        var escalated = Assert.Single((await ListAsync("/api/reviews")).Reviews);
        Assert.Equal((id, 4, 8, 4), (escalated.Id, escalated.Answered, escalated.Questions, escalated.Overdue));
    }

    [Theory]
    [InlineData("page=0")]
    [InlineData("pageSize=201")]
    [InlineData("pageSize=ten")]
    [InlineData("status=lost")]
    [InlineData("sort=colour")]
    [InlineData("sort=7")]
    public async Task A_list_asked_for_in_a_way_it_cannot_be_given_is_a_400_naming_the_parameter(string query)
    {
        var response = await world.App.CreateClient().GetAsync($"/api/reviews?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(query.Split('=')[0], await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_review_recorded_before_the_list_existed_is_listed_and_read_when_the_product_starts()
    {
        // Written as the previous version did: events only, no list line, no snapshot.
        var serializer = new ReviewEventSerializer();
        var decider = world.App.Services.GetRequiredService<ReviewDecider>();
        var draft = Assert.IsType<Accepted>(decider.Decide(
            Core.Tests.Reviews.Reviews.Draft(now: world.Clock.GetUtcNow()), ReviewState.Initial));
        await world.App.Services.GetRequiredService<IReviewStore>().AppendAsync(
            "rv-old", 0, [.. draft.Events.Select(serializer.Serialize)], [], [], null, world.Clock.GetUtcNow(), CancellationToken.None);
        Assert.Empty((await ListAsync("/api/reviews")).Reviews);

        await world.RestartAsync();

        var listed = Assert.Single((await ListAsync("/api/reviews")).Reviews);
        Assert.Equal(("rv-old", "draft", 3), (listed.Id, listed.Status, listed.Questions));
        Assert.Equal("draft", (await world.App.GetReviewAsync("rv-old")).Status);
    }

    private async Task<ReviewListView> ListAsync(string path) =>
        (await world.App.CreateClient().GetFromJsonAsync<ReviewListView>(path))!;
}
