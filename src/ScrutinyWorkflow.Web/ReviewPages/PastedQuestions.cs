using System.Text.RegularExpressions;
using ScrutinyWorkflow.Core.Reviews;

namespace ScrutinyWorkflow.Web.ReviewPages;

/// <summary>
/// Questions pasted in instead of a report uploaded, in the shape focus reports print them: a heading for each area
/// of focus on its own line, and its questions below it, each a list item ("- ", "• ", "1. ") or a line ending in a
/// question mark. Questions before the first heading go under <see cref="DefaultHeading"/>.
/// </summary>
public static partial class PastedQuestions
{
    public const string DefaultHeading = "Questions for councillors";

    public static IReadOnlyList<AreaInput> Read(string? text)
    {
        var areas = new List<(string Heading, List<QuestionInput> Questions)>();
        foreach (var raw in (text ?? "").Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0)
            {
                continue;
            }
            if (ListMarker().Match(line) is { Success: true } marker)
            {
                Under(areas).Add(new QuestionInput(line[marker.Length..].Trim(), []));
            }
            else if (line.EndsWith('?'))
            {
                Under(areas).Add(new QuestionInput(line, []));
            }
            else
            {
                areas.Add((line, []));
            }
        }
        // A heading with nothing under it is kept: the decider names it, and the person sees which one it was.
        return [.. areas.Select(a => new AreaInput(a.Heading, a.Questions))];
    }

    private static List<QuestionInput> Under(List<(string Heading, List<QuestionInput> Questions)> areas)
    {
        if (areas.Count == 0)
        {
            areas.Add((DefaultHeading, []));
        }
        return areas[^1].Questions;
    }

    [GeneratedRegex(@"^([-*\u2022\u2013]|\d{1,3}[.)])\s+")]
    private static partial Regex ListMarker();
}
