using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace SampleReports;

/// <summary>
/// The areas and questions a sample's source says it has, worked out from the source's own marks ({questions},
/// list depth, ?&gt; and :&gt;) rather than from the extractor, so the tests compare against an independent answer.
/// </summary>
internal static class ExpectedQuestions
{
    public sealed record Expected(string Title, string Published, IReadOnlyList<ExpectedArea> Areas);

    public sealed record ExpectedArea(string Heading, IReadOnlyList<string> Questions);

    public static Expected From(ReportSource source)
    {
        var start = source.Body.ToList().FindIndex(element => element is HeadingElement { OpensQuestions: true });
        if (start < 0)
        {
            throw new FormatException("The source marks no heading with {questions}.");
        }
        var section = (HeadingElement)source.Body[start];
        var areas = new List<(string Heading, List<StringBuilder> Questions)>();
        StringBuilder? question = null;
        int? firstSubPointDepth = null;
        string? stem = null;

        foreach (var element in source.Body.Skip(start + 1))
        {
            switch (element)
            {
                case HeadingElement heading when heading.Level <= section.Level:
                    goto done;
                case HeadingElement heading:
                    areas.Add((heading.Text, []));
                    question = null;
                    stem = null;
                    break;
                case ListItemElement item when item.Depth == 0 && stem is not null:
                    // "How does your council:" and "have a policy on...?" make "How does your council have a policy on...?"
                    question = Start($"{stem.TrimEnd(':').TrimEnd()} {item.Text}");
                    firstSubPointDepth = null;
                    break;
                case ListItemElement item when item.Depth == 0 && !item.SubPoint:
                    question = Start(item.Text);
                    firstSubPointDepth = null;
                    break;
                case ListItemElement item:
                    if (question is null)
                    {
                        throw new FormatException($"The sub-point '{item.Text}' has no question above it.");
                    }
                    firstSubPointDepth ??= item.Depth;
                    question.Append('\n').Append(' ', 2 * Math.Max(0, item.Depth - firstSubPointDepth.Value)).Append("• ").Append(item.Text);
                    break;
                case ParagraphElement { Role: ParagraphRole.Question or ParagraphRole.LeadIn } paragraph:
                    question = Start(paragraph.Text);
                    firstSubPointDepth = null;
                    stem = null;
                    break;
                case ParagraphElement { Role: ParagraphRole.Stem } paragraph:
                    stem = paragraph.Text;
                    question = null;
                    break;
                case ParagraphElement or CaseStudyElement:
                    question = null;
                    stem = null;
                    break;
            }
        }
    done:
        return new Expected(
            source.FullTitle,
            DateTime.ParseExact(source.Published, "MMMM yyyy", CultureInfo.InvariantCulture).ToString("yyyy-MM", CultureInfo.InvariantCulture),
            [.. areas.Select(area => new ExpectedArea(area.Heading, [.. area.Questions.Select(text => text.ToString())]))]);

        StringBuilder Start(string text)
        {
            if (areas.Count == 0)
            {
                throw new FormatException($"The question '{text}' comes before the first area heading.");
            }
            var builder = new StringBuilder(text);
            areas[^1].Questions.Add(builder);
            return builder;
        }
    }

    public static string ToJson(Expected expected) => JsonSerializer.Serialize(expected, Options) + "\n";

    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
