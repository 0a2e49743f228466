using System.Text;

namespace ScrutinyWorkflow.Core.Reports;

/// <summary>
/// The one normalisation every reader applies to text, and the looser one used to compare texts.
/// </summary>
public static class ReportText
{
    /// <summary>
    /// Collapses whitespace (including non-breaking and other Unicode spaces) to single spaces, expands typographic
    /// ligatures, and drops soft hyphens, zero-width and control characters, which are layout hints or debris rather than text.
    /// Typographic quotes and dashes are kept as the report printed them.
    /// </summary>
    public static string Clean(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var character in text)
        {
            if (char.IsWhiteSpace(character) || char.GetUnicodeCategory(character) == System.Globalization.UnicodeCategory.SpaceSeparator)
            {
                pendingSpace = builder.Length > 0;
                continue;
            }
            var expansion = Expand(character);
            if (expansion.Length == 0)
            {
                continue;
            }
            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }
            if (expansion.Length == 1 && expansion[0] == '\0')
            {
                builder.Append(character);
            }
            else
            {
                builder.Append(expansion);
            }
        }
        return builder.ToString();
    }

    /// <summary>
    /// The form two texts are compared in: <see cref="Clean"/>, then curly quotes and primes made straight.
    /// Line breaks inside a question (sub-points) count as ordinary whitespace.
    /// </summary>
    public static string ForComparison(string text)
    {
        var cleaned = Clean(text);
        var builder = new StringBuilder(cleaned.Length);
        foreach (var character in cleaned)
        {
            builder.Append(character switch
            {
                '\u2018' or '\u2019' or '\u201A' or '\u201B' or '\u2032' => '\'',
                '\u201C' or '\u201D' or '\u201E' or '\u201F' or '\u2033' => '"',
                _ => character,
            });
        }
        return builder.ToString();
    }

    /// <summary>Empty to drop the character, "\0" to keep it as it is, otherwise its expansion.</summary>
    private static string Expand(char character) => character switch
    {
        '\u00AD' or '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF' => "",
        '\uFB00' => "ff",
        '\uFB01' => "fi",
        '\uFB02' => "fl",
        '\uFB03' => "ffi",
        '\uFB04' => "ffl",
        '\uFB05' or '\uFB06' => "st",
        _ when char.IsControl(character) => "",
        _ => "\0",
    };
}
