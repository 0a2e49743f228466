using ScrutinyWorkflow.Core.Statements;
using ScrutinyWorkflow.Documents.Statements;
using ScrutinyWorkflow.Testing;

namespace ScrutinyWorkflow.Documents.Tests.Statements;

public sealed class AnswerMarkdownTests
{
    private static readonly RichText Answer = AnswerMarkdown.Parse(SampleStatements.RichAnswer);

    [Fact]
    public void Bold_and_italic_words_keep_their_emphasis()
    {
        var runs = Assert.IsType<Paragraph>(Answer.Blocks[0]).Inlines.OfType<TextRun>().ToList();

        Assert.Contains(new TextRun("three", Bold: true), runs);
        Assert.Contains(new TextRun("fewer than five nights", Italic: true), runs);
    }

    [Fact]
    public void Bullet_lists_nest_and_numbered_lists_keep_their_start()
    {
        var lists = Answer.Blocks.OfType<ListBlock>().ToList();

        Assert.Equal([false, true], lists.Select(l => l.Numbered));
        Assert.Equal(2, lists[0].Items.Count);
        var nested = Assert.IsType<ListBlock>(lists[0].Items[1][1]);
        Assert.Equal("and again every week", Assert.IsType<Paragraph>(Assert.Single(nested.Items)[0]).Inlines.OfType<TextRun>().Single().Text);
        Assert.Equal(7, Assert.IsType<ListBlock>(AnswerMarkdown.Parse("7. seventh\n8. eighth").Blocks.Single()).Start);
    }

    [Fact]
    public void A_pipe_table_becomes_a_table_with_its_header_row()
    {
        var table = Assert.Single(Answer.Blocks.OfType<TableBlock>());

        Assert.True(table.HasHeader);
        Assert.Equal(["Quarter | Placements", "Q1 | 4", "Q2 | 2"], new RichText([table]).PlainText.Split('\n'));
    }

    [Fact]
    public void Only_web_and_mail_addresses_become_links()
    {
        var links = Answer.Blocks.OfType<Paragraph>().SelectMany(p => p.Inlines).OfType<Link>().ToList();

        Assert.Equal([new Uri("https://www.council.example/sufficiency")], links.Select(l => l.Target));
        Assert.Contains("A tricky link and a tag left behind.", Answer.PlainText, StringComparison.Ordinal);
        Assert.Equal(new Uri("mailto:data@council.example"), AnswerMarkdown.Parse("<data@council.example>").Blocks.OfType<Paragraph>().Single().Inlines.OfType<Link>().Single().Target);
    }

    [Fact]
    public void Raw_html_is_dropped_with_any_script_in_it()
    {
        Assert.DoesNotContain("script", Answer.PlainText, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("alert", Answer.PlainText, StringComparison.Ordinal);
        Assert.DoesNotContain("onclick", Answer.PlainText, StringComparison.Ordinal);
    }

    [Fact]
    public void Single_line_breaks_an_officer_typed_are_kept()
    {
        var paragraph = Assert.IsType<Paragraph>(AnswerMarkdown.Parse("First line\nSecond line").Blocks.Single());

        Assert.Equal([typeof(TextRun), typeof(LineBreak), typeof(TextRun)], paragraph.Inlines.Select(i => i.GetType()));
    }
}
