using MimeKit;
using ScrutinyWorkflow.Web.Mail;

namespace ScrutinyWorkflow.Web.Tests.Mail;

/// <summary>The SMTP adapter, as the product registers it, against a small SMTP server in the test process.</summary>
public sealed class SmtpMailSenderTests : IDisposable
{
    private readonly TemporaryFolder temp = new();
    private readonly LocalSmtpServer relay = new();

    public void Dispose()
    {
        relay.Dispose();
        temp.Dispose();
    }

    private IMailSender Sender(params (string Key, string Value)[] more)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Scrutiny:Mail:Provider"] = "Smtp",
            ["Scrutiny:Mail:Smtp:Host"] = "127.0.0.1",
            ["Scrutiny:Mail:Smtp:Port"] = relay.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Scrutiny:Mail:Smtp:StartTls"] = "false",
        };
        foreach (var (key, value) in more)
        {
            settings[key] = value;
        }
        return MailServices.Sender(temp.Path, settings);
    }

    [Fact]
    public async Task The_relay_gets_the_envelope_and_the_MIME_message_with_its_stable_Message_ID()
    {
        var mail = Mails.Request() with { Cc = [new MailAddress("manager@council.example")] };

        await Sender().SendAsync(mail, CancellationToken.None);

        var delivery = Assert.Single(relay.Delivered);
        Assert.Equal("scrutiny@council.example", delivery.MailFrom);
        Assert.Equal(["head.of.service@council.example", "manager@council.example"], delivery.RcptTo);
        using var message = MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(delivery.Data)));
        Assert.Equal("review-42%2Frequest%2Fhead.of.service@scrutiny-workflow.local", message.MessageId);
        Assert.Equal(mail.Subject, message.Subject);
        Assert.Equal(mail.TextBody, (message.TextBody ?? "").Replace("\r\n", "\n", StringComparison.Ordinal));
        Assert.Contains("question 3</a>", message.HtmlBody ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task It_signs_in_with_the_configured_credentials()
    {
        relay.Credentials = "scrutiny-app:relay-password";

        await Sender(("Scrutiny:Mail:Smtp:UserName", "scrutiny-app"), ("Scrutiny:Mail:Smtp:Password", "relay-password")).SendAsync(Mails.Request(), CancellationToken.None);

        Assert.Equal("scrutiny-app", Assert.Single(relay.Delivered).SignedInAs);
    }

    [Fact]
    public async Task A_recipient_the_relay_refuses_is_named()
    {
        relay.Refuses.Add("head.of.service@council.example");

        var refused = await Assert.ThrowsAsync<MailRefusedException>(() => Sender().SendAsync(Mails.Request(), CancellationToken.None));

        Assert.Equal(["head.of.service@council.example"], refused.Recipients);
        Assert.Empty(relay.Delivered);
    }

    [Fact]
    public async Task Sending_one_message_id_twice_reaches_the_relay_once()
    {
        var sender = Sender();

        await sender.SendAsync(Mails.Request(), CancellationToken.None);
        await sender.SendAsync(Mails.Request(), CancellationToken.None);

        Assert.Single(relay.Delivered);
    }
}
