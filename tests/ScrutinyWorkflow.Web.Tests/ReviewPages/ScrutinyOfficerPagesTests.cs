using System.Net;
using System.Net.Http.Json;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using ScrutinyWorkflow.Web.Tests.EndToEnd;

namespace ScrutinyWorkflow.Web.Tests.ReviewPages;

/// <summary>
/// The scrutiny officer's pages through the real host, as a browser posts them: start a review, check and edit its
/// draft, send it, and run it; every refusal shown against its field, and nothing changed by a GET, a stale page or a
/// form without its token.
/// </summary>
public sealed class ScrutinyOfficerPagesTests : IAsyncLifetime
{
    private const string Pasted = """
        Accommodation for 16 and 17 year olds
        - How many 16 and 17 year olds are in bed and breakfast accommodation?
        - How do we assess the needs of homeless 16 and 17 year olds?
        Care leavers
        1. Does every care leaver have a personal adviser and a pathway plan?
        """;

    private readonly TestWorld world = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await world.DisposeAsync();

    private PageDriver Driver() => new(world.App.Browser());

    private static Dictionary<string, string> Start(string deadline = "8 1 2027", string meeting = "20 1 2027", string questions = Pasted)
    {
        var (dd, dm, dy) = Split(deadline);
        var (md, mm, my) = Split(meeting);
        return new()
        {
            ["title"] = "Careless: helping to improve council services to children in care",
            ["published-month"] = "12",
            ["published-year"] = "2020",
            ["panel-name"] = "Children and Families Scrutiny Panel",
            ["panel-email"] = "panel@council.example",
            ["meeting-day"] = md,
            ["meeting-month"] = mm,
            ["meeting-year"] = my,
            ["deadline-day"] = dd,
            ["deadline-month"] = dm,
            ["deadline-year"] = dy,
            ["questions"] = questions,
        };

        static (string, string, string) Split(string date) => date.Split(' ') is [var d, var m, var y] ? (d, m, y) : ("", "", "");
    }

    private async Task<(PageDriver Driver, string Id, IHtmlDocument Draft)> StartedAsync()
    {
        var driver = Driver();
        var form = await driver.OpenAsync("/reviews/new");
        var response = await driver.SubmitAsync(form, "form[action='/reviews/new']", Start());
        var draft = await driver.FollowAsync(response);
        var id = response.Headers.Location!.OriginalString.Split('/')[2];
        return (driver, id, draft);
    }

    private async Task<long> VersionAsync(string id)
    {
        var response = await world.App.CreateClient().GetAsync($"/api/reviews/{id}");
        return long.Parse(response.Headers.ETag!.Tag.Trim('"'), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Gives every question of the draft an officer, through the question page's directory search.</summary>
    private static async Task AssignAsync(PageDriver driver, string id, string questionId, string search, string email)
    {
        var page = await driver.OpenAsync($"/reviews/{id}/draft/questions/{questionId}");
        var found = await PageDriver.ParseAsync(await driver.SubmitAsync(page, "form[action$='/questions/" + questionId + "']", new Dictionary<string, string> { ["search"] = search }, ("action", "search")));
        Assert.NotNull(found.QuerySelector($"button[name=add][value='{email}']"));
        var added = await PageDriver.ParseAsync(await driver.SubmitAsync(found, "form[action$='/questions/" + questionId + "']", button: ("add", email)));
        Assert.NotNull(added.QuerySelector($"input[type=hidden][name=officer][value='{email}']"));
        await driver.FollowAsync(await driver.SubmitAsync(added, "form[action$='/questions/" + questionId + "']", button: ("action", "save")));
    }

    private async Task<(PageDriver Driver, string Id)> SentAsync()
    {
        var (driver, id, _) = await StartedAsync();
        await AssignAsync(driver, id, "Q1", "Siân", AssuranceReviewScenario.Head);
        await AssignAsync(driver, id, "Q2", "Tom", AssuranceReviewScenario.Tom);
        await AssignAsync(driver, id, "Q3", "data", AssuranceReviewScenario.Data);
        var check = await driver.OpenAsync($"/reviews/{id}/draft/check");
        await driver.FollowAsync(await driver.SubmitAsync(check, $"form[action='/reviews/{id}/dispatch']"));
        return (driver, id);
    }

    [Fact]
    public async Task Starting_a_review_from_pasted_questions_leads_to_its_draft_with_every_question_and_nobody_asked_yet()
    {
        var (_, id, draft) = await StartedAsync();

        Assert.StartsWith("rv-", id, StringComparison.Ordinal);
        Assert.Equal(["Accommodation for 16 and 17 year olds", "Care leavers"], draft.QuerySelectorAll("h2[id^=area-]").Select(h => h.TextContent.Trim()));
        Assert.Equal(3, draft.QuerySelectorAll(".govuk-summary-card").Length);
        Assert.Equal(3, draft.QuerySelectorAll(".govuk-summary-card .govuk-tag--red").Length);
        Assert.Contains("3 questions have nobody to answer them yet", draft.QuerySelector(".govuk-warning-text")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("draft", (await world.App.GetReviewAsync(id)).Status);
    }

    [Fact]
    public async Task An_empty_start_form_comes_back_with_every_problem_linked_to_its_field_and_nothing_created()
    {
        var driver = Driver();
        var form = await driver.OpenAsync("/reviews/new");

        var response = await driver.SubmitAsync(form, "form[action='/reviews/new']");
        var page = await PageDriver.ParseAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("Error: Start a review", page.Title, StringComparison.Ordinal);
        Assert.Equal(["#deadline-day", "#file", "#meeting-day", "#panel-email", "#panel-name", "#published-month", "#title"],
            PageDriver.Errors(page).Select(e => e.Href).Order(StringComparer.Ordinal));
        Assert.Contains(PageDriver.Errors(page), e => e.Text == "Enter the panel meeting date");
        Assert.Contains(PageDriver.Errors(page), e => e.Text == "Upload the focus report, or paste its questions");
        // Each error is also inline, and the field says so to a screen reader.
        Assert.Equal("deadline-hint deadline-error", page.QuerySelector("#deadline")!.Closest("fieldset")!.GetAttribute("aria-describedby"));
        Assert.Contains("panel-email-error", page.QuerySelector("#panel-email")!.GetAttribute("aria-describedby"), StringComparison.Ordinal);
        Assert.Equal(0, (await world.App.CreateClient().GetFromJsonAsync<Web.Reviews.ReviewListView>("/api/reviews"))!.Total);
    }

    [Fact]
    public async Task The_draft_dates_can_be_changed_before_dispatch_by_the_same_rules_and_a_refusal_keeps_what_was_typed()
    {
        var (driver, id, draft) = await StartedAsync();
        Assert.NotNull(draft.QuerySelector($"a[href='/reviews/{id}/draft/dates']"));
        var form = await driver.OpenAsync($"/reviews/{id}/draft/dates");
        Assert.Equal("8", form.QuerySelector<IHtmlInputElement>("#deadline-day")!.Value);
        static Dictionary<string, string> Dates(string meeting, string deadline) => new()
        {
            ["meeting-day"] = meeting.Split(' ')[0],
            ["meeting-month"] = meeting.Split(' ')[1],
            ["meeting-year"] = meeting.Split(' ')[2],
            ["deadline-day"] = deadline.Split(' ')[0],
            ["deadline-month"] = deadline.Split(' ')[1],
            ["deadline-year"] = deadline.Split(' ')[2],
        };

        var tooClose = await driver.SubmitAsync(form, $"form[action='/reviews/{id}/draft/dates']", Dates("20 1 2027", "15 1 2027"));
        var unreal = await driver.SubmitAsync(form, $"form[action='/reviews/{id}/draft/dates']", Dates("31 2 2027", "15 1 2027"));
        var refused = await PageDriver.ParseAsync(tooClose);
        var saved = await driver.FollowAsync(await driver.SubmitAsync(form, $"form[action='/reviews/{id}/draft/dates']", Dates("27 1 2027", "15 1 2027")));

        Assert.Equal(HttpStatusCode.BadRequest, tooClose.StatusCode);
        var error = Assert.Single(PageDriver.Errors(refused));
        Assert.Equal("#deadline-day", error.Href);
        Assert.Contains("set the deadline on or before 11 January 2027", error.Text, StringComparison.Ordinal);
        Assert.Equal("15", refused.QuerySelector<IHtmlInputElement>("#deadline-day")!.Value);
        Assert.Contains(PageDriver.Errors(await PageDriver.ParseAsync(unreal)), e => e.Href == "#meeting-day" && e.Text.Contains("must be a real date", StringComparison.Ordinal));
        Assert.Equal("The meeting date and deadline are changed.", saved.QuerySelector(".govuk-notification-banner__heading")!.TextContent.Trim());
        var summary = saved.QuerySelector("h1 + p")!.TextContent;
        Assert.Contains("Wednesday 27 January 2027", summary, StringComparison.Ordinal);
        Assert.Contains("Friday 15 January 2027", summary, StringComparison.Ordinal);
        var review = await world.App.GetReviewAsync(id);
        Assert.Equal((new DateOnly(2027, 1, 27), new DateOnly(2027, 1, 15)), (review.MeetingDate, review.Deadline));
    }

    [Fact]
    public async Task A_deadline_too_close_to_the_meeting_is_refused_with_the_clear_days_rule_and_what_was_typed_is_kept()
    {
        var driver = Driver();
        var form = await driver.OpenAsync("/reviews/new");
        Assert.Contains("5 clear working days before the meeting", form.QuerySelector("#clear-days")!.TextContent, StringComparison.Ordinal);

        var response = await driver.SubmitAsync(form, "form[action='/reviews/new']", Start(deadline: "15 1 2027"));
        var page = await PageDriver.ParseAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = Assert.Single(PageDriver.Errors(page));
        Assert.Equal("#deadline-day", error.Href);
        Assert.Contains("set the deadline on or before 11 January 2027", error.Text, StringComparison.Ordinal);
        Assert.Equal("Children and Families Scrutiny Panel", page.QuerySelector<IHtmlInputElement>("#panel-name")!.Value);
        Assert.Equal("15", page.QuerySelector<IHtmlInputElement>("#deadline-day")!.Value);
        Assert.Contains("Care leavers", page.QuerySelector<IHtmlTextAreaElement>("#questions")!.Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_focus_report_uploaded_as_a_PDF_becomes_a_draft_showing_where_each_question_was_found_and_why()
    {
        var driver = Driver();
        var form = await driver.OpenAsync("/reviews/new");
        var pdf = await File.ReadAllBytesAsync(Path.Combine(ScrutinyApplication.RepositoryRoot(), "samples", "reports", "children-in-care.pdf"));
        var fields = Start(questions: "");
        fields["title"] = "";
        fields["published-month"] = "";
        fields["published-year"] = "";

        var draft = await driver.FollowAsync(await driver.SubmitAsync(form, "form[action='/reviews/new']", fields, file: ("file", "children-in-care.pdf", pdf)));

        var sources = draft.QuerySelectorAll(".govuk-summary-card").Select(card => card.QuerySelectorAll(".govuk-summary-list__row")[1].QuerySelector("dd")!.TextContent.Trim()).ToList();
        Assert.True(sources.Count >= 5, $"Only {sources.Count} questions were read from the sample report.");
        Assert.All(sources, source => Assert.Matches(@"^Page \d+: ", source));
        Assert.Equal("Settled and secure: Learning from complaints about council services for children in care", draft.QuerySelector(".govuk-caption-l")!.TextContent);
        Assert.Null(draft.QuerySelector("#layout-warning"));
    }

    /// <summary>
    /// A report with no area headings whose questions a converter broke into a paragraph per line: a draft is made,
    /// but its layout was hard to read.
    /// </summary>
    internal const string HardReport = """
        <html><body>
        <h1>Waiting well: assessments for care at home</h1>
        <p>Published March 2026</p>
        <h2>Questions for councillors</h2>
        <p>How long did people wait last year for an assessment of their</p>
        <p>needs, and how many waited longer than the council's own target?</p>
        <p>How many assessments were started but not finished?</p>
        <p>Are people told how long they are likely to wait, and</p>
        <p>by whom?</p>
        </body></html>
        """;

    [Fact]
    public async Task A_report_whose_layout_was_hard_to_read_becomes_a_draft_that_says_so_and_offers_to_paste_the_questions_instead()
    {
        var driver = Driver();
        var form = await driver.OpenAsync("/reviews/new");

        var response = await driver.SubmitAsync(form, "form[action='/reviews/new']", Start(questions: ""), file: ("file", "waiting.html", Encoding.UTF8.GetBytes(HardReport)));
        var draft = await driver.FollowAsync(response);

        var warning = draft.QuerySelector("#layout-warning.govuk-warning-text")?.TextContent ?? "";
        Assert.Contains("The report's layout was hard to read: 2 of the 3 questions could not be read with confidence and the report had no clear headings", warning, StringComparison.Ordinal);
        Assert.Equal("/reviews/new#questions", draft.QuerySelector("#layout-warning a")?.GetAttribute("href"));
        var cards = draft.QuerySelectorAll(".govuk-summary-card").ToList();
        Assert.Equal(3, cards.Count);
        var doubtful = cards.Where(card => card.QuerySelector(".govuk-tag--orange")?.TextContent == "Check this").ToList();
        Assert.Equal(2, doubtful.Count);
        Assert.All(doubtful, card => Assert.Contains("joined with the text that continued it", card.QuerySelectorAll(".govuk-summary-list__row")[1].TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_uploaded_report_is_kept_when_another_field_is_refused_so_the_file_need_not_be_chosen_again()
    {
        var driver = Driver();
        var form = await driver.OpenAsync("/reviews/new");
        var pdf = await File.ReadAllBytesAsync(Path.Combine(ScrutinyApplication.RepositoryRoot(), "samples", "reports", "children-in-care.pdf"));
        var fields = Start(deadline: "15 1 2027", questions: "");
        fields["title"] = "";

        var refused = await driver.SubmitAsync(form, "form[action='/reviews/new']", fields, file: ("file", "children-in-care.pdf", pdf));
        var page = await PageDriver.ParseAsync(refused);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("#deadline-day", Assert.Single(PageDriver.Errors(page)).Href);
        Assert.Contains("children-in-care.pdf", page.QuerySelector("#kept-report")!.TextContent, StringComparison.Ordinal);

        // Sent again with the deadline corrected and no file chosen: the report read the first time makes the draft.
        var draft = await driver.FollowAsync(await driver.SubmitAsync(page, "form[action='/reviews/new']", new Dictionary<string, string> { ["deadline-day"] = "8" }));

        Assert.True(draft.QuerySelectorAll(".govuk-summary-card").Length >= 5);
        Assert.Equal("Settled and secure: Learning from complaints about council services for children in care", draft.QuerySelector(".govuk-caption-l")!.TextContent);
    }

    [Fact]
    public async Task A_kept_report_that_was_tampered_with_is_refused_asking_for_the_file_again()
    {
        var driver = Driver();
        var form = await driver.OpenAsync("/reviews/new");
        var fields = Start(questions: "");
        fields["kept-report"] = "not-a-kept-report";

        var response = await driver.SubmitAsync(form, "form[action='/reviews/new']", fields);
        var page = await PageDriver.ParseAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(("#file", "The report you uploaded earlier could not be kept. Choose the file again."), Assert.Single(PageDriver.Errors(page)));
    }

    [Fact]
    public async Task The_error_summary_lists_the_start_pages_problems_in_the_order_of_its_fields()
    {
        var driver = Driver();
        var form = await driver.OpenAsync("/reviews/new");
        var fields = Start(questions: "");
        fields["panel-name"] = "";
        fields["panel-email"] = "";

        var page = await PageDriver.ParseAsync(await driver.SubmitAsync(form, "form[action='/reviews/new']", fields));

        // The decider finds the panel's problems before the questions', but the report comes first on the page.
        Assert.Equal(["#file", "#panel-name", "#panel-email"], PageDriver.Errors(page).Select(e => e.Href));
    }

    [Fact]
    public async Task A_report_that_cannot_be_read_is_named_against_the_file_field()
    {
        var driver = Driver();
        var form = await driver.OpenAsync("/reviews/new");

        var response = await driver.SubmitAsync(form, "form[action='/reviews/new']", Start(questions: ""), file: ("file", "report.pdf", "this is not a PDF"u8.ToArray()));
        var page = await PageDriver.ParseAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("#file", Assert.Single(PageDriver.Errors(page)).Href);
        Assert.NotNull(page.QuerySelector("#file-error"));
    }

    [Fact]
    public async Task Questions_are_reworded_moved_between_areas_and_removed_on_the_draft_page()
    {
        var (driver, id, draft) = await StartedAsync();

        var edit = await driver.OpenAsync($"/reviews/{id}/draft/questions/Q2");
        var reworded = await driver.FollowAsync(await driver.SubmitAsync(edit, $"form[action='/reviews/{id}/draft/questions/Q2']",
            new Dictionary<string, string> { ["text"] = "How quickly do we assess homeless 16 and 17 year olds?", ["area"] = "Care leavers" }, ("action", "save")));
        Assert.Equal(["Q1", "Q3", "Q2"], reworded.QuerySelectorAll(".govuk-summary-card").Select(c => c.Id!["question-".Length..]));
        Assert.Contains("How quickly do we assess", reworded.QuerySelector("#question-Q2")!.TextContent, StringComparison.Ordinal);

        var moved = await driver.FollowAsync(await driver.SubmitAsync(reworded, $"form[action='/reviews/{id}/draft/questions/Q3/arrange']", button: ("edit", "up")));
        Assert.Equal(["Q1", "Q3"], moved.QuerySelectorAll("#area-0 ~ .govuk-summary-card").Take(2).Select(c => c.Id!["question-".Length..]));

        // "Remove" asks first, showing the question; nothing is removed until she says yes.
        var remove = moved.QuerySelector("#question-Q1 a.govuk-button--warning")!.GetAttribute("href")!;
        var confirm = await driver.OpenAsync(remove);
        Assert.Equal("Are you sure you want to remove question 1?", confirm.QuerySelector("h1")!.TextContent.Trim());
        var before = await world.App.GetReviewAsync(id);
        Assert.Equal(before.Areas.SelectMany(a => a.Questions).Single(q => q.Id == "Q1").Text, confirm.QuerySelector(".govuk-inset-text")!.TextContent.Trim());
        Assert.Equal(3, before.Areas.Sum(a => a.Questions.Count));

        var removed = await driver.FollowAsync(await driver.SubmitAsync(confirm, $"form[action='/reviews/{id}/draft/questions/Q1/arrange']", button: ("edit", "remove")));
        Assert.Equal(["Q3", "Q2"], removed.QuerySelectorAll(".govuk-summary-card").Select(c => c.Id!["question-".Length..]));
        Assert.Contains("Question 1 is removed.", removed.QuerySelector(".govuk-notification-banner")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(2, (await world.App.GetReviewAsync(id)).Areas.Sum(a => a.Questions.Count));
    }

    [Fact]
    public async Task A_question_saved_blank_is_refused_against_its_field_keeping_the_officers_chosen()
    {
        var (driver, id, _) = await StartedAsync();
        var edit = await driver.OpenAsync($"/reviews/{id}/draft/questions/Q1");
        var found = await PageDriver.ParseAsync(await driver.SubmitAsync(edit, $"form[action='/reviews/{id}/draft/questions/Q1']", new Dictionary<string, string> { ["search"] = "Tom" }, ("action", "search")));
        var added = await PageDriver.ParseAsync(await driver.SubmitAsync(found, $"form[action='/reviews/{id}/draft/questions/Q1']", button: ("add", AssuranceReviewScenario.Tom)));

        var response = await driver.SubmitAsync(added, $"form[action='/reviews/{id}/draft/questions/Q1']", new Dictionary<string, string> { ["text"] = " " }, ("action", "save"));
        var page = await PageDriver.ParseAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(("#text", "Write the question."), Assert.Single(PageDriver.Errors(page)));
        Assert.NotNull(page.QuerySelector($"input[name=officer][value='{AssuranceReviewScenario.Tom}']"));
        Assert.Empty((await world.App.GetReviewAsync(id)).Areas[0].Questions[0].Officers);
    }

    [Fact]
    public async Task Sending_asks_every_officer_and_the_review_page_shows_each_with_their_questions_and_the_trail_in_words()
    {
        var (driver, id) = await SentAsync();

        var review = await driver.OpenAsync($"/reviews/{id}?done=sent");

        Assert.Equal("open", (await world.App.GetReviewAsync(id)).Status);
        Assert.Contains("The review is sent", review.QuerySelector(".govuk-notification-banner")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(["Siân Llewellyn, Head of Service, Children in Care", "Tom Okafor, Team Manager, Looked After Children", "Children's Services Data Team, Performance and Data Team"],
            review.QuerySelectorAll(".govuk-summary-card__title").Select(t => t.TextContent.Trim()));
        Assert.Equal(3, review.QuerySelectorAll(".govuk-summary-card .govuk-tag--blue").Length);
        Assert.Contains("Sent Monday 14 December 2026 at 10:00", review.QuerySelector("#assignment-A1")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(review.QuerySelectorAll("#trail ~ ol li"), li => li.TextContent == "Question 2 sent to Tom Okafor (Team Manager, Looked After Children) on Monday 14 December 2026 at 10:00.");
    }

    [Fact]
    public async Task A_question_is_handed_on_to_an_officer_picked_from_a_directory_search()
    {
        var (driver, id) = await SentAsync();
        var page = await driver.OpenAsync($"/reviews/{id}/assignments/A2/reassign");
        var form = $"form[action='/reviews/{id}/assignments/A2/reassign']";

        var found = await PageDriver.ParseAsync(await driver.SubmitAsync(page, form, new Dictionary<string, string> { ["to"] = "Niamh" }, ("action", "search")));
        var picked = await PageDriver.ParseAsync(await driver.SubmitAsync(found, form, button: ("pick", "niamh.oconnor@council.example")));
        Assert.Equal("niamh.oconnor@council.example", picked.QuerySelector<IHtmlInputElement>("#to")!.Value);
        var review = await driver.FollowAsync(await driver.SubmitAsync(picked, form, new Dictionary<string, string> { ["reason"] = "Tom is on leave" }, ("action", "confirm")));

        Assert.Contains("handed on", review.QuerySelector(".govuk-notification-banner")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(review.QuerySelectorAll("#trail ~ ol li"), li => li.TextContent.StartsWith(
            "Question 2 handed from Tom Okafor (Team Manager, Looked After Children) to Niamh O'Connor (Head of Education Access, Children Missing Education) (\u201cTom is on leave\u201d)", StringComparison.Ordinal));
        Assert.Contains((await world.App.GetReviewAsync(id)).Assignments, a => a.Officer == "niamh.oconnor@council.example" && a.QuestionId == "Q2");
    }

    [Fact]
    public async Task A_question_added_after_sending_goes_under_a_new_area_and_is_asked_at_once()
    {
        var (driver, id) = await SentAsync();
        var page = await driver.OpenAsync($"/reviews/{id}/questions/new");
        var form = $"form[action='/reviews/{id}/questions/new']";
        var found = await PageDriver.ParseAsync(await driver.SubmitAsync(page, form, new Dictionary<string, string> { ["search"] = "Owen" }, ("action", "search")));
        var added = await PageDriver.ParseAsync(await driver.SubmitAsync(found, form, button: ("add", "owen.price@council.example")));

        var review = await driver.FollowAsync(await driver.SubmitAsync(added, form, new Dictionary<string, string>
        {
            ["text"] = "How many care leavers are in unsuitable accommodation?",
            ["area"] = "new-area",
            ["new-area"] = "Housing for care leavers",
        }, ("action", "save")));

        Assert.Contains("The question is added", review.QuerySelector(".govuk-notification-banner")!.TextContent, StringComparison.Ordinal);
        var added4 = Assert.Single((await world.App.GetReviewAsync(id)).Assignments, a => a.QuestionId == "Q4");
        Assert.Equal(("owen.price@council.example", "Housing for care leavers", "requested"), (added4.Officer, added4.Area, added4.State));
    }

    [Fact]
    public async Task An_area_of_focus_is_renamed_from_the_draft_and_a_blank_heading_is_refused_against_its_field()
    {
        var (driver, id, _) = await StartedAsync();
        var page = await driver.OpenAsync($"/reviews/{id}/draft/areas/1");
        var form = $"form[action='/reviews/{id}/draft/areas/1']";

        var blank = await driver.SubmitAsync(page, form, new Dictionary<string, string> { ["heading"] = "" }, ("action", "confirm"));
        Assert.Equal(HttpStatusCode.BadRequest, blank.StatusCode);
        Assert.Equal("#heading", Assert.Single(PageDriver.Errors(await PageDriver.ParseAsync(blank))).Href);

        var draft = await driver.FollowAsync(await driver.SubmitAsync(page, form, new Dictionary<string, string> { ["heading"] = "Leaving care" }, ("action", "confirm")));
        Assert.Equal("Leaving care", draft.QuerySelector("#area-1")!.TextContent.Trim());
        Assert.Contains("renamed", draft.QuerySelector(".govuk-notification-banner")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Remind_now_reminds_once_and_a_second_press_within_the_hour_says_when_it_can_be_done_again()
    {
        var (driver, id) = await SentAsync();
        var review = await driver.OpenAsync($"/reviews/{id}");
        var action = $"form[action='/reviews/{id}/officers/{Uri.EscapeDataString(AssuranceReviewScenario.Tom)}/remind']";

        var reminded = await driver.FollowAsync(await driver.SubmitAsync(review, action));
        var again = await driver.SubmitAsync(reminded, action);
        var refused = await PageDriver.ParseAsync(again);

        Assert.Contains("reminded", reminded.QuerySelector(".govuk-notification-banner")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("they can be reminded again from 11:00", Assert.Single(PageDriver.Errors(refused)).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_page_someone_else_has_since_changed_changes_nothing_and_says_so()
    {
        var (driver, id) = await SentAsync();
        var stalePage = await driver.OpenAsync($"/reviews/{id}/deadline");
        var otherTab = await driver.OpenAsync($"/reviews/{id}/close");
        await driver.FollowAsync(await driver.SubmitAsync(otherTab, "form[action$='/close']", new Dictionary<string, string> { ["reason"] = "Papers needed early" }, ("action", "confirm")));
        var before = await VersionAsync(id);

        var response = await driver.SubmitAsync(stalePage, "form[action$='/deadline']", new Dictionary<string, string> { ["deadline-day"] = "11" }, ("action", "confirm"));
        var page = await PageDriver.ParseAsync(response);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.StartsWith("Someone else changed this review", Assert.Single(PageDriver.Errors(page)).Text, StringComparison.Ordinal);
        Assert.Equal(before, await VersionAsync(id));
        Assert.Equal(new DateOnly(2027, 1, 8), (await world.App.GetReviewAsync(id)).Deadline);
    }

    [Fact]
    public async Task A_form_without_its_antiforgery_token_changes_nothing()
    {
        var (driver, id) = await SentAsync();
        var before = await VersionAsync(id);

        var response = await driver.Client.PostAsync($"/reviews/{id}/close", new FormUrlEncodedContent(new Dictionary<string, string> { ["reason"] = "Forged", ["action"] = "confirm" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("nothing was changed", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await VersionAsync(id));
    }

    [Fact]
    public async Task A_start_form_without_its_antiforgery_token_starts_nothing_and_shows_the_typed_text_on_the_expired_page()
    {
        var driver = Driver();
        await driver.OpenAsync("/reviews/new");

        var response = await driver.Client.PostAsync("/reviews/new", new FormUrlEncodedContent(Start()));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await PageDriver.ParseAsync(response);
        Assert.Equal("The form had expired", page.QuerySelector("h1")!.TextContent);
        Assert.Equal("This form had expired or did not come from this service, so nothing was saved.", Assert.Single(PageDriver.Errors(page)).Text);
        var kept = page.QuerySelectorAll<IHtmlTextAreaElement>("textarea[readonly]").Select(t => t.Value).ToList();
        Assert.Contains(Pasted, kept);
        Assert.Contains("Careless: helping to improve council services to children in care", kept);
        Assert.Equal("/reviews/new", page.QuerySelector("a.govuk-link[href='/reviews/new']")!.GetAttribute("href"));
        Assert.Equal(0, (await world.App.CreateClient().GetFromJsonAsync<Web.Reviews.ReviewListView>("/api/reviews"))!.Total);
    }

    [Fact]
    public async Task A_date_that_is_no_date_is_named_as_such_against_its_first_box()
    {
        var (driver, id) = await SentAsync();
        var page = await driver.OpenAsync($"/reviews/{id}/deadline");

        var response = await driver.SubmitAsync(page, "form[action$='/deadline']", new Dictionary<string, string> { ["deadline-day"] = "31", ["deadline-month"] = "2" }, ("action", "confirm"));
        var refused = await PageDriver.ParseAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(("#deadline-day", "New deadline must be a real date, for example 8 1 2027"), Assert.Single(PageDriver.Errors(refused)));
        Assert.Equal("31", refused.QuerySelector<IHtmlInputElement>("#deadline-day")!.Value);
    }

    [Fact]
    public async Task Opening_every_page_changes_nothing()
    {
        var (driver, id) = await SentAsync();
        var before = await VersionAsync(id);

        foreach (var path in new[] { "/", $"/reviews/{id}", $"/reviews/{id}/deadline", $"/reviews/{id}/meeting-date", $"/reviews/{id}/close", $"/reviews/{id}/reopen",
            $"/reviews/{id}/questions/new", $"/reviews/{id}/questions/Q1/withdraw", $"/reviews/{id}/assignments/A1/reassign", $"/reviews/{id}/assignments/A1/late-answer" })
        {
            await driver.OpenAsync(path);
        }

        Assert.Equal(before, await VersionAsync(id));
    }

    [Fact]
    public async Task The_dashboard_shows_each_review_with_its_progress_and_what_needs_her()
    {
        var empty = await Driver().OpenAsync("/");
        Assert.Contains("There are no reviews yet", empty.QuerySelector("#no-reviews")!.TextContent, StringComparison.Ordinal);
        var (driver, id) = await SentAsync();
        var (_, draftId, _) = await StartedAsync();
        await world.App.RunRunnerAsync();
        var link = world.App.LinkFor(AssuranceReviewScenario.Tom, "How do we assess the needs of homeless 16 and 17 year olds?");
        Assert.Equal(HttpStatusCode.SeeOther, (await world.App.AnswerAsync(link, "How do we assess the needs of homeless 16 and 17 year olds?", "Within ten working days.")).StatusCode);

        var dashboard = await driver.OpenAsync("/");

        var rows = dashboard.QuerySelectorAll("tbody tr");
        Assert.Equal(2, rows.Length);
        var sent = rows.Single(r => r.QuerySelector($"a[href='/reviews/{id}']") is not null);
        Assert.Equal("1", sent.QuerySelector("progress")!.GetAttribute("value"));
        Assert.Equal("1 of 3", sent.QuerySelector("label")!.TextContent);
        var draft = rows.Single(r => r.QuerySelector($"a[href='/reviews/{draftId}']") is not null);
        Assert.Equal("Check the questions and send them", draft.QuerySelector($"a[href='/reviews/{draftId}/draft']")!.TextContent);
        Assert.Contains("Friday 8 January 2027", sent.TextContent, StringComparison.Ordinal);
    }
}
