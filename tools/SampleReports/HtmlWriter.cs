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
        var html = DocumentStart($"{source.Title} | Focus reports", """<meta name="viewport" content="width=device-width, initial-scale=1">""");
        html.Append("""
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

        AppendBody(html, source);
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
    /// Writes a sample as a page meant to be printed to PDF by a browser: a cover page, CSS list bullets (which
    /// browsers draw as shapes, not characters), CSS columns, and a running header and footer in
    /// <c>position: fixed</c>, which a browser repeats on every printed page.
    /// </summary>
    public static string WriteForPrint(ReportSource source)
    {
        var html = DocumentStart(source.Title, null);
        html.Append("""
            <style>
              @page { size: A4; margin: 12mm 20mm 12mm 20mm; }
              body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 10.5pt; line-height: 1.4; margin: 0; }
              .cover { break-after: page; padding-top: 60mm; }
              .cover .label { font-size: 12pt; color: #595959; }
              .cover h1 { font-size: 30pt; margin: 6mm 0; }
              .cover .subtitle { font-size: 16pt; }
              .cover .published { font-size: 12pt; margin-top: 10mm; }
              h2 { font-size: 17pt; margin: 8mm 0 3mm; }
              h3 { font-size: 13.5pt; margin: 5mm 0 2mm; }
              h4 { font-size: 11pt; margin: 2mm 0; }
              ul, ol { padding-left: 7mm; }
              li { margin: 1.5mm 0; }
              .columns { column-count: 2; column-gap: 9mm; }
              .columns h3 { break-after: avoid; }
              .case-study { background: #eaf1fb; padding: 2mm 4mm; margin: 4mm 0; break-inside: avoid; }
              .pagebreak { break-before: page; }
              .running-header { position: fixed; top: 0; right: 0; font-size: 8pt; color: #595959; }
              .running-footer { position: fixed; bottom: 0; left: 0; font-size: 8pt; color: #595959; }
              table.page { border-collapse: collapse; width: 100%; }
              table.page td { padding: 0; }
              .header-space { height: 12mm; }
              .footer-space { height: 12mm; }
            </style>
            </head>
            <body>

            """);
        if (source.Header is { } header)
        {
            html.Append($"<div class=\"running-header\">{E(header)}</div>\n");
        }
        if (source.Footer is { } footer)
        {
            html.Append($"<div class=\"running-footer\">{E(footer)}</div>\n");
        }
        // Fixed elements print on every page over whatever is there; the table's repeated head and foot keep the
        // text clear of them, as pages made this way do.
        html.Append("<table class=\"page\"><thead><tr><td><div class=\"header-space\"></div></td></tr></thead>\n");
        html.Append("<tfoot><tr><td><div class=\"footer-space\"></div></td></tr></tfoot>\n<tbody><tr><td>\n");
        html.Append("<section class=\"cover\">\n");
        if (source.CoverLabel is { } label)
        {
            html.Append($"<p class=\"label\">{E(label)}</p>\n");
        }
        html.Append($"<h1>{E(source.Title)}</h1>\n<p class=\"subtitle\">{E(source.Subtitle)}</p>\n");
        html.Append($"<p class=\"published\">{E(source.Published)}</p>\n</section>\n");
        AppendBody(html, source);
        html.Append("</td></tr></tbody></table>\n</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>The opening of either page, up to its title.</summary>
    private static StringBuilder DocumentStart(string title, string? meta)
    {
        var html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n");
        if (meta is not null)
        {
            html.Append(meta).Append('\n');
        }
        return html.Append($"<title>{E(title)}</title>\n");
    }

    /// <summary>The report's own text: headings, paragraphs, case studies, lists and columns.</summary>
    private static void AppendBody(StringBuilder html, ReportSource source)
    {
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
                case PageBreakElement:
                    html.Append("<div class=\"pagebreak\"></div>\n");
                    break;
                case ColumnsEndElement when inColumns:
                    html.Append("</div>\n");
                    inColumns = false;
                    break;
            }
        }
        CloseLists(html, openLists, 0);
        if (inColumns)
        {
            html.Append("</div>\n");
        }
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
