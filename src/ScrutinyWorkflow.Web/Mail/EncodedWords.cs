using System.Text;
using System.Text.RegularExpressions;

namespace ScrutinyWorkflow.Web.Mail;

/// <summary>RFC 2047 encoded-words: how non-ASCII text travels in a header.</summary>
internal static partial class EncodedWords
{
    private const string Prefix = "=?utf-8?B?";
    private const string Suffix = "?=";

    // RFC 2047 caps an encoded-word at 75 characters. 42 bytes make 56 base64 characters, 68 with the framing,
    // so even the first word fits the recommended 78-character line after "Subject: ".
    private const int MaxBytesPerWord = 42;

    /// <summary>
    /// Encodes text as base64 encoded-words, each at most 68 characters and each holding whole characters
    /// (RFC 2047 §5 forbids splitting a character across words), so the caller can fold between them.
    /// </summary>
    public static IReadOnlyList<string> Encode(string text)
    {
        List<string> words = [];
        var chunk = new List<byte>(MaxBytesPerWord);
        Span<byte> buffer = stackalloc byte[4];
        foreach (var rune in text.EnumerateRunes())
        {
            var length = rune.EncodeToUtf8(buffer);
            if (chunk.Count + length > MaxBytesPerWord)
            {
                words.Add(Prefix + Convert.ToBase64String([.. chunk]) + Suffix);
                chunk.Clear();
            }
            chunk.AddRange(buffer[..length]);
        }
        if (chunk.Count > 0 || words.Count == 0)
        {
            words.Add(Prefix + Convert.ToBase64String([.. chunk]) + Suffix);
        }
        return words;
    }

    /// <summary>
    /// Decodes every encoded-word in a header value. Whitespace between two adjacent encoded-words is dropped
    /// (RFC 2047 §6.2), and their bytes are joined before decoding because some mailers do split a character.
    /// A word in a charset we do not know, or that is malformed, is left as written.
    /// </summary>
    public static string Decode(string value)
    {
        if (!value.Contains("=?", StringComparison.Ordinal))
        {
            return value;
        }
        var result = new StringBuilder(value.Length);
        var pending = new List<byte>();
        Encoding? pendingEncoding = null;
        var position = 0;
        foreach (Match match in EncodedWord().Matches(value))
        {
            var between = value[position..match.Index];
            var encoding = TryGetEncoding(match.Groups["charset"].Value);
            var bytes = encoding is null ? null : TryDecodeBytes(match.Groups["encoding"].Value, match.Groups["text"].Value);
            if (encoding is null || bytes is null)
            {
                Flush();
                result.Append(between).Append(match.Value);
            }
            else
            {
                var adjacent = pendingEncoding is not null && string.IsNullOrWhiteSpace(between);
                if (!adjacent || pendingEncoding!.CodePage != encoding.CodePage)
                {
                    Flush();
                    if (!adjacent)
                    {
                        result.Append(between);
                    }
                }
                pendingEncoding = encoding;
                pending.AddRange(bytes);
            }
            position = match.Index + match.Length;
        }
        Flush();
        result.Append(value, position, value.Length - position);
        return result.ToString();

        void Flush()
        {
            if (pendingEncoding is not null)
            {
                result.Append(pendingEncoding.GetString([.. pending]));
            }
            pending.Clear();
            pendingEncoding = null;
        }
    }

    private static Encoding? TryGetEncoding(string charset)
    {
        // RFC 2231 allows a language after the charset: "utf-8*en".
        var name = charset.Split('*')[0];
        try
        {
            return Encoding.GetEncoding(name);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static byte[]? TryDecodeBytes(string encoding, string text)
    {
        if (encoding is "B" or "b")
        {
            try
            {
                return Convert.FromBase64String(text);
            }
            catch (FormatException)
            {
                return null;
            }
        }
        // The "Q" encoding is quoted-printable with "_" standing for a space.
        return QuotedPrintable.Decode(text.Replace('_', ' '));
    }

    [GeneratedRegex(@"=\?(?<charset>[^?\s]+)\?(?<encoding>[BbQq])\?(?<text>[^?\s]*)\?=")]
    private static partial Regex EncodedWord();
}
