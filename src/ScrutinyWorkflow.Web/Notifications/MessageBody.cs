using System.Net;
using System.Text;

namespace ScrutinyWorkflow.Web.Notifications;

/// <summary>
/// One message written once and rendered as both plain text and HTML, every value encoded. (The pages issue moves
/// the HTML to Razor components; until then this is the only place mail HTML is made.)
/// </summary>
internal sealed class MessageBody
{
    private readonly List<(string Kind, IReadOnlyList<string> Text, Uri? Url)> parts = [];

    public MessageBody Line(string text) => Add("p", [text], null);

    /// <summary>A list of items, one bullet each: the questions a message is about.</summary>
    public MessageBody Items(IEnumerable<string> items) => Add("list", [.. items], null);

    public MessageBody Link(string label, Uri url) => Add("link", [label], url);

    public string Text() => string.Join("\r\n\r\n", parts.Select(p => p.Kind switch
    {
        "list" => string.Join("\r\n", p.Text.Select(item => "  * " + item.ReplaceLineEndings("\r\n    "))),
        "link" => $"{p.Text[0]}: {p.Url}",
        _ => p.Text[0],
    })) + "\r\n";

    public string Html(string title)
    {
        var html = new StringBuilder("<!DOCTYPE html><html lang=\"en-GB\"><head><meta charset=\"utf-8\"><title>")
            .Append(Encode(title)).Append("</title></head><body style=\"font-family:Arial,sans-serif;font-size:16px;line-height:1.5;color:#0b0c0c\">");
        foreach (var (kind, text, url) in parts)
        {
            html.Append(kind switch
            {
                "list" => "<ul>" + string.Concat(text.Select(item => $"<li style=\"margin-bottom:.5em\">{Encode(item).ReplaceLineEndings("<br>")}</li>")) + "</ul>",
                "link" => $"<p><a href=\"{Encode(url!.AbsoluteUri)}\" style=\"color:#1d70b8\">{Encode(text[0])}</a></p>",
                _ => $"<p>{Encode(text[0])}</p>",
            });
        }
        return html.Append("</body></html>").ToString();
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    private MessageBody Add(string kind, IReadOnlyList<string> text, Uri? url)
    {
        parts.Add((kind, text, url));
        return this;
    }
}
