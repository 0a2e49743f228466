using System.Text;

namespace ScrutinyWorkflow.Web.Mail;

/// <summary>
/// Just enough of a MIME reader for the messages <see cref="EmlWriter"/> writes and the usual variations other
/// mail tools produce: folded headers, LF or CRLF line ends, quoted-printable, base64 or 8-bit parts, nested
/// multiparts. It is for showing messages in the outbox and in tests, not a general mail parser.
/// </summary>
internal static class MimeReader
{
    public sealed record Header(string Name, string Value);

    public sealed record Entity(IReadOnlyList<Header> Headers, string Body)
    {
        public string? Get(string name) =>
            Headers.FirstOrDefault(header => header.Name.Equals(name, StringComparison.OrdinalIgnoreCase))?.Value;
    }

    /// <summary>Splits an entity (a whole message or one part) into unfolded headers and its body.</summary>
    public static Entity ReadEntity(string text)
    {
        var lines = MimeSyntax.SplitLines(text);
        List<Header> headers = [];
        var index = 0;
        for (; index < lines.Length; index++)
        {
            var line = lines[index];
            if (line.Length == 0)
            {
                index++;
                break;
            }
            if (line[0] is ' ' or '\t')
            {
                // Unfolding removes only the line break: the whitespace that starts the line stays (RFC 5322 §2.2.3).
                if (headers.Count > 0)
                {
                    headers[^1] = headers[^1] with { Value = headers[^1].Value + line };
                }
                continue;
            }
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                headers.Add(new Header(line[..colon].Trim(), line[(colon + 1)..].Trim()));
            }
        }
        return new Entity(headers, string.Join('\n', lines.Skip(index)));
    }

    /// <summary>A structured header value such as <c>multipart/alternative; boundary="x"</c>: its value and parameters.</summary>
    public static (string Value, IReadOnlyDictionary<string, string> Parameters) ReadParameterised(string? header)
    {
        var parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (string.IsNullOrWhiteSpace(header))
        {
            return ("", parameters);
        }
        var pieces = SplitOutsideQuotes(header, ';');
        foreach (var piece in pieces.Skip(1))
        {
            var equals = piece.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                parameters.TryAdd(piece[..equals].Trim(), Unquote(piece[(equals + 1)..].Trim()));
            }
        }
        return (pieces[0].Trim().ToLowerInvariant(), parameters);
    }

    /// <summary>The decoded text of a leaf part, with line ends as "\n".</summary>
    public static string DecodeText(Entity part)
    {
        var (_, parameters) = ReadParameterised(part.Get("Content-Type"));
        var transferEncoding = (part.Get("Content-Transfer-Encoding") ?? "7bit").Trim().ToLowerInvariant();
        var text = transferEncoding switch
        {
            "quoted-printable" => CharsetOf(parameters).GetString(QuotedPrintable.Decode(part.Body)),
            "base64" => CharsetOf(parameters).GetString(DecodeBase64(part.Body)),
            _ => part.Body,
        };
        return MimeSyntax.ToLf(text);
    }

    /// <summary>The parts of a multipart body, between its "--boundary" delimiter lines.</summary>
    public static IReadOnlyList<Entity> ReadParts(string body, string boundary)
    {
        var delimiter = "--" + boundary;
        List<Entity> parts = [];
        List<string>? current = null;
        foreach (var line in body.Split('\n'))
        {
            var trimmed = line.TrimEnd(' ', '\t');
            if (trimmed == delimiter + "--")
            {
                break;
            }
            if (trimmed == delimiter)
            {
                if (current is not null)
                {
                    parts.Add(ReadEntity(string.Join('\n', current)));
                }
                current = [];
            }
            else
            {
                current?.Add(line);
            }
        }
        if (current is not null)
        {
            parts.Add(ReadEntity(string.Join('\n', current)));
        }
        return parts;
    }

    /// <summary>
    /// The mailboxes in an address-list header, each as "Name &lt;address&gt;" or the bare address,
    /// with quoted names unquoted and encoded-words decoded.
    /// </summary>
    public static IReadOnlyList<string> ReadAddressList(string? header)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return [];
        }
        List<string> mailboxes = [];
        foreach (var item in SplitOutsideQuotes(header, ','))
        {
            var mailbox = StripComments(item).Trim();
            if (mailbox.Length == 0)
            {
                continue;
            }
            var open = LastIndexOfOutsideQuotes(mailbox, '<');
            var close = mailbox.LastIndexOf('>');
            if (open >= 0 && close > open)
            {
                var address = mailbox[(open + 1)..close].Trim();
                var name = ReadPhrase(mailbox[..open].Trim());
                mailboxes.Add(name.Length > 0 ? $"{name} <{address}>" : address);
            }
            else
            {
                mailboxes.Add(mailbox);
            }
        }
        return mailboxes;
    }

    /// <summary>A phrase (a display name): quoted strings unquoted, encoded-words decoded, whitespace collapsed.</summary>
    private static string ReadPhrase(string phrase)
    {
        var result = new StringBuilder();
        var unquoted = new StringBuilder();
        for (var i = 0; i < phrase.Length; i++)
        {
            if (phrase[i] != '"')
            {
                unquoted.Append(phrase[i]);
                continue;
            }
            result.Append(EncodedWords.Decode(unquoted.ToString()));
            unquoted.Clear();
            for (i++; i < phrase.Length && phrase[i] != '"'; i++)
            {
                if (phrase[i] == '\\' && i + 1 < phrase.Length)
                {
                    i++;
                }
                result.Append(phrase[i]);
            }
        }
        result.Append(EncodedWords.Decode(unquoted.ToString()));
        return string.Join(' ', result.ToString().Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries));
    }

    private static Encoding CharsetOf(IReadOnlyDictionary<string, string> parameters)
    {
        if (parameters.TryGetValue("charset", out var charset))
        {
            try
            {
                return Encoding.GetEncoding(charset);
            }
            catch (ArgumentException)
            {
                // An unknown charset: UTF-8 shows ASCII correctly and most else legibly.
            }
        }
        return Encoding.UTF8;
    }

    private static byte[] DecodeBase64(string body)
    {
        var compact = new StringBuilder(body.Length);
        foreach (var c in body)
        {
            if (!char.IsWhiteSpace(c))
            {
                compact.Append(c);
            }
        }
        return Convert.FromBase64String(compact.ToString());
    }

    private static List<string> SplitOutsideQuotes(string text, char separator)
    {
        List<string> pieces = [];
        var start = 0;
        var inQuotes = false;
        var angleDepth = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (inQuotes && c == '\\')
            {
                i++;
            }
            else if (c == '"')
            {
                inQuotes = !inQuotes;
            }
            else if (!inQuotes && c == '<')
            {
                angleDepth++;
            }
            else if (!inQuotes && c == '>' && angleDepth > 0)
            {
                angleDepth--;
            }
            else if (!inQuotes && angleDepth == 0 && c == separator)
            {
                pieces.Add(text[start..i]);
                start = i + 1;
            }
        }
        pieces.Add(text[start..]);
        return pieces;
    }

    private static int LastIndexOfOutsideQuotes(string text, char target)
    {
        var found = -1;
        var inQuotes = false;
        for (var i = 0; i < text.Length; i++)
        {
            if (inQuotes && text[i] == '\\')
            {
                i++;
            }
            else if (text[i] == '"')
            {
                inQuotes = !inQuotes;
            }
            else if (!inQuotes && text[i] == target)
            {
                found = i;
            }
        }
        return found;
    }

    // RFC 5322 comments, "(like this)", may nest; they carry no meaning for us.
    private static string StripComments(string text)
    {
        var result = new StringBuilder(text.Length);
        var depth = 0;
        var inQuotes = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (depth == 0 && c == '"')
            {
                inQuotes = !inQuotes;
            }
            else if (c == '\\' && (inQuotes || depth > 0) && i + 1 < text.Length)
            {
                if (depth == 0)
                {
                    result.Append(c).Append(text[i + 1]);
                }
                i++;
                continue;
            }
            else if (!inQuotes && c == '(')
            {
                depth++;
                continue;
            }
            else if (!inQuotes && c == ')' && depth > 0)
            {
                depth--;
                continue;
            }
            if (depth == 0)
            {
                result.Append(c);
            }
        }
        return result.ToString();
    }

    private static string Unquote(string value) =>
        value.Length >= 2 && value[0] == '"' && value[^1] == '"'
            ? value[1..^1].Replace("\\\"", "\"", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal)
            : value;
}
