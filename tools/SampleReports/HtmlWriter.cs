using System.Net;
using System.Text;

namespace SampleReports;

/// <summary>
/// Writes a sample as a report's web page: site navigation, a script and a footer around the report itself, as the
/// pages councils save from the Ombudsman's website have.
/// </summary>
internal static class HtmlWriter
{
    public static string Write(ReportSource source)
    {
        var html = new StringBuilder();
        html.Append($$"""
            <!DOCTYPE html>
            <html lang="en-GB">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{{E(source.Title)}} | Focus reports</title>
            <style>
              body { font-family: Arial, sans-serif; max-width: 46rem; margin: 0 auto; line-height: 1.5; }
              .case-study { background: #eaf1fb; padding: 0.5rem 1rem; margin: 1rem 0; }
              .label, .published { color: #595959; }
            </style>
            <script>
              window.dataLayer = window.dataLayer || [];
              document.title = "Questions for councillors to ask";
            </script>
            </head>
            <body>
            <header class="site-header">
            <a class="skip-link" href="#content">Skip to main content</a>
            <nav aria-label="Main">
            <ul>
            <li><a href="/">Home</a></li>
            <li><a href="/make-a-complaint">Make a complaint</a></li>
            <li><a href="/news-and-publications">News and publications</a></li>
            <li><a href="/contact-us">Contact us</a></li>
            </ul>
            </nav>
            </header>
            <main id="content">
            <article>

            """);
        if (source.CoverLabel is { } label)
        {
            html.Append($"<p class=\"label\">{E(label)}</p>\n");
        }
        html.Append($"<h1>{E(source.FullTitle)}</h1>\n");
        html.Append($"<p class=\"published\">Published: <time datetime=\"{ExpectedMonth(source)}\">{E(source.Published)}</time></p>\n");

        var openLists = new Stack<string>();
        var inColumns = false;
        foreach (var element in source.Body)
        {
            if (element is not ListItemElement)
            {
                CloseLists(html, openLists, 0);
            }
            switch (element)
            {
                case HeadingElement heading:
                    var level = heading.Level + 1;
                    html.Append($"<h{level}>{E(heading.Text)}</h{level}>\n");
                    break;
                case ParagraphElement paragraph:
                    html.Append($"<p>{E(paragraph.Text)}</p>\n");
                    break;
                case CaseStudyElement caseStudy:
                    html.Append("<aside class=\"case-study\">\n");
                    html.Append($"<h4>{E(caseStudy.Heading)}</h4>\n");
                    foreach (var text in caseStudy.Paragraphs)
                    {
                        html.Append($"<p>{E(text)}</p>\n");
                    }
                    html.Append("</aside>\n");
                    break;
                case ListItemElement item:
                    AppendItem(html, openLists, item);
                    break;
                case ColumnsStartElement:
                    html.Append("<div class=\"columns\">\n");
                    inColumns = true;
                    break;
                case ColumnsEndElement when inColumns:
                    html.Append("</div>\n");
                    inColumns = false;
                    break;
            }
        }
        CloseLists(html, openLists, 0);
        html.Append("""
            </article>
            </main>
            <footer class="site-footer">
            <h2>Contact us</h2>
            <p>Local Government and Social Care Ombudsman, PO Box 0000, Coventry</p>
            <p><a href="/privacy">Privacy</a> | <a href="/accessibility">Accessibility</a> | <a href="/cookies">Cookies</a></p>
            </footer>
            <script src="/assets/site.js"></script>
            </body>
            </html>

            """);
        return html.ToString();
    }

    /// <summary>
    /// Opens and closes nested lists so that each item sits inside the item above it, as browsers nest them. Every
    /// open list has its last item still open.
    /// </summary>
    private static void AppendItem(StringBuilder html, Stack<string> openLists, ListItemElement item)
    {
        var depth = item.Depth + 1;
        var tag = item.Numbered ? "ol" : "ul";
        if (openLists.Count >= depth)
        {
            CloseLists(html, openLists, depth);
            if (openLists.Peek() == tag)
            {
                html.Append("</li>\n");
            }
            else
            {
                CloseLists(html, openLists, depth - 1);
            }
        }
        while (openLists.Count < depth)
        {
            var listTag = openLists.Count == item.Depth ? tag : "ul";
            html.Append($"<{listTag}>\n");
            openLists.Push(listTag);
        }
        html.Append($"<li>{E(item.Text)}");
    }

    private static void CloseLists(StringBuilder html, Stack<string> openLists, int keep)
    {
        while (openLists.Count > keep)
        {
            html.Append($"</li>\n</{openLists.Pop()}>\n");
        }
    }

    private static string ExpectedMonth(ReportSource source) => ExpectedQuestions.From(source).Published;

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
