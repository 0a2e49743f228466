using System.Text.RegularExpressions;

namespace SampleReports;

/// <summary>What a sample's source says: its cover details and its body in order.</summary>
internal sealed record ReportSource(
    string Format,
    string Title,
    string Subtitle,
    string Published,
    string? CoverLabel,
    string? Header,
    string? Footer,
    IReadOnlyList<Element> Body)
{
    /// <summary>
    /// The tools a "pdf" sample is printed with (<c>producers:</c>, comma-separated): <c>libreoffice</c> (from .docx),
    /// <c>chromium</c> (from print HTML) and <c>pdfpig</c> (written directly). LibreOffice alone when not given.
    /// </summary>
    public IReadOnlyList<string> Producers { get; init; } = ["libreoffice"];

    /// <summary>
    /// How the PdfPig-written PDF marks list items (<c>pdfpig-lists:</c>): <c>drawn</c> (a filled circle drawn as a
    /// path, numbers as their own text runs) or <c>hanging</c> (no marker at all, only a hanging indent).
    /// </summary>
    public string PdfPigLists { get; init; } = "drawn";

    /// <summary>The title a reader of the cover would give: title and subtitle.</summary>
    public string FullTitle => $"{Title}: {Subtitle}";
}

internal abstract record Element;

/// <summary>A heading; the one marked <c>{questions}</c> in the source opens the questions section.</summary>
internal sealed record HeadingElement(int Level, string Text, bool OpensQuestions) : Element;

internal enum ParagraphRole
{
    Body,

    /// <summary>A paragraph that is itself a question (<c>?&gt;</c> in the source).</summary>
    Question,

    /// <summary>A paragraph ending in a colon whose following list items are its sub-points (<c>:&gt;</c>).</summary>
    LeadIn,

    /// <summary>
    /// A question's opening words ending in a colon ("How does your council:", <c>*&gt;</c>) whose following list items
    /// each complete it into a question of their own.
    /// </summary>
    Stem,
}

internal sealed record ParagraphElement(string Text, ParagraphRole Role) : Element;

/// <summary>A boxed case study: its heading line and its paragraphs (<c>| </c> lines in the source).</summary>
internal sealed record CaseStudyElement(string Heading, IReadOnlyList<string> Paragraphs) : Element;

/// <summary>
/// A list item at a nesting depth. <paramref name="SubPoint"/> marks an item (<c>+</c> in the source) that belongs to
/// the question above it even though it sits at that question's level.
/// </summary>
internal sealed record ListItemElement(string Text, int Depth, bool Numbered, bool SubPoint) : Element;

internal sealed record PageBreakElement : Element;

internal sealed record ColumnsStartElement : Element;

internal sealed record ColumnsEndElement : Element;

internal static partial class ReportSourceParser
{
    public static ReportSource Parse(string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var metadata = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var index = 0;
        for (; index < lines.Length && lines[index].Trim() != "---"; index++)
        {
            var line = lines[index];
            if (line.Trim().Length == 0)
            {
                continue;
            }
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                throw new FormatException($"Line {index + 1}: expected 'key: value' before the '---' line.");
            }
            metadata[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }
        if (index == lines.Length)
        {
            throw new FormatException("The source has no '---' line between its details and its body.");
        }

        var body = new List<Element>();
        var caseStudy = new List<string>();
        for (index++; index < lines.Length; index++)
        {
            var line = lines[index].TrimEnd();
            if (line.StartsWith("| ", StringComparison.Ordinal))
            {
                caseStudy.Add(line[2..].Trim());
                continue;
            }
            FlushCaseStudy(caseStudy, body);
            if (line.Length == 0)
            {
                continue;
            }
            body.Add(ParseLine(line, index + 1));
        }
        FlushCaseStudy(caseStudy, body);

        string Required(string key) => metadata.TryGetValue(key, out var value)
            ? value
            : throw new FormatException($"The source has no '{key}:' line.");

        return new ReportSource(
            Required("format"),
            Required("title"),
            Required("subtitle"),
            Required("published"),
            metadata.GetValueOrDefault("cover"),
            metadata.GetValueOrDefault("header"),
            metadata.GetValueOrDefault("footer"),
            body)
        {
            Producers = metadata.TryGetValue("producers", out var producers)
                ? [.. producers.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)]
                : ["libreoffice"],
            PdfPigLists = metadata.GetValueOrDefault("pdfpig-lists") ?? "drawn",
        };
    }

    private static Element ParseLine(string line, int lineNumber)
    {
        switch (line)
        {
            case "[pagebreak]":
                return new PageBreakElement();
            case "[columns]":
                return new ColumnsStartElement();
            case "[/columns]":
                return new ColumnsEndElement();
        }
        if (HeadingLine().Match(line) is { Success: true } heading)
        {
            var text = heading.Groups["text"].Value.Trim();
            var opensQuestions = text.EndsWith("{questions}", StringComparison.Ordinal);
            if (opensQuestions)
            {
                text = text[..^"{questions}".Length].Trim();
            }
            return new HeadingElement(heading.Groups["hashes"].Length, text, opensQuestions);
        }
        if (ListLine().Match(line) is { Success: true } item)
        {
            var indent = item.Groups["indent"].Length;
            if (indent % 2 != 0)
            {
                throw new FormatException($"Line {lineNumber}: list items are indented by two spaces a level.");
            }
            var marker = item.Groups["marker"].Value;
            return new ListItemElement(item.Groups["text"].Value.Trim(), indent / 2, char.IsDigit(marker[0]), marker == "+");
        }
        if (line.StartsWith("?> ", StringComparison.Ordinal))
        {
            return new ParagraphElement(line[3..].Trim(), ParagraphRole.Question);
        }
        if (line.StartsWith(":> ", StringComparison.Ordinal))
        {
            return new ParagraphElement(line[3..].Trim(), ParagraphRole.LeadIn);
        }
        if (line.StartsWith("*> ", StringComparison.Ordinal))
        {
            return new ParagraphElement(line[3..].Trim(), ParagraphRole.Stem);
        }
        if (line.StartsWith(' '))
        {
            throw new FormatException($"Line {lineNumber}: only list items may be indented.");
        }
        return new ParagraphElement(line.Trim(), ParagraphRole.Body);
    }

    private static void FlushCaseStudy(List<string> lines, List<Element> body)
    {
        if (lines.Count == 0)
        {
            return;
        }
        body.Add(new CaseStudyElement(lines[0], [.. lines.Skip(1)]));
        lines.Clear();
    }

    [GeneratedRegex(@"^(?<hashes>#{1,3}) (?<text>.+)$")]
    private static partial Regex HeadingLine();

    [GeneratedRegex(@"^(?<indent> *)(?<marker>[-+]|\d+\.) (?<text>.+)$")]
    private static partial Regex ListLine();
}
