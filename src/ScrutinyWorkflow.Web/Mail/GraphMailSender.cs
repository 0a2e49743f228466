using Microsoft.Extensions.Options;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Graph.Users.Item.SendMail;

namespace ScrutinyWorkflow.Web.Mail;

/// <summary>
/// Sends with Microsoft Graph's <c>sendMail</c> from the council's shared mailbox (Scrutiny:Mail:Graph:Mailbox),
/// so replies land with the scrutiny team and a copy stays in its Sent Items. The message's Internet Message-ID is
/// made from the message id, as in the <c>.eml</c> folder. Graph sends it as the mailbox, whatever the message's From.
/// </summary>
public sealed class GraphMailSender(GraphServiceClient graph, IOptions<MailOptions> options, ILogger<GraphMailSender> logger) : IMailSender
{
    private readonly GraphMailOptions settings = options.Value.Graph;

    public async Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mail);
        var body = new SendMailPostRequestBody
        {
            SaveToSentItems = settings.SaveToSentItems,
            Message = new Message
            {
                Subject = mail.Subject,
                InternetMessageId = $"<{MimeComposer.MessageIdFor(mail.MessageId)}>",
                ToRecipients = [.. mail.To.Select(Recipient)],
                CcRecipients = [.. mail.Cc.Select(Recipient)],
                // Graph takes one body; the HTML one, as Outlook shows it.
                Body = new ItemBody { ContentType = BodyType.Html, Content = mail.HtmlBody },
                Attachments = [.. (mail.Attachments ?? []).Select(a => (Attachment)new FileAttachment
                {
                    OdataType = "#microsoft.graph.fileAttachment",
                    Name = a.FileName,
                    ContentType = a.ContentType,
                    ContentBytes = a.Content.ToArray(),
                })],
            },
        };
        try
        {
            await graph.Users[settings.Mailbox].SendMail.PostAsync(body, cancellationToken: cancellationToken);
        }
        catch (ODataError e) when (e.ResponseStatusCode is 400 or 404 or 413)
        {
            throw new MailRefusedException($"Graph refused message {mail.MessageId} ({e.ResponseStatusCode} {e.Error?.Code}): {e.Error?.Message}", [], e);
        }
        catch (ODataError e) when (e.ResponseStatusCode is 401 or 403)
        {
            throw new InvalidOperationException(
                $"Graph did not let this app send as {settings.Mailbox} ({e.ResponseStatusCode} {e.Error?.Code}): grant Mail.Send and allow the mailbox in the application access policy.", e);
        }
        logger.LogInformation("Graph accepted message {MessageId} from {Mailbox}.", mail.MessageId, settings.Mailbox);
    }

    private static Recipient Recipient(MailAddress address) =>
        new() { EmailAddress = new EmailAddress { Address = address.Email, Name = address.Name } };
}
