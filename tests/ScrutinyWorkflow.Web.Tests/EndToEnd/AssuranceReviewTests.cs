using System.Net;
using System.Net.Http.Json;
using ScrutinyWorkflow.Web.Mail;
using static ScrutinyWorkflow.Web.Tests.EndToEnd.AssuranceReviewScenario;

namespace ScrutinyWorkflow.Web.Tests.EndToEnd;

public sealed class AssuranceReviewTests
{
    [Fact]
    public async Task A_review_runs_from_dispatch_through_reminders_and_escalation_to_a_checked_and_filed_statement()
    {
        await using var world = new TestWorld();
        var app = world.App;

        var id = await CreateAndDispatchAsync(app);
        await SendRequestsAsync(app);
        Assert.All((await app.GetReviewAsync(id)).Assignments, a => Assert.Equal("requested", a.State));
        Assert.All(app.Mailbox.List(), m => Assert.Contains(ScrutinyApplication.PublicBaseUrl + "/respond/", m.TextBody, StringComparison.Ordinal));
        var headRequest = Assert.Single(app.Mailbox.List(), m => m.To.Single().Contains(Head, StringComparison.Ordinal));
        Assert.Equal("“Careless” review: 3 questions for you to answer by Friday 8 January 2027", headRequest.Subject);
        Assert.All(new[] { Q1, Q3, Q8 }, q => Assert.Contains(q, headRequest.TextBody, StringComparison.Ordinal));

        await FirstAnswersAsync(app);
        var colleagueNotice = Assert.Single(app.Mailbox.List(), m => m.Subject.Contains("answered by", StringComparison.Ordinal));
        Assert.Contains(Head, colleagueNotice.To.Single(), StringComparison.Ordinal);

        await FirstRemindersAsync(app);
        var reminders = app.Mailbox.List().Where(m => m.Subject.StartsWith("Reminder:", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, reminders.Count);
        var headReminder = Assert.Single(reminders, m => m.To.Single().Contains(Head, StringComparison.Ordinal));
        Assert.Equal("Reminder: 2 questions still to answer by Friday 8 January 2027 for the “Careless” review", headReminder.Subject);
        Assert.DoesNotContain(Q1, headReminder.TextBody, StringComparison.Ordinal);
        var afterReminders = await app.GetReviewAsync(id);
        Assert.Equal("reminded", afterReminders.Assignments.Single(a => a.Question == Q3).State);
        Assert.Equal("answered", afterReminders.Assignments.Single(a => a.Question == Q1 && a.Officer == Head).State);

        await MoreAnswersAsync(app);
        Assert.Contains(Data, Assert.Single(app.Mailbox.List(), m => m.Subject.Contains("answer amended by", StringComparison.Ordinal)).To.Single(), StringComparison.Ordinal);
        await SecondRemindersAndEscalationsAsync(app);
        // The second round goes out as final reminders.
        Assert.Equal(7, Subjects(app.Mailbox, "Reminder:").Count + Subjects(app.Mailbox, "Final reminder:").Count);
        Assert.Equal(2, app.Mailbox.List().Count(m => (m.Subject.StartsWith("Reminder:", StringComparison.Ordinal) || m.Subject.StartsWith("Final reminder:", StringComparison.Ordinal))
            && m.To.Single().Contains(Head, StringComparison.Ordinal)));
        var escalations = app.Mailbox.List().Where(m => m.Subject.Contains("unanswered question", StringComparison.Ordinal)).ToList();
        Assert.Equal(
            ["aisha.rahman@council.example", "fiona.macleod@council.example", "owen.price@council.example"],
            escalations.Select(m => Address(m.To.Single())).Order());
        Assert.Equal(
            ["escalated", "escalated", "escalated", "escalated"],
            (await app.GetReviewAsync(id)).Assignments.Where(a => a.Question is Q3 or Q5 or Q7 or Q8).Select(a => a.State));

        await DeadlinePassesAsync(app);
        var assembled = await app.GetReviewAsync(id);
        Assert.Equal(("assembled", (string?)null), (assembled.Status, assembled.FiledLocation));
        var check = Assert.Single(app.Mailbox.List(), m => m.Subject.EndsWith("ready for you to check", StringComparison.Ordinal));
        Assert.Contains("scrutiny@council.example", check.To.Single(), StringComparison.Ordinal);
        Assert.DoesNotContain("automatically", check.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(app.Mailbox.List(), m => m.To.Any(t => t.Contains("panel@council.example", StringComparison.Ordinal)));
        Assert.Contains("Not yet released", await app.CreateClient().GetStringAsync($"/api/reviews/{id}/statement"), StringComparison.Ordinal);

        await ReleaseAsync(app, id);

        await AssertFiledStatementAsync(app, id);
        var final = await app.GetReviewAsync(id);
        Assert.Equal(
            ["answered", "answered", "answered", "no-response", "answered", "no-response", "answered", "no-response", "no-response"],
            final.Assignments.Select(a => a.State));
        var panelMail = Assert.Single(app.Mailbox.List(), m => m.Subject.StartsWith("Position statement:", StringComparison.Ordinal));
        Assert.Contains("panel@council.example", panelMail.To.Single(), StringComparison.Ordinal);
        Assert.Contains("scrutiny@council.example", panelMail.Cc.Single(), StringComparison.Ordinal);
        Assert.Contains("4 of 8 questions were answered", panelMail.TextBody, StringComparison.Ordinal);
        Assert.Contains($"{ScrutinyApplication.PublicBaseUrl}/reviews/{id}/statement", panelMail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(world.DataPath, panelMail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("/api/", panelMail.TextBody, StringComparison.Ordinal);
        Assert.Equal(["Appendix 1 - position statement.docx"], panelMail.AttachmentNames);
        Assert.Contains("is attached", panelMail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("cover report", panelMail.TextBody, StringComparison.OrdinalIgnoreCase);
        var receipts = app.Mailbox.List().Where(m => m.Subject.Contains("was received, reference", StringComparison.Ordinal)).ToList();
        Assert.Equal([Data, Head, Tom, Tom, Zoe], receipts.Select(m => Address(m.To.Single())).Order());
        AssertMailSentOnce(app.Mailbox);

        var page = await app.CreateClient().GetAsync($"/reviews/{id}/statement");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(await File.ReadAllTextAsync(Path.Combine(Path.GetDirectoryName(final.FiledLocation!)!, "position-statement.html")), await page.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Nobody_releasing_it_the_statement_waits_for_a_person_past_the_last_publishing_day()
    {
        await using var world = new TestWorld();
        var app = world.App;
        var id = await CreateAndDispatchAsync(app);
        await SendRequestsAsync(app);
        await DeadlinePassesAsync(app);

        await app.AtAsync(Uk(2027, 1, 12, 9, 0));
        await app.AtAsync(Uk(2027, 1, 19, 17, 0));

        Assert.Equal("assembled", (await app.GetReviewAsync(id)).Status);
        Assert.DoesNotContain(app.Mailbox.List(), m => m.Subject.StartsWith("Position statement:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_review_set_to_release_automatically_goes_to_the_panel_at_nine_on_the_last_publishing_day_once_without_the_cover_report()
    {
        await using var world = new TestWorld();
        var app = world.App;
        var id = await app.CreateReviewAsync(AutomaticRequest());
        Assert.Equal(HttpStatusCode.Accepted, (await app.CreateClient().PostAsync($"/api/reviews/{id}/dispatch", Api.NoBody())).StatusCode);
        await SendRequestsAsync(app);
        await DeadlinePassesAsync(app);
        Assert.Contains("automatically at 09:00 on Tuesday 12 January 2027", Assert.Single(app.Mailbox.List(), m => m.Subject.EndsWith("ready for you to check", StringComparison.Ordinal)).TextBody, StringComparison.Ordinal);

        await app.AtAsync(Uk(2027, 1, 12, 8, 59));
        Assert.Equal("assembled", (await app.GetReviewAsync(id)).Status);
        await app.AtAsync(Uk(2027, 1, 12, 9, 0));
        await app.AtAsync(Uk(2027, 1, 12, 9, 15));

        Assert.Equal("completed", (await app.GetReviewAsync(id)).Status);
        var panelMail = Assert.Single(app.Mailbox.List(), m => m.Subject.StartsWith("Position statement:", StringComparison.Ordinal));
        Assert.Equal(["Appendix 1 - position statement.docx"], panelMail.AttachmentNames);
        var trail = await app.CreateClient().GetFromJsonAsync<List<Web.Reviews.AuditEntry>>($"/api/reviews/{id}/events");
        Assert.True(Assert.Single(trail!, e => e.Type == "statement-released").Data.GetProperty("automatically").GetBoolean());
    }

    private static System.Text.Json.Nodes.JsonObject AutomaticRequest()
    {
        var request = System.Text.Json.JsonSerializer.SerializeToNode(Request())!.AsObject();
        request["automaticRelease"] = true;
        return request;
    }

    [Fact]
    public async Task Closing_early_shows_the_fair_marker_and_tells_officers_with_open_questions()
    {
        await using var world = new TestWorld();
        var app = world.App;
        var id = await CreateAndDispatchAsync(app);
        await SendRequestsAsync(app);
        await FirstAnswersAsync(app);

        await app.AtAsync(Uk(2026, 12, 21, 10));
        Assert.Equal(HttpStatusCode.Accepted, (await app.CreateClient().PostAsJsonAsync($"/api/reviews/{id}/close", new { reason = "The panel meeting was brought forward" })).StatusCode);
        await app.RunRunnerAsync();

        var statement = await app.CreateClient().GetStringAsync($"/api/reviews/{id}/statement");
        Assert.Contains("Not answered: the review was closed early on 21 December 2026", statement, StringComparison.Ordinal);
        Assert.DoesNotContain("No response received", statement, StringComparison.Ordinal);
        Assert.Contains("The panel meeting was brought forward", statement, StringComparison.Ordinal);
        var closed = app.Mailbox.List().Where(m => m.Subject.Contains("closed early", StringComparison.Ordinal)).ToList();
        Assert.Equal([Data, Head, Tom, Zoe], closed.Select(m => Address(m.To.Single())).Order());
    }

    [Fact]
    public async Task The_audit_trail_records_who_was_asked_chased_and_who_answered()
    {
        await using var world = new TestWorld();
        var id = await CreateAndDispatchAsync(world.App);
        await SendRequestsAsync(world.App);
        await FirstAnswersAsync(world.App);
        await FirstRemindersAsync(world.App);

        var trail = await world.App.CreateClient().GetFromJsonAsync<List<Web.Reviews.AuditEntry>>($"/api/reviews/{id}/events");

        Assert.Equal("review-drafted", trail![0].Type);
        Assert.Equal(Enumerable.Range(1, trail.Count).Select(v => (long)v), trail.Select(e => e.Version));
        Assert.Equal(9, trail.Count(e => e.Type == "request-sent"));
        Assert.Equal(6, trail.Count(e => e.Type == "reminder-sent"));
        var answered = trail.Where(e => e.Type == "answer-submitted").ToList();
        Assert.Equal(
            [("A2", Answer1, Data), ("A3", Answer2, Tom)],
            answered.Select(e => (e.Data.GetProperty("assignmentId").GetString(), e.Data.GetProperty("text").GetString(), e.Data.GetProperty("by").GetProperty("email").GetString())));
        // A saved draft is private: the trail records that it was saved, never what it says.
        // (Every answer is kept as a draft on its way to the check page, so each submitted one was drafted first.)
        var saved = trail.Where(e => e.Type == "answer-drafted").ToList();
        Assert.Contains(saved, e => e.Data.GetProperty("assignmentId").GetString() == "A9");
        Assert.All(saved, e => Assert.Equal("", e.Data.GetProperty("text").GetString()));
        Assert.DoesNotContain("ask the IRO service", await world.App.CreateClient().GetStringAsync($"/api/reviews/{id}/events"), StringComparison.Ordinal);
        Assert.All(trail, e => Assert.Equal(1, e.SchemaVersion));
    }

    private static List<string> Subjects(EmlMailbox mailbox, string prefix) =>
        [.. mailbox.List().Select(m => m.Subject).Where(s => s.StartsWith(prefix, StringComparison.Ordinal))];
}
