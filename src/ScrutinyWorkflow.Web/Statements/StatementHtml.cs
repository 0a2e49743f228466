using System.Net;
using System.Text;
using ScrutinyWorkflow.Core.Calendar;
using ScrutinyWorkflow.Core.Statements;

namespace ScrutinyWorkflow.Web.Statements;

/// <summary>
/// The position statement as a standalone HTML document, for the browser and as the first filed form.
/// Every piece of text people wrote is encoded: answers can never inject markup into the panel's papers.
/// </summary>
public static class StatementHtml
{
    public static string Render(PositionStatement statement)
    {
        var html = new StringBuilder();
        var title = $"Position statement: {statement.FocusReport.Title}";
        html.Append("<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(Encode(title)).Append("</title>\n")
            .Append("<style>")
            .Append("body{font-family:Arial,Helvetica,sans-serif;margin:2rem;max-width:75rem;color:#0b0c0c;line-height:1.4}")
            .Append("table{border-collapse:collapse;width:100%;margin-bottom:2rem}caption{text-align:left;font-weight:bold;font-size:1.25rem;padding:.5rem 0}")
            .Append("th,td{border:1px solid #505a5f;padding:.5rem;vertical-align:top;text-align:left}th{background:#f3f2f1}")
            .Append(".no-response{font-style:italic;color:#942514}dl.cover{display:grid;grid-template-columns:max-content auto;gap:.25rem 1rem}dt{font-weight:bold}dd{margin:0}")
            .Append(".draft{border:5px solid #f47738;padding:.5rem 1rem;font-weight:bold}.late{color:#505a5f;font-size:.9em}")
            .Append("</style>\n</head>\n<body>\n<main>\n");
        if (!statement.Released)
        {
            html.Append("<p class=\"draft\" role=\"status\">Not yet released: this statement is for the scrutiny team to check before it goes to the panel.</p>\n");
        }
        html.Append("<h1>Position statement</h1>\n<dl class=\"cover\">\n");
        Cover(html, "Panel", statement.Panel.Name);
        Cover(html, "Meeting date", LongDate.Format(statement.MeetingDate));
        Cover(html, "Focus report", statement.FocusReport.Title);
        Cover(html, "Published", statement.FocusReport.Published.ToDisplayString());
        Cover(html, "Compiled", LongDate.Format(statement.CompiledOn));
        if (statement.ClosedEarlyOn is { } closedOn)
        {
            Cover(html, "Closed early", statement.ClosedEarlyReason is { } reason ? $"{LongDate.Format(closedOn)}: {reason}" : LongDate.Format(closedOn));
        }
        html.Append("</dl>\n");

        foreach (var area in statement.Areas)
        {
            html.Append("<table>\n<caption>").Append(Encode(area.Heading)).Append("</caption>\n")
                .Append("<thead><tr><th scope=\"col\">Question</th><th scope=\"col\">Position statement</th>")
                .Append("<th scope=\"col\">Reporter</th><th scope=\"col\">Designation</th></tr></thead>\n<tbody>\n");
            foreach (var row in area.Rows)
            {
                html.Append("<tr id=\"").Append(Encode(row.QuestionId)).Append("\"><td>").Append(Encode(row.Question)).Append("</td><td>");
                if (row.Answer is { } answer)
                {
                    Paragraphs(html, answer);
                    if (row.LateAnswer)
                    {
                        html.Append("<p class=\"late\">Received after the deadline.</p>");
                    }
                }
                else
                {
                    html.Append("<p class=\"no-response\">").Append(Encode(row.Unanswered!)).Append("</p>");
                }
                html.Append("</td><td>").Append(Encode(string.Join(" / ", row.Reporters.Select(r => r.Name))))
                    .Append("</td><td>").Append(Encode(string.Join(" / ", row.Reporters.Select(r => r.Designation))))
                    .Append("</td></tr>\n");
            }
            html.Append("</tbody>\n</table>\n");
        }
        return html.Append("</main>\n</body>\n</html>\n").ToString();
    }

    private static void Cover(StringBuilder html, string term, string value) =>
        html.Append("<dt>").Append(Encode(term)).Append("</dt><dd>").Append(Encode(value)).Append("</dd>\n");

    /// <summary>Answers are plain text for now: blank lines separate paragraphs, single line breaks are kept.</summary>
    private static void Paragraphs(StringBuilder html, string text)
    {
        var paragraphs = text.Replace("\r\n", "\n", StringComparison.Ordinal)
            .Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var paragraph in paragraphs)
        {
            html.Append("<p>").Append(string.Join("<br>", paragraph.Split('\n').Select(Encode))).Append("</p>");
        }
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
