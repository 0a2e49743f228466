namespace ScrutinyWorkflow.Web.Mail;

public sealed record MailAddress(string Email, string? Name = null);

/// <summary>A file sent with a message (the panel's Word papers).</summary>
public sealed record MailAttachment(string FileName, string ContentType, ReadOnlyMemory<byte> Content);

/// <summary>
/// A message ready to send. <see cref="MessageId"/> is stable for a given effect, so a sender can
/// recognise a retry and must not deliver the same message to a person twice.
/// </summary>
public sealed record OutgoingMail(
    string MessageId,
    MailAddress From,
    IReadOnlyList<MailAddress> To,
    IReadOnlyList<MailAddress> Cc,
    string Subject,
    string TextBody,
    string HtmlBody,
    DateTimeOffset Date,
    IReadOnlyList<MailAttachment>? Attachments = null);

/// <summary>Sends mail. Idempotent per <see cref="OutgoingMail.MessageId"/>.</summary>
public interface IMailSender
{
    Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken);
}
