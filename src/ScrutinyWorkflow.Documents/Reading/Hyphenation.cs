using System.Text;

namespace ScrutinyWorkflow.Documents.Reading;

/// <summary>Joins a wrapped line onto the text before it, undoing the hyphen a line break added.</summary>
internal static class Hyphenation
{
    /// <summary>
    /// First halves of compounds that keep their hyphen ("long-term", "well-being", "part-time"): typesetters break
    /// such words at their own hyphen, and with no dictionary these are the breaks most worth getting right.
    /// </summary>
    private static readonly HashSet<string> CompoundStarts = new(StringComparer.OrdinalIgnoreCase)
    {
        "well", "long", "short", "part", "full", "self", "non", "multi", "cross", "semi", "anti",
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
        "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
        "year", "day", "week", "month", "face", "follow", "front", "low", "high", "mid", "age",
        "first", "second", "third", "decision", "family", "health", "risk", "case", "evidence",
    };

    public static void Join(StringBuilder text, string next)
    {
        next = next.TrimStart();
        if (next.Length == 0)
        {
            return;
        }
        if (text.Length == 0)
        {
            text.Append(next);
            return;
        }
        var last = text[^1];
        if (last == '\u00AD')
        {
            // A soft hyphen is a break the author allowed, never part of the word.
            text.Length--;
            text.Append(next);
            return;
        }
        if (last is '-' or '\u2010' && text.Length >= 2 && char.IsLetter(text[^2]) && char.IsLower(next[0]))
        {
            if (!KeepsHyphen(LastWord(text, text.Length - 1)))
            {
                text.Length--;
            }
            text.Append(next);
            return;
        }
        text.Append(' ').Append(next);
    }

    /// <summary>
    /// Whether a hyphen after <paramref name="fragment"/> at the end of a line is the word's own ("long-", "up-to-")
    /// rather than one the line break added.
    /// </summary>
    internal static bool KeepsHyphen(string fragment) =>
        fragment.Contains('-', StringComparison.Ordinal) || CompoundStarts.Contains(fragment);

    /// <summary>
    /// Longer than any compound start, and than the part of a word before the line break that shows its own hyphen
    /// ("up-to-"). A word runs on without limit when every line of a hostile file ends in a broken word, so only
    /// this much of it is looked at: walking back to its start on every line would take time in the square of its
    /// length.
    /// </summary>
    private const int WordTail = 32;

    /// <summary>The word (or its last <see cref="WordTail"/> characters) that ends just before <paramref name="end"/>.</summary>
    private static string LastWord(StringBuilder text, int end)
    {
        var start = end;
        while (start > 0 && end - start < WordTail && !char.IsWhiteSpace(text[start - 1]))
        {
            start--;
        }
        return text.ToString(start, end - start);
    }
}
