using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ScrutinyWorkflow.Web.Tests.EndToEnd;

namespace ScrutinyWorkflow.Web.Tests.Reviews;

public sealed class ReviewsApiTests : IAsyncLifetime
{
    private readonly TestWorld world = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await world.DisposeAsync();

    [Fact]
    public async Task Creating_a_review_answers_201_with_its_id_and_a_draft_that_lists_every_assignment()
    {
        var response = await world.App.CreateClient().PostAsJsonAsync("/api/reviews", AssuranceReviewScenario.Request());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<Web.Reviews.CreatedReview>())!.Id;
        Assert.Equal($"/api/reviews/{id}", response.Headers.Location!.OriginalString);
        var review = await world.App.GetReviewAsync(id);
        Assert.Equal("draft", review.Status);
        Assert.Equal(new DateOnly(2027, 1, 8), review.Deadline);
        Assert.Equal(9, review.Assignments.Count);
        Assert.All(review.Assignments, a => Assert.Equal("draft", a.State));
        Assert.Equal("Contact arrangements", review.Assignments[^1].Area);
    }

    [Fact]
    public async Task Invalid_input_is_a_400_problem_naming_every_bad_field()
    {
        var body = new
        {
            focusReport = new { title = "", published = "December 2020" },
            panel = new { name = "Children and Families Scrutiny Panel", email = "not-an-email" },
            meetingDate = "2027-01-20",
            deadline = "8 January",
            areas = new object[] { new { heading = "Care leavers", questions = new object[] { new { text = "Who is asked?", officers = new[] { "stranger@council.example" } } } } },
        };

        var response = await world.App.CreateClient().PostAsJsonAsync("/api/reviews", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(
            ["areas[0].questions[0].officers[0]", "deadline", "focusReport.published", "focusReport.title", "panel.email"],
            errors.EnumerateObject().Select(p => p.Name).Order());
        Assert.Contains("stranger@council.example", errors.GetProperty("areas[0].questions[0].officers[0]")[0].GetString(), StringComparison.Ordinal);
        Assert.Empty((await world.App.CreateClient().GetFromJsonAsync<Web.Reviews.ReviewListView>("/api/reviews"))!.Reviews);
    }

    [Fact]
    public async Task A_deadline_too_close_to_the_meeting_is_refused_with_the_reason()
    {
        var request = JsonSerializer.SerializeToNode(AssuranceReviewScenario.Request())!;
        request["deadline"] = "2027-01-14";

        var response = await world.App.CreateClient().PostAsJsonAsync("/api/reviews", request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var message = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("deadline")[0].GetString();
        Assert.Contains("five clear working days", message?.Replace("5 clear", "five clear", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_a_400_problem_not_a_crash()
    {
        var response = await world.App.CreateClient().PostAsync("/api/reviews", new StringContent("{ \"focusReport\": ", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("body", out _));
    }

    [Fact]
    public async Task Dispatching_twice_is_a_409_and_sends_nothing_more()
    {
        var id = await AssuranceReviewScenario.CreateAndDispatchAsync(world.App);

        var again = await world.App.CreateClient().PostAsync($"/api/reviews/{id}/dispatch", Api.NoBody());

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("already-dispatched", (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        await world.App.RunRunnerAsync();
        Assert.Equal(4, world.App.Mailbox.List().Count);
    }

    [Fact]
    public async Task Unknown_reviews_and_unassembled_statements_are_404()
    {
        var client = world.App.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/reviews/rv-nope")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync("/api/reviews/rv-nope/dispatch", Api.NoBody())).StatusCode);

        var id = await AssuranceReviewScenario.CreateAndDispatchAsync(world.App);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/reviews/{id}/statement")).StatusCode);
    }

    [Fact]
    public async Task A_draft_can_be_reworded_and_reordered_before_it_is_sent_but_not_after()
    {
        var id = await world.App.CreateReviewAsync(AssuranceReviewScenario.Request());
        var client = world.App.CreateClient();
        var edit = new
        {
            areas = new object[]
            {
                new { heading = "Care leavers", questions = new object[] { new { id = "Q4", text = "Does every care leaver have a personal adviser?", officers = new[] { AssuranceReviewScenario.Tom } } } },
                new { heading = "New area", questions = new object[] { new { text = "A new question?", officers = new[] { AssuranceReviewScenario.Zoe } } } },
            },
        };

        var response = await client.PutAsJsonAsync($"/api/reviews/{id}/questions", edit);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var review = (await response.Content.ReadFromJsonAsync<Web.Reviews.ReviewView>())!;
        Assert.Equal(["Care leavers", "New area"], review.Areas.Select(a => a.Heading));
        Assert.Equal(["Q4", "Q9"], review.Areas.SelectMany(a => a.Questions).Select(q => q.Id));

        await client.PostAsync($"/api/reviews/{id}/dispatch", Api.NoBody());
        Assert.Equal(HttpStatusCode.Conflict, (await client.PutAsJsonAsync($"/api/reviews/{id}/questions", edit)).StatusCode);
    }

    [Fact]
    public async Task The_scrutiny_officer_can_reassign_extend_close_early_and_release()
    {
        var id = await AssuranceReviewScenario.CreateAndDispatchAsync(world.App);
        var client = world.App.CreateClient();

        var reassigned = await client.PostAsJsonAsync($"/api/reviews/{id}/assignments/A4/reassign", new { to = "fiona.macleod@council.example", reason = "Holds the commissioning data" });
        Assert.Equal(HttpStatusCode.Accepted, reassigned.StatusCode);
        var unknown = await client.PostAsJsonAsync($"/api/reviews/{id}/assignments/A5/reassign", new { to = "nobody@council.example", reason = "" });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);

        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsJsonAsync($"/api/reviews/{id}/deadline", new { deadline = "2027-01-11" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsJsonAsync($"/api/reviews/{id}/deadline", new { deadline = "soon" })).StatusCode);

        var closed = await client.PostAsJsonAsync($"/api/reviews/{id}/close", new { reason = "Meeting brought forward" });
        Assert.Equal(HttpStatusCode.Accepted, closed.StatusCode);
        await world.App.RunRunnerAsync();
        Assert.Equal("assembled", (await world.App.GetReviewAsync(id)).Status);
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync($"/api/reviews/{id}/release", Api.NoBody())).StatusCode);
        await world.App.RunRunnerAsync();

        var review = await world.App.GetReviewAsync(id);
        Assert.Equal("completed", review.Status);
        Assert.Equal(new DateOnly(2027, 1, 11), review.Deadline);
        Assert.Equal("fiona.macleod@council.example", review.Assignments.Single(a => a.QuestionId == "Q3").Officer);
        Assert.Contains(world.App.Mailbox.List(), m => m.Subject.StartsWith("No longer needed", StringComparison.Ordinal));
    }
}
