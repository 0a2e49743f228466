using System.Net;
using System.Net.Http.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using static ScrutinyWorkflow.Web.Tests.EndToEnd.AssuranceReviewScenario;

namespace ScrutinyWorkflow.Web.Tests.Responses;

/// <summary>
/// An officer's answer as the link page takes it: written, previewed, checked as the panel will read it, submitted
/// with a reference, amended, declined; and what the page says of questions closed, withdrawn or handed on.
/// </summary>
public sealed class AnswerFlowTests : IAsyncLifetime
{
    private readonly TestWorld world = new();
    private string reviewId = "";

    public async Task InitializeAsync()
    {
        reviewId = await CreateAndDispatchAsync(world.App);
        await SendRequestsAsync(world.App);
    }

    public async Task DisposeAsync() => await world.DisposeAsync();

    private static async Task<IHtmlDocument> ParseAsync(HttpResponseMessage response) =>
        new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());

    private async Task<int> EventCountAsync() =>
        (await world.App.CreateClient().GetFromJsonAsync<List<Web.Reviews.AuditEntry>>($"/api/reviews/{reviewId}/events"))!.Count;

    /// <summary>Posts the one form on a page (the check page's), with its hidden fields as they are.</summary>
    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient browser, IDocument page, string path)
    {
        var form = page.QuerySelector("main form")!;
        var fields = form.QuerySelectorAll("input[type=hidden]").ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? "");
        fields["action"] = form.QuerySelector("button")!.GetAttribute("value")!;
        return await browser.PostAsync(path, new FormUrlEncodedContent(fields));
    }

    private async Task<(HttpClient Browser, IHtmlDocument Page)> ContinueAsync(Uri link, string question, string text)
    {
        var response = await world.App.AnswerAsync(link, question, text, "check");
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        var check = response.Headers.Location!.OriginalString;
        Assert.StartsWith(link.AbsolutePath + "/check/", check, StringComparison.Ordinal);
        var browser = world.App.Browser();
        var page = await browser.GetAsync(check);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        return (browser, await ParseAsync(page));
    }

    [Fact]
    public async Task Continue_shows_the_answer_as_the_panel_will_read_it_and_submit_gives_a_reference_that_changes_with_each_amendment()
    {
        var link = world.App.LinkFor(Tom, Q2);
        var before = await EventCountAsync();

        var (browser, check) = await ContinueAsync(link, Q2, "We refer **every** young person.\n\n- Housing advice\n- A joint assessment");

        Assert.StartsWith("Check your answer to question 2", check.Title, StringComparison.Ordinal);
        var shown = check.QuerySelector("#checked-answer")!;
        Assert.Equal("every", shown.QuerySelector("strong")!.TextContent);
        Assert.Equal(["Housing advice", "A joint assessment"], shown.QuerySelectorAll("li").Select(li => li.TextContent));
        Assert.Equal("requested", (await world.App.GetReviewAsync(reviewId)).Assignments.Single(a => a.Question == Q2).State);
        Assert.Equal(before + 1, await EventCountAsync());   // the draft it was checked from, and nothing more

        var submitted = await PostFormAsync(browser, check, link.PathAndQuery);
        Assert.Equal(HttpStatusCode.SeeOther, submitted.StatusCode);
        var confirmation = await ParseAsync(await browser.GetAsync(submitted.Headers.Location!.OriginalString));
        Assert.Equal("Answer submitted", confirmation.QuerySelector(".govuk-panel__title")!.TextContent);
        Assert.Equal($"{reviewId}-Q2-1".ToUpperInvariant(), confirmation.QuerySelector("#reference")!.TextContent);
        Assert.Equal("answered", (await world.App.GetReviewAsync(reviewId)).Assignments.Single(a => a.Question == Q2).State);

        var (again, amendment) = await ContinueAsync(link, Q2, "We refer every young person, the same day.");
        Assert.Equal("Submit amended answer", amendment.QuerySelector("main form button")!.TextContent);
        var amended = await ParseAsync(await again.GetAsync((await PostFormAsync(again, amendment, link.PathAndQuery)).Headers.Location!.OriginalString));
        Assert.Equal("Amended answer submitted", amended.QuerySelector(".govuk-panel__title")!.TextContent);
        Assert.Equal($"{reviewId}-Q2-2".ToUpperInvariant(), amended.QuerySelector("#reference")!.TextContent);
    }

    [Fact]
    public async Task A_preview_shows_formatting_and_never_runs_script_html_or_svg_from_the_answer()
    {
        var link = world.App.LinkFor(Tom, Q2);
        const string Hostile = "<script>alert('a')</script>\n\n<svg onload=\"alert('b')\"><circle r=\"9\"/></svg>\n\n<img src=x onerror=alert('c')>\n\n**Safe** and [a link](javascript:alert('d'))";

        var response = await world.App.AnswerAsync(link, Q2, Hostile, "preview");

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.Contains("preview=", location, StringComparison.Ordinal);
        var page = await ParseAsync(await world.App.CreateClient().GetAsync(location));
        var preview = page.QuerySelector("[id^=preview-]")!;
        Assert.Equal("Safe", preview.QuerySelector("strong")!.TextContent);
        Assert.Empty(preview.QuerySelectorAll("script, svg, img, [onload], [onerror], a[href^=javascript]"));
        Assert.DoesNotContain(page.Scripts, s => s.Source is null || s.TextContent.Contains("alert", StringComparison.Ordinal));
        Assert.Equal(Hostile, page.QuerySelector("textarea[name=answer]")!.TextContent.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Opening_check_and_preview_addresses_changes_nothing_and_a_check_with_nothing_saved_goes_back_to_the_question()
    {
        var link = world.App.LinkFor(Tom, Q2);
        var page = new HtmlParser().ParseDocument(await world.App.CreateClient().GetStringAsync(link.PathAndQuery));
        var assignment = page.QuerySelector("input[name=assignment]")!.GetAttribute("value");
        var before = await EventCountAsync();

        var check = await world.App.Browser().GetAsync($"{link.AbsolutePath}/check/{assignment}");
        var preview = await world.App.Browser().GetAsync($"{link.AbsolutePath}?preview={assignment}");

        Assert.Equal(HttpStatusCode.Redirect, check.StatusCode);
        Assert.Equal($"{link.AbsolutePath}#q-{assignment}", check.Headers.Location!.OriginalString);
        Assert.Empty((await ParseAsync(preview)).QuerySelectorAll("[id^=preview-]"));
        Assert.Equal(before, await EventCountAsync());
    }

    [Fact]
    public async Task Continuing_with_no_answer_is_an_error_linked_to_the_box_in_the_summary_the_title_and_the_field()
    {
        var link = world.App.LinkFor(Tom, Q2);

        var response = await world.App.AnswerAsync(link, Q2, "  ", "check");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await ParseAsync(response);
        Assert.StartsWith("Error: ", page.Title, StringComparison.Ordinal);
        var link2 = page.QuerySelector(".govuk-error-summary a")!;
        Assert.Contains("Write an answer before continuing", link2.TextContent, StringComparison.Ordinal);
        var box = page.QuerySelector(link2.GetAttribute("href")!)!;
        Assert.Equal("answer", box.GetAttribute("name"));
        Assert.Contains("Write an answer before continuing", page.GetElementById(box.GetAttribute("aria-describedby")!.Split(' ')[1])!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Declining_without_a_reason_opens_the_form_again_with_the_error_at_the_reason()
    {
        var link = world.App.LinkFor(Tom, Q2);

        var response = await world.App.AnswerAsync(link, Q2, "", "decline", new() { ["colleague"] = "owen.price@council.example", ["reason"] = "" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await ParseAsync(response);
        var target = page.QuerySelector(page.QuerySelector(".govuk-error-summary a")!.GetAttribute("href")!)!;
        Assert.Equal("reason", target.GetAttribute("name"));
        Assert.True(target.Closest("details")!.HasAttribute("open"));
        Assert.Equal("owen.price@council.example", page.QuerySelector("input[name=colleague]")!.GetAttribute("value"));
    }

    [Fact]
    public async Task Autosave_answers_when_the_draft_was_saved_or_why_not_and_the_draft_is_on_the_page_next_time()
    {
        var link = world.App.LinkFor(Tom, Q2);

        var saved = await world.App.AnswerAsync(link, Q2, "Typed so far", "autosave");
        var unsigned = await world.App.Browser().PostAsync(link.PathAndQuery, new FormUrlEncodedContent(new Dictionary<string, string> { ["assignment"] = "A2", ["answer"] = "x", ["action"] = "autosave" }));

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var outcome = await saved.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        Assert.Equal("10:01", outcome.GetProperty("savedAt").GetString());
        // The question's tag as it now stands, for the page to show without loading again.
        Assert.Equal("Draft saved", outcome.GetProperty("state").GetProperty("tag").GetString());
        Assert.Equal("govuk-tag--yellow", outcome.GetProperty("state").GetProperty("tagClass").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, unsigned.StatusCode);
        Assert.Contains("expired", (await unsigned.Content.ReadFromJsonAsync<Dictionary<string, string?>>())!["error"], StringComparison.Ordinal);
        var page = new HtmlParser().ParseDocument(await world.App.CreateClient().GetStringAsync(link.PathAndQuery));
        Assert.Equal("Typed so far", page.QuerySelector("textarea[name=answer]")!.TextContent);
        Assert.Equal("Draft saved: not yet submitted", page.QuerySelector("section.question .app-state")!.TextContent);
    }

    [Fact]
    public async Task A_manager_never_sees_the_officers_draft_even_on_the_check_address()
    {
        await world.App.AnswerAsync(world.App.LinkFor(Tom, Q4), Q4, "Tom's private notes", "check");
        await world.App.AtAsync(Uk(2027, 1, 8, 9, 5));
        var managerLink = world.App.LinkFor(Head, Q4);
        var page = new HtmlParser().ParseDocument(await world.App.CreateClient().GetStringAsync(managerLink.PathAndQuery));
        var section = page.QuerySelectorAll("section.question").First(s => s.QuerySelector("h2")!.TextContent == Q4);
        var assignment = section.QuerySelector("input[name=assignment]")!.GetAttribute("value");

        var check = await world.App.Browser().GetAsync($"{managerLink.AbsolutePath}/check/{assignment}");

        Assert.Equal(HttpStatusCode.Redirect, check.StatusCode);
        Assert.Equal("", section.QuerySelector("textarea[name=answer]")!.TextContent);
        Assert.DoesNotContain("private notes", page.DocumentElement.OuterHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_withdrawn_question_and_a_declined_one_say_so_without_a_form_and_the_link_with_nothing_left_is_gone()
    {
        var link = world.App.LinkFor(Zoe, Q6);
        var declined = await world.App.AnswerAsync(link, Q7, "", "decline", new() { ["reason"] = "Contact reviews are the IRO service's." });
        Assert.Equal(HttpStatusCode.SeeOther, declined.StatusCode);
        var withdrawn = await world.App.CreateClient().PostAsJsonAsync($"/api/reviews/{reviewId}/questions/Q6/withdraw", new { reason = "Covered by the last review" });
        Assert.Equal(HttpStatusCode.Accepted, withdrawn.StatusCode);

        var response = await world.App.CreateClient().GetAsync(link.PathAndQuery);

        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
        var page = await ParseAsync(response);
        Assert.Empty(page.QuerySelectorAll("form"));
        Assert.Equal(
            // A withdrawn question is no longer in the review's order, so it comes last.
            [(Q7, "You said this is not for you: the scrutiny team has been told"), (Q6, "Withdrawn from the review: no answer needed")],
            page.QuerySelectorAll("section.question").Select(s => (s.QuerySelector("h2")!.TextContent, s.QuerySelector(".app-state")!.TextContent)));
        Assert.Contains("no longer accepts answers", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_question_says_its_area_deadline_who_else_was_asked_and_how_to_reach_the_scrutiny_team_under_the_strict_policy()
    {
        var response = await world.App.CreateClient().GetAsync(world.App.LinkFor(Head, Q1).PathAndQuery);
        var page = await ParseAsync(response);

        var first = page.QuerySelector("section.question")!;
        var facts = first.QuerySelectorAll(".govuk-summary-list__row").ToDictionary(r => r.QuerySelector("dt")!.TextContent, r => r.QuerySelector("dd")!.TextContent);
        Assert.Equal("Accommodation for 16 and 17 year olds", facts["Area of focus"]);
        Assert.Equal("Friday 8 January 2027", facts["Answer by"]);
        Assert.StartsWith("Children's Services Data Team", facts["Also asked"], StringComparison.Ordinal);
        Assert.Equal(Q1, page.QuerySelector($"label[for='{first.QuerySelector("textarea")!.Id}']")!.TextContent);
        Assert.Contains(page.QuerySelectorAll("main a[href^=mailto]"), a => a.GetAttribute("href") == "mailto:scrutiny@council.example");
        Assert.Equal("/autosave.js", page.Scripts[^1].Source);
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("style-src 'self';", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
        Assert.Empty(page.QuerySelectorAll("style, [style]"));
    }
}
