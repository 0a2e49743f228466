using System.Net;
using static ScrutinyWorkflow.Web.Tests.EndToEnd.AssuranceReviewScenario;
using static ScrutinyWorkflow.Web.Tests.EndToEnd.BetweenFocusReportsScenario;

namespace ScrutinyWorkflow.Web.Tests.Notifications;

/// <summary>
/// The shipped templates speak of a month's decisions review as what it is: the officer is asked about the decisions
/// on their service, and the panel gets the month's paper, never a focus report's position statement.
/// </summary>
public sealed class DecisionsMessagesTests : IAsyncLifetime
{
    private readonly TestWorld world = new(DateTimeOffset.UtcNow);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await world.DisposeAsync();

    [Fact]
    public async Task The_officer_is_asked_about_the_decisions_on_their_service_and_the_panel_gets_the_months_paper()
    {
        var app = world.App;
        var id = await ClosedDecisionsReviewAsync(app, "Corporate Scrutiny Panel", "corporate.panel@council.example");
        await Expect(HttpStatusCode.Accepted, app.CreateClient().PostAsync($"/api/reviews/{id}/release", Api.NoBody()));
        await app.RunRunnerAsync();

        var mail = app.Mailbox.List();
        var request = mail.First(m => m.To.Any(t => t.Contains(Tom, StringComparison.Ordinal)) && m.TextBody.Contains("What has the service learned", StringComparison.Ordinal));
        Assert.Contains("decisions about the council each month", request.TextBody, StringComparison.Ordinal);
        var toCheck = Assert.Single(mail, m => m.Subject.EndsWith("is ready for you to check", StringComparison.Ordinal));
        Assert.StartsWith("\u201cOmbudsman decisions: ", toCheck.Subject, StringComparison.Ordinal);
        Assert.Contains("the paper is ready", toCheck.Subject, StringComparison.Ordinal);
        var filed = Assert.Single(mail, m => m.To.Any(t => t.Contains("corporate.panel@council.example", StringComparison.Ordinal)));
        Assert.StartsWith("Paper for the panel: Ombudsman decisions: ", filed.Subject, StringComparison.Ordinal);
        Assert.Contains("whether the remedies were done on time", filed.TextBody, StringComparison.Ordinal);
        Assert.All(new[] { request, toCheck, filed }, m =>
        {
            Assert.DoesNotContain("focus report", m.Subject + m.TextBody, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("position statement", m.Subject + m.TextBody, StringComparison.OrdinalIgnoreCase);
        });
    }
}
