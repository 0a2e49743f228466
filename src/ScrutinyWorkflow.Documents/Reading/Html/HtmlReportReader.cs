using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using ScrutinyWorkflow.Core.Reports;

namespace ScrutinyWorkflow.Documents.Reading.Html;

/// <summary>
/// Reads a report's web page: h1–h6 are headings, li are list items nested as their lists are, and other blocks are
/// paragraphs. Scripts, styles, navigation and the site's own header and footer are not the report and are skipped.
/// A page nested deeper than any report is refused before parsing, and the page is walked without recursion.
/// </summary>
internal static class HtmlReportReader
{
    /// <summary>Elements whose content is never report text.</summary>
    private static readonly HashSet<string> Skipped =
    [
        "head", "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed", "canvas",
        "nav", "button", "select", "textarea", "input", "form", "dialog",
    ];

    /// <summary>Elements that start a new block; everything else is inline and joins the text around it.</summary>
    private static readonly HashSet<string> BlockElements =
    [
        "address", "article", "aside", "blockquote", "body", "caption", "dd", "details", "div", "dl", "dt",
        "fieldset", "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr",
        "html", "li", "main", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead",
        "tr", "ul",
    ];

    /// <summary>Deeper than any report page, and still quick for the parser.</summary>
    private const int MaxNesting = 1000;

    public static ReadResult Read(byte[] content, CancellationToken cancellationToken)
    {
        if (HtmlNesting.IsDeeperThan(TextDecoding.Decode(content), MaxNesting))
        {
            return new ReadRejected(Rejections.TooDeep("web page", MaxNesting));
        }

        IDocument document;
        try
        {
            var parser = new HtmlParser(new HtmlParserOptions { IsScripting = false });
            document = parser.ParseDocument(new MemoryStream(content, writable: false));
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return new ReadRejected(Rejections.Corrupt("a web page"));
        }
        using (document)
        {
            return new BlocksRead(Blocks(document, cancellationToken));
        }
    }

    private static List<ReportBlock> Blocks(IDocument document, CancellationToken cancellationToken)
    {
        var builder = new BlockBuilder();
        var root = (INode?)document.Body ?? document.DocumentElement;
        if (root is null)
        {
            return [];
        }

        var stack = new Stack<(INode Node, bool Leaving)>();
        stack.Push((root, false));
        var visited = 0;
        while (stack.Count > 0)
        {
            // Checked from the first node on, so a page of any size notices a cancellation.
            if (visited++ % 4096 == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
            var (node, leaving) = stack.Pop();
            if (node is IText text)
            {
                builder.Append(text.Data);
                continue;
            }
            if (node is not IElement element)
            {
                continue;
            }

            var name = element.LocalName;
            if (leaving)
            {
                builder.Leave(name);
                continue;
            }
            if (Skipped.Contains(name) || element.HasAttribute("hidden") || IsSiteChrome(element))
            {
                continue;
            }
            if (name == "br")
            {
                builder.Append(" ");
                continue;
            }

            builder.Enter(element, BlockElements.Contains(name));
            stack.Push((node, true));
            for (var child = node.LastChild; child is not null; child = child.PreviousSibling)
            {
                stack.Push((child, false));
            }
        }
        builder.Flush();
        return builder.Blocks;
    }

    /// <summary>A page's own header and footer, outside the report's main content or article.</summary>
    private static bool IsSiteChrome(IElement element) =>
        element.LocalName is "header" or "footer"
        && element.Closest("main") is null
        && element.Closest("article") is null;

    /// <summary>Collects text into the block that owns it.</summary>
    private sealed class BlockBuilder
    {
        private readonly StringBuilder text = new();
        private readonly Stack<Owner> owners = new();
        private int listDepth = -1;

        public List<ReportBlock> Blocks { get; } = [];

        /// <summary>The element text belongs to: a heading, a list item or a paragraph-like block.</summary>
        private sealed record Owner(string Name, BlockKind Kind, int Level, bool IsBlock);

        public void Append(string value) => text.Append(value);

        public void Enter(IElement element, bool isBlock)
        {
            var name = element.LocalName;
            var insideItem = owners.Count > 0 && owners.Peek().Kind == BlockKind.ListItem;

            // Within a list item, paragraphs and divs are part of the item's text; only a nested list or heading
            // starts a new block there.
            if (!isBlock || (insideItem && name is not ("ul" or "ol" or "li" or "table") && !IsHeading(name)))
            {
                text.Append(' ');
                owners.Push(new Owner(name, Current.Kind, Current.Level, IsBlock: false));
                return;
            }

            Flush();
            if (name is "ul" or "ol")
            {
                listDepth++;
            }
            var owner = name switch
            {
                _ when IsHeading(name) => new Owner(name, BlockKind.Heading, name[1] - '0', true),
                "li" => new Owner(name, BlockKind.ListItem, Math.Max(0, listDepth), true),
                _ => new Owner(name, BlockKind.Paragraph, 0, true),
            };
            owners.Push(owner);
        }

        public void Leave(string name)
        {
            if (owners.Count == 0)
            {
                return;
            }
            var owner = owners.Pop();
            if (!owner.IsBlock)
            {
                text.Append(' ');
                return;
            }
            Flush(owner);
            if (name is "ul" or "ol")
            {
                listDepth--;
            }
        }

        private static bool IsHeading(string name) => name is "h1" or "h2" or "h3" or "h4" or "h5" or "h6";

        public void Flush() => Flush(owners.Count > 0 ? owners.Peek() : null);

        private Owner Current => owners.Count > 0 ? owners.Peek() : new Owner("body", BlockKind.Paragraph, 0, true);

        private void Flush(Owner? owner)
        {
            var value = ReportText.Clean(text.ToString());
            text.Clear();
            if (value.Length == 0)
            {
                return;
            }
            var kind = owner?.Kind ?? BlockKind.Paragraph;
            Blocks.Add(new ReportBlock(kind, value, Page: null, kind == BlockKind.Paragraph ? 0 : owner!.Level));
        }
    }
}
