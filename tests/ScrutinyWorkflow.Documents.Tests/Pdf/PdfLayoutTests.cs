using ScrutinyWorkflow.Core.Reports;
using ScrutinyWorkflow.Documents.Reading;
using ScrutinyWorkflow.Documents.Reading.Pdf;

namespace ScrutinyWorkflow.Documents.Tests.Pdf;

/// <summary>
/// The layout stages on pages described word by word: what a PDF's text looks like after PdfPig, without needing
/// a PDF for each case.
/// </summary>
public sealed class PdfLayoutTests
{
    private const double Body = 11;

    /// <summary>Words of one line, placed from <paramref name="x"/> at 5.5 points a character.</summary>
    private static IEnumerable<PdfWord> Line(string text, double x, double baseline, double size = Body, bool bold = false)
    {
        foreach (var word in text.Split(' '))
        {
            yield return new PdfWord(word, x, x + (word.Length * size * 0.5), baseline, size, bold);
            x += (word.Length * size * 0.5) + (size * 0.28);
        }
    }

    /// <summary>A list item: its marker, then a tab's width along, its text.</summary>
    private static IEnumerable<PdfWord> Item(string marker, double x, double baseline, string text) =>
        Line(marker, x, baseline).Concat(Line(text, x + 18, baseline));

    private static PdfPageWords Page(int number, params IEnumerable<PdfWord>[] lines) => new(number, 842, [.. lines.SelectMany(line => line)]);

    private static List<ReportBlock> Blocks(params PdfPageWords[] pages) => PdfReportReader.Blocks(pages);

    [Fact]
    public void Reads_a_two_column_stretch_down_the_left_column_then_down_the_right()
    {
        var page = Page(1,
            Line("Questions for scrutiny", 72, 760, 18, bold: true),
            Line("Housing", 72, 730, 14, bold: true), Line("Children", 320, 730, 14, bold: true),
            Line("• How are people", 90, 710), Line("• Who checks the", 338, 710),
            Line("housed quickly?", 108, 696), Line("assessment?", 356, 696),
            Line("• Where are they", 90, 682), Line("• When is a case", 338, 682),
            Line("placed?", 108, 668), Line("closed?", 356, 668));

        var blocks = Blocks(page);

        Assert.Equal(
            ["Questions for scrutiny", "Housing", "How are people housed quickly?", "Where are they placed?", "Children", "Who checks the assessment?", "When is a case closed?"],
            blocks.Select(block => block.Text));
    }

    [Fact]
    public void Does_not_split_a_line_across_the_page_where_a_word_space_happens_to_fall_mid_page()
    {
        var words = new List<PdfWord>();
        for (var row = 0; row < 6; row++)
        {
            // Every line has a space straddling x = 300, but only a word space wide.
            words.Add(new PdfWord("Councils", 72, 296, 700 - (row * 14), Body, false));
            words.Add(new PdfWord("should", 299, 520, 700 - (row * 14), Body, false));
        }

        var blocks = Blocks(new PdfPageWords(1, 842, words));

        Assert.Equal("Councils should Councils should Councils should Councils should Councils should Councils should", Assert.Single(blocks).Text);
    }

    [Fact]
    public void Removes_running_headers_footers_and_page_numbers_but_keeps_the_body()
    {
        string[] body = ["Councils must plan.", "Children must be heard.", "Moves must be planned.", "Care leavers need help."];
        var pages = Enumerable.Range(1, 4).Select(number => Page(number,
            Line("Settled and secure: children in care", 300, 810, 9),
            Line(body[number - 1], 72, 760),
            Line($"Page {number} of 4", 260, 30, 9))).ToArray();

        var blocks = Blocks(pages);

        Assert.Equal(body, blocks.Select(block => block.Text));
    }

    [Fact]
    public void Keeps_body_text_that_repeats_page_after_page_below_the_margin()
    {
        var pages = Enumerable.Range(1, 4).Select(number => Page(number,
            Line("Settled and secure", 300, 810, 9),
            Line($"Table {number}: complaints upheld.", 72, 600))).ToArray();

        Assert.Equal(["Table 1: complaints upheld.", "Table 2: complaints upheld.", "Table 3: complaints upheld.", "Table 4: complaints upheld."], Blocks(pages).Select(block => block.Text));
    }

    [Fact]
    public void Leaves_blank_pages_and_pages_of_running_text_only_without_failing()
    {
        var pages = new[]
        {
            Page(1, Line("Title", 300, 810, 9), Line("Some text here.", 72, 700), Line("1", 290, 30, 9)),
            Page(2, Line("Title", 300, 810, 9), Line("2", 290, 30, 9)),
            new PdfPageWords(3, 842, []),
        };

        Assert.Equal("Some text here.", Assert.Single(Blocks(pages)).Text);
    }

    [Fact]
    public void Keeps_a_line_at_the_top_of_a_page_that_is_not_repeated_on_others()
    {
        var pages = new[]
        {
            Page(1, Line("Introduction", 72, 790, 16, bold: true), Line("Text one.", 72, 760)),
            Page(2, Line("What we found", 72, 790, 16, bold: true), Line("Text two.", 72, 760)),
            Page(3, Line("Good practice", 72, 790, 16, bold: true), Line("Text three.", 72, 760)),
        };

        Assert.Equal(6, Blocks(pages).Count);
    }

    [Fact]
    public void Joins_a_list_item_that_runs_over_a_page_break_by_its_hanging_indent()
    {
        var pages = new[]
        {
            Page(1, Line("Running title", 400, 810, 9), Line("Care planning", 72, 760, 14, bold: true), Item("1.", 90, 740, "How does the council make sure that"), Line("every child has a plan", 108, 726), Line("Running footer 1", 72, 30, 9)),
            Page(2, Line("Running title", 400, 810, 9), Line("which sets out their future?", 108, 760), Item("2.", 90, 740, "What happens next?"), Line("Running footer 2", 72, 30, 9)),
        };

        var blocks = Blocks(pages);

        var item = blocks.First(block => block.Kind == BlockKind.ListItem);
        Assert.Equal("How does the council make sure that every child has a plan which sets out their future?", item.Text);
        Assert.Equal(1, item.Page);
        Assert.Equal(2, item.EndPage);
        Assert.Equal("What happens next?", blocks.Last().Text);
    }

    [Fact]
    public void Joins_a_paragraph_over_a_page_break_only_while_its_sentence_is_unfinished()
    {
        var pages = new[]
        {
            Page(1, Line("The council should keep", 72, 760), Line("records of every", 72, 746)),
            Page(2, Line("decision it makes.", 72, 760), Line("Another short note.", 72, 700)),
            Page(3, Line("A new paragraph starts here.", 72, 760)),
        };

        var blocks = Blocks(pages);

        Assert.Equal("The council should keep records of every decision it makes.", blocks[0].Text);
        Assert.Equal("A new paragraph starts here.", blocks[^1].Text);
    }

    [Theory]
    [InlineData("coun-", "cil is", "council is")]
    [InlineData("long-", "term plan", "long-term plan")]
    [InlineData("up-to-", "date plan", "up-to-date plan")]
    [InlineData("twenty-", "five years", "twenty-five years")]
    [InlineData("safe\u00AD", "guarding", "safeguarding")]
    [InlineData("the Children-", "Act", "the Children- Act")]
    public void Undoes_a_line_end_hyphen_unless_it_belongs_to_the_word(string end, string next, string expected)
    {
        var page = Page(1, Line($"The {end}", 72, 760), Line(next, 72, 746));

        Assert.Equal($"The {expected}", Assert.Single(Blocks(page)).Text);
    }

    [Fact]
    public void Expands_ligature_glyphs()
    {
        var page = Page(1, Line("The \uFB01nal of\uFB01cer \uFB02ow", 72, 760));

        Assert.Equal("The final officer flow", Assert.Single(Blocks(page)).Text);
    }

    [Theory]
    [InlineData("1.")]
    [InlineData("12)")]
    [InlineData("(a)")]
    [InlineData("iv.")]
    [InlineData("•")]
    [InlineData("\uF0B7")]
    [InlineData("–")]
    public void Reads_a_bullet_glyph_or_number_set_apart_from_its_text_as_a_list_item(string marker)
    {
        var words = new List<PdfWord> { new(marker, 90, 90 + (marker.Length * 5), 760, Body, false) };
        words.AddRange(Line("How does the council know?", 110, 760));

        var block = Assert.Single(Blocks(new PdfPageWords(1, 842, words)));

        Assert.Equal(BlockKind.ListItem, block.Kind);
        Assert.Equal("How does the council know?", block.Text);
    }

    [Fact]
    public void Reads_a_number_followed_by_an_ordinary_space_as_text()
    {
        var page = Page(1, Line("2. The council agreed.", 72, 760));

        var block = Assert.Single(Blocks(page));
        Assert.Equal(BlockKind.Paragraph, block.Kind);
        Assert.Equal("2. The council agreed.", block.Text);
    }

    [Fact]
    public void Nests_list_items_by_how_far_their_markers_are_indented()
    {
        var page = Page(1,
            Item("•", 90, 760, "Lead-in question:"),
            Item("–", 126, 746, "first point;"),
            Item("▪", 162, 732, "detail"),
            Item("–", 126, 718, "second point?"),
            Item("•", 90, 704, "Next question?"));

        Assert.Equal([0, 1, 2, 1, 0], Blocks(page).Select(block => block.Level));
    }

    [Fact]
    public void Indents_sub_points_of_a_list_stepped_ever_deeper_no_further_than_the_deepest_list_level()
    {
        // Each marker a little further in than the last: the layout reads twenty levels, which the extractor caps.
        var items = Enumerable.Range(0, 20).Select(level => Item("•", 90 + (level * 12), 740 - (level * 14), level == 0 ? "How is care planned?" : $"point {level}"));
        var page = Page(1, [Line("Questions for councillors", 72, 780, 18, bold: true), .. items]);
        var blocks = Blocks(page);

        var question = Assert.IsType<ReportExtracted>(QuestionExtractor.Extract(blocks)).Report.Areas.Single().Questions.Single();

        Assert.Equal(19, blocks.Max(block => block.Level));
        Assert.Equal(new string(' ', (ReportBlock.DeepestListLevel - 1) * 2) + "• point 19", question.Text.Split('\n')[^1]);
    }

    [Fact]
    public void Ranks_headings_by_size_then_weight_and_takes_short_bold_lines_as_headings()
    {
        var page = Page(1,
            Line("Report title", 72, 780, 28, bold: true),
            Line("Section", 72, 740, 18, bold: true),
            Line("Area of focus", 72, 710, 14, bold: true),
            Line("Case study: Amira", 72, 690, Body, bold: true),
            Line("Body text that runs on for a while.", 72, 670),
            Line("A bold sentence that ends with a full stop.", 72, 640, Body, bold: true));

        var blocks = Blocks(page);

        Assert.Equal(
            [(BlockKind.Heading, 1), (BlockKind.Heading, 2), (BlockKind.Heading, 3), (BlockKind.Heading, 4), (BlockKind.Paragraph, 0), (BlockKind.Paragraph, 0)],
            blocks.Select(block => (block.Kind, block.Level)));
    }

    [Fact]
    public void Separates_paragraphs_by_the_space_between_them()
    {
        var page = Page(1,
            Line("First paragraph line one", 72, 760),
            Line("and line two.", 72, 746),
            Line("Second paragraph.", 72, 722));

        Assert.Equal(["First paragraph line one and line two.", "Second paragraph."], Blocks(page).Select(block => block.Text));
    }

    [Fact]
    public void Reads_a_PDF_written_by_another_tool_end_to_end()
    {
        var pdf = TestFiles.PdfWithLines(
            [(72, 760, 26, "Safe at home"), (72, 720, 12, "May 2024")],
            [(72, 760, 18, "Questions for councillors"), (72, 730, 14, "Housing"), (90, 710, 11, "How quickly are people housed?"), (72, 690, 14, "Children"), (90, 670, 11, "Who checks each plan?")]);

        var report = Assert.IsType<Ingested>(TestFiles.Ingest(pdf, "safe-at-home.pdf")).Report;

        Assert.Equal("Safe at home", report.Title);
        Assert.Equal("2024-05", report.Published.ToString());
        Assert.Equal(["Housing", "Children"], report.Areas.Select(area => area.Heading));
        Assert.Equal(["How quickly are people housed?", "Who checks each plan?"], report.Areas.SelectMany(area => area.Questions).Select(question => question.Text));
        Assert.All(report.Areas.SelectMany(area => area.Questions), question => Assert.Equal(2, question.Source.Page));
    }

    [Fact]
    public void Hyphenation_keeps_the_hyphen_only_for_compound_starts() =>
        Assert.Equal([true, true, false], new[] { "long", "well-being-", "consid" }.Select(fragment => Hyphenation.KeepsHyphen(fragment.TrimEnd('-'))));

    [Fact]
    public void Reads_small_shapes_drawn_at_the_start_of_lines_as_bullets_so_that_items_are_not_glued_together()
    {
        // Two items a browser printed: each starts with a drawn disc, not a character, and nothing else separates them.
        var words = Line("How are people housed", 90, 760).Concat(Line("quickly?", 90, 746))
            .Concat(Line("Where are they placed?", 90, 732)).ToList();
        var page = new PdfPageWords(1, 842, words, [new PdfMark(78, 81.6, 761.8, 765.4), new PdfMark(78, 81.6, 733.8, 737.4)]);

        var blocks = Blocks(page);

        Assert.Equal(["How are people housed quickly?", "Where are they placed?"], blocks.Select(block => block.Text));
        Assert.All(blocks, block => Assert.Equal(BlockKind.ListItem, block.Kind));
    }

    [Fact]
    public void Leaves_a_shape_inside_a_line_or_a_box_around_text_out_of_the_text()
    {
        var words = Line("Who checks the plan and who signs it off?", 72, 760).ToList();
        var page = new PdfPageWords(1, 842, words, [new PdfMark(150, 153, 762, 765), new PdfMark(60, 540, 750, 775)]);

        var block = Assert.Single(Blocks(page));
        Assert.Equal(BlockKind.Paragraph, block.Kind);
        Assert.Equal("Who checks the plan and who signs it off?", block.Text);
    }

    [Fact]
    public void Reads_a_number_set_a_word_space_from_its_text_as_a_marker_when_the_item_s_next_line_hangs_under_the_text()
    {
        var page = Page(1,
            Line("1. How does the council make sure", 80, 760), Line("that plans are reviewed?", 94.08, 746),
            Line("2. Who checks them?", 80, 732));

        var blocks = Blocks(page);

        Assert.Equal(["How does the council make sure that plans are reviewed?", "Who checks them?"], blocks.Select(block => block.Text));
        Assert.All(blocks, block => Assert.Equal(BlockKind.ListItem, block.Kind));
    }

    [Fact]
    public void Reads_lines_set_with_hanging_indents_and_no_markers_as_separate_items()
    {
        // The first line of each item at the margin, its other lines indented; a one-line item between them.
        var page = Page(1,
            Line("How long do people wait for an assessment, and how", 72, 760), Line("are they kept informed?", 90, 746),
            Line("Are carers offered an assessment?", 72, 732),
            Line("Who checks that the care agreed on discharge is", 72, 718), Line("in place on the day?", 90, 704));

        var blocks = Blocks(page);

        Assert.Equal(
            ["How long do people wait for an assessment, and how are they kept informed?", "Are carers offered an assessment?", "Who checks that the care agreed on discharge is in place on the day?"],
            blocks.Select(block => block.Text));
        Assert.All(blocks, block => Assert.Equal(BlockKind.ListItem, block.Kind));
    }
}
