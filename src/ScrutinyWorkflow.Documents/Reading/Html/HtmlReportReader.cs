using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using ScrutinyWorkflow.Core.Reports;

namespace ScrutinyWorkflow.Documents.Reading.Html;

/// <summary>
/// Reads a report's web page: h1–h6 are headings, li are list items nested as their lists are, and other blocks are
/// paragraphs. Pages written by hand mark headings in other ways, and these are headings too, ranked below the last
/// real heading: an element with role="heading" (at its aria-level), a details element's summary, a paragraph set
/// wholly in bold, and the label cell that starts a table row whose other cells hold the text. Scripts, styles,
/// navigation and the site's own header and footer are not the report and are skipped; where the page marks its
/// main content, only that is read. A page nested deeper than any report is refused before parsing, and the page is
/// walked without recursion.
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

        // A page that marks its main content says that everything around it (site chrome, a feedback prompt such as
        // "Is this page useful?", related links) is not the report.
        var root = (INode?)MainContent(document) ?? document.Body ?? document.DocumentElement;
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
            if (Skipped.Contains(name) || element.HasAttribute("hidden") || IsSiteChrome(element) || IsLinkInAside(element))
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

    /// <summary>The one element the page marks as its main content, if it marks exactly one.</summary>
    private static IElement? MainContent(IDocument document)
    {
        var mains = document.QuerySelectorAll("main, [role=main]").Where(element => !element.HasAttribute("hidden")).ToList();
        var outermost = mains.Where(element => !mains.Any(other => other != element && other.Contains(element))).ToList();
        return outermost.Count == 1 ? outermost[0] : null;
    }

    /// <summary>A page's own header, footer and landmarks, outside the report's main content or article.</summary>
    private static bool IsSiteChrome(IElement element)
    {
        var role = element.GetAttribute("role");
        if (role is "navigation" or "search")
        {
            return true;
        }
        return (element.LocalName is "header" or "footer" || role is "banner" or "contentinfo")
            && element.Closest("main") is null
            && element.Closest("[role=main]") is null
            && element.Closest("article") is null;
    }

    /// <summary>
    /// A list item or paragraph in an aside that is nothing but a link ("What is council tax reduction?"): a pointer
    /// to another page, not the report's text, whatever its words ask. An aside's own prose (a case study) is kept.
    /// </summary>
    private static bool IsLinkInAside(IElement element)
    {
        if (element.LocalName is not ("li" or "p") || element.Closest("aside, [role=complementary]") is null)
        {
            return false;
        }
        var text = ReportText.Clean(element.TextContent);
        var linked = ReportText.Clean(string.Concat(element.QuerySelectorAll("a").Select(link => link.TextContent)));
        return text.Length > 0 && text == linked;
    }

    /// <summary>Collects text into the block that owns it.</summary>
    private sealed class BlockBuilder
    {
        private readonly StringBuilder text = new();
        private readonly Stack<Owner> owners = new();
        private int listDepth = -1;

        // How much of the text waiting to be flushed is set in bold, and how many bold elements are open.
        private int letters;
        private int boldLetters;
        private int boldDepth;

        // The rank of the last h1–h6 (or role="heading"): headings marked other ways rank below it.
        private int lastHeadingLevel;

        public List<ReportBlock> Blocks { get; } = [];

        /// <summary>
        /// The element text belongs to: a heading, a list item or a paragraph-like block. <see cref="Label"/> marks a
        /// table row's first cell, a heading when it is short and asks nothing.
        /// </summary>
        private sealed record Owner(string Name, BlockKind Kind, int Level, bool IsBlock, bool Label = false);

        public void Append(string value)
        {
            text.Append(value);
            var count = value.Count(char.IsLetterOrDigit);
            letters += count;
            boldLetters += boldDepth > 0 ? count : 0;
        }

        public void Enter(IElement element, bool isBlock)
        {
            var name = element.LocalName;
            var insideItem = owners.Count > 0 && owners.Peek().Kind == BlockKind.ListItem;
            if (name is "b" or "strong")
            {
                boldDepth++;
            }
            if (AriaHeadingLevel(element) is { } ariaLevel)
            {
                Flush();
                owners.Push(new Owner(name, BlockKind.Heading, ariaLevel, true));
                return;
            }

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
                "summary" => new Owner(name, BlockKind.Heading, Math.Min(ReportBlock.LowestHeadingLevel, lastHeadingLevel + DetailsDepth(element)), true),
                "li" => new Owner(name, BlockKind.ListItem, Math.Max(0, listDepth), true),
                "td" or "th" => new Owner(name, BlockKind.Paragraph, 0, true, Label: IsRowLabel(element)),
                _ => new Owner(name, BlockKind.Paragraph, 0, true),
            };
            owners.Push(owner);
        }

        /// <summary>The level role="heading" gives an element (aria-level, 2 when it has none), or null.</summary>
        private static int? AriaHeadingLevel(IElement element)
        {
            if (!string.Equals(element.GetAttribute("role"), "heading", StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }
            return int.TryParse(element.GetAttribute("aria-level"), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var level)
                ? Math.Clamp(level, 1, ReportBlock.LowestHeadingLevel)
                : 2;
        }

        /// <summary>How many details elements hold this summary: a nested accordion's title ranks below its parent's.</summary>
        private static int DetailsDepth(IElement summary)
        {
            var depth = 0;
            for (var ancestor = summary.ParentElement; ancestor is not null; ancestor = ancestor.ParentElement)
            {
                depth += ancestor.LocalName == "details" ? 1 : 0;
            }
            return Math.Max(1, depth);
        }

        /// <summary>The first cell of a table row that has other cells: where a table of questions names their area.</summary>
        private static bool IsRowLabel(IElement cell) =>
            cell.ParentElement is { LocalName: "tr" } row
            && row.Children.Count(child => child.LocalName is "td" or "th") >= 2
            && row.Children.First(child => child.LocalName is "td" or "th") == cell
            && row.Closest("thead") is null;

        /// <summary>A label names something: it has words, and it does not ask (a cell that asks is a question).</summary>
        private static bool IsLabelText(string value) => value.Any(char.IsLetter) && !value.Contains('?', StringComparison.Ordinal);

        public void Leave(string name)
        {
            if (name is "b" or "strong")
            {
                boldDepth = Math.Max(0, boldDepth - 1);
            }
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
            var allBold = letters > 0 && boldLetters * 10 >= letters * 9;
            text.Clear();
            letters = boldLetters = 0;
            if (value.Length == 0)
            {
                return;
            }
            var kind = owner?.Kind ?? BlockKind.Paragraph;
            var level = kind == BlockKind.Paragraph ? 0 : owner!.Level;
            if (kind == BlockKind.Paragraph && HeadingText.IsShortEnough(value) && (allBold || (owner?.Label == true && IsLabelText(value))))
            {
                // A paragraph wholly in bold, or a row's label cell, is a heading written by hand.
                kind = BlockKind.Heading;
                level = Math.Min(ReportBlock.LowestHeadingLevel, lastHeadingLevel + 1);
            }
            else if (kind == BlockKind.Heading && owner!.Name != "summary")
            {
                lastHeadingLevel = level;
            }
            Blocks.Add(new ReportBlock(kind, value, Page: null, level));
        }
    }
}
