using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Options;
using SendGrid;
using SendGrid.Helpers.Mail;

namespace ScrutinyWorkflow.Web.Mail;

/// <summary>
/// Sends through SendGrid's v3 <c>mail/send</c>: text and HTML content, attachments, and the message id in
/// <c>custom_args</c> so the event webhook's reports name the message they are about. Transient failures (429, 5xx,
/// timeouts) are retried by the HTTP client's resilience handler before they reach here.
/// </summary>
public sealed class SendGridMailSender(HttpClient http, IOptions<MailOptions> options, ILogger<SendGridMailSender> logger) : IMailSender
{
    public const string MessageIdArg = "message_id";

    private readonly SendGridClient client = new(http, new SendGridClientOptions
    {
        ApiKey = options.Value.SendGrid.ApiKey,
        Host = options.Value.SendGrid.BaseUrl.TrimEnd('/'),
    });

    public async Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mail);
        var response = await client.SendEmailAsync(Message(mail), cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            logger.LogInformation("SendGrid accepted message {MessageId}.", mail.MessageId);
            return;
        }
        var body = await response.Body.ReadAsStringAsync(cancellationToken);
        throw response.StatusCode switch
        {
            HttpStatusCode.BadRequest => Refused(mail, body),
            HttpStatusCode.RequestEntityTooLarge => new MailRefusedException($"SendGrid refused message {mail.MessageId} as too large (over 30 MB with its attachments)."),
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => new InvalidOperationException(
                $"SendGrid refused the API key ({(int)response.StatusCode}): check that Scrutiny:Mail:SendGrid:ApiKey is current and has the Mail Send permission."),
            _ => new HttpRequestException($"SendGrid answered {(int)response.StatusCode} to message {mail.MessageId}, after retries: {Shorten(body)}", null, response.StatusCode),
        };
    }

    private static SendGridMessage Message(OutgoingMail mail)
    {
        var message = new SendGridMessage
        {
            From = new EmailAddress(mail.From.Email, mail.From.Name),
            Subject = mail.Subject,
        };
        message.AddTos([.. mail.To.Select(Address)]);
        if (mail.Cc.Count > 0)
        {
            message.AddCcs([.. mail.Cc.Select(Address)]);
        }
        message.AddContent(MimeType.Text, mail.TextBody);
        message.AddContent(MimeType.Html, mail.HtmlBody);
        message.AddCustomArg(MessageIdArg, mail.MessageId);
        foreach (var attachment in mail.Attachments ?? [])
        {
            message.AddAttachment(attachment.FileName, Convert.ToBase64String(attachment.Content.Span), attachment.ContentType);
        }
        return message;
    }

    private static EmailAddress Address(MailAddress address) => new(address.Email, address.Name);

    /// <summary>A 400 names the fields it objects to; one on a recipient ("personalizations.0.to.1.email") names who.</summary>
    private static MailRefusedException Refused(OutgoingMail mail, string body)
    {
        List<string> recipients = [];
        try
        {
            using var json = JsonDocument.Parse(body);
            foreach (var error in json.RootElement.GetProperty("errors").EnumerateArray())
            {
                var field = error.TryGetProperty("field", out var f) ? f.GetString() ?? "" : "";
                var parts = field.Split('.');
                if (parts is ["personalizations", _, "to" or "cc", var index, "email"] && int.TryParse(index, out var i))
                {
                    var list = parts[2] == "to" ? mail.To : mail.Cc;
                    if (i < list.Count)
                    {
                        recipients.Add(list[i].Email);
                    }
                }
            }
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            // Not SendGrid's error shape: the message still says what came back.
        }
        return new MailRefusedException($"SendGrid refused message {mail.MessageId}: {Shorten(body)}", recipients);
    }

    private static string Shorten(string body) => body.Length <= 500 ? body : body[..500] + "…";
}
