using System.Text.RegularExpressions;

namespace ScrutinyWorkflow.Documents.Reading;

/// <summary>Recognises the bullet or number that starts a list item when a format gives only text.</summary>
internal static partial class ListMarkers
{
    /// <summary>Glyphs that are only ever bullets, including the private-use code points Symbol and Wingdings map them to.</summary>
    private const string Bullets = "•●○◦▪■□▫‣⁃∙➢➤►▶✓✔❖◆◇\uF0B7\uF0A7\uF076\uF0D8\uF0FC\uF0A8\uF06E\uF071";

    /// <summary>Text that is a bullet or a number only when set apart from what follows: "-", "–", "*", "o", "1.", "a)".</summary>
    public static bool IsAmbiguousMarker(string word) => word is "-" or "–" or "—" or "*" or "o" || Numbering().IsMatch(word);

    /// <summary>"1.", "12)", "(3)": a list number, as opposed to a letter or a dash.</summary>
    public static bool IsNumber(string word) => word.TrimStart('(') is { Length: > 0 } number && char.IsAsciiDigit(number[0]) && Numbering().IsMatch(word);

    /// <summary>"5.1", "2.3.1.": a number over several levels, as sections are numbered and list items rarely are.</summary>
    public static bool IsSectionNumber(string word) => SectionNumbering().IsMatch(word);

    public static bool IsBullet(string word) => word.Length == 1 && Bullets.Contains(word[0], StringComparison.Ordinal);

    /// <summary>
    /// Splits a line of plain text that starts with a marker ("• text", "1. text", "(a) text") into the text after it.
    /// </summary>
    public static bool TryStrip(string line, out string text)
    {
        var match = MarkedLine().Match(line);
        if (match.Success)
        {
            text = match.Groups["text"].Value;
            return true;
        }
        text = line;
        return false;
    }

    [GeneratedRegex(@"^(?:\(?(?:\d{1,3}|[a-z]|[ivxlc]{1,6})[.)]|\d{1,2}\.\d{1,2}\.?)$", RegexOptions.CultureInvariant)]
    private static partial Regex Numbering();

    [GeneratedRegex(@"^\d{1,3}(?:\.\d{1,3}){1,4}\.?$", RegexOptions.CultureInvariant)]
    private static partial Regex SectionNumbering();

    [GeneratedRegex(@"^\s*(?:[•●○◦▪■□▫‣⁃∙➢➤►▶✓✔❖◆◇\-–—*]|\(?(?:\d{1,3}|[a-z]|[ivxlc]{1,6})[.)])\s+(?<text>\S.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex MarkedLine();
}
