using System.Text;
using MimeKit;
using MimeKit.Utils;

namespace ScrutinyWorkflow.Web.Mail;

/// <summary>
/// A message read back from a sent-mail folder, decoded for showing to a person. Addresses are given as
/// "Name &lt;address&gt;" (or the bare address); bodies have "\n" line ends and are empty when the part is missing.
/// <see cref="MessageId"/> is the id the mail was sent with when <see cref="EmlMailSender"/> wrote it, otherwise
/// the Message-ID header without its angle brackets.
/// </summary>
public sealed record EmlMessage(
    string FileName,
    string MessageId,
    DateTimeOffset Date,
    string From,
    IReadOnlyList<string> To,
    IReadOnlyList<string> Cc,
    string Subject,
    string TextBody,
    string HtmlBody,
    IReadOnlyList<string>? AttachmentNames = null)
{
    /// <summary>Reads a message; throws <see cref="FormatException"/> when it has no readable Date or From.</summary>
    public static EmlMessage Read(string fileName, Stream stream)
    {
        using var message = MimeMessage.Load(stream);
        var dateHeader = message.Headers[HeaderId.Date] ?? throw new FormatException($"{fileName} has no Date header.");
        if (!DateUtils.TryParse(dateHeader, out var date))
        {
            throw new FormatException($"{fileName} has a Date header that is not an RFC 5322 date: \"{dateHeader}\".");
        }
        if (message.From.Mailboxes.FirstOrDefault() is null)
        {
            throw new FormatException($"{fileName} has no From header.");
        }
        return new EmlMessage(
            fileName,
            message.MessageId is { } messageId ? MimeComposer.IdFromMessageId(messageId) : "",
            date,
            string.Join(", ", Show(message.From)),
            Show(message.To),
            Show(message.Cc),
            (message.Subject ?? "").Trim(),
            MimeComposer.ToLf(message.TextBody ?? ""),
            MimeComposer.ToLf(message.HtmlBody ?? ""),
            [.. message.Attachments.OfType<MimePart>().Select(a => a.FileName ?? "")]);
    }

    /// <summary>Reads a message held in memory, as <see cref="Read"/> does.</summary>
    public static EmlMessage Parse(string fileName, string content)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(content));
        return Read(fileName, stream);
    }

    // Unquoted on purpose: this is for a person to read, not a header to parse again.
    private static List<string> Show(InternetAddressList addresses) =>
        [.. addresses.Mailboxes.Select(mailbox => string.IsNullOrEmpty(mailbox.Name) ? mailbox.Address : $"{mailbox.Name} <{mailbox.Address}>")];
}
