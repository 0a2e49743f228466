using System.Net;
using System.Net.Http.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using ScrutinyWorkflow.Web.Tests.ReviewPages;

namespace ScrutinyWorkflow.Web.Tests.DecisionPages;

/// <summary>
/// Recording a month's Ombudsman decisions through the real host, as a browser posts the pages: statements uploaded,
/// pasted or entered by hand, every field checked on the check page, and the review created; every refusal shown
/// against its field with nothing created.
/// </summary>
public sealed class RecordDecisionsPagesTests : IAsyncLifetime
{
    private const string New = "form[action='/reviews/decisions/new']";
    private const string Check = "form[action='/reviews/decisions/check']";
    private const string Officer = "daniel.byrne@council.example";

    private readonly TestWorld world = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await world.DisposeAsync();

    private PageDriver Driver() => new(world.App.Browser());

    internal static string Sample(string name) =>
        Path.Combine(ScrutinyApplication.RepositoryRoot(), "tests", "ScrutinyWorkflow.Documents.Tests", "TestData", "decisions", name);

    /// <summary>The month, panel and dates, as typed on the first page (the clock is Monday 14 December 2026).</summary>
    internal static Dictionary<string, string> Panel() => new()
    {
        ["month-month"] = "11",
        ["month-year"] = "2026",
        ["panel-name"] = "Audit and Governance Panel",
        ["panel-email"] = "audit.panel@council.example",
        ["meeting-day"] = "20",
        ["meeting-month"] = "1",
        ["meeting-year"] = "2027",
        ["deadline-day"] = "8",
        ["deadline-month"] = "1",
        ["deadline-year"] = "2027",
    };

    /// <summary>The radios the page has checked, which the driver (made for pages without them) does not send itself.</summary>
    private static Dictionary<string, string> WithRadios(IDocument page, Dictionary<string, string>? changes = null)
    {
        var fields = page.QuerySelectorAll<IHtmlInputElement>("input[type=radio]:checked").ToDictionary(r => r.Name!, r => r.Value);
        foreach (var (name, value) in changes ?? [])
        {
            fields[name] = value;
        }
        return fields;
    }

    private async Task<int> ReviewCountAsync() =>
        (await world.App.CreateClient().GetFromJsonAsync<Web.Reviews.ReviewListView>("/api/reviews"))!.Total;

    private async Task<(PageDriver Driver, IHtmlDocument Page, HttpResponseMessage Response)> UploadAsync(string sample, Dictionary<string, string>? fields = null)
    {
        var driver = Driver();
        var form = await driver.OpenAsync("/reviews/decisions/new");
        var response = await driver.SubmitAsync(form, New, fields ?? Panel(), file: ("file", Path.GetFileName(sample), await File.ReadAllBytesAsync(sample)));
        return (driver, await PageDriver.ParseAsync(response), response);
    }

    /// <summary>Create answers 303 to the new review's page, which shows a review not yet sent as its draft.</summary>
    private static async Task<(string Id, IHtmlDocument Page)> OpenReviewAsync(PageDriver driver, HttpResponseMessage created)
    {
        var body = await created.Content.ReadAsStringAsync();
        Assert.True(created.StatusCode == HttpStatusCode.SeeOther, $"Expected 303 See Other, got {created.StatusCode}: {body[..Math.Min(body.Length, 3000)]}");
        var location = created.Headers.Location!.OriginalString;
        Assert.Matches("^/reviews/rv-[0-9a-f]{12}$", location);
        var review = await driver.Client.GetAsync(location);
        Assert.Equal(HttpStatusCode.SeeOther, review.StatusCode);
        Assert.Equal(location + "/draft", review.Headers.Location!.OriginalString);
        return (location.Split('/')[2], await driver.OpenAsync(location + "/draft"));
    }

    [Fact]
    public async Task An_uploaded_statement_is_shown_field_by_field_to_check_and_creating_leads_to_the_new_review()
    {
        var (driver, check, response) = await UploadAsync(Sample("adult-care.reportlab.pdf"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Check the month's decisions", check.QuerySelector("h1")!.TextContent);
        Assert.Equal("23 012 345", check.QuerySelector<IHtmlInputElement>("#d0-reference")!.Value);
        Assert.Equal(("12", "3", "2024"), (check.QuerySelector<IHtmlInputElement>("#d0-date-day")!.Value, check.QuerySelector<IHtmlInputElement>("#d0-date-month")!.Value,
            check.QuerySelector<IHtmlInputElement>("#d0-date-year")!.Value));
        Assert.Equal("UpheldWithInjustice", check.QuerySelector<IHtmlInputElement>("input[name='d0-finding']:checked")!.Value);
        Assert.Equal("Adult care services", check.QuerySelector<IHtmlInputElement>("#d0-category")!.Value);
        Assert.Equal(5, check.QuerySelectorAll("[id$=remedy]").Count(e => e.Id!.StartsWith("d0-m", StringComparison.Ordinal)));
        Assert.Contains("adult-care.reportlab.pdf", check.QuerySelector("#d0-source")!.TextContent, StringComparison.Ordinal);
        // The month and panel typed on the first page come with it.
        Assert.Equal("Audit and Governance Panel", check.QuerySelector<IHtmlInputElement>("#panel-name")!.Value);

        var created = await driver.SubmitAsync(check, Check, WithRadios(check, new() { ["d0-officer"] = Officer }), ("action", "create"));

        var (id, review) = await OpenReviewAsync(driver, created);
        Assert.StartsWith("rv-", id, StringComparison.Ordinal);
        Assert.Equal("draft", (await world.App.GetReviewAsync(id)).Status);
        Assert.NotNull(review.QuerySelector("h1"));
        Assert.Equal(1, await ReviewCountAsync());
    }

    [Fact]
    public async Task A_category_guessed_from_the_statements_words_is_marked_Check_this_with_its_reason()
    {
        var (_, check, _) = await UploadAsync(Sample("adult-care.reportlab.pdf"));

        var hint = check.QuerySelector("#d0-category-hint")!;
        Assert.Equal("Check this", hint.QuerySelector(".govuk-tag--orange")!.TextContent);
        Assert.True(hint.TextContent.Replace("Check this", "", StringComparison.Ordinal).Trim().Length > 10, hint.TextContent);
        Assert.Contains("d0-category-hint", check.QuerySelector("#d0-category")!.GetAttribute("aria-describedby"), StringComparison.Ordinal);
        Assert.NotNull(check.QuerySelector("#decision-0 .govuk-summary-card__title .govuk-tag--orange"));
        // A field that read cleanly is not marked.
        Assert.Null(check.QuerySelector("#d0-reference-hint"));
    }

    [Fact]
    public async Task Pasted_statements_one_after_another_are_each_a_decision_to_check()
    {
        var driver = Driver();
        var form = await driver.OpenAsync("/reviews/decisions/new");
        var pasted = await File.ReadAllTextAsync(Sample("council-tax.pasted.txt")) + "\n\n" + await File.ReadAllTextAsync(Sample("home-care.pasted.txt"));
        var fields = Panel();
        fields["pasted"] = pasted;

        var check = await PageDriver.ParseAsync(await driver.SubmitAsync(form, New, fields));

        Assert.Equal(["24 007 552", "24 001 650"], check.QuerySelectorAll<IHtmlInputElement>("input[id$='-reference']").Select(i => i.Value));
        Assert.Equal("Premature", check.QuerySelector<IHtmlInputElement>("input[name='d0-finding']:checked")!.Value);
        Assert.Equal("2", check.QuerySelector<IHtmlInputElement>("input[name=decisions]")!.Value);

        var created = await driver.SubmitAsync(check, Check, WithRadios(check, new() { ["d1-officer"] = Officer }), ("action", "create"));

        Assert.Equal(HttpStatusCode.SeeOther, created.StatusCode);
        Assert.Equal(1, await ReviewCountAsync());
    }

    [Fact]
    public async Task A_month_without_statements_is_entered_by_hand_with_its_remedies()
    {
        var driver = Driver();
        var form = await driver.OpenAsync("/reviews/decisions/new");
        var check = await PageDriver.ParseAsync(await driver.SubmitAsync(form, New, Panel()));
        Assert.Equal("1", check.QuerySelector<IHtmlInputElement>("input[name=decisions]")!.Value);
        Assert.Equal("", check.QuerySelector<IHtmlInputElement>("#d0-reference")!.Value);
        Assert.Contains("Entered by hand", check.QuerySelector("#d0-source")!.TextContent, StringComparison.Ordinal);

        var typed = new Dictionary<string, string>
        {
            ["d0-reference"] = "26 004 321",
            ["d0-date-day"] = "12",
            ["d0-date-month"] = "11",
            ["d0-date-year"] = "2026",
            ["d0-category"] = "Housing > Homelessness",
            ["d0-finding"] = "UpheldWithInjustice",
            ["d0-summary"] = "The Council delayed deciding Ms X's homelessness application.",
            ["d0-officer"] = "owen.price@council.example",
        };
        var withRemedy = await PageDriver.ParseAsync(await driver.SubmitAsync(check, Check, typed, ("action", "add-remedy-d0")));
        Assert.Equal("26 004 321", withRemedy.QuerySelector<IHtmlInputElement>("#d0-reference")!.Value);
        Assert.Equal("UpheldWithInjustice", withRemedy.QuerySelector<IHtmlInputElement>("input[name='d0-finding']:checked")!.Value);
        Assert.NotNull(withRemedy.QuerySelector("#d0-m0-text"));

        var created = await driver.SubmitAsync(withRemedy, Check, WithRadios(withRemedy, new()
        {
            ["d0-m0-kind"] = "FinancialRedress",
            ["d0-m0-text"] = "Pay Ms X £300 for the distress caused.",
            ["d0-m0-amount"] = "£300",
            ["d0-m0-due-day"] = "12",
            ["d0-m0-due-month"] = "12",
            ["d0-m0-due-year"] = "2026",
        }), ("action", "create"));

        var (id, _) = await OpenReviewAsync(driver, created);
        Assert.Equal("draft", (await world.App.GetReviewAsync(id)).Status);
    }

    [Fact]
    public async Task A_decision_can_be_added_and_removed_before_anything_is_created()
    {
        var (driver, check, _) = await UploadAsync(Sample("adult-care.reportlab.pdf"));

        var added = await PageDriver.ParseAsync(await driver.SubmitAsync(check, Check, WithRadios(check), ("action", "add-decision")));
        Assert.Equal("2", added.QuerySelector<IHtmlInputElement>("input[name=decisions]")!.Value);
        Assert.Equal("23 012 345", added.QuerySelector<IHtmlInputElement>("#d0-reference")!.Value);

        var removed = await PageDriver.ParseAsync(await driver.SubmitAsync(added, Check, WithRadios(added), ("action", "remove-d0")));
        Assert.Equal("1", removed.QuerySelector<IHtmlInputElement>("input[name=decisions]")!.Value);
        Assert.Equal("", removed.QuerySelector<IHtmlInputElement>("#d0-reference")!.Value);

        var remedyRemoved = await PageDriver.ParseAsync(await driver.SubmitAsync(check, Check, WithRadios(check), ("action", "remove-d0-m1")));
        Assert.Equal("4", remedyRemoved.QuerySelector<IHtmlInputElement>("input[name='d0-remedies']")!.Value);
        Assert.Equal(0, await ReviewCountAsync());
    }

    [Fact]
    public async Task The_services_officer_is_found_in_the_directory_and_chosen()
    {
        var (driver, check, _) = await UploadAsync(Sample("adult-care.reportlab.pdf"));

        var found = await PageDriver.ParseAsync(await driver.SubmitAsync(check, Check, WithRadios(check, new() { ["d0-officer"] = "Daniel" }), ("action", "search-d0")));
        Assert.NotNull(found.QuerySelector($"button[name=pick][value='d0|{Officer}']"));

        var picked = await PageDriver.ParseAsync(await driver.SubmitAsync(found, Check, WithRadios(found), ("pick", $"d0|{Officer}")));
        Assert.Equal(Officer, picked.QuerySelector<IHtmlInputElement>("#d0-officer")!.Value);
    }

    [Fact]
    public async Task The_routing_rules_propose_the_officer_from_the_category_and_say_which_rule()
    {
        world.Settings["Scrutiny:Routing:RulesPath"] = Path.Combine(ScrutinyApplication.RepositoryRoot(), "samples", "routing-rules.json");

        var (_, check, _) = await UploadAsync(Sample("allocations.handwritten.html"));

        Assert.Equal("owen.price@council.example", check.QuerySelector<IHtmlInputElement>("#d0-officer")!.Value);
        Assert.Contains("\u201cHousing\u201d", check.QuerySelector("#d0-officer-hint")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_deciders_problems_come_back_against_their_fields_with_everything_kept()
    {
        var (driver, check, _) = await UploadAsync(Sample("adult-care.reportlab.pdf"), []);

        var response = await driver.SubmitAsync(check, Check, WithRadios(check), ("action", "create"));
        var refused = await PageDriver.ParseAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("Error: Check the month's decisions", refused.Title, StringComparison.Ordinal);
        var hrefs = PageDriver.Errors(refused).Select(e => e.Href).ToList();
        Assert.Contains("#panel-name", hrefs);
        Assert.Contains("#panel-email", hrefs);
        Assert.Contains("#meeting-day", hrefs);
        Assert.Contains("#d0-officer", hrefs);
        Assert.Contains(PageDriver.Errors(refused), e => e.Text == "Enter the panel meeting date");
        // In the order of the page, and what was read still there.
        Assert.True(hrefs.IndexOf("#panel-name") < hrefs.IndexOf("#d0-officer"));
        Assert.Equal("23 012 345", refused.QuerySelector<IHtmlInputElement>("#d0-reference")!.Value);
        Assert.Equal(0, await ReviewCountAsync());
    }

    [Fact]
    public async Task Boxes_that_make_no_date_and_an_amount_that_is_no_amount_are_named_before_anything_is_created()
    {
        var (driver, check, _) = await UploadAsync(Sample("adult-care.reportlab.pdf"));

        var response = await driver.SubmitAsync(check, Check, WithRadios(check, new() { ["d0-officer"] = Officer, ["d0-date-day"] = "31", ["d0-date-month"] = "2", ["d0-m2-amount"] = "a lot" }),
            ("action", "create"));
        var refused = await PageDriver.ParseAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["#d0-date-day", "#d0-m2-amount"], PageDriver.Errors(refused).Select(e => e.Href));
        Assert.Equal("a lot", refused.QuerySelector<IHtmlInputElement>("#d0-m2-amount")!.Value);
        Assert.Equal(0, await ReviewCountAsync());
    }

    // ---- Hostile input ----

    [Fact]
    public async Task An_upload_larger_than_the_limit_is_refused_against_the_file_and_nothing_is_read()
    {
        world.Settings["Scrutiny:MaxUploadBytes"] = "4096";

        var (_, page, response) = await UploadAsync(Sample("adult-care.reportlab.pdf"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("Record the month's decisions", page.QuerySelector("h1")!.TextContent);
        var error = Assert.Single(PageDriver.Errors(page));
        Assert.Equal("#file", error.Href);
        Assert.StartsWith("The file is larger than", error.Text, StringComparison.Ordinal);
        Assert.Equal("Audit and Governance Panel", page.QuerySelector<IHtmlInputElement>("#panel-name")!.Value);
        Assert.Equal(0, await ReviewCountAsync());
    }

    [Fact]
    public async Task A_file_that_is_not_a_decision_statement_is_refused_against_the_file()
    {
        var focusReport = Path.Combine(ScrutinyApplication.RepositoryRoot(), "samples", "reports", "children-in-care.pdf");

        var (_, page, response) = await UploadAsync(focusReport);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = Assert.Single(PageDriver.Errors(page));
        Assert.Equal("#file", error.Href);
        Assert.Contains("file-error", page.QuerySelector("#file")!.GetAttribute("aria-describedby"), StringComparison.Ordinal);
        Assert.Equal(0, await ReviewCountAsync());
    }

    [Fact]
    public async Task Pasted_text_that_is_not_a_decision_statement_is_refused_against_the_paste_and_kept()
    {
        var driver = Driver();
        var form = await driver.OpenAsync("/reviews/decisions/new");
        var fields = Panel();
        fields["pasted"] = "Dear colleagues, the agenda for Thursday is attached.";

        var response = await driver.SubmitAsync(form, New, fields);
        var page = await PageDriver.ParseAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("#pasted", Assert.Single(PageDriver.Errors(page)).Href);
        Assert.Equal(fields["pasted"], page.QuerySelector<IHtmlTextAreaElement>("#pasted")!.Value);
    }

    [Fact]
    public async Task An_upload_read_before_the_page_came_back_with_an_error_is_kept_and_not_asked_for_again()
    {
        var fields = Panel();
        fields["pasted"] = "Dear colleagues, the agenda for Thursday is attached.";
        var (driver, refused, response) = await UploadAsync(Sample("adult-care.reportlab.pdf"), fields);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("adult-care.reportlab.pdf", refused.QuerySelector("#kept-decisions")!.TextContent, StringComparison.Ordinal);

        var check = await PageDriver.ParseAsync(await driver.SubmitAsync(refused, New, new Dictionary<string, string> { ["pasted"] = "" }));

        Assert.Equal("23 012 345", check.QuerySelector<IHtmlInputElement>("#d0-reference")!.Value);
        Assert.Equal("1", check.QuerySelector<IHtmlInputElement>("input[name=decisions]")!.Value);
    }

    [Fact]
    public async Task A_kept_upload_that_was_altered_is_refused_and_asked_for_again()
    {
        var driver = Driver();
        var form = await driver.OpenAsync("/reviews/decisions/new");
        var fields = Panel();
        fields["kept-decisions"] = "forged";

        var response = await driver.SubmitAsync(form, New, fields);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("#file", Assert.Single(PageDriver.Errors(await PageDriver.ParseAsync(response))).Href);
    }

    [Fact]
    public async Task Script_typed_into_a_summary_is_shown_back_as_text()
    {
        const string Script = "<script>alert('x')</script><img src=x onerror=alert(1)>";
        var driver = Driver();
        var form = await driver.OpenAsync("/reviews/decisions/new");
        var check = await PageDriver.ParseAsync(await driver.SubmitAsync(form, New, Panel()));

        var response = await driver.SubmitAsync(check, Check, new Dictionary<string, string> { ["d0-summary"] = Script, ["d0-reference"] = "<b>26 001</b>" }, ("action", "add-remedy-d0"));
        var html = await response.Content.ReadAsStringAsync();
        var page = await PageDriver.ParseAsync(response);

        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img src=x", html, StringComparison.Ordinal);
        Assert.Equal(Script, page.QuerySelector<IHtmlTextAreaElement>("#d0-summary")!.Value);
        Assert.Empty(page.QuerySelectorAll("#decision-0 script, #decision-0 img, #decision-0 b"));
        Assert.Contains("<b>26 001</b>", page.QuerySelector("#decision-0 h3")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_check_form_without_its_antiforgery_token_creates_nothing()
    {
        var (driver, check, _) = await UploadAsync(Sample("adult-care.reportlab.pdf"));
        var fields = check.QuerySelectorAll<IHtmlInputElement>($"{Check} input[type=hidden], {Check} input[type=text], {Check} input[type=email]")
            .Where(i => i.Name != "__RequestVerificationToken")
            .Select(i => KeyValuePair.Create(i.Name!, i.Value)).ToList();
        fields.Add(KeyValuePair.Create("d0-officer", Officer));
        fields.Add(KeyValuePair.Create("action", "create"));

        var response = await driver.Client.PostAsync("/reviews/decisions/check", new FormUrlEncodedContent(fields));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await PageDriver.ParseAsync(response);
        Assert.Equal("This form had expired or did not come from this service, so nothing was created.", Assert.Single(PageDriver.Errors(page)).Text);
        Assert.Equal(0, await ReviewCountAsync());
    }

    [Fact]
    public async Task An_upload_without_its_antiforgery_token_reads_nothing()
    {
        var driver = Driver();
        await driver.OpenAsync("/reviews/decisions/new");
        var multipart = new MultipartFormDataContent
        {
            { new ByteArrayContent(await File.ReadAllBytesAsync(Sample("planning.md"))), "file", "planning.md" },
            { new StringContent("Audit and Governance Panel"), "panel-name" },
        };

        var response = await driver.Client.PostAsync("/reviews/decisions/new", multipart);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("The form had expired", (await PageDriver.ParseAsync(response)).QuerySelector("h1")!.TextContent);
    }
}
