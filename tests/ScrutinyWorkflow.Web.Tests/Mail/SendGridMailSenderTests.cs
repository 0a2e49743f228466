using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using ScrutinyWorkflow.Web.Mail;

namespace ScrutinyWorkflow.Web.Tests.Mail;

/// <summary>The SendGrid adapter, as the product registers it (with its retries), against a local server speaking v3 <c>mail/send</c>.</summary>
public sealed class SendGridMailSenderTests : IAsyncLifetime
{
    private readonly TemporaryFolder temp = new();
    private FakeSendGrid sendGrid = null!;

    public async Task InitializeAsync() => sendGrid = await FakeSendGrid.StartAsync();

    public async Task DisposeAsync()
    {
        await sendGrid.DisposeAsync();
        temp.Dispose();
    }

    private IMailSender Sender(Action<Dictionary<string, string?>>? change = null)
    {
        var settings = sendGrid.Settings();
        change?.Invoke(settings);
        return MailServices.Sender(temp.Path, settings);
    }

    [Fact]
    public async Task Posts_the_v3_json_with_recipients_sender_subject_both_content_types_and_the_message_id_in_custom_args()
    {
        var mail = Mails.Request() with { Cc = [new MailAddress("manager@council.example", "Owen Price")] };

        await Sender().SendAsync(mail, CancellationToken.None);

        var request = Assert.Single(sendGrid.Requests);
        Assert.StartsWith("application/json", request.Headers["Content-Type"], StringComparison.Ordinal);
        var json = JsonNode.Parse(request.Body)!;
        var personalization = Assert.Single(json["personalizations"]!.AsArray())!;
        Assert.Equal("head.of.service@council.example", (string?)personalization["to"]![0]!["email"]);
        Assert.Equal("Siân Llewellyn", (string?)personalization["to"]![0]!["name"]);
        Assert.Equal("manager@council.example", (string?)personalization["cc"]![0]!["email"]);
        Assert.Equal("scrutiny@council.example", (string?)json["from"]!["email"]);
        Assert.Equal("Scrutiny Team", (string?)json["from"]!["name"]);
        Assert.Equal(mail.Subject, (string?)json["subject"]);
        var content = json["content"]!.AsArray();
        Assert.Equal(["text/plain", "text/html"], content.Select(c => (string?)c!["type"]));
        Assert.Equal([mail.TextBody, mail.HtmlBody], content.Select(c => (string?)c!["value"]));
        // On the personalization: SendGrid copies its custom_args into every event about that message.
        Assert.Equal(mail.MessageId, (string?)personalization["custom_args"]![SendGridMailSender.MessageIdArg]);
    }

    [Fact]
    public async Task Attachments_go_as_base64_with_their_names_and_types()
    {
        var mail = Mails.Request() with { Attachments = [new MailAttachment("position-statement.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", new byte[] { 1, 2, 3 })] };

        await Sender().SendAsync(mail, CancellationToken.None);

        var attachment = JsonNode.Parse(Assert.Single(sendGrid.Requests).Body)!["attachments"]![0]!;
        Assert.Equal("AQID", (string?)attachment["content"]);
        Assert.Equal("position-statement.docx", (string?)attachment["filename"]);
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", (string?)attachment["type"]);
    }

    [Fact]
    public async Task Sending_one_message_id_twice_reaches_SendGrid_once()
    {
        var sender = Sender();

        await sender.SendAsync(Mails.Request(), CancellationToken.None);
        await sender.SendAsync(Mails.Request(), CancellationToken.None);
        await Sender().SendAsync(Mails.Request(), CancellationToken.None);
        await sender.SendAsync(Mails.Request("another-message"), CancellationToken.None);

        Assert.Equal(2, sendGrid.Requests.Count);
    }

    [Fact]
    public async Task A_429_is_waited_out_for_its_Retry_After_and_sent_again()
    {
        sendGrid.Answer(429, """{"errors":[{"message":"too many requests"}]}""", retryAfter: "1");
        var clock = Stopwatch.StartNew();

        await Sender().SendAsync(Mails.Request(), CancellationToken.None);

        Assert.Equal(2, sendGrid.Requests.Count);
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(0.9), $"retried after {clock.Elapsed}, before Retry-After");
    }

    [Fact]
    public async Task A_500_is_tried_again_until_SendGrid_accepts()
    {
        sendGrid.Answer(500);
        sendGrid.Answer(503);

        await Sender().SendAsync(Mails.Request(), CancellationToken.None);

        Assert.Equal(3, sendGrid.Requests.Count);
    }

    [Fact]
    public async Task A_server_error_that_persists_fails_the_send_for_a_later_try_and_records_nothing()
    {
        // The first try and three retries.
        for (var i = 0; i < 4; i++)
        {
            sendGrid.Answer(500, "down");
        }

        var failure = await Assert.ThrowsAsync<HttpRequestException>(() => Sender().SendAsync(Mails.Request(), CancellationToken.None));

        Assert.Equal(HttpStatusCode.InternalServerError, failure.StatusCode);
        Assert.Equal(4, sendGrid.Requests.Count);
        await Sender().SendAsync(Mails.Request(), CancellationToken.None);
        Assert.Equal(5, sendGrid.Requests.Count);
    }

    [Fact]
    public async Task A_400_on_a_recipient_refuses_that_address_without_trying_again()
    {
        sendGrid.Refuses.Add("head.of.service@council.example");

        var refused = await Assert.ThrowsAsync<MailRefusedException>(() => Sender().SendAsync(Mails.Request(), CancellationToken.None));

        Assert.Equal(["head.of.service@council.example"], refused.Recipients);
        Assert.Single(sendGrid.Requests);
    }

    [Fact]
    public async Task A_401_says_which_setting_holds_the_API_key()
    {
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => Sender(s => s["Scrutiny:Mail:SendGrid:ApiKey"] = "SG.revoked").SendAsync(Mails.Request(), CancellationToken.None));

        Assert.Contains("Scrutiny:Mail:SendGrid:ApiKey", failure.Message, StringComparison.Ordinal);
        Assert.Single(sendGrid.Requests);
    }

    [Fact]
    public async Task A_413_refuses_the_message_as_too_large()
    {
        sendGrid.Answer(413, """{"errors":[{"message":"too large"}]}""");

        var refused = await Assert.ThrowsAsync<MailRefusedException>(() => Sender().SendAsync(Mails.Request(), CancellationToken.None));

        Assert.Contains("too large", refused.Message, StringComparison.Ordinal);
        Assert.Empty(refused.Recipients);
    }

    [Fact]
    public async Task The_configured_sender_replaces_the_message_sender_keeping_the_team_name()
    {
        await Sender(s => s["Scrutiny:Mail:From"] = "no-reply@council.example").SendAsync(Mails.Request(), CancellationToken.None);

        var from = JsonNode.Parse(Assert.Single(sendGrid.Requests).Body)!["from"]!;
        Assert.Equal("no-reply@council.example", (string?)from["email"]);
        Assert.Equal("Scrutiny Team", (string?)from["name"]);
    }
}
