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

    /// <summary>
    /// Elements a parser closes when another of their kind starts while one is open: a page of "&lt;a name=x/&gt;"
    /// anchors (common in pages saved from Word) is not nested.
    /// </summary>
    private static readonly HashSet<string> ClosedByTheirKind = new(StringComparer.Ordinal) { "a", "button", "nobr" };

    /// <summary>Elements whose content is foreign (SVG, MathML), where "/&gt;" does close an element.</summary>
    private static readonly HashSet<string> Foreign = new(StringComparer.OrdinalIgnoreCase) { "svg", "math" };

    /// <summary>
    /// Whether the page opens elements more than <paramref name="limit"/> deep. The open elements are tracked as a
    /// parser tracks them, so markup a parser ignores cannot hide depth: "&lt;div/&gt;" opens a div (HTML ignores
    /// "/&gt;" except on void elements and in SVG and MathML), and an end tag closes only an element that is open.
    /// </summary>
    public static bool IsDeeperThan(string html, int limit)
    {
        var open = new Stack<string>();
        var openByName = new Dictionary<string, int>(StringComparer.Ordinal);
        var foreign = 0;
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
            var name = html[nameStart..nameEnd].ToLowerInvariant();
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
                foreign -= CloseUpTo(name, open, openByName);
                continue;
            }
            if (RawText.Contains(name) && foreign == 0)
            {
                var close = html.IndexOf("</" + name, i, StringComparison.OrdinalIgnoreCase);
                i = close < 0 ? html.Length : close;
                continue;
            }
            if (selfClosed && (foreign > 0 || Foreign.Contains(name)))
            {
                continue;
            }
            if (ClosedByTheirKind.Contains(name))
            {
                foreign -= CloseUpTo(name, open, openByName);
            }
            if (open.Count >= limit)
            {
                return true;
            }
            open.Push(name);
            openByName[name] = openByName.GetValueOrDefault(name) + 1;
            foreign += Foreign.Contains(name) ? 1 : 0;
        }
        return false;
    }

    /// <summary>
    /// Closes the innermost open element named <paramref name="name"/> and everything opened inside it, as a parser
    /// does; a stray end tag closes nothing. Returns how many foreign (SVG, MathML) roots were closed.
    /// </summary>
    private static int CloseUpTo(string name, Stack<string> open, Dictionary<string, int> openByName)
    {
        if (openByName.GetValueOrDefault(name) == 0)
        {
            return 0;
        }
        var foreignClosed = 0;
        string closed;
        do
        {
            closed = open.Pop();
            openByName[closed]--;
            foreignClosed += Foreign.Contains(closed) ? 1 : 0;
        }
        while (closed != name);
        return foreignClosed;
    }

    private static int SkipPast(string html, int from, string end)
    {
        var at = html.IndexOf(end, from + 2, StringComparison.Ordinal);
        return at < 0 ? html.Length : at + end.Length;
    }
}
