using System.Net;
using AngleSharp.Html.Parser;
using ScrutinyWorkflow.Web.Mail;
using static ScrutinyWorkflow.Web.Tests.EndToEnd.AssuranceReviewScenario;

namespace ScrutinyWorkflow.Web.Tests.Notifications;

/// <summary>Whoever answers through their link is sent a receipt: what they sent, when, its reference and the way back.</summary>
public sealed class ReceiptTests : IAsyncLifetime
{
    private const string Hostile = "Jointly with housing advice [log in here](https://evil.example/login) <script>alert('x')</script> **every** case.\n\n- not a list";

    private readonly TestWorld world = new();
    private string reviewId = "";

    public async Task InitializeAsync()
    {
        world.Settings["Scrutiny:Mail:CouncilName"] = "Riverside Borough Council";
        reviewId = await CreateAndDispatchAsync(world.App);
        await SendRequestsAsync(world.App);
    }

    public async Task DisposeAsync() => await world.DisposeAsync();

    private List<EmlMessage> ReceiptsTo(string email) =>
        [.. world.App.Mailbox.List().Where(m => m.Subject.Contains("was received, reference", StringComparison.Ordinal) && m.To.Single().Contains(email, StringComparison.Ordinal))];

    [Fact]
    public async Task An_officer_who_submits_through_their_link_gets_a_receipt_with_the_reference_their_answer_as_text_and_their_link()
    {
        var link = world.App.LinkFor(Tom, Q2);
        await world.App.AtAsync(Uk(2026, 12, 16, 11, 20));

        var submitted = await world.App.AnswerAsync(link, Q2, Hostile);
        Assert.Equal(HttpStatusCode.SeeOther, submitted.StatusCode);
        await world.App.RunRunnerAsync();

        var receipt = Assert.Single(ReceiptsTo(Tom));
        var reference = $"{reviewId}-Q2-1".ToUpperInvariant();
        Assert.Equal($"“Careless” review: your answer was received, reference {reference}", receipt.Subject);
        // The confirmation page gives the same reference, and says the receipt is on its way.
        var confirmation = new HtmlParser().ParseDocument(await world.App.CreateClient().GetStringAsync(submitted.Headers.Location!.OriginalString));
        Assert.Equal(reference, confirmation.QuerySelector("#reference")!.TextContent);
        Assert.Contains("send a receipt with this reference", confirmation.QuerySelector("#receipt")!.TextContent, StringComparison.Ordinal);
        var html = new HtmlParser().ParseDocument(receipt.HtmlBody);
        foreach (var text in new[] { receipt.TextBody, html.Body!.TextContent })
        {
            Assert.Contains(reference, text, StringComparison.Ordinal);
            Assert.Contains("[log in here](https://evil.example/login) <script>alert('x')</script> **every** case.", text, StringComparison.Ordinal);
            Assert.Contains("- not a list", text, StringComparison.Ordinal);
            Assert.Contains(Q2, text, StringComparison.Ordinal);
            Assert.Contains("received at 11:20 on Wednesday 16 December 2026", text, StringComparison.Ordinal);
            Assert.Contains("until answers close at the end of Friday 8 January 2027.", text, StringComparison.Ordinal);
            Assert.Contains("Scrutiny Team, Riverside Borough Council: scrutiny@council.example", text, StringComparison.Ordinal);
        }
        Assert.Empty(html.QuerySelectorAll("script, strong"));
        Assert.Equal(Q2, Assert.Single(html.QuerySelectorAll("li")).TextContent.Split(": ", 2)[1]);
        var only = Assert.Single(html.QuerySelectorAll("a[href^=http]"));
        Assert.Equal(link.AbsoluteUri, only.GetAttribute("href"));
        Assert.Contains(link.AbsoluteUri, receipt.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Amending_sends_a_second_receipt_with_the_next_reference_and_the_answer_as_amended()
    {
        var link = world.App.LinkFor(Tom, Q2);
        await world.App.AnswerAsync(link, Q2, Answer2);
        await world.App.RunRunnerAsync();
        await world.App.AtAsync(Uk(2026, 12, 17, 9, 45));

        await world.App.AnswerAsync(link, Q2, Answer2 + " Since December, within five working days.");
        await world.App.RunRunnerAsync();

        var receipts = ReceiptsTo(Tom);
        Assert.Equal(2, receipts.Count);
        var amended = receipts[0];
        Assert.Contains($"your amended answer was received, reference {reviewId.ToUpperInvariant()}-Q2-2", amended.Subject, StringComparison.Ordinal);
        Assert.Contains("Since December, within five working days.", amended.TextBody, StringComparison.Ordinal);
        Assert.Contains("received at 09:45 on Thursday 17 December 2026", amended.TextBody, StringComparison.Ordinal);
        Assert.EndsWith("-Q2-1", receipts[1].Subject, StringComparison.Ordinal);
        Assert.DoesNotContain("Since December", receipts[1].TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_manager_answering_on_an_officers_behalf_gets_the_receipt_through_their_own_link_and_the_officer_none()
    {
        await world.App.AtAsync(Uk(2027, 1, 8, 9, 5));
        var managerLink = world.App.LinkFor(Head, Q4);
        Assert.NotEqual(world.App.LinkFor(Tom, Q4), managerLink);

        Assert.Equal(HttpStatusCode.SeeOther, (await world.App.AnswerAsync(managerLink, Q4, Answer4)).StatusCode);
        await world.App.RunRunnerAsync();

        Assert.Empty(ReceiptsTo(Tom));
        var receipt = Assert.Single(ReceiptsTo(Head));
        Assert.Contains($"{reviewId.ToUpperInvariant()}-Q4-1", receipt.Subject, StringComparison.Ordinal);
        Assert.Contains("Dear Siân Llewellyn", receipt.TextBody, StringComparison.Ordinal);
        Assert.Contains("given on behalf of Tom Okafor", receipt.TextBody, StringComparison.Ordinal);
        Assert.Equal(managerLink.AbsoluteUri, Assert.Single(new HtmlParser().ParseDocument(receipt.HtmlBody).QuerySelectorAll("a[href^=http]")).GetAttribute("href"));
    }
}
