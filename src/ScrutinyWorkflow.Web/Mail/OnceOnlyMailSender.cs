using ScrutinyWorkflow.Web.Hosting;

namespace ScrutinyWorkflow.Web.Mail;

/// <summary>
/// Makes a mail service that cannot recognise a repeat (SendGrid, Graph, Notify, an SMTP relay) idempotent per
/// message id: each id delivered is recorded as a file in a folder, and an id already recorded is not sent again.
/// </summary>
/// <remarks>
/// The record is written after the service accepted the message, so a crash between the two sends it once more
/// on the retry: at least once, never lost. Every adapter also hands the service the id (SendGrid's custom_args,
/// Notify's reference, the Message-ID header), so delivery reports and the recipient's mail client can match it.
/// </remarks>
public sealed class OnceOnlyMailSender(IMailSender service, string deliveredFolder) : IMailSender
{
    public async Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mail);
        var record = Path.Combine(deliveredFolder, EmlFolder.FileNameFor(mail.MessageId));
        if (File.Exists(record))
        {
            return;
        }
        await service.SendAsync(mail, cancellationToken);
        AtomicFile.Write(record, System.Text.Encoding.UTF8.GetBytes(mail.MessageId), replace: false);
    }
}
