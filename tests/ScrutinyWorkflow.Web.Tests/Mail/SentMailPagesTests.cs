using System.Net;
using Microsoft.AspNetCore.Http;
using ScrutinyWorkflow.Web.Mail;
using ScrutinyWorkflow.Web.Tests.EndToEnd;
using ScrutinyWorkflow.Web.Tests.Pages;

namespace ScrutinyWorkflow.Web.Tests.Mail;

public sealed class SentMailPagesTests
{
    private static EmlMessage Message(string subject = "Question 3", string html = "<p>Hello</p>") => new(
        "review-42-request-0123456789abcdef0123.eml",
        "review-42/request",
        new DateTimeOffset(2024, 3, 5, 9, 30, 0, TimeSpan.Zero),
        "Scrutiny Team <scrutiny@council.example>",
        ["Sian Llewellyn <head.of.service@council.example>"],
        ["Price, Owen <owen.price@council.example>"],
        subject,
        "Dear Sian,\n<b>not bold</b>",
        html);

    private static async Task<string> ListAsync(params EmlMessage[] messages) =>
        PageHtml.MainOf(await PageHtml.RenderAsync<SentMailList>(new Dictionary<string, object?> { [nameof(SentMailList.Messages)] = messages }));

    private static async Task<string> ShowAsync(EmlMessage message) =>
        await PageHtml.RenderAsync<SentMailMessage>(new Dictionary<string, object?> { [nameof(SentMailMessage.Message)] = message });

    private static async Task<HttpContext> GetAsync(ScrutinyApplication app, string path, IPAddress caller) =>
        await app.Server.SendAsync(context =>
        {
            context.Request.Method = HttpMethods.Get;
            context.Request.Path = path;
            context.Connection.RemoteIpAddress = caller;
        });

    [Fact]
    public async Task Sent_mail_is_shown_to_someone_on_this_machine_and_to_nobody_else()
    {
        await using var world = new TestWorld();
        await AssuranceReviewScenario.CreateAndDispatchAsync(world.App);
        await AssuranceReviewScenario.SendRequestsAsync(world.App);
        var message = world.App.Mailbox.List()[0].FileName;

        foreach (var path in new[] { "/mail", $"/mail/{message}", $"/mail/{message}/raw" })
        {
            Assert.Equal(StatusCodes.Status200OK, (await GetAsync(world.App, path, IPAddress.Loopback)).Response.StatusCode);
            Assert.Equal(StatusCodes.Status200OK, (await GetAsync(world.App, path, IPAddress.IPv6Loopback)).Response.StatusCode);
            Assert.Equal(StatusCodes.Status404NotFound, (await GetAsync(world.App, path, IPAddress.Parse("203.0.113.7"))).Response.StatusCode);
        }
    }

    [Fact]
    public async Task A_message_links_to_the_review_it_is_about_and_frames_its_html_part_from_an_address_whose_policy_lets_its_styles_apply()
    {
        await using var world = new TestWorld();
        var id = await AssuranceReviewScenario.CreateAndDispatchAsync(world.App);
        await AssuranceReviewScenario.SendRequestsAsync(world.App);
        var message = world.App.Mailbox.List()[0].FileName;

        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await new StreamReader((await GetAsync(world.App, $"/mail/{message}", IPAddress.Loopback)).Response.Body).ReadToEndAsync());
        var html = await GetAsync(world.App, $"/mail/{message}/html", IPAddress.Loopback);

        Assert.Contains(page.QuerySelectorAll("main a"), a => a.GetAttribute("href") == $"/reviews/{id}");
        Assert.Equal($"/mail/{message}/html", page.QuerySelector("iframe.app-mail-frame")!.GetAttribute("src"));
        Assert.Equal(StatusCodes.Status200OK, html.Response.StatusCode);
        var policy = html.Response.Headers.ContentSecurityPolicy.ToString();
        Assert.Contains("style-src 'unsafe-inline'", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'self'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("script-src", policy, StringComparison.Ordinal);
        Assert.Contains("<style>", await new StreamReader(html.Response.Body).ReadToEndAsync(), StringComparison.Ordinal);
        Assert.Equal(StatusCodes.Status404NotFound, (await GetAsync(world.App, $"/mail/{message}/html", IPAddress.Parse("203.0.113.7"))).Response.StatusCode);
    }

    [Fact]
    public async Task The_list_is_an_accessible_table_with_a_link_to_each_message()
    {
        var page = await ListAsync(Message());

        Assert.Contains("<caption class=\"govuk-table__caption govuk-table__caption--m\">Sent mail (1)</caption>", page, StringComparison.Ordinal);
        Assert.Equal(3, CountOf(page, "<th scope=\"col\""));
        Assert.Contains("<th scope=\"col\" class=\"govuk-table__header\">Date</th><th scope=\"col\" class=\"govuk-table__header\">To</th><th scope=\"col\" class=\"govuk-table__header\">Subject</th>", page, StringComparison.Ordinal);
        // On a phone each cell is labelled with its column, so the table reflows into one card per message.
        Assert.Contains("data-label=\"Subject\"><a class=\"govuk-link\" href=\"/mail/review-42-request-0123456789abcdef0123.eml\">Question 3</a>", page, StringComparison.Ordinal);
        Assert.Contains("<time datetime=\"2024-03-05T09:30:00&#x2B;00:00\">5 Mar 2024 09:30</time>", page, StringComparison.Ordinal);
        Assert.Contains("Sian Llewellyn &lt;head.of.service@council.example&gt;", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_folder_says_so_instead_of_showing_an_empty_table()
    {
        var page = await ListAsync();

        Assert.Contains("No mail has been sent yet.", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<table", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_subject_with_a_script_tag_is_encoded_in_the_list_and_the_message_page()
    {
        var message = Message(subject: "<script>alert('x')</script>");

        foreach (var page in new[] { await ListAsync(message), PageHtml.MainOf(await ShowAsync(message)) })
        {
            Assert.DoesNotContain("<script", page, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;", page, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_message_page_shows_the_headers_and_the_text_part_encoded_in_a_pre()
    {
        var page = await ShowAsync(Message());

        Assert.Contains("<h1 class=\"govuk-heading-l\">Question 3</h1>", page, StringComparison.Ordinal);
        Assert.Contains("<title>Question 3 - Sent mail - Scrutiny Workflow - Test Council</title>", page, StringComparison.Ordinal);
        Assert.Contains("<dd class=\"govuk-summary-list__value\">Scrutiny Team &lt;scrutiny@council.example&gt;</dd>", page, StringComparison.Ordinal);
        Assert.Contains("<dd class=\"govuk-summary-list__value\">Price, Owen &lt;owen.price@council.example&gt;</dd>", page, StringComparison.Ordinal);
        Assert.Contains("<pre class=\"govuk-body app-preformatted\">Dear Sian,&#xA;&lt;b&gt;not bold&lt;/b&gt;</pre>", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/mail/review-42-request-0123456789abcdef0123.eml/raw\"", page, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/mail\" class=\"govuk-back-link\">Back to sent mail</a>", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_HTML_part_is_never_in_the_page_itself_only_in_a_sandboxed_frame_of_its_own_address()
    {
        var html = "<p onclick=\"steal()\">Hi</p><script>document.cookie</script>\"><img src=x onerror=alert(1)>";

        var page = PageHtml.MainOf(await ShowAsync(Message(html: html)));

        Assert.DoesNotContain("<script", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("steal()", page, StringComparison.Ordinal);
        Assert.Contains(
            "title=\"HTML part of the message\" sandbox=\"allow-popups allow-top-navigation-by-user-activation\" src=\"/mail/review-42-request-0123456789abcdef0123.eml/html\"",
            page,
            StringComparison.Ordinal);
        Assert.DoesNotContain("allow-scripts", page, StringComparison.Ordinal);
        Assert.DoesNotContain("allow-same-origin", page, StringComparison.Ordinal);
        Assert.DoesNotContain("allow-scripts", SentMailPages.HtmlPartPolicy, StringComparison.Ordinal);
        Assert.StartsWith("default-src 'none';", SentMailPages.HtmlPartPolicy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_name_is_escaped_in_links()
    {
        var page = await ListAsync(Message() with { FileName = "a b&c\".eml" });

        Assert.Contains("href=\"/mail/a%20b%26c%22.eml\">", page, StringComparison.Ordinal);
    }

    private static int CountOf(string text, string value)
    {
        var count = 0;
        for (var at = text.IndexOf(value, StringComparison.Ordinal); at >= 0; at = text.IndexOf(value, at + 1, StringComparison.Ordinal))
        {
            count++;
        }
        return count;
    }
}
