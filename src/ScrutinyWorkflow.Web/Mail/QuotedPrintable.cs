using System.Text;

namespace ScrutinyWorkflow.Web.Mail;

/// <summary>The quoted-printable content transfer encoding (RFC 2045 §6.7) for UTF-8 text.</summary>
internal static class QuotedPrintable
{
    // Encoded lines are at most 76 characters, the last of which may be the "=" of a soft line break.
    private const int MaxEncodedLine = 76;

    /// <summary>
    /// Encodes text, turning each of its line breaks (CRLF, CR or LF) into a CRLF hard line break.
    /// Trailing spaces and tabs are encoded because transports may strip them.
    /// </summary>
    public static string Encode(string text)
    {
        var output = new StringBuilder(text.Length + (text.Length / 8));
        var lines = MimeSyntax.SplitLines(text);
        for (var index = 0; index < lines.Length; index++)
        {
            if (index > 0)
            {
                output.Append(MimeSyntax.CrLf);
            }
            var bytes = Encoding.UTF8.GetBytes(lines[index]);
            var lineLength = 0;
            for (var i = 0; i < bytes.Length; i++)
            {
                var b = bytes[i];
                var isLast = i == bytes.Length - 1;
                var literal = (b is >= 33 and <= 126 && b != (byte)'=') || (b is (byte)' ' or (byte)'\t' && !isLast);
                var token = literal ? ((char)b).ToString() : $"={b:X2}";
                // Leave room for the soft break's "=" unless this token ends the line.
                var limit = isLast ? MaxEncodedLine : MaxEncodedLine - 1;
                if (lineLength + token.Length > limit)
                {
                    output.Append('=').Append(MimeSyntax.CrLf);
                    lineLength = 0;
                }
                output.Append(token);
                lineLength += token.Length;
            }
        }
        return output.ToString();
    }

    /// <summary>
    /// Decodes quoted-printable text to bytes. Lenient as RFC 2045 asks: a malformed "=" is kept as written,
    /// trailing whitespace on a line is ignored, and any line break style is accepted.
    /// </summary>
    public static byte[] Decode(string encoded)
    {
        var output = new List<byte>(encoded.Length);
        var lines = MimeSyntax.SplitLines(encoded);
        Span<byte> buffer = stackalloc byte[4];
        for (var index = 0; index < lines.Length; index++)
        {
            var line = lines[index].TrimEnd(' ', '\t');
            var softBreak = line.EndsWith('=');
            if (softBreak)
            {
                line = line[..^1];
            }
            for (var i = 0; i < line.Length; i++)
            {
                var c = line[i];
                if (c == '=' && i + 2 < line.Length && IsHex(line[i + 1]) && IsHex(line[i + 2]))
                {
                    output.Add(Convert.ToByte(line.Substring(i + 1, 2), 16));
                    i += 2;
                }
                else if (c < 128)
                {
                    output.Add((byte)c);
                }
                else
                {
                    // Raw 8-bit text in a quoted-printable body is invalid but common; keep it as UTF-8.
                    Rune.DecodeFromUtf16(line.AsSpan(i), out var rune, out var consumed);
                    output.AddRange(buffer[..rune.EncodeToUtf8(buffer)]);
                    i += consumed - 1;
                }
            }
            if (!softBreak && index < lines.Length - 1)
            {
                output.Add((byte)'\r');
                output.Add((byte)'\n');
            }
        }
        return [.. output];
    }

    private static bool IsHex(char c) => char.IsAsciiHexDigit(c);
}
