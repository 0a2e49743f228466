using System.Net;

namespace ScrutinyWorkflow.Web.Hosting;

/// <summary>
/// The shell every server-rendered page shares: language, viewport, title and a main landmark, so the
/// accessibility basics live in one place. Values go in through <see cref="Encode"/>, never raw.
/// </summary>
public static class HtmlPage
{
    public static string Render(string title, string style, string body) =>
        "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n" +
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n" +
        $"<title>{Encode(title)}</title>\n<style>{style}</style>\n</head>\n<body>\n<main id=\"main-content\">\n{body}</main>\n</body>\n</html>\n";

    public static string Encode(string text) => WebUtility.HtmlEncode(text);
}
