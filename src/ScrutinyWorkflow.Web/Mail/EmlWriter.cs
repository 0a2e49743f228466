using System.Security.Cryptography;
using System.Text;
using ScrutinyWorkflow.Core.Reviews;

namespace ScrutinyWorkflow.Web.Mail;

/// <summary>
/// Renders an <see cref="OutgoingMail"/> as an RFC 5322 message with a MIME multipart/alternative body.
/// The output is pure ASCII with CRLF line ends and no line over 998 characters, so any mail tool can open it.
/// </summary>
internal static class EmlWriter
{
    public const string MessageIdDomain = "scrutiny-workflow.local";

    // RFC 5322 §2.1.1: lines SHOULD stay within 78 characters; folding is how headers get there.
    private const int PreferredLineLength = 78;

    // Past this a header value is folded into encoded-words rather than written as one long token.
    private const int MaxTokenLength = 70;

    public static string Write(OutgoingMail mail)
    {
        Validate(mail);
        var boundary = "=_scrutiny_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(mail.MessageId)))[..24];
        var builder = new StringBuilder();
        AppendHeader(builder, "Message-ID", [" " + FormatMessageId(mail.MessageId)]);
        AppendHeader(builder, "Date", [" " + RfcDate.Format(mail.Date)]);
        AppendHeader(builder, "From", MailboxListTokens([mail.From]));
        AppendHeader(builder, "To", MailboxListTokens(mail.To));
        if (mail.Cc.Count > 0)
        {
            AppendHeader(builder, "Cc", MailboxListTokens(mail.Cc));
        }
        AppendHeader(builder, "Subject", UnstructuredTokens(mail.Subject));
        AppendHeader(builder, "MIME-Version", [" 1.0"]);
        // "=_" cannot occur in quoted-printable output, so this boundary can never collide with a body line.
        AppendHeader(builder, "Content-Type", [" multipart/alternative;", $" boundary=\"{boundary}\""]);
        builder.Append(MimeSyntax.CrLf);
        builder.Append("This is a multi-part message in MIME format.").Append(MimeSyntax.CrLf);
        AppendPart(builder, boundary, "text/plain", mail.TextBody);
        AppendPart(builder, boundary, "text/html", mail.HtmlBody);
        builder.Append(MimeSyntax.CrLf).Append("--").Append(boundary).Append("--").Append(MimeSyntax.CrLf);
        return builder.ToString();
    }

    /// <summary>
    /// The Message-ID for an outgoing mail's id. The id is percent-encoded (everything but letters, digits, "-",
    /// "_" and single inner dots), which keeps it a valid RFC 5322 dot-atom and lets a reader recover the id.
    /// </summary>
    public static string FormatMessageId(string messageId)
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
                encoded.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }
        return $"<{encoded}@{MessageIdDomain}>";
    }

    private static void Validate(OutgoingMail mail)
    {
        ArgumentNullException.ThrowIfNull(mail);
        if (string.IsNullOrWhiteSpace(mail.MessageId))
        {
            throw new ArgumentException("The mail has no message id.", nameof(mail));
        }
        // Message-ID cannot be folded, so its encoded form must fit on one line.
        if (FormatMessageId(mail.MessageId).Length > 900)
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
                throw new ArgumentException($"Mail {mail.MessageId} has an address that cannot be written into a header: \"{MimeSyntax.ToSingleLine(address.Email)}\".", nameof(mail));
            }
        }
    }

    private static void AppendHeader(StringBuilder builder, string name, IEnumerable<string> tokens)
    {
        // Each token starts with the whitespace before it, so a fold is a CRLF inserted before a token, and
        // unfolding (removing the CRLF) gives back exactly what was written.
        builder.Append(name).Append(':');
        var lineLength = name.Length + 1;
        var tokensOnLine = 0;
        foreach (var token in tokens)
        {
            if (tokensOnLine > 0 && lineLength + token.Length > PreferredLineLength)
            {
                builder.Append(MimeSyntax.CrLf);
                lineLength = 0;
            }
            builder.Append(token);
            lineLength += token.Length;
            tokensOnLine++;
        }
        builder.Append(MimeSyntax.CrLf);
    }

    private static List<string> MailboxListTokens(IReadOnlyList<MailAddress> addresses)
    {
        List<string> tokens = [];
        for (var i = 0; i < addresses.Count; i++)
        {
            var address = addresses[i];
            var name = MimeSyntax.ToSingleLine(address.Name ?? "");
            if (name.Length > 0)
            {
                tokens.AddRange(DisplayNameTokens(name));
            }
            var addrSpec = name.Length > 0 ? $"<{address.Email}>" : address.Email;
            tokens.Add(" " + addrSpec + (i < addresses.Count - 1 ? "," : ""));
        }
        return tokens;
    }

    /// <summary>
    /// A display name as a phrase: plain words as they are ("Aisha Rahman"), ASCII with specials as a quoted
    /// string ("Rahman, Aisha"), and anything else, or anything too long to fold, as encoded-words.
    /// </summary>
    private static IEnumerable<string> DisplayNameTokens(string name)
    {
        var words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.All(word => word.Length <= MaxTokenLength && word.All(MimeSyntax.IsAtext)) && !name.Contains("=?", StringComparison.Ordinal))
        {
            return words.Select(word => " " + word);
        }
        if (MimeSyntax.IsPrintableAscii(name) && name.Length <= MaxTokenLength)
        {
            return [" \"" + name.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\""];
        }
        return EncodedWords.Encode(name).Select(word => " " + word);
    }

    private static IEnumerable<string> UnstructuredTokens(string text)
    {
        var value = MimeSyntax.ToSingleLine(text);
        if (value.Length == 0)
        {
            return [""];
        }
        // Text that looks like an encoded-word must itself be encoded, or a reader would decode it (RFC 2047 §5).
        var pieces = value.Split(' ');
        if (!MimeSyntax.IsPrintableAscii(value) || value.Contains("=?", StringComparison.Ordinal) || pieces.Any(piece => piece.Length > MaxTokenLength))
        {
            return EncodedWords.Encode(value).Select(word => " " + word);
        }
        return SpaceLedWords(pieces);
    }

    // Each word keeps all the spaces before it, so runs of spaces survive and a fold never leaves a blank line.
    private static List<string> SpaceLedWords(string[] pieces)
    {
        List<string> tokens = [];
        var spaces = " ";
        foreach (var piece in pieces)
        {
            if (piece.Length == 0)
            {
                spaces += " ";
                continue;
            }
            tokens.Add(spaces + piece);
            spaces = " ";
        }
        return tokens;
    }

    private static void AppendPart(StringBuilder builder, string boundary, string mediaType, string text)
    {
        builder.Append(MimeSyntax.CrLf).Append("--").Append(boundary).Append(MimeSyntax.CrLf);
        builder.Append("Content-Type: ").Append(mediaType).Append("; charset=utf-8").Append(MimeSyntax.CrLf);
        builder.Append("Content-Transfer-Encoding: quoted-printable").Append(MimeSyntax.CrLf);
        builder.Append(MimeSyntax.CrLf);
        builder.Append(QuotedPrintable.Encode(text));
    }
}
