using ScrutinyWorkflow.Core.Reviews;
using static ScrutinyWorkflow.Core.Tests.Reviews.Reviews;

namespace ScrutinyWorkflow.Core.Tests.Reviews;

public sealed class DraftingTests
{
    [Fact]
    public void Drafts_a_review_numbering_questions_in_order_and_keeping_the_named_officers()
    {
        var drafted = Assert.IsType<ReviewDrafted>(Assert.Single(new DeciderSpecification().When(Draft()).ThenEvents()));

        Assert.Equal(["Accommodation for 16 and 17 year olds", "Care leavers"], drafted.Areas.Select(a => a.Heading));
        Assert.Equal(["Q1", "Q2", "Q3"], drafted.Areas.SelectMany(a => a.Questions).Select(q => q.QuestionId));
        Assert.Equal([Head.Email, Data.Email], drafted.Areas[0].Questions[0].OfficerEmails);
        Assert.Equal(Council.Select(o => o.Email).Order(), drafted.Officers.Select(o => o.Email).Order());
        Assert.Equal(Deadline, drafted.Deadline);
    }

    [Fact]
    public void A_draft_keeps_why_its_report_was_hard_to_read_and_one_that_read_cleanly_keeps_nothing()
    {
        var doubts = new[] { "5 of the 12 questions could not be read with confidence" };

        var drafted = Assert.IsType<ReviewDrafted>(Assert.Single(new DeciderSpecification().When(Draft() with { LayoutDoubts = doubts }).ThenEvents()));
        var clean = Assert.IsType<ReviewDrafted>(Assert.Single(new DeciderSpecification().When(Draft() with { LayoutDoubts = [] }).ThenEvents()));

        Assert.Equal(doubts, drafted.LayoutDoubts);
        Assert.Equal(doubts, ReviewState.From([drafted]).LayoutDoubts);
        Assert.Null(clean.LayoutDoubts);
        Assert.Empty(ReviewState.From([clean]).LayoutDoubts);
    }

    [Fact]
    public void Rejects_an_empty_review()
    {
        var rejection = new DeciderSpecification().When(Draft(areas: [])).ThenRejected(RejectionCodes.Invalid);

        Assert.Contains(rejection.Problems, p => p.Field == "areas");
    }

    [Fact]
    public void Rejects_an_area_with_no_questions_naming_the_area()
    {
        var rejection = new DeciderSpecification()
            .When(Draft(areas: [.. Areas(), new AreaInput("Contact arrangements", [])]))
            .ThenRejected(RejectionCodes.Invalid);

        Assert.Equal("areas[2].questions", Assert.Single(rejection.Problems).Field);
    }

    [Fact]
    public void Rejects_an_officer_who_is_not_in_the_directory_naming_the_address()
    {
        var areas = new[] { new AreaInput("Care planning", [new QuestionInput("Are records accurate?", ["nobody@council.example"])]) };

        var rejection = new DeciderSpecification().When(Draft(areas: areas)).ThenRejected(RejectionCodes.Invalid);

        var problem = Assert.Single(rejection.Problems);
        Assert.Equal("areas[0].questions[0].officers[0]", problem.Field);
        Assert.Contains("nobody@council.example", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reports_every_bad_field_at_once()
    {
        var command = Draft(areas: [new AreaInput(" ", [new QuestionInput("", ["not-an-address"])])]) with
        {
            Title = "",
            PanelEmail = "panel-at-council",
        };

        var rejection = new DeciderSpecification().When(command).ThenRejected(RejectionCodes.Invalid);

        Assert.Equal(
            ["areas[0].heading", "areas[0].questions[0].officers[0]", "areas[0].questions[0].text", "focusReport.title", "panel.email"],
            rejection.Problems.Select(p => p.Field).Order());
    }

    [Fact]
    public void Rejects_a_title_panel_name_or_heading_longer_than_a_line_of_text()
    {
        var tooLong = new string('x', ReviewDecider.MaxLineLength + 1);
        var command = Draft(areas: [new AreaInput(tooLong, [new QuestionInput("Why?", [Head.Email])])]) with
        {
            Title = tooLong,
            PanelName = tooLong,
        };

        var rejection = new DeciderSpecification().When(command).ThenRejected(RejectionCodes.Invalid);

        Assert.Equal(["areas[0].heading", "focusReport.title", "panel.name"], rejection.Problems.Select(p => p.Field).Order());
    }

    [Fact]
    public void Names_a_date_or_month_the_caller_could_not_read_alongside_every_other_problem()
    {
        var command = Draft(areas: []) with { Published = null, MeetingDate = null, Deadline = null, PanelName = null };

        var rejection = new DeciderSpecification().When(command).ThenRejected(RejectionCodes.Invalid);

        Assert.Equal(["areas", "deadline", "focusReport.published", "meetingDate", "panel.name"], rejection.Problems.Select(p => p.Field).Order());
    }

    [Theory]
    [InlineData("clerk@council..gov.uk")]
    [InlineData("clerk@localhost")]
    [InlineData("clérk@council.gov.uk")]
    [InlineData("clerk@@council.gov.uk")]
    public void Rejects_a_panel_address_that_mail_could_never_be_sent_to(string address)
    {
        var rejection = new DeciderSpecification().When(Draft() with { PanelEmail = address }).ThenRejected(RejectionCodes.Invalid);

        Assert.Equal("panel.email", Assert.Single(rejection.Problems).Field);
    }

    [Fact]
    public void Rejects_a_deadline_in_the_past()
    {
        var rejection = new DeciderSpecification().When(Draft(deadline: new DateOnly(2026, 12, 11))).ThenRejected(RejectionCodes.Invalid);

        Assert.Contains("in the past", Assert.Single(rejection.Problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_a_deadline_that_leaves_fewer_than_five_clear_working_days_before_the_meeting_and_says_the_latest_allowed()
    {
        // Wednesday 13 January leaves only 14, 15, 18 and 19 January before the meeting on the 20th.
        var rejection = new DeciderSpecification().When(Draft(deadline: new DateOnly(2027, 1, 13))).ThenRejected(RejectionCodes.Invalid);

        var problem = Assert.Single(rejection.Problems);
        Assert.Equal("deadline", problem.Field);
        Assert.Contains("leaves 4 clear working days", problem.Message, StringComparison.Ordinal);
        Assert.Contains("on or before 11 January 2027", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Accepts_a_deadline_the_working_day_before_agenda_papers_are_published()
    {
        new DeciderSpecification().When(Draft(deadline: new DateOnly(2027, 1, 11))).ThenEvents();
    }

    [Fact]
    public void Christmas_and_new_year_do_not_count_as_clear_working_days()
    {
        // Meeting Monday 4 January 2027. From Wednesday 23 December the clear days are only 24, 29, 30 and 31
        // December: 25 December, the Boxing Day substitute on the 28th and 1 January are bank holidays.
        var rejection = new DeciderSpecification()
            .When(Draft(deadline: new DateOnly(2026, 12, 23), meeting: new DateOnly(2027, 1, 4)))
            .ThenRejected(RejectionCodes.Invalid);

        Assert.Contains("leaves 4 clear working days", Assert.Single(rejection.Problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_number_of_clear_working_days_comes_from_the_policy()
    {
        var strict = ReviewPolicy.Default with { ClearWorkingDaysBeforeMeeting = 10 };

        new DeciderSpecification(strict).When(Draft()).ThenRejected(RejectionCodes.Invalid);
    }

    [Fact]
    public void Rejects_drafting_the_same_review_twice()
    {
        new DeciderSpecification().GivenCommands(Draft()).When(Draft()).ThenRejected(RejectionCodes.AlreadyExists);
    }

    [Fact]
    public void Revising_keeps_the_ids_it_is_given_and_numbers_new_questions_after_the_highest_ever_used()
    {
        var spec = new DeciderSpecification().GivenCommands(Draft());
        var revised = new[]
        {
            new AreaInput("Care leavers", [new QuestionInput("Does every care leaver have a personal adviser?", [Leaving.Email], QuestionId: "Q3")]),
            new AreaInput("Contact", [new QuestionInput("Do care plans record contact with relatives?", [])]),
        };

        var e = Assert.IsType<QuestionsRevised>(Assert.Single(spec.When(new ReviseQuestions(revised, Council, Start)).ThenEvents()));

        Assert.Equal(["Q3", "Q4"], e.Areas.SelectMany(a => a.Questions).Select(q => q.QuestionId));
        Assert.Equal("Does every care leaver have a personal adviser?", e.Areas[0].Questions[0].Text);
    }

    [Fact]
    public void Revising_rejects_an_id_the_draft_does_not_have()
    {
        var spec = new DeciderSpecification().GivenCommands(Draft());

        var rejection = spec.When(new ReviseQuestions([new AreaInput("Contact", [new QuestionInput("A question?", [], QuestionId: "Q99")])], Council, Start))
            .ThenRejected(RejectionCodes.Invalid);

        Assert.Equal("areas[0].questions[0].id", Assert.Single(rejection.Problems).Field);
    }

    [Fact]
    public void Questions_cannot_be_revised_once_the_review_is_sent()
    {
        new DeciderSpecification().GivenDispatched()
            .When(new ReviseQuestions(Areas(), Council, Start))
            .ThenRejected(RejectionCodes.NotDraft);
    }
}
