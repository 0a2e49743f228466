using System.Text;

namespace SampleReports;

/// <summary>Writes a sample as Markdown, the way a report's text is often kept in a council's notes.</summary>
internal static class MarkdownWriter
{
    public static string Write(ReportSource source)
    {
        var markdown = new StringBuilder();
        if (source.CoverLabel is { } label)
        {
            markdown.Append($"*{label}*\n\n");
        }
        markdown.Append($"# {source.Title}\n\n## {source.Subtitle}\n\n{source.Published}\n\n---\n\n");
        Element? previous = null;
        var number = 0;
        foreach (var element in source.Body)
        {
            if (previous is ListItemElement && element is not ListItemElement)
            {
                markdown.Append('\n');
            }
            switch (element)
            {
                case HeadingElement heading:
                    markdown.Append($"{new string('#', heading.Level + 1)} {heading.Text}\n\n");
                    break;
                case ParagraphElement paragraph:
                    markdown.Append($"{paragraph.Text}\n\n");
                    break;
                case CaseStudyElement caseStudy:
                    markdown.Append($"> **{caseStudy.Heading}**\n>\n");
                    markdown.Append(string.Join(">\n", caseStudy.Paragraphs.Select(text => $"> {text}\n")));
                    markdown.Append('\n');
                    break;
                case ListItemElement item:
                    number = previous is ListItemElement ? number : 0;
                    var marker = item.Numbered ? $"{++number}." : "-";
                    markdown.Append($"{new string(' ', item.Depth * 4)}{marker} {item.Text}\n");
                    break;
            }
            previous = element;
        }
        return markdown.ToString().TrimEnd() + "\n";
    }
}
