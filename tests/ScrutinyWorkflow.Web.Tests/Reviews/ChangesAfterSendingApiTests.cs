using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using static ScrutinyWorkflow.Web.Tests.EndToEnd.AssuranceReviewScenario;

namespace ScrutinyWorkflow.Web.Tests.Reviews;

/// <summary>The API for what a scrutiny officer changes after a review has gone out, on the real host.</summary>
public sealed class ChangesAfterSendingApiTests : IAsyncLifetime
{
    private readonly TestWorld world = new();
    private string id = "";

    public async Task InitializeAsync()
    {
        id = await CreateAndDispatchAsync(world.App);
        await SendRequestsAsync(world.App);
    }

    public async Task DisposeAsync() => await world.DisposeAsync();

    private HttpClient Client => world.App.CreateClient();

    private static async Task<string?> CodeOf(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).TryGetProperty("code", out var code) ? code.GetString() : null;

    [Fact]
    public async Task An_officer_with_three_questions_gets_one_notice_when_the_deadline_is_brought_forward()
    {
        var moved = await Client.PostAsJsonAsync($"/api/reviews/{id}/deadline", new { deadline = "2027-01-06" });
        await world.App.RunRunnerAsync();

        Assert.Equal(HttpStatusCode.Accepted, moved.StatusCode);
        var notices = world.App.Mailbox.List().Where(m => m.Subject.Contains("new deadline", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, notices.Count);
        var toHead = Assert.Single(notices, m => m.To.Single().Contains(Head, StringComparison.Ordinal));
        Assert.Equal("“Careless” review: new deadline Wednesday 6 January 2027", toHead.Subject);
        Assert.All(new[] { Q1, Q3, Q8 }, q => Assert.Contains(q, toHead.TextBody, StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Accepted, (await Client.PostAsJsonAsync($"/api/reviews/{id}/deadline", new { deadline = "2027-01-06" })).StatusCode);
        await world.App.RunRunnerAsync();
        Assert.Equal(4, world.App.Mailbox.List().Count(m => m.Subject.Contains("new deadline", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_question_added_after_sending_asks_its_officer_at_once_and_a_withdrawn_one_leaves_the_review()
    {
        var added = await Client.PostAsJsonAsync($"/api/reviews/{id}/questions", new { area = "Care leavers", text = "How many care leavers are in education?", officers = new[] { Tom } });
        Assert.Equal(HttpStatusCode.Accepted, added.StatusCode);
        var withdrawn = await Client.PostAsJsonAsync($"/api/reviews/{id}/questions/Q5/withdraw", new { reason = "Covered by the leaving care review" });
        Assert.Equal(HttpStatusCode.Accepted, withdrawn.StatusCode);
        await world.App.RunRunnerAsync();

        var review = await world.App.GetReviewAsync(id);
        Assert.Equal(["Q4", "Q9"], review.Areas.Single(a => a.Heading == "Care leavers").Questions.Select(q => q.Id));
        Assert.Equal("withdrawn", review.Assignments.Single(a => a.QuestionId == "Q5").State);
        Assert.Single(world.App.Mailbox.List(), m => m.Subject == "“Careless” review: 1 question for you to answer by Friday 8 January 2027" && m.To.Single().Contains(Tom, StringComparison.Ordinal));
        Assert.Single(world.App.Mailbox.List(), m => m.Subject == "“Careless” review: a question has been withdrawn" && m.To.Single().Contains(Data, StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.NotFound, (await Client.PostAsJsonAsync($"/api/reviews/{id}/questions/Q99/withdraw", new { reason = "" })).StatusCode);
        var bad = await Client.PostAsJsonAsync($"/api/reviews/{id}/questions", new { area = "", text = "", officers = Array.Empty<string>() });
        Assert.Equal(["area", "officers", "text"], (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(p => p.Name).Order());
    }

    [Fact]
    public async Task The_meeting_date_can_move_while_the_clear_days_rule_holds()
    {
        Assert.Equal(HttpStatusCode.Accepted, (await Client.PostAsJsonAsync($"/api/reviews/{id}/meeting-date", new { meetingDate = "2027-01-27" })).StatusCode);
        Assert.Equal(new DateOnly(2027, 1, 27), (await world.App.GetReviewAsync(id)).MeetingDate);

        var tooSoon = await Client.PostAsJsonAsync($"/api/reviews/{id}/meeting-date", new { meetingDate = "2027-01-12" });
        Assert.Equal(HttpStatusCode.BadRequest, tooSoon.StatusCode);
        Assert.True((await tooSoon.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("meetingDate", out _));
    }

    [Fact]
    public async Task An_officer_can_be_reminded_now_but_not_twice_within_the_hour()
    {
        var remind = $"/api/reviews/{id}/officers/{Uri.EscapeDataString(Zoe)}/remind";

        Assert.Equal(HttpStatusCode.Accepted, (await Client.PostAsync(remind, Api.NoBody())).StatusCode);
        var again = await Client.PostAsync(remind, Api.NoBody());
        await world.App.RunRunnerAsync();

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("reminded-recently", await CodeOf(again));
        var reminder = Assert.Single(world.App.Mailbox.List(), m => m.Subject.StartsWith("Reminder:", StringComparison.Ordinal));
        Assert.Contains(Zoe, reminder.To.Single(), StringComparison.Ordinal);
        world.App.Clock.Advance(TimeSpan.FromMinutes(61));
        Assert.Equal(HttpStatusCode.Accepted, (await Client.PostAsync(remind, Api.NoBody())).StatusCode);
    }

    [Fact]
    public async Task Release_reopen_and_late_answers_wait_for_an_assembled_statement_then_work()
    {
        Assert.Equal("statement-not-assembled", await CodeOf(await Client.PostAsync($"/api/reviews/{id}/release", Api.NoBody())));
        Assert.Equal("statement-not-assembled", await CodeOf(await Client.PostAsJsonAsync($"/api/reviews/{id}/reopen", new { until = "2027-01-11" })));

        await DeadlinePassesAsync(world.App);
        var late = await Client.PostAsJsonAsync($"/api/reviews/{id}/assignments/A8/late-answer", new { text = "Emailed in on Saturday." });
        Assert.Equal(HttpStatusCode.Accepted, late.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await Client.PostAsJsonAsync($"/api/reviews/{id}/reopen", new { until = "2027-01-11" })).StatusCode);
        Assert.Equal("open", (await world.App.GetReviewAsync(id)).Status);

        var statement = await Client.GetAsync($"/api/reviews/{id}/statement");
        Assert.Equal(HttpStatusCode.NotFound, statement.StatusCode);
        await world.App.AtAsync(Uk(2027, 1, 12, 0, 1));
        Assert.Contains("Emailed in on Saturday.", await Client.GetStringAsync($"/api/reviews/{id}/statement"), StringComparison.Ordinal);
        Assert.Contains("No response received by 11 January 2027", await Client.GetStringAsync($"/api/reviews/{id}/statement"), StringComparison.Ordinal);
    }
}
