using System.Net;
using System.Net.Http.Json;
using AngleSharp.Dom;
using ScrutinyWorkflow.Web.DeliveryReports;
using static ScrutinyWorkflow.Web.Tests.EndToEnd.AssuranceReviewScenario;

namespace ScrutinyWorkflow.Web.Tests.ReviewPages;

/// <summary>
/// A bounce reported by the mail service reaches the scrutiny officer's pages: against the officer on the review's
/// page (what the service said, when, and what to do) and on the dashboard, until she acts on it.
/// </summary>
public sealed class UndeliverablePagesTests : IAsyncLifetime
{
    private const string CallbackToken = "notify-callback-token-9c2d";

    private readonly TestWorld world = new();

    public Task InitializeAsync()
    {
        world.Settings["Scrutiny:Mail:Notify:CallbackToken"] = CallbackToken;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await world.DisposeAsync();

    private static IElement CardOf(IDocument page, string email) =>
        page.QuerySelectorAll(".govuk-summary-card").Single(card => card.QuerySelector(".govuk-summary-card__content > p")!.TextContent.StartsWith(email, StringComparison.Ordinal));

    private static string DashboardNeeds(IDocument dashboard, string id) =>
        string.Join(" | ", dashboard.QuerySelectorAll($"a[href='/reviews/{id}#officers']").Select(a => a.TextContent.Trim()));

    [Fact]
    public async Task A_bounced_request_is_shown_against_the_officer_and_on_the_dashboard_until_she_reminds_them_once_their_mailbox_is_fixed()
    {
        var id = await CreateAndDispatchAsync(world.App);
        await SendRequestsAsync(world.App);
        var request = world.App.Mailbox.List().Single(m => m.To.Single().Contains(Zoe, StringComparison.Ordinal));
        using var callback = new HttpRequestMessage(HttpMethod.Post, DeliveryReportsApi.NotifyPath)
        {
            Content = JsonContent.Create(new
            {
                id = "740e5834-3a29-46b4-9a6f-16142fde533a",
                reference = request.MessageId,
                to = Zoe,
                status = "permanent-failure",
                notification_type = "email",
                created_at = "2026-12-14T10:01:00.000000Z",
                completed_at = "2026-12-14T10:01:05.000000Z",
                sent_at = "2026-12-14T10:01:01.000000Z",
            }),
        };
        callback.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", CallbackToken);
        Assert.Equal(HttpStatusCode.NoContent, (await world.App.CreateClient().SendAsync(callback)).StatusCode);
        var driver = new PageDriver(world.App.Browser());

        var review = await driver.OpenAsync($"/reviews/{id}");
        var dashboard = await driver.OpenAsync("/");

        var warning = CardOf(review, Zoe).QuerySelector(".app-undeliverable")!.TextContent;
        Assert.Contains("Mail to Zoë Fairbrother could not be delivered, so they have not seen their questions.", warning, StringComparison.Ordinal);
        Assert.Contains("On Monday 14 December 2026 at 10:01 the mail service said:", warning, StringComparison.Ordinal);
        Assert.Contains("permanent-failure", warning, StringComparison.Ordinal);
        Assert.Contains("Hand their questions on to their right address or to someone else", warning, StringComparison.Ordinal);
        Assert.Null(CardOf(review, Tom).QuerySelector(".app-undeliverable"));
        Assert.Equal("1 officer your mail could not reach", DashboardNeeds(dashboard, id));

        // Her mailbox is fixed: later that morning the scrutiny officer sends the questions again, and the warning has done its job.
        world.Clock.Advance(TimeSpan.FromMinutes(30));
        await driver.FollowAsync(await driver.SubmitAsync(review, $"form[action='/reviews/{id}/officers/{Uri.EscapeDataString(Zoe)}/remind']"));
        var after = await driver.OpenAsync($"/reviews/{id}");

        Assert.Null(CardOf(after, Zoe).QuerySelector(".app-undeliverable"));
        Assert.Equal("", DashboardNeeds(await driver.OpenAsync("/"), id));
    }
}
