using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Notify.Client;
using Notify.Exceptions;
using Notify.Interfaces;

namespace ScrutinyWorkflow.Web.Mail;

/// <summary>
/// Sends through GOV.UK Notify, which sends from a template: the council makes one email template whose subject is
/// <c>((subject))</c> and body <c>((body))</c>, and each message fills them in. Notify takes one address per
/// request, so each recipient is one notification, each with the message id as its <c>reference</c> (delivery
/// receipts carry it back). Notify sends no attachments this way; the panel's email links to its papers as well.
/// </summary>
public sealed partial class NotifyMailSender(HttpClient http, IOptions<MailOptions> options, ILogger<NotifyMailSender> logger) : IMailSender
{
    private readonly NotifyMailOptions settings = options.Value.Notify;
    private readonly NotificationClient client = new(new NotifyHttpClient(http, new Uri(options.Value.Notify.BaseUrl)), options.Value.Notify.ApiKey);

    public async Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mail);
        if (mail.Attachments is { Count: > 0 } attachments)
        {
            logger.LogInformation("Notify sends message {MessageId} without its {Count} attachments; its links to them stand.", mail.MessageId, attachments.Count);
        }
        var personalisation = new Dictionary<string, dynamic>
        {
            ["subject"] = mail.Subject,
            ["body"] = mail.TextBody,
        };
        foreach (var recipient in mail.To.Concat(mail.Cc))
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                var sent = await client.SendEmailAsync(recipient.Email, settings.TemplateId, personalisation, mail.MessageId, settings.ReplyToId is { Length: > 0 } replyTo ? replyTo : null);
                logger.LogInformation("Notify accepted message {MessageId} for one recipient as notification {NotificationId}.", mail.MessageId, sent.id);
            }
            catch (NotifyAuthException e)
            {
                throw new InvalidOperationException("Notify refused the API key: check Scrutiny:Mail:Notify:ApiKey (a live or team key for this service).", e);
            }
            catch (NotifyClientException e) when (StatusOf(e) is { } status)
            {
                throw status switch
                {
                    HttpStatusCode.BadRequest => new MailRefusedException($"Notify refused message {mail.MessageId} for {recipient.Email}: {e.Message}", [recipient.Email], e),
                    HttpStatusCode.Forbidden => new InvalidOperationException("Notify refused the API key: check Scrutiny:Mail:Notify:ApiKey (a live or team key for this service).", e),
                    _ => new HttpRequestException($"Notify answered {(int)status} to message {mail.MessageId}, after retries.", e, status),
                };
            }
        }
    }

    // The client reports failures as "Status code 400. Error: {...}".
    private static HttpStatusCode? StatusOf(NotifyClientException e) =>
        StatusCode().Match(e.Message) is { Success: true } match ? (HttpStatusCode)int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : null;

    [GeneratedRegex(@"Status code (\d{3})")]
    private static partial Regex StatusCode();

    /// <summary>
    /// Notify's client over our HTTP client (and its resilience handler), at the configured address: the client
    /// sets its own public address on whatever it is given, so the setter leaves ours standing.
    /// </summary>
    private sealed class NotifyHttpClient(HttpClient http, Uri baseUrl) : IHttpClient
    {
        public Uri BaseAddress
        {
            get => baseUrl;
            set { }
        }

        public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
        {
            if (request.RequestUri is { IsAbsoluteUri: false } relative)
            {
                request.RequestUri = new Uri(baseUrl, relative);
            }
            return http.SendAsync(request);
        }

        public void SetClientBaseAddress()
        {
        }

        public void AddContentHeader(string header) => http.DefaultRequestHeaders.Accept.ParseAdd(header);

        public void AddUserAgent(string userAgent) => http.DefaultRequestHeaders.UserAgent.ParseAdd(userAgent);

        // The HTTP client belongs to the factory that made it.
        public void Dispose()
        {
        }
    }
}
