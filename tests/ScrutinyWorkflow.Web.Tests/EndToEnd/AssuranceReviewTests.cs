using System.Net;
using System.Net.Http.Json;
using ScrutinyWorkflow.Web.Mail;
using static ScrutinyWorkflow.Web.Tests.EndToEnd.AssuranceReviewScenario;

namespace ScrutinyWorkflow.Web.Tests.EndToEnd;

public sealed class AssuranceReviewTests
{
    [Fact]
    public async Task A_review_runs_from_dispatch_through_reminders_and_escalation_to_a_filed_statement()
    {
        await using var world = new TestWorld();
        var app = world.App;

        var id = await CreateAndDispatchAsync(app);
        await SendRequestsAsync(app);
        Assert.All((await app.GetReviewAsync(id)).Assignments, a => Assert.Equal("requested", a.State));
        Assert.All(app.Mailbox.List(), m => Assert.Contains(ScrutinyApplication.PublicBaseUrl + "/respond/", m.TextBody, StringComparison.Ordinal));

        await FirstAnswersAsync(app);
        var colleagueNotice = Assert.Single(app.Mailbox.List(), m => m.Subject.StartsWith("Answered by", StringComparison.Ordinal));
        Assert.Contains(Head, colleagueNotice.To.Single(), StringComparison.Ordinal);

        await FirstRemindersAsync(app);
        Assert.Equal(6, Subjects(app.Mailbox, "Reminder:").Count);
        var afterReminders = await app.GetReviewAsync(id);
        Assert.Equal("reminded", afterReminders.Assignments.Single(a => a.Question == Q3).State);
        Assert.Equal("answered", afterReminders.Assignments.Single(a => a.Question == Q1 && a.Officer == Head).State);

        await MoreAnswersAsync(app);
        await SecondRemindersAndEscalationsAsync(app);
        Assert.Equal(11, Subjects(app.Mailbox, "Reminder:").Count);
        var escalations = app.Mailbox.List().Where(m => m.Subject.StartsWith("Unanswered scrutiny question", StringComparison.Ordinal)).ToList();
        Assert.Equal(
            ["aisha.rahman@council.example", "aisha.rahman@council.example", "fiona.macleod@council.example", "owen.price@council.example"],
            escalations.Select(m => Address(m.To.Single())).Order());
        Assert.Equal(
            ["escalated", "escalated", "escalated", "escalated"],
            (await app.GetReviewAsync(id)).Assignments.Where(a => a.Question is Q3 or Q5 or Q7 or Q8).Select(a => a.State));

        await DeadlinePassesAsync(app);

        await AssertFiledStatementAsync(app, id);
        var final = await app.GetReviewAsync(id);
        Assert.Equal(
            ["answered", "answered", "answered", "no-response", "answered", "no-response", "answered", "no-response", "no-response"],
            final.Assignments.Select(a => a.State));
        var panelMail = Assert.Single(app.Mailbox.List(), m => m.Subject.StartsWith("Position statement ready", StringComparison.Ordinal));
        Assert.Contains("panel@council.example", panelMail.To.Single(), StringComparison.Ordinal);
        Assert.Contains("4 of 8 questions were answered", panelMail.TextBody, StringComparison.Ordinal);
        AssertMailSentOnce(app.Mailbox);

        var statement = await app.CreateClient().GetAsync($"/api/reviews/{id}/statement");
        Assert.Equal(HttpStatusCode.OK, statement.StatusCode);
        Assert.Equal(await File.ReadAllTextAsync(final.FiledLocation!), await statement.Content.ReadAsStringAsync());
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
        Assert.Equal([("A2", Answer1), ("A3", Answer2)], answered.Select(e => (e.Data.GetProperty("assignmentId").GetString(), e.Data.GetProperty("text").GetString())));
        Assert.Equal("A9", Assert.Single(trail, e => e.Type == "answer-drafted").Data.GetProperty("assignmentId").GetString());
        Assert.All(trail, e => Assert.Equal(1, e.SchemaVersion));
    }

    private static List<string> Subjects(EmlMailbox mailbox, string prefix) =>
        [.. mailbox.List().Select(m => m.Subject).Where(s => s.StartsWith(prefix, StringComparison.Ordinal))];

    private static string Address(string formatted) =>
        formatted.Contains('<', StringComparison.Ordinal) ? formatted[(formatted.IndexOf('<', StringComparison.Ordinal) + 1)..formatted.IndexOf('>', StringComparison.Ordinal)] : formatted;
}
