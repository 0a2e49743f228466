using ScrutinyWorkflow.Web.Mail;
using ScrutinyWorkflow.Web.Tests.Graph;

namespace ScrutinyWorkflow.Web.Tests.Mail;

/// <summary>The Graph adapter, as the product registers it, against a local server speaking Graph's <c>sendMail</c>.</summary>
public sealed class GraphMailSenderTests : IAsyncLifetime
{
    private const string Mailbox = "scrutiny@council.example";

    private readonly TemporaryFolder temp = new();
    private LocalGraph graph = null!;

    public async Task InitializeAsync()
    {
        graph = await LocalGraph.StartAsync();
        graph.Add(new GraphUser("mbx-1", "Scrutiny Team", null, Mailbox, Mailbox));
    }

    public async Task DisposeAsync()
    {
        await graph.DisposeAsync();
        temp.Dispose();
    }

    private IMailSender Sender()
    {
        var settings = graph.Settings();
        settings["Scrutiny:Mail:Provider"] = "Graph";
        settings["Scrutiny:Mail:Graph:Mailbox"] = Mailbox;
        settings["Scrutiny:Mail:RetryDelay"] = "00:00:00.050";
        return MailServices.Sender(temp.Path, settings, LocalGraph.Use);
    }

    [Fact]
    public async Task The_shared_mailbox_sends_the_message_with_its_recipients_HTML_body_attachments_and_Message_ID()
    {
        var mail = Mails.Request() with
        {
            Cc = [new MailAddress("manager@council.example", "Owen Price")],
            Attachments = [new MailAttachment("cover-report.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", new byte[] { 1, 2, 3 })],
        };

        await Sender().SendAsync(mail, CancellationToken.None);

        var (mailbox, body) = Assert.Single(graph.Sent);
        Assert.Equal(Mailbox, mailbox);
        Assert.True((bool?)body["saveToSentItems"]);
        var message = body["message"]!;
        Assert.Equal(mail.Subject, (string?)message["subject"]);
        Assert.Equal("head.of.service@council.example", (string?)message["toRecipients"]![0]!["emailAddress"]!["address"]);
        Assert.Equal("Siân Llewellyn", (string?)message["toRecipients"]![0]!["emailAddress"]!["name"]);
        Assert.Equal("manager@council.example", (string?)message["ccRecipients"]![0]!["emailAddress"]!["address"]);
        Assert.Equal("html", (string?)message["body"]!["contentType"]);
        Assert.Equal(mail.HtmlBody, (string?)message["body"]!["content"]);
        Assert.Equal("<review-42%2Frequest%2Fhead.of.service@scrutiny-workflow.local>", (string?)message["internetMessageId"]);
        var attachment = message["attachments"]![0]!;
        Assert.Equal("#microsoft.graph.fileAttachment", (string?)attachment["@odata.type"]);
        Assert.Equal("cover-report.docx", (string?)attachment["name"]);
        Assert.Equal("AQID", (string?)attachment["contentBytes"]);
    }

    [Fact]
    public async Task A_429_with_Retry_After_is_waited_out_and_sent_once()
    {
        graph.Answer(429, retryAfter: "1");

        await Sender().SendAsync(Mails.Request(), CancellationToken.None);

        Assert.Equal(2, graph.Count("/sendMail"));
        Assert.Single(graph.Sent);
    }

    [Fact]
    public async Task Sending_one_message_id_twice_reaches_Graph_once()
    {
        var sender = Sender();

        await sender.SendAsync(Mails.Request(), CancellationToken.None);
        await sender.SendAsync(Mails.Request(), CancellationToken.None);

        Assert.Single(graph.Sent);
    }
}
