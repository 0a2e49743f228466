namespace ScrutinyWorkflow.Documents.Reading.Html;

/// <summary>
/// Measures how deeply a page nests its elements, from the tags alone and before any parser builds a tree: HTML
/// parsers do work in proportion to the depth for every element, so a page nested a hundred thousand deep costs them
/// minutes. Browsers stop nesting at a few hundred levels; a report is far shallower.
/// </summary>
internal static class HtmlNesting
{
    /// <summary>Elements that never have content.</summary>
    private static readonly HashSet<string> VoidElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
    };

    /// <summary>
    /// Elements a parser closes by itself when the next one starts (an unclosed &lt;p&gt; or &lt;li&gt;): counting
    /// them would make an ordinary page of unclosed paragraphs look deep.
    /// </summary>
    private static readonly HashSet<string> SelfClosing = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead", "tbody", "tfoot", "colgroup", "rb", "rt", "rp",
    };

    /// <summary>Elements whose content is raw text, where a "&lt;" is not a tag.</summary>
    private static readonly HashSet<string> RawText = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "plaintext",
    };

    public static bool IsDeeperThan(string html, int limit)
    {
        var depth = 0;
        var i = 0;
        while ((i = html.IndexOf('<', i)) >= 0 && i + 1 < html.Length)
        {
            var next = html[i + 1];
            if (next == '!')
            {
                i = SkipPast(html, i, html.AsSpan(i).StartsWith("<!--") ? "-->" : ">");
                continue;
            }
            var closing = next == '/';
            var nameStart = closing ? i + 2 : i + 1;
            var nameEnd = nameStart;
            while (nameEnd < html.Length && (char.IsAsciiLetterOrDigit(html[nameEnd]) || html[nameEnd] == '-'))
            {
                nameEnd++;
            }
            if (nameEnd == nameStart || !char.IsAsciiLetter(html[nameStart]))
            {
                i++;
                continue;
            }
            var name = html[nameStart..nameEnd];
            var tagEnd = html.IndexOf('>', nameEnd);
            if (tagEnd < 0)
            {
                break;
            }
            var selfClosed = html[tagEnd - 1] == '/';
            i = tagEnd + 1;

            if (VoidElements.Contains(name) || SelfClosing.Contains(name))
            {
                continue;
            }
            if (closing)
            {
                depth = Math.Max(0, depth - 1);
                continue;
            }
            if (RawText.Contains(name))
            {
                var close = html.IndexOf("</" + name, i, StringComparison.OrdinalIgnoreCase);
                i = close < 0 ? html.Length : close;
                continue;
            }
            if (!selfClosed && ++depth > limit)
            {
                return true;
            }
        }
        return false;
    }

    private static int SkipPast(string html, int from, string end)
    {
        var at = html.IndexOf(end, from + 2, StringComparison.Ordinal);
        return at < 0 ? html.Length : at + end.Length;
    }
}
