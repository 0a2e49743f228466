using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;

namespace ScrutinyWorkflow.Web.Mail;

/// <summary>
/// Sends to the council's SMTP relay with MailKit: the same MIME message the <c>.eml</c> folder holds (its
/// Message-ID made from the message id), over STARTTLS when asked, signed in when credentials are set. A recipient
/// the relay refuses (5xx to RCPT TO) is refused for good; anything else is for trying again later.
/// </summary>
public sealed class SmtpMailSender(IOptions<MailOptions> options, ILogger<SmtpMailSender> logger) : IMailSender
{
    private readonly SmtpMailOptions settings = options.Value.Smtp;

    public async Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mail);
        using var message = MimeComposer.Compose(mail);
        using var client = new SmtpClient { Timeout = 60_000 };
        await client.ConnectAsync(settings.Host ?? "", settings.Port, settings.StartTls ? SecureSocketOptions.StartTls : SecureSocketOptions.None, cancellationToken);
        if (!string.IsNullOrEmpty(settings.UserName))
        {
            await client.AuthenticateAsync(settings.UserName, settings.Password ?? "", cancellationToken);
        }
        try
        {
            await client.SendAsync(message, cancellationToken);
        }
        catch (SmtpCommandException e) when (e.ErrorCode == SmtpErrorCode.RecipientNotAccepted && (int)e.StatusCode >= 500)
        {
            throw new MailRefusedException($"The mail relay refused {e.Mailbox?.Address} for message {mail.MessageId}: {(int)e.StatusCode} {e.Message}", [e.Mailbox?.Address ?? ""], e);
        }
        catch (SmtpCommandException e) when ((int)e.StatusCode >= 500 && e.ErrorCode == SmtpErrorCode.MessageNotAccepted)
        {
            throw new MailRefusedException($"The mail relay refused message {mail.MessageId}: {(int)e.StatusCode} {e.Message}", [], e);
        }
        await client.DisconnectAsync(quit: true, cancellationToken);
        logger.LogInformation("The mail relay accepted message {MessageId}.", mail.MessageId);
    }
}
