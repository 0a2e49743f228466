using System.Text;

namespace ScrutinyWorkflow.Web.Mail;

/// <summary>Character classes and header-value hygiene from RFC 5322 and RFC 2045.</summary>
internal static class MimeSyntax
{
    public const string CrLf = "\r\n";

    /// <summary>RFC 5322 <c>atext</c>: what may appear in an atom without quoting.</summary>
    public static bool IsAtext(char c) =>
        char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-/=?^_`{|}~".Contains(c, StringComparison.Ordinal);

    /// <summary>
    /// Makes text safe for one header line. Every line break becomes a space rather than an error, because the text
    /// comes from people (a subject typed with a paste, a name from a directory) and losing the mail would be worse
    /// than losing the break; what matters is that no value can ever start a header of its own.
    /// </summary>
    public static string ToSingleLine(string text)
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

    public static bool IsPrintableAscii(string text)
    {
        foreach (var c in text)
        {
            if (c is < ' ' or > '~')
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>
    /// Turns CRLF and lone CR into LF. Unlike <see cref="string.ReplaceLineEndings()"/> it leaves U+2028, NEL and
    /// form feed alone: in a body they are content, not line ends.
    /// </summary>
    public static string ToLf(string text) =>
        text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');

    /// <summary>Splits text into lines on CRLF, CR or LF.</summary>
    public static string[] SplitLines(string text) => ToLf(text).Split('\n');
}
