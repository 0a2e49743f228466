using System.Text;
using ScrutinyWorkflow.Core.Reports;

namespace ScrutinyWorkflow.Documents.Reading.Text;

/// <summary>
/// Builds blocks from lines of text: a paragraph or list item runs on over wrapped lines until a blank line or a new
/// block starts; list depth comes from how far each item's marker is indented compared with the items above it.
/// </summary>
internal sealed class TextBlocks
{
    private readonly StringBuilder text = new();
    private readonly List<int> itemIndents = [];
    private BlockKind kind = BlockKind.Paragraph;
    private int level;
    private int lines;

    public List<ReportBlock> Blocks { get; } = [];

    /// <summary>Whether a block is open and how many lines it has so far.</summary>
    public int OpenLines => lines;

    public BlockKind OpenKind => kind;

    public void Heading(string value, int headingLevel)
    {
        Flush();
        itemIndents.Clear();
        Add(BlockKind.Heading, value, headingLevel);
    }

    public void StartItem(string value, int indent)
    {
        Flush();
        while (itemIndents.Count > 0 && indent < itemIndents[^1] - 1)
        {
            itemIndents.RemoveAt(itemIndents.Count - 1);
        }
        if (itemIndents.Count == 0 || indent > itemIndents[^1] + 1)
        {
            itemIndents.Add(indent);
        }
        Start(BlockKind.ListItem, value, itemIndents.Count - 1);
    }

    /// <summary>A list item at the depth the format states (nested Markdown lists), not one inferred from its indent.</summary>
    public void Item(string value, int level)
    {
        Flush();
        Start(BlockKind.ListItem, value, level);
    }

    /// <summary>A line of running text: continues the open block, or starts a paragraph.</summary>
    public void Line(string value, bool indented)
    {
        if (lines > 0)
        {
            Hyphenation.Join(text, value);
            lines++;
            return;
        }
        if (!indented)
        {
            itemIndents.Clear();
        }
        Start(BlockKind.Paragraph, value, 0);
    }

    /// <summary>Turns the open paragraph into a heading (a line underlined with === or ---).</summary>
    public void OpenBecomesHeading(int headingLevel)
    {
        var value = text.ToString();
        text.Clear();
        lines = 0;
        Heading(value, headingLevel);
    }

    public void Flush()
    {
        if (lines == 0)
        {
            return;
        }
        Add(kind, text.ToString(), level);
        text.Clear();
        lines = 0;
    }

    private void Start(BlockKind blockKind, string value, int blockLevel)
    {
        kind = blockKind;
        level = blockLevel;
        text.Clear().Append(value);
        lines = 1;
    }

    private void Add(BlockKind blockKind, string value, int blockLevel)
    {
        var cleaned = ReportText.Clean(value);
        if (cleaned.Length > 0)
        {
            Blocks.Add(new ReportBlock(blockKind, cleaned, Page: null, blockKind == BlockKind.Paragraph ? 0 : blockLevel));
        }
    }
}
