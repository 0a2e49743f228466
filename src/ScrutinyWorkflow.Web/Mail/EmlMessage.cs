namespace ScrutinyWorkflow.Web.Mail;

/// <summary>
/// A message read back from an outbox folder, decoded for showing to a person. Addresses are given as
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
    string HtmlBody)
{
    /// <summary>Reads a message; throws <see cref="FormatException"/> when it has no readable Date or From.</summary>
    public static EmlMessage Parse(string fileName, string content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var message = MimeReader.ReadEntity(content);
        var dateHeader = message.Get("Date") ?? throw new FormatException($"{fileName} has no Date header.");
        if (!RfcDate.TryParse(dateHeader, out var date))
        {
            throw new FormatException($"{fileName} has a Date header that is not an RFC 5322 date: \"{dateHeader}\".");
        }
        var from = MimeReader.ReadAddressList(message.Get("From"));
        if (from.Count == 0)
        {
            throw new FormatException($"{fileName} has no From header.");
        }

        var text = "";
        var html = "";
        CollectBodies(message, ref text, ref html);

        return new EmlMessage(
            fileName,
            ReadMessageId(message.Get("Message-ID")),
            date,
            string.Join(", ", from),
            MimeReader.ReadAddressList(message.Get("To")),
            MimeReader.ReadAddressList(message.Get("Cc")),
            EncodedWords.Decode(message.Get("Subject") ?? "").Trim(),
            text,
            html);
    }

    // Takes the first text/plain and the first text/html leaf, however deep: other mailers nest
    // multipart/alternative inside multipart/mixed or multipart/related.
    private static void CollectBodies(MimeReader.Entity entity, ref string text, ref string html)
    {
        var (mediaType, parameters) = MimeReader.ReadParameterised(entity.Get("Content-Type"));
        if (mediaType.StartsWith("multipart/", StringComparison.Ordinal) && parameters.TryGetValue("boundary", out var boundary))
        {
            foreach (var part in MimeReader.ReadParts(entity.Body, boundary))
            {
                CollectBodies(part, ref text, ref html);
            }
            return;
        }
        var disposition = MimeReader.ReadParameterised(entity.Get("Content-Disposition")).Value;
        if (disposition == "attachment")
        {
            return;
        }
        if (mediaType == "text/html")
        {
            if (html.Length == 0)
            {
                html = MimeReader.DecodeText(entity);
            }
        }
        else if (mediaType is "text/plain" or "")
        {
            if (text.Length == 0)
            {
                text = MimeReader.DecodeText(entity);
            }
        }
    }

    private static string ReadMessageId(string? header)
    {
        if (header is null)
        {
            return "";
        }
        var value = header.Trim();
        var open = value.IndexOf('<', StringComparison.Ordinal);
        var close = value.LastIndexOf('>');
        if (open >= 0 && close > open)
        {
            value = value[(open + 1)..close];
        }
        var suffix = "@" + EmlWriter.MessageIdDomain;
        return value.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)
            ? Uri.UnescapeDataString(value[..^suffix.Length])
            : value;
    }
}
