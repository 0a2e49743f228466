using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using ScrutinyWorkflow.Core.Reports;
using WordParagraph = DocumentFormat.OpenXml.Wordprocessing.Paragraph;
using WordText = DocumentFormat.OpenXml.Wordprocessing.Text;

namespace ScrutinyWorkflow.Documents.Reading.Docx;

/// <summary>
/// Reads a Word document's body: paragraph styles give headings (Title, Subtitle, Heading 1..6, or an outline
/// level), numbering gives list items and their depth, and paragraphs that are larger or wholly bold without a
/// heading style are taken as headings too, as authors often format headings by hand.
/// </summary>
internal static partial class DocxReportReader
{
    /// <summary>Larger than the body text by this factor makes a heading.</summary>
    private const double HeadingScale = 1.15;

    public static ReadResult Read(byte[] content, IngestionLimits limits, CancellationToken cancellationToken)
    {
        List<Paragraph> paragraphs;
        try
        {
            if (ZipGuard.Check(content, limits.MaxExpandedBytes, cancellationToken) is { } rejection)
            {
                return new ReadRejected(rejection);
            }
            paragraphs = Parse(content, limits, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The zip and Open XML libraries throw many kinds of exception for damaged packages; all mean the same
            // to the person uploading. Only the parsing is guarded, so faults in the layout rules still show.
            return new ReadRejected(Rejections.Corrupt("a Word document"));
        }
        return new BlocksRead(ToBlocks(paragraphs));
    }

    /// <summary>One paragraph of the body as read, before deciding what kind of block it is.</summary>
    /// <param name="OutlineNumbered">
    /// Its numbering is an outline, printing more than one level's number ("5.1") as sections are numbered, rather
    /// than a list's.
    /// </param>
    /// <param name="RowLabel">It sits in the first cell of a table row that has other cells: where a table names an area.</param>
    internal sealed record Paragraph(string Text, int? Page, int? StyleHeadingLevel, int? ListDepth, bool Bold, double Size, bool OutlineNumbered = false, bool RowLabel = false);

    private static List<Paragraph> Parse(byte[] content, IngestionLimits limits, CancellationToken cancellationToken)
    {
        using var stream = new MemoryStream(content, writable: false);
        using var document = WordprocessingDocument.Open(stream, isEditable: false, new OpenSettings { MaxCharactersInPart = limits.MaxExpandedBytes });
        var main = document.MainDocumentPart;
        var body = main?.Document?.Body;
        if (main is null || body is null)
        {
            return [];
        }

        var styles = new StyleSheet(main.StyleDefinitionsPart?.Styles);
        var hasRenderedPages = body.Descendants<LastRenderedPageBreak>().Any();
        var reader = new BodyReader(styles, new OutlineNumbering(main.NumberingDefinitionsPart?.Numbering), hasRenderedPages);
        foreach (var paragraph in body.Descendants<WordParagraph>())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (paragraph.Ancestors<AlternateContentFallback>().Any())
            {
                // Office writes text boxes twice, once for new readers and once as a fallback; read them once.
                continue;
            }
            reader.Read(paragraph);
        }
        return reader.Paragraphs;
    }

    private static List<ReportBlock> ToBlocks(List<Paragraph> paragraphs)
    {
        var withText = paragraphs.Select(paragraph => paragraph with { Text = ReportText.Clean(paragraph.Text) })
            .Where(paragraph => paragraph.Text.Length > 0)
            .ToList();
        if (withText.Count == 0)
        {
            return [];
        }

        var bodySize = withText.GroupBy(paragraph => paragraph.Size).MaxBy(group => group.Sum(paragraph => paragraph.Text.Length))!.Key;
        var styledLevels = withText.Where(paragraph => paragraph.StyleHeadingLevel is not null).Select(paragraph => paragraph.StyleHeadingLevel!.Value).ToList();
        var deepestStyled = styledLevels.Count > 0 ? styledLevels.Max() : 0;

        // Headings made by hand rank below the styled ones, larger before smaller, bold before plain.
        var handmadeStyles = withText.Where(paragraph => IsHandmadeHeading(paragraph, bodySize))
            .Select(paragraph => (paragraph.Size, paragraph.Bold))
            .Distinct()
            .OrderByDescending(style => style.Size)
            .ThenByDescending(style => style.Bold)
            .ToList();

        var blocks = new List<ReportBlock>(withText.Count);
        foreach (var paragraph in withText)
        {
            if (paragraph.StyleHeadingLevel is { } level)
            {
                blocks.Add(ReportBlock.Heading(paragraph.Text, level, paragraph.Page));
            }
            else if (paragraph.ListDepth is { } outlineLevel && paragraph.OutlineNumbered && LooksLikeHeading(paragraph, bodySize))
            {
                // "5.1 Council tax reduction" numbered by Word's outline numbering without a heading style: a section's
                // heading, ranked by its numbering level below the styled headings.
                blocks.Add(ReportBlock.Heading(paragraph.Text, deepestStyled + outlineLevel + 1, paragraph.Page));
            }
            else if (paragraph.ListDepth is { } depth)
            {
                blocks.Add(ReportBlock.ListItem(paragraph.Text, depth, paragraph.Page));
            }
            else if (paragraph.RowLabel && HeadingText.IsShortEnough(paragraph.Text) && paragraph.Text.Any(char.IsLetter) && !paragraph.Text.Contains('?', StringComparison.Ordinal))
            {
                // A table of questions read row by row: the label cell names the area the row's other cells ask about.
                blocks.Add(ReportBlock.Heading(paragraph.Text, deepestStyled + 1, paragraph.Page));
            }
            else if (ListMarkers.TryStrip(paragraph.Text, out var itemText))
            {
                // Bullets typed as text rather than made with Word's numbering.
                blocks.Add(ReportBlock.ListItem(itemText, 0, paragraph.Page));
            }
            else if (IsHandmadeHeading(paragraph, bodySize))
            {
                var rank = handmadeStyles.IndexOf((paragraph.Size, paragraph.Bold)) + 1;
                blocks.Add(ReportBlock.Heading(paragraph.Text, deepestStyled + rank, paragraph.Page));
            }
            else
            {
                blocks.Add(ReportBlock.Paragraph(paragraph.Text, paragraph.Page));
            }
        }
        return blocks;
    }

    private static bool IsHandmadeHeading(Paragraph paragraph, double bodySize)
    {
        if (paragraph.StyleHeadingLevel is not null || paragraph.ListDepth is not null)
        {
            return false;
        }
        return LooksLikeHeading(paragraph, bodySize);
    }

    private static bool LooksLikeHeading(Paragraph paragraph, double bodySize) =>
        HeadingText.IsShortEnough(paragraph.Text) && (paragraph.Size >= bodySize * HeadingScale || paragraph.Bold);

    /// <summary>Reads paragraphs' text, formatting, numbering and page in document order.</summary>
    private sealed class BodyReader(StyleSheet styles, OutlineNumbering numbering, bool hasRenderedPages)
    {
        private int renderedPageBreaks;

        public List<Paragraph> Paragraphs { get; } = [];

        public void Read(WordParagraph paragraph)
        {
            var properties = paragraph.ParagraphProperties;
            var style = styles.Get(properties?.ParagraphStyleId?.Val?.Value);
            var text = new StringBuilder();
            var counts = new RunCounts();
            int? page = null;
            Collect(paragraph, style, text, counts, ref page);

            var outline = properties?.OutlineLevel?.Val?.Value;
            var headingLevel = HeadingLevelOfOutline(outline) ?? style.HeadingLevel;
            var listDepth = ListDepthOf(properties?.NumberingProperties, style.ListDepth);

            Paragraphs.Add(new Paragraph(
                text.ToString(),
                hasRenderedPages ? page ?? renderedPageBreaks + 1 : null,
                headingLevel,
                listDepth,
                counts.Letters > 0 && counts.BoldLetters * 10 >= counts.Letters * 9,
                counts.MostUsedSize(style.Size),
                listDepth is not null && numbering.IsOutline(properties?.NumberingProperties?.NumberingId?.Val?.Value ?? style.NumberId),
                IsRowLabel(paragraph)));
        }

        private static bool IsRowLabel(WordParagraph paragraph)
        {
            if (paragraph.Parent is not TableCell cell || cell.Parent is not TableRow row || row.TableRowProperties?.GetFirstChild<TableHeader>() is not null)
            {
                return false;
            }
            var cells = row.Elements<TableCell>().ToList();
            return cells.Count >= 2 && cells[0] == cell && cell.Elements<WordParagraph>().Count(p => p.InnerText.Trim().Length > 0) == 1;
        }

        private void Collect(OpenXmlElement element, StyleInfo style, StringBuilder text, RunCounts counts, ref int? page)
        {
            foreach (var child in element.ChildElements)
            {
                switch (child)
                {
                    case WordParagraph:
                    case AlternateContentFallback:
                    case DeletedRun:
                    case Deleted:
                    case FieldCode:
                    case ParagraphProperties:
                        // Nested paragraphs (text boxes) are read on their own; deleted text and field codes are not text.
                        break;
                    case LastRenderedPageBreak:
                        renderedPageBreaks++;
                        break;
                    case Run run:
                        CollectRun(run, style, text, counts, ref page);
                        break;
                    default:
                        Collect(child, style, text, counts, ref page);
                        break;
                }
            }
        }

        private void CollectRun(Run run, StyleInfo style, StringBuilder text, RunCounts counts, ref int? page)
        {
            var properties = run.RunProperties;
            if (properties?.Vanish is { } vanish && IsOn(vanish.Val))
            {
                return;
            }
            var bold = properties?.Bold is { } b ? IsOn(b.Val) : style.Bold;
            var size = PointsOf(properties?.FontSize) ?? style.Size;
            foreach (var child in run.ChildElements)
            {
                switch (child)
                {
                    case LastRenderedPageBreak:
                        renderedPageBreaks++;
                        break;
                    case WordText piece:
                        page ??= renderedPageBreaks + 1;
                        text.Append(piece.Text);
                        counts.Add(piece.Text.Length, bold, size);
                        break;
                    case TabChar or Break or CarriageReturn:
                        text.Append(' ');
                        break;
                    case NoBreakHyphen:
                        text.Append('-');
                        break;
                    case SoftHyphen:
                        text.Append('\u00AD');
                        break;
                }
            }
        }
    }

    /// <summary>How many letters were set in which weight and size.</summary>
    private sealed class RunCounts
    {
        private readonly Dictionary<double, int> sizes = [];

        public int Letters { get; private set; }

        public int BoldLetters { get; private set; }

        public void Add(int letters, bool bold, double size)
        {
            Letters += letters;
            BoldLetters += bold ? letters : 0;
            sizes[size] = sizes.GetValueOrDefault(size) + letters;
        }

        public double MostUsedSize(double fallback) => sizes.Count == 0 ? fallback : sizes.MaxBy(pair => pair.Value).Key;
    }

    internal static bool IsOn(OnOffValue? value) => value is null || value.Value;

    /// <summary>A font size in points; Word stores it in half-points, as text that may not be a number.</summary>
    private static double? PointsOf(FontSize? size) =>
        size?.Val?.Value is { } half && double.TryParse(half, CultureInfo.InvariantCulture, out var halfPoints) ? halfPoints / 2 : null;

    /// <summary>Word's outline levels 0 to 8 are headings 1 to 9; 9 (or anything else) is body text.</summary>
    private static int? HeadingLevelOfOutline(int? outline) => outline is >= 0 and <= 8 ? outline + 1 : null;

    /// <summary>
    /// The list level numbering gives a paragraph: none when it is numbered "0" (numbering switched off), the
    /// inherited one when it has no numbering of its own. The level is kept to Word's 0 to 8, as a hostile
    /// <c>w:ilvl</c> can claim two billion.
    /// </summary>
    private static int? ListDepthOf(NumberingProperties? numbering, int? inherited) =>
        numbering?.NumberingId?.Val?.Value is { } numberId
            ? numberId == 0 ? null : Math.Clamp(numbering.NumberingLevelReference?.Val?.Value ?? 0, 0, ReportBlock.DeepestListLevel)
            : inherited;

    /// <summary>What a paragraph style (with the styles it is based on) says about its paragraphs.</summary>
    private sealed record StyleInfo(int? HeadingLevel, int? ListDepth, bool Bold, double Size, int? NumberId = null);

    /// <summary>
    /// Which of the document's numberings are outlines: some level prints its parents' numbers too ("%1.%2" makes
    /// "5.1"), as sections are numbered. Every level of such a numbering numbers sections, the top one ("5") included.
    /// </summary>
    private sealed class OutlineNumbering
    {
        private readonly Dictionary<int, int> abstractOf = [];
        private readonly HashSet<int> outlines = [];

        public OutlineNumbering(Numbering? numbering)
        {
            foreach (var abstractNumber in numbering?.Elements<AbstractNum>() ?? [])
            {
                if (abstractNumber.AbstractNumberId?.Value is not { } abstractId)
                {
                    continue;
                }
                foreach (var level in abstractNumber.Elements<Level>())
                {
                    if (level.LevelText?.Val?.Value is { } text && text.Count(character => character == '%') >= 2)
                    {
                        outlines.Add(abstractId);
                    }
                }
            }
            foreach (var instance in numbering?.Elements<NumberingInstance>() ?? [])
            {
                if (instance.NumberID?.Value is { } id && instance.AbstractNumId?.Val?.Value is { } abstractId)
                {
                    abstractOf[id] = abstractId;
                }
            }
        }

        public bool IsOutline(int? numberId) => numberId is { } id && abstractOf.TryGetValue(id, out var abstractId) && outlines.Contains(abstractId);
    }

    private sealed partial class StyleSheet
    {
        private const double DefaultSize = 11;
        private readonly Dictionary<string, Style> byId = new(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, StyleInfo> resolved = new(StringComparer.OrdinalIgnoreCase);
        private readonly StyleInfo defaults;
        private readonly string? defaultParagraphStyle;

        public StyleSheet(Styles? styles)
        {
            var size = PointsOf(styles?.DocDefaults?.RunPropertiesDefault?.RunPropertiesBaseStyle?.FontSize) ?? DefaultSize;
            defaults = new StyleInfo(null, null, false, size);
            foreach (var style in styles?.Elements<Style>() ?? [])
            {
                if (style.StyleId?.Value is { } id && (style.Type is null || style.Type.Value == StyleValues.Paragraph))
                {
                    byId[id] = style;
                    if (style.Default?.Value == true)
                    {
                        defaultParagraphStyle = id;
                    }
                }
            }
        }

        public StyleInfo Get(string? id) => Resolve(id ?? defaultParagraphStyle, depth: 0);

        private StyleInfo Resolve(string? id, int depth)
        {
            if (id is null || depth > 20)
            {
                return defaults;
            }
            if (!byId.TryGetValue(id, out var style))
            {
                // A document may name Word's built-in styles without defining them; their ids still say what they are.
                return defaults with { HeadingLevel = HeadingLevelOf(id, id) };
            }
            if (resolved.TryGetValue(id, out var known))
            {
                return known;
            }

            var basedOn = Resolve(style.BasedOn?.Val?.Value, depth + 1);
            var name = style.StyleName?.Val?.Value ?? id;
            var paragraphProperties = style.StyleParagraphProperties;
            var runProperties = style.StyleRunProperties;

            var level = HeadingLevelOf(id, name);
            level ??= HeadingLevelOfOutline(paragraphProperties?.OutlineLevel?.Val?.Value);
            var isContents = name.StartsWith("toc", StringComparison.OrdinalIgnoreCase);
            var listDepth = ListDepthOf(paragraphProperties?.NumberingProperties, basedOn.ListDepth);
            var bold = runProperties?.Bold is { } b ? IsOn(b.Val) : basedOn.Bold;
            var size = PointsOf(runProperties?.FontSize) ?? basedOn.Size;

            var numberId = paragraphProperties?.NumberingProperties?.NumberingId?.Val?.Value ?? basedOn.NumberId;
            var info = new StyleInfo(isContents ? null : level ?? basedOn.HeadingLevel, listDepth, bold, size, numberId);
            resolved[id] = info;
            return info;
        }

        private static int? HeadingLevelOf(string id, string name)
        {
            if (id.Equals("Title", StringComparison.OrdinalIgnoreCase) || name.Equals("Title", StringComparison.OrdinalIgnoreCase))
            {
                return 1;
            }
            if (id.Equals("Subtitle", StringComparison.OrdinalIgnoreCase) || name.Equals("Subtitle", StringComparison.OrdinalIgnoreCase))
            {
                return 2;
            }
            var match = HeadingName().Match(name);
            if (!match.Success)
            {
                match = HeadingName().Match(id);
            }
            return match.Success ? int.Parse(match.Groups["level"].Value, CultureInfo.InvariantCulture) : null;
        }

        [GeneratedRegex(@"^heading\s*(?<level>[1-9])$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
        private static partial Regex HeadingName();
    }
}
