using System.Globalization;
using System.Text;
using MimeKit;
using ScrutinyWorkflow.Core.Reviews;

namespace ScrutinyWorkflow.Web.Mail;

/// <summary>
/// Turns an <see cref="OutgoingMail"/> into a MIME message: a multipart/alternative body with a UTF-8 plain part
/// and an HTML part. MimeKit does the encoding; the rules here are ours: which addresses may be written, how the
/// Message-ID is formed, and that text from people never adds a header line.
/// </summary>
internal static class MimeComposer
{
    public const string MessageIdDomain = "scrutiny-workflow.local";

    // Message-ID cannot be folded, so the whole header must fit in RFC 5322's 998-character line.
    private const int MaxMessageIdLength = 900;

    // 30 bytes make 40 base64 characters: an encoded-word of 52, well inside RFC 2047's 75 and a folded line.
    private const int EncodedWordBytes = 30;

    /// <summary>CRLF line ends whatever the platform, as RFC 5322 asks, so any mail tool can open the file.</summary>
    public static readonly FormatOptions FileFormat = CreateFileFormat();

    public static MimeMessage Compose(OutgoingMail mail)
    {
        Validate(mail);
        var message = new MimeMessage
        {
            MessageId = MessageIdFor(mail.MessageId),
            Date = mail.Date,
            Subject = EncodeLookalikes(ToSingleLine(mail.Subject)),
        };
        message.From.Add(Mailbox(mail.From));
        message.To.AddRange(mail.To.Select(Mailbox));
        message.Cc.AddRange(mail.Cc.Select(Mailbox));
        var body = new BodyBuilder { TextBody = ToLf(mail.TextBody), HtmlBody = ToLf(mail.HtmlBody) };
        foreach (var attachment in mail.Attachments ?? [])
        {
            body.Attachments.Add(attachment.FileName, attachment.Content.ToArray(), ContentType.Parse(attachment.ContentType));
        }
        message.Body = body.ToMessageBody();
        foreach (var part in message.BodyParts.OfType<TextPart>().Where(p => !p.IsAttachment))
        {
            // Quoted-printable keeps both parts ASCII in short lines, and still readable in the raw file.
            part.ContentTransferEncoding = ContentEncoding.QuotedPrintable;
            // BodyBuilder names the HTML part with a random Content-Id on this machine's host name, for linked
            // resources we never attach.
            part.ContentId = null;
        }
        return message;
    }

    /// <summary>
    /// The Message-ID (without angle brackets) for an outgoing mail's id. The id is percent-encoded (everything but
    /// letters, digits, "-", "_" and single inner dots), which keeps it a valid RFC 5322 dot-atom and lets a reader
    /// recover the id.
    /// </summary>
    public static string MessageIdFor(string messageId)
    {
        var encoded = new StringBuilder(messageId.Length);
        var bytes = Encoding.UTF8.GetBytes(messageId);
        for (var i = 0; i < bytes.Length; i++)
        {
            var b = bytes[i];
            var innerDot = b == (byte)'.' && i > 0 && i < bytes.Length - 1 && bytes[i - 1] != (byte)'.';
            if (char.IsAsciiLetterOrDigit((char)b) || b is (byte)'-' or (byte)'_' || innerDot)
            {
                encoded.Append((char)b);
            }
            else
            {
                encoded.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }
        return $"{encoded}@{MessageIdDomain}";
    }

    /// <summary>The id a mail was sent with, when the Message-ID is one <see cref="MessageIdFor"/> formed; else the Message-ID.</summary>
    public static string IdFromMessageId(string messageId)
    {
        var suffix = "@" + MessageIdDomain;
        return messageId.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)
            ? Uri.UnescapeDataString(messageId[..^suffix.Length])
            : messageId;
    }

    /// <summary>Turns CRLF and lone CR into LF, and leaves U+2028, NEL and form feed alone: in a body they are content.</summary>
    public static string ToLf(string text) =>
        text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');

    private static void Validate(OutgoingMail mail)
    {
        ArgumentNullException.ThrowIfNull(mail);
        if (string.IsNullOrWhiteSpace(mail.MessageId))
        {
            throw new ArgumentException("The mail has no message id.", nameof(mail));
        }
        if (MessageIdFor(mail.MessageId).Length > MaxMessageIdLength)
        {
            throw new ArgumentException($"The message id is too long to write as a Message-ID header: {mail.MessageId[..40]}...", nameof(mail));
        }
        if (mail.To.Count == 0)
        {
            throw new ArgumentException($"Mail {mail.MessageId} has no recipients.", nameof(mail));
        }
        foreach (var address in (IEnumerable<MailAddress>)[mail.From, .. mail.To, .. mail.Cc])
        {
            if (!EmailAddress.IsValid(address.Email))
            {
                throw new ArgumentException($"Mail {mail.MessageId} has an address that cannot be written into a header: \"{ToSingleLine(address.Email)}\".", nameof(mail));
            }
        }
    }

    private static MailboxAddress Mailbox(MailAddress address) => new(EncodeLookalikes(ToSingleLine(address.Name ?? "")), address.Email);

    /// <summary>
    /// RFC 2047 §5: text that reads as an encoded-word must be encoded itself, or every reader decodes it. MimeKit
    /// writes such ASCII as it stands, so a value holding "=?" is handed to it already encoded, whole, as short
    /// UTF-8 base64 words; MimeKit writes those as they are, and readers join them back without the spaces.
    /// </summary>
    private static string EncodeLookalikes(string text)
    {
        if (!text.Contains("=?", StringComparison.Ordinal))
        {
            return text;
        }
        List<string> words = [];
        var start = 0;
        while (start < text.Length)
        {
            var length = 0;
            while (start + length < text.Length)
            {
                // A surrogate pair stays in one word: half of one is not UTF-8.
                var step = char.IsSurrogatePair(text, start + length) ? 2 : 1;
                if (Encoding.UTF8.GetByteCount(text.AsSpan(start, length + step)) > EncodedWordBytes)
                {
                    break;
                }
                length += step;
            }
            words.Add("=?utf-8?b?" + Convert.ToBase64String(Encoding.UTF8.GetBytes(text, start, length)) + "?=");
            start += length;
        }
        return string.Join(' ', words);
    }

    /// <summary>
    /// Makes text safe for one header line. Every line break becomes a space rather than an error, because the text
    /// comes from people (a subject typed with a paste, a name from a directory) and losing the mail would be worse
    /// than losing the break; what matters is that no value can ever start a header of its own.
    /// </summary>
    private static string ToSingleLine(string text)
    {
        var builder = new StringBuilder(text.Length);
        var previousWasBreak = false;
        foreach (var c in text)
        {
            var isBreak = c is '\r' or '\n';
            if (isBreak || char.IsControl(c) || c is '\u2028' or '\u2029')
            {
                // A CRLF pair becomes one space, not two.
                if (!(isBreak && previousWasBreak))
                {
                    builder.Append(' ');
                }
            }
            else
            {
                builder.Append(c);
            }
            previousWasBreak = isBreak;
        }
        return builder.ToString().Trim();
    }

    private static FormatOptions CreateFileFormat()
    {
        var options = FormatOptions.Default.Clone();
        options.NewLineFormat = NewLineFormat.Dos;
        return options;
    }
}
