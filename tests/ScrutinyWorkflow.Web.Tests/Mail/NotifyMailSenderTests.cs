using System.Text.Json.Nodes;
using ScrutinyWorkflow.Web.Mail;

namespace ScrutinyWorkflow.Web.Tests.Mail;

/// <summary>The GOV.UK Notify adapter, as the product registers it, against a local server speaking Notify's v2 API.</summary>
public sealed class NotifyMailSenderTests : IAsyncLifetime
{
    private readonly TemporaryFolder temp = new();
    private FakeNotify notify = null!;

    public async Task InitializeAsync() => notify = await FakeNotify.StartAsync();

    public async Task DisposeAsync()
    {
        await notify.DisposeAsync();
        temp.Dispose();
    }

    private IMailSender Sender() => MailServices.Sender(temp.Path, notify.Settings());

    [Fact]
    public async Task Each_recipient_gets_the_template_filled_with_subject_and_body_and_the_message_id_as_reference_under_a_signed_token()
    {
        var mail = Mails.Request() with { Cc = [new MailAddress("manager@council.example")] };

        await Sender().SendAsync(mail, CancellationToken.None);

        Assert.Empty(notify.Problems);
        var bodies = notify.Requests.Select(r => JsonNode.Parse(r.Body)!).ToList();
        Assert.Equal(["head.of.service@council.example", "manager@council.example"], bodies.Select(b => (string?)b["email_address"]));
        Assert.All(bodies, body =>
        {
            Assert.Equal(FakeNotify.TemplateId, (string?)body["template_id"]);
            Assert.Equal(mail.MessageId, (string?)body["reference"]);
            Assert.Equal(mail.Subject, (string?)body["personalisation"]!["subject"]);
            Assert.Equal(mail.TextBody, (string?)body["personalisation"]!["body"]);
        });
    }

    [Fact]
    public async Task An_address_Notify_refuses_is_named_and_not_tried_again()
    {
        notify.Refuses.Add("head.of.service@council.example");

        var refused = await Assert.ThrowsAsync<MailRefusedException>(() => Sender().SendAsync(Mails.Request(), CancellationToken.None));

        Assert.Equal(["head.of.service@council.example"], refused.Recipients);
        Assert.Single(notify.Requests);
    }

    [Fact]
    public async Task Sending_one_message_id_twice_reaches_Notify_once()
    {
        var sender = Sender();

        await sender.SendAsync(Mails.Request(), CancellationToken.None);
        await sender.SendAsync(Mails.Request(), CancellationToken.None);

        Assert.Single(notify.Requests);
    }
}
