using ScrutinyWorkflow.Core.Reports;
using ScrutinyWorkflow.Core.Reviews;
using static ScrutinyWorkflow.Core.Reports.ReportBlock;

namespace ScrutinyWorkflow.Core.Tests.Reports;

public sealed class QuestionExtractorTests
{
    private static ExtractedReport Extracted(params ReportBlock[] blocks) =>
        Assert.IsType<ReportExtracted>(QuestionExtractor.Extract(blocks)).Report;

    private static ExtractionFailed Failed(params ReportBlock[] blocks) =>
        Assert.IsType<ExtractionFailed>(QuestionExtractor.Extract(blocks));

    private static string[] Texts(ExtractedArea area) => [.. area.Questions.Select(question => question.Text)];

    [Theory]
    [InlineData("Questions for councillors to ask")]
    [InlineData("Questions for scrutiny")]
    [InlineData("Key lines of enquiry")]
    [InlineData("Key lines of inquiry")]
    [InlineData("What should councillors ask?")]
    [InlineData("5. Questions for elected members")]
    [InlineData("Questions councillors could ask")]
    [InlineData("Key questions")]
    [InlineData("QUESTIONS FOR COUNCILLORS")]
    public void Finds_the_questions_section_under_its_usual_titles(string title)
    {
        var report = Extracted(
            Heading("A report", 1),
            Heading(title, 2),
            Heading("Care planning", 3),
            ListItem("How does the council plan?"));

        Assert.Equal("Care planning", Assert.Single(report.Areas).Heading);
    }

    [Theory]
    [InlineData("Frequently asked questions")]
    [InlineData("The questions we were asked most")]
    [InlineData("How to complain")]
    public void Does_not_take_other_headings_for_the_questions_section(string title)
    {
        var failed = Failed(Heading("A report", 1), Heading(title, 2), ListItem("How does the council plan?"));

        Assert.Equal(ExtractionFailure.NoQuestionsSection, failed.Failure);
    }

    [Fact]
    public void Takes_the_sub_headings_as_areas_and_the_list_items_under_them_as_questions_in_order()
    {
        var report = Extracted(
            Heading("Questions for councillors", 2),
            Paragraph("Councillors may wish to ask the following."),
            Heading("Care planning", 3),
            ListItem("First?"),
            ListItem("Second?"),
            Heading("Leaving care", 3),
            ListItem("Third?"));

        Assert.Equal(["Care planning", "Leaving care"], report.Areas.Select(area => area.Heading));
        Assert.Equal(["First?", "Second?"], Texts(report.Areas[0]));
        Assert.Equal(["Third?"], Texts(report.Areas[1]));
    }

    [Fact]
    public void Leaves_out_a_heading_with_no_questions_under_it_and_says_so_in_the_next_area_so_every_area_can_be_drafted()
    {
        var report = Extracted(
            Heading("Questions for councillors", 2),
            Heading("Council tax reduction", 3),
            ListItem("How many claims are waiting?"),
            Heading("Case study: Mrs B", 3),
            Paragraph("Mrs B waited eight months for a decision."),
            Heading("Debt collection", 3),
            ListItem("When are bailiffs used?"));

        Assert.Equal(["Council tax reduction", "Debt collection"], report.Areas.Select(area => area.Heading));
        Assert.All(report.Areas, area => Assert.NotEmpty(area.Questions));
        Assert.Contains("“Case study: Mrs B”", report.Areas[1].Source.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Names_an_area_without_the_section_number_the_report_printed_before_it()
    {
        var report = Extracted(
            Heading("5 Questions for councillors", 1),
            Heading("5.1 Council tax reduction", 2),
            ListItem("How many claims are waiting?"),
            Heading("5.2. Debt collection", 2),
            ListItem("When are bailiffs used?"),
            Heading("2024 changes", 2),
            ListItem("What changed?"));

        Assert.Equal(["Council tax reduction", "Debt collection", "2024 changes"], report.Areas.Select(area => area.Heading));
    }

    [Fact]
    public void Splits_a_numbered_lead_in_item_over_fragments_that_each_finish_a_question()
    {
        var report = Extracted(
            Heading("Questions for councillors", 2),
            Heading("Council tax", 3),
            ListItem("Is the reduction scheme published?"),
            ListItem("How does your council:"),
            ListItem("decide claims within a fortnight?", 1),
            ListItem("check refusals?", 1),
            ListItem("Who hears appeals?"));

        Assert.Equal(
            ["Is the reduction scheme published?", "How does your council decide claims within a fortnight?", "How does your council check refusals?", "Who hears appeals?"],
            Texts(report.Areas[0]));
    }

    [Fact]
    public void Splits_a_lead_in_when_most_of_its_fragments_finish_a_question_and_flags_the_one_that_does_not()
    {
        var report = Extracted(
            Heading("Questions for councillors", 2),
            Heading("Council tax", 3),
            Paragraph("How does your council:"),
            ListItem("decide claims within a fortnight?"),
            ListItem("check refusals?"),
            ListItem("tell people about discounts"),
            ListItem("publish its collection rates?"));

        var questions = report.Areas[0].Questions;
        Assert.Equal(
            ["How does your council decide claims within a fortnight?", "How does your council check refusals?", "How does your council tell people about discounts", "How does your council publish its collection rates?"],
            questions.Select(question => question.Text));
        Assert.True(questions[2].Source.Confidence < 0.8, questions[2].Source.Reason);
        Assert.Contains("does not end in a question mark", questions[2].Source.Reason, StringComparison.Ordinal);
        Assert.True(questions[3].Source.Confidence >= 0.8);
    }

    [Fact]
    public void Keeps_deeper_list_items_as_sub_points_of_the_question_above()
    {
        var report = Extracted(
            Heading("Questions for scrutiny", 2),
            Heading("Children", 3),
            ListItem("How does the assessment consider:"),
            ListItem("the parent's needs;", 1),
            ListItem("the child's views;", 1),
            ListItem("the wider family?", 2),
            ListItem("What checks are made?"));

        Assert.Equal(
            ["How does the assessment consider:\n• the parent's needs;\n• the child's views;\n  • the wider family?", "What checks are made?"],
            Texts(report.Areas[0]));
        Assert.Equal("A list item and its 3 sub-points: question 1 under “Children”", report.Areas[0].Questions[0].Source.Reason);
    }

    [Fact]
    public void A_lead_in_paragraph_ending_in_a_colon_owns_the_fragments_after_it_and_no_more()
    {
        var report = Extracted(
            Heading("Key lines of enquiry", 2),
            Heading("Financial assessments", 3),
            Paragraph("When deciding what a person can afford, does the council take into account:"),
            ListItem("disability-related costs;"),
            ListItem("costs without receipts, where reasonable;"),
            ListItem("the minimum income guarantee?"),
            ListItem("How long do assessments take?"));

        Assert.Equal(
            [
                "When deciding what a person can afford, does the council take into account:\n• disability-related costs;\n• costs without receipts, where reasonable;\n• the minimum income guarantee?",
                "How long do assessments take?",
            ],
            Texts(report.Areas[0]));
    }

    [Fact]
    public void An_introduction_ending_in_a_colon_is_not_a_question_when_whole_questions_follow()
    {
        var report = Extracted(
            Heading("Questions for councillors", 2),
            Heading("Housing", 3),
            Paragraph("Councillors may wish to ask:"),
            ListItem("How many people were placed in bed and breakfast?"),
            ListItem("How long did they stay?"));

        Assert.Equal(["How many people were placed in bed and breakfast?", "How long did they stay?"], Texts(report.Areas[0]));
    }

    [Fact]
    public void Takes_lower_case_fragments_after_a_lead_in_item_as_its_sub_points_even_when_not_indented()
    {
        var report = Extracted(
            Heading("Questions for councillors", 2),
            Heading("Charging", 3),
            ListItem("Does the charging policy explain:"),
            ListItem("how a contribution is worked out;"),
            ListItem("what is disregarded?"),
            ListItem("Who reviews the policy?"));

        Assert.Equal(
            ["Does the charging policy explain:\n• how a contribution is worked out;\n• what is disregarded?", "Who reviews the policy?"],
            Texts(report.Areas[0]));
    }

    [Fact]
    public void Takes_a_paragraph_that_asks_something_as_a_question_and_leaves_other_paragraphs()
    {
        var report = Extracted(
            Heading("Questions for scrutiny", 2),
            Heading("Deferred payments", 3),
            Paragraph("The council must offer deferred payment agreements."),
            Paragraph("How many agreements did the council make? Is this information given in writing?"),
            Paragraph("Local Government and Social Care Ombudsman, PO Box 0000, Coventry"));

        var question = Assert.Single(report.Areas[0].Questions);
        Assert.Equal("How many agreements did the council make? Is this information given in writing?", question.Text);
        Assert.Equal("A paragraph ending in a question mark: question 1 under “Deferred payments”", question.Source.Reason);
    }

    [Fact]
    public void Joins_a_question_that_a_page_break_left_in_two_pieces()
    {
        var report = Extracted(
            Heading("Questions for councillors", 2, page: 24),
            Heading("Care leavers", 3, page: 24),
            ListItem("Does every care leaver have a personal adviser and a pathway plan that has been", page: 24),
            Paragraph("reviewed in the past six months?", page: 25),
            ListItem("How are care leavers told about their entitlements?", page: 25));

        var questions = report.Areas[0].Questions;
        Assert.Equal(
            ["Does every care leaver have a personal adviser and a pathway plan that has been reviewed in the past six months?", "How are care leavers told about their entitlements?"],
            questions.Select(question => question.Text));
        Assert.Equal(24, questions[0].Source.Page);
        Assert.Contains("continues on page 25", questions[0].Source.Reason, StringComparison.Ordinal);
        Assert.True(questions[0].Source.Confidence < questions[1].Source.Confidence);
    }

    [Fact]
    public void Takes_a_list_item_without_a_question_mark_as_a_question_with_less_confidence()
    {
        var report = Extracted(
            Heading("Questions for councillors", 2),
            Heading("Complaints", 3),
            ListItem("Ask for the number of complaints from children in care last year."),
            ListItem("How were they resolved?"));

        var questions = report.Areas[0].Questions;
        Assert.Equal(2, questions.Count);
        Assert.True(questions[0].Source.Confidence < questions[1].Source.Confidence);
    }

    [Fact]
    public void Ends_the_section_at_a_heading_of_its_own_level_or_at_an_appendix()
    {
        var report = Extracted(
            Heading("Questions for councillors", 2),
            Heading("Care planning", 3),
            ListItem("First?"),
            Heading("Appendix: our remedies", 3),
            ListItem("Not a question for councillors?"),
            Heading("About us", 2),
            ListItem("Nor this?"));

        Assert.Equal(["First?"], Texts(Assert.Single(report.Areas)));
    }

    [Fact]
    public void Reads_the_section_rather_than_an_earlier_mention_of_it()
    {
        var report = Extracted(
            Heading("Contents", 2),
            Heading("Questions for councillors", 2),
            Paragraph("Page 24"),
            Heading("Introduction", 2),
            Paragraph("The report ends with questions."),
            Heading("Questions for councillors", 2),
            Heading("Care planning", 3),
            ListItem("First?"));

        Assert.Equal(["First?"], Texts(Assert.Single(report.Areas)));
    }

    [Fact]
    public void Takes_headings_at_the_section_heading_level_as_areas_when_the_report_sets_them_so()
    {
        var report = Extracted(
            Heading("Questions for councillors", 2),
            Heading("Care planning", 2),
            ListItem("First?"),
            Heading("Leaving care", 2),
            ListItem("Second?"),
            Heading("About the Ombudsman", 2),
            Paragraph("We look at complaints."));

        Assert.Equal(["Care planning", "Leaving care"], report.Areas.Select(area => area.Heading));
        Assert.All(report.Areas, area => Assert.Equal(0.7, area.Source.Confidence));
    }

    [Fact]
    public void Names_the_area_after_the_section_when_the_section_has_no_sub_headings()
    {
        var report = Extracted(
            Heading("Questions for scrutiny", 2),
            Paragraph("We suggest the following questions."),
            ListItem("First?"),
            ListItem("Second?"));

        var area = Assert.Single(report.Areas);
        Assert.Equal("Questions for scrutiny", area.Heading);
        Assert.Equal(["First?", "Second?"], Texts(area));
        Assert.True(area.Source.Confidence < 0.9);
    }

    [Fact]
    public void Takes_the_title_from_the_most_prominent_heading_on_the_cover_with_its_subtitle()
    {
        var report = Extracted(
            Paragraph("Focus report: learning lessons from complaints", page: 1),
            Heading("Careless", 1, page: 1),
            Heading("Helping to improve council services to children in care", 3, page: 1),
            Paragraph("December 2020", page: 1),
            Heading("Introduction", 2, page: 2),
            Heading("Questions for councillors", 2, page: 24),
            Heading("Care planning", 4, page: 24),
            ListItem("First?", page: 24));

        Assert.Equal("Careless: Helping to improve council services to children in care", report.Title);
        Assert.Equal(new YearMonth(2020, 12), report.Published);
        Assert.Equal(1, report.TitleSource!.Page);
    }

    [Fact]
    public void Takes_the_first_heading_as_the_title_when_the_format_has_no_pages()
    {
        var report = Extracted(
            Heading("Counting the cost: getting charging right", 1),
            Paragraph("Published: 14 November 2023"),
            Heading("Questions for councillors", 2),
            ListItem("First?"));

        Assert.Equal("Counting the cost: getting charging right", report.Title);
        Assert.Equal(new YearMonth(2023, 11), report.Published);
    }

    [Theory]
    [InlineData("December 2020", 2020, 12)]
    [InlineData("Published: 3 March 2021", 2021, 3)]
    [InlineData("Sept 2022", 2022, 9)]
    [InlineData("Focus report, published in June 2019", 2019, 6)]
    public void Reads_the_publication_month_in_the_forms_covers_use(string text, int year, int month)
    {
        var report = Extracted(
            Heading("A report", 1, page: 1),
            Paragraph(text, page: 1),
            Heading("Questions for councillors", 2, page: 5),
            ListItem("First?", page: 5));

        Assert.Equal(new YearMonth(year, month), report.Published);
    }

    [Fact]
    public void Leaves_the_month_empty_rather_than_guessing_from_the_narrative()
    {
        var report = Extracted(
            Heading("A report", 1, page: 1),
            Heading("Introduction", 2, page: 2),
            Paragraph("In March 2019 the council changed its policy.", page: 2),
            Heading("Questions for councillors", 2, page: 5),
            ListItem("First?", page: 5));

        Assert.Null(report.Published);
    }

    [Fact]
    public void Fails_with_no_text() =>
        Assert.Equal(ExtractionFailure.NoText, Failed(Paragraph("   "), Paragraph("\u00AD")).Failure);

    [Fact]
    public void Fails_when_there_is_no_questions_section() =>
        Assert.Equal(ExtractionFailure.NoQuestionsSection, Failed(Heading("A report", 1), Paragraph("Some narrative.")).Failure);

    [Fact]
    public void Fails_when_the_questions_section_holds_no_questions()
    {
        var failed = Failed(
            Heading("A report", 1),
            Heading("Questions for councillors", 2, page: 7),
            Paragraph("We will publish questions later."));

        Assert.Equal(ExtractionFailure.NoQuestionsInSection, failed.Failure);
        Assert.Contains("“Questions for councillors” on page 7", failed.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Indents_a_sub_point_no_deeper_than_the_deepest_list_level_whatever_depth_the_document_claims()
    {
        var report = Extracted(
            Heading("Questions for councillors", 2),
            ListItem("How is care planned?", depth: -4),
            ListItem("for children placed far away", depth: int.MaxValue));

        var indent = new string(' ', (ReportBlock.DeepestListLevel - 1) * 2);
        Assert.Equal($"How is care planned?\n{indent}• for children placed far away", Assert.Single(Texts(Assert.Single(report.Areas))));
    }

    [Fact]
    public void Ranks_headings_deeper_than_six_as_sixth_so_they_stay_areas_of_the_same_section()
    {
        var report = Extracted(
            Heading("Questions for councillors", 2),
            Heading("Housing", 7),
            ListItem("How quickly are people housed?"),
            Heading("Care", 400),
            ListItem("Who checks the care plans?"));

        Assert.Equal(["Housing", "Care"], report.Areas.Select(area => area.Heading));
    }

    [Fact]
    public void Ranks_a_heading_claiming_a_level_above_one_as_the_first()
    {
        var report = Extracted(
            Heading("Questions for councillors", 1),
            ListItem("How quickly are people housed?"),
            Heading("About this report", -5),
            ListItem("Who wrote it?"));

        Assert.Equal(["How quickly are people housed?"], Texts(Assert.Single(report.Areas)));
    }

    [Fact]
    public void Joins_a_question_with_tens_of_thousands_of_lower_case_paragraphs_continuing_it()
    {
        // Each paragraph asks whether the question so far is finished; the answer must not cost its whole length.
        var continuations = Enumerable.Repeat(Paragraph("and checked"), 40_000);

        var report = Extracted([Heading("Questions for councillors", 2), ListItem("How is care planned for"), .. continuations]);

        Assert.Equal(["How is care planned for" + string.Concat(Enumerable.Repeat(" and checked", 40_000))], Texts(Assert.Single(report.Areas)));
    }

    [Fact]
    public void Takes_tens_of_thousands_of_fragments_as_sub_points_of_a_long_lead_in_item()
    {
        var leadIn = Enumerable.Repeat(Paragraph("and this:"), 20_000);
        var fragments = Enumerable.Repeat(ListItem("the next thing;"), 20_000);

        var report = Extracted([Heading("Questions for councillors", 2), ListItem("Does the plan cover:"), .. leadIn, .. fragments]);

        var expected = "Does the plan cover:" + string.Concat(Enumerable.Repeat(" and this:", 20_000))
            + string.Concat(Enumerable.Repeat("\n• the next thing;", 20_000));
        Assert.Equal([expected], Texts(Assert.Single(report.Areas)));
    }

    [Fact]
    public void Makes_each_fragment_after_a_question_s_opening_words_a_question_of_its_own_on_its_own_page()
    {
        var report = Extracted(
            Heading("Questions for councillors", 1),
            Heading("Leaving hospital", 2, page: 7),
            Paragraph("How does your council:", 7),
            ListItem("have resources and systems in place to assess people's needs before they leave hospital?", page: 7),
            ListItem("make sure that people are not charged for care that should be free?", page: 8),
            Paragraph("Other questions follow.", 8),
            ListItem("Who checks the care plan?", page: 8));

        var area = Assert.Single(report.Areas);
        Assert.Equal(
            [
                "How does your council have resources and systems in place to assess people's needs before they leave hospital?",
                "How does your council make sure that people are not charged for care that should be free?",
                "Who checks the care plan?",
            ],
            Texts(area));
        Assert.Equal([7, 8, 8], area.Questions.Select(question => question.Source.Page));
        Assert.Contains("finishes the lead-in “How does your council:”", area.Questions[0].Source.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Keeps_fragments_that_do_not_each_ask_something_as_one_question_s_sub_points()
    {
        var report = Extracted(
            Heading("Questions for councillors", 1),
            Heading("Charging", 2),
            Paragraph("Does the council take into account:"),
            ListItem("the costs people actually incur;"),
            ListItem("the income they must be left with?"));

        Assert.Equal(["Does the council take into account:\n• the costs people actually incur;\n• the income they must be left with?"], Texts(Assert.Single(report.Areas)));
    }

    [Fact]
    public void Leaves_out_a_list_number_a_reader_left_at_the_start_of_a_question_and_says_so()
    {
        var report = Extracted(
            Heading("Questions for councillors", 1),
            Heading("Placements", 2),
            ListItem("2. Is bed and breakfast accommodation ever used?"),
            Paragraph("3) How long do moves take?"));

        var area = Assert.Single(report.Areas);
        Assert.Equal(["Is bed and breakfast accommodation ever used?", "How long do moves take?"], Texts(area));
        Assert.All(area.Questions, question => Assert.Contains("its list number left out", question.Source.Reason, StringComparison.Ordinal));
    }

    [Fact]
    public void Lowers_its_confidence_in_a_very_long_item_and_in_what_the_reader_doubted_and_says_why()
    {
        var longItem = string.Join(' ', Enumerable.Repeat("How does the council check this and that", 12)) + "?";
        var report = Extracted(
            Heading("Questions for councillors", 1),
            Heading("Checks", 2) with { Doubt = "its heading was told from its size alone" },
            ListItem(longItem),
            ListItem("Who signs off a closure?") with { Doubt = "its words may have been read across two columns" },
            ListItem("Who is told?"));

        var area = Assert.Single(report.Areas);
        Assert.Contains("told from its size alone", area.Source.Reason, StringComparison.Ordinal);
        Assert.True(area.Source.Confidence < 0.9);
        Assert.Contains("very long for one question", area.Questions[0].Source.Reason, StringComparison.Ordinal);
        Assert.Contains("read across two columns", area.Questions[1].Source.Reason, StringComparison.Ordinal);
        Assert.True(area.Questions[0].Source.Confidence < area.Questions[2].Source.Confidence);
        Assert.True(area.Questions[1].Source.Confidence < area.Questions[2].Source.Confidence);
    }

    [Fact]
    public void A_question_split_into_two_paragraphs_keeps_its_opening_words_and_is_marked_to_check()
    {
        var report = Extracted(
            Heading("Questions for councillors", 2),
            Heading("Waiting", 3),
            Paragraph("How long did people wait last year for an assessment of their"),
            Paragraph("needs, and how many waited longer than the target?"),
            Paragraph("We found long waits everywhere."),
            Paragraph("how many complaints were upheld?"));

        var questions = Assert.Single(report.Areas).Questions;

        Assert.Equal(["How long did people wait last year for an assessment of their needs, and how many waited longer than the target?", "how many complaints were upheld?"], questions.Select(question => question.Text));
        Assert.Contains("joined with the text that continued it", questions[0].Source.Reason, StringComparison.Ordinal);
        Assert.True(questions[0].Source.Confidence < ReadingDoubts.Doubtful);
    }
}
