using System.Net;
using System.Net.Http.Json;
using static ScrutinyWorkflow.Web.Tests.EndToEnd.AssuranceReviewScenario;

namespace ScrutinyWorkflow.Web.Tests.Responses;

public sealed class ResponsePageTests : IAsyncLifetime
{
    private readonly TestWorld world = new();
    private string reviewId = "";

    public async Task InitializeAsync()
    {
        reviewId = await CreateAndDispatchAsync(world.App);
        await SendRequestsAsync(world.App);
    }

    public async Task DisposeAsync() => await world.DisposeAsync();

    private async Task<int> EventCountAsync() =>
        (await world.App.CreateClient().GetFromJsonAsync<List<Web.Reviews.AuditEntry>>($"/api/reviews/{reviewId}/events"))!.Count;

    [Fact]
    public async Task Opening_a_link_the_way_a_mail_scanner_does_changes_nothing()
    {
        var link = world.App.LinkFor(Tom, Q2);
        var before = await EventCountAsync();

        for (var i = 0; i < 3; i++)
        {
            var page = await world.App.CreateClient().GetAsync(link.PathAndQuery);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains(Q2, WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync()), StringComparison.Ordinal);
            Assert.Equal("no-referrer", page.Headers.GetValues("Referrer-Policy").Single());
            Assert.True(page.Headers.CacheControl!.NoStore);
        }

        Assert.Equal(before, await EventCountAsync());
    }

    [Fact]
    public async Task Each_answer_box_says_which_formatting_the_statement_keeps()
    {
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await world.App.CreateClient().GetStringAsync(world.App.LinkFor(Tom, Q2).PathAndQuery));

        var box = page.QuerySelectorAll("textarea[name=answer]")[0];
        Assert.Equal(Web.Responses.ResponsePages.FormattingHint, page.GetElementById(box.GetAttribute("aria-describedby")!)!.TextContent);
    }

    [Fact]
    public async Task A_forged_or_mangled_link_is_not_recognised()
    {
        var real = world.App.LinkFor(Tom, Q2).AbsolutePath;
        var forged = real[..^4] + (real.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");

        foreach (var path in new[] { forged, "/respond/short", "/respond/" + new string('a', 43) })
        {
            var response = await world.App.CreateClient().GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Contains("not recognised", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_post_without_the_forms_antiforgery_token_saves_nothing_and_gives_the_text_back()
    {
        var link = world.App.LinkFor(Tom, Q2);
        var before = await EventCountAsync();

        var response = await world.App.Browser().PostAsync(link.PathAndQuery,
            new FormUrlEncodedContent(new Dictionary<string, string> { ["answer"] = "My careful answer", ["action"] = "submit" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("nothing was saved", page, StringComparison.Ordinal);
        Assert.Contains(">My careful answer</textarea>", page, StringComparison.Ordinal);
        Assert.Equal(before, await EventCountAsync());
    }

    [Fact]
    public async Task An_answer_too_large_to_read_gets_a_page_saying_nothing_was_saved()
    {
        var link = world.App.LinkFor(Tom, Q2);
        var before = await EventCountAsync();

        var response = await world.App.AnswerAsync(link, Q2, new string('a', 5 * 1024 * 1024));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("nothing was saved", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await EventCountAsync());
        Assert.Equal(HttpStatusCode.SeeOther, (await world.App.AnswerAsync(link, Q2, "A sensible answer.")).StatusCode);
    }

    [Fact]
    public async Task Script_in_an_answer_is_shown_as_text_never_run()
    {
        var link = world.App.LinkFor(Tom, Q2);
        await world.App.AnswerAsync(link, Q2, "<script>alert('pwned')</script>");

        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await world.App.CreateClient().GetStringAsync(link.PathAndQuery));

        Assert.DoesNotContain(page.Scripts, s => s.TextContent.Contains("alert", StringComparison.Ordinal));
        Assert.Equal("<script>alert('pwned')</script>", page.QuerySelector("textarea[name=answer]")!.TextContent);
    }

    [Fact]
    public async Task An_empty_submission_is_refused_on_the_page_and_a_draft_is_kept_for_later()
    {
        var link = world.App.LinkFor(Tom, Q2);

        var empty = await world.App.AnswerAsync(link, Q2, "   ");
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("Write an answer before continuing", await empty.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var draft = await world.App.AnswerAsync(link, Q2, "Half-written thoughts", "draft");
        Assert.Equal(HttpStatusCode.SeeOther, draft.StatusCode);
        Assert.Contains(">Half-written thoughts</textarea>", await world.App.CreateClient().GetStringAsync(link.PathAndQuery), StringComparison.Ordinal);
        Assert.Equal("requested", (await world.App.GetReviewAsync(reviewId)).Assignments.Single(a => a.Question == Q2).State);
    }

    [Fact]
    public async Task After_the_deadline_the_link_shows_the_question_is_closed_and_accepts_nothing()
    {
        var link = world.App.LinkFor(Tom, Q2);
        world.App.Clock.SetUtcNow(Uk(2027, 1, 9, 8));   // the timer has not even run yet

        var page = await world.App.CreateClient().GetAsync(link.PathAndQuery);
        Assert.Equal(HttpStatusCode.Gone, page.StatusCode);
        Assert.DoesNotContain("<form", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var before = await EventCountAsync();
        var late = await world.App.Browser().PostAsync(link.PathAndQuery, new FormUrlEncodedContent(new Dictionary<string, string> { ["answer"] = "Late", ["action"] = "submit" }));
        Assert.NotEqual(HttpStatusCode.SeeOther, late.StatusCode);
        Assert.Equal(before, await EventCountAsync());
    }

    [Fact]
    public async Task One_link_shows_every_question_of_the_officers_with_its_state_and_takes_each_answer_in_turn()
    {
        var link = world.App.LinkFor(Head, Q1);
        Assert.Equal(link, world.App.LinkFor(Head, Q8));

        Assert.Equal(HttpStatusCode.SeeOther, (await world.App.AnswerAsync(link, Q3, "We commission 40 supported places.")).StatusCode);
        Assert.Equal(HttpStatusCode.SeeOther, (await world.App.AnswerAsync(link, Q8, "Notes so far", "draft")).StatusCode);
        Assert.Equal(HttpStatusCode.SeeOther, (await world.App.AnswerAsync(world.App.LinkFor(Data, Q1), Q1, "Three this year.")).StatusCode);

        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await world.App.CreateClient().GetStringAsync(link.PathAndQuery));
        var states = page.QuerySelectorAll("section.question").Select(s => (s.QuerySelector("h2")!.TextContent, s.QuerySelector(".app-state")!.TextContent)).ToList();
        Assert.Equal(
            [
                (Q1, "Answered by Children's Services Data Team on 14 December 2026"),
                (Q3, "Answered by you on 14 December 2026"),
                (Q8, "Draft saved: not yet submitted"),
            ],
            states);
    }

    [Fact]
    public async Task A_co_officers_amendment_is_shown_as_theirs_beside_the_first_answer()
    {
        await world.App.AnswerAsync(world.App.LinkFor(Data, Q1), Q1, "Three this year.");
        world.App.Clock.SetUtcNow(Uk(2026, 12, 17, 10));
        await world.App.AnswerAsync(world.App.LinkFor(Head, Q1), Q1, "Three this year; none since October.");

        var page = await world.App.CreateClient().GetStringAsync(world.App.LinkFor(Data, Q1).PathAndQuery);

        Assert.Contains("Answered by you on 14 December 2026, amended by Siân Llewellyn on 17 December 2026", WebUtility.HtmlDecode(page), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_officer_can_say_a_question_is_not_for_them_and_the_team_can_hand_it_on_with_one_call()
    {
        var link = world.App.LinkFor(Tom, Q2);

        var declined = await world.App.AnswerAsync(link, Q2, "", "decline", new() { ["colleague"] = "owen.price@council.example", ["reason"] = "Housing options assess homeless 16 and 17 year olds." });
        Assert.Equal(HttpStatusCode.SeeOther, declined.StatusCode);
        await world.App.RunRunnerAsync();

        var notice = Assert.Single(world.App.Mailbox.List(), m => m.Subject.Contains("says a question is not for them", StringComparison.Ordinal));
        Assert.Contains("scrutiny@council.example", notice.To.Single(), StringComparison.Ordinal);
        Assert.Contains("Owen Price", notice.TextBody, StringComparison.Ordinal);
        var review = await world.App.GetReviewAsync(reviewId);
        var assignment = review.Assignments.Single(a => a.Question == Q2 && a.Officer == Tom);
        Assert.Equal("declined", assignment.State);

        var reassigned = await world.App.CreateClient().PostAsJsonAsync($"/api/reviews/{reviewId}/assignments/{assignment.Id}/reassign", new { reason = "As Tom suggested" });
        Assert.Equal(HttpStatusCode.Accepted, reassigned.StatusCode);
        await world.App.RunRunnerAsync();
        Assert.Contains(Q2, Assert.Single(world.App.Mailbox.List(), m => m.To.Single().Contains("owen.price@council.example", StringComparison.Ordinal)).TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Declining_to_a_colleague_named_by_their_job_title_without_accents_finds_them_in_the_directory()
    {
        var link = world.App.LinkFor(Tom, Q2);

        var declined = await world.App.AnswerAsync(link, Q2, "", "decline", new() { ["colleague"] = "homelessness", ["reason"] = "Housing options assess homeless 16 and 17 year olds." });

        Assert.Equal(HttpStatusCode.SeeOther, declined.StatusCode);
        var review = await world.App.GetReviewAsync(reviewId);
        Assert.Equal("declined", review.Assignments.Single(a => a.Question == Q2 && a.Officer == Tom).State);
        await world.App.RunRunnerAsync();
        Assert.Contains("Owen Price", Assert.Single(world.App.Mailbox.List(), m => m.Subject.Contains("says a question is not for them", StringComparison.Ordinal)).TextBody, StringComparison.Ordinal);
        // On the team's page the reason keeps its own full stop, with no second one before the suggestion.
        var reviewPage = WebUtility.HtmlDecode(await world.App.CreateClient().GetStringAsync($"/reviews/{reviewId}"));
        Assert.Contains("16 and 17 year olds.</span> They suggested Owen Price", reviewPage, StringComparison.Ordinal);
        Assert.DoesNotContain("..", reviewPage.Replace("...", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Declining_to_a_name_several_people_match_offers_them_to_choose_from_and_changes_nothing_yet()
    {
        var link = world.App.LinkFor(Tom, Q2);
        var before = await EventCountAsync();

        var response = await world.App.AnswerAsync(link, Q2, "", "decline", new() { ["colleague"] = "director", ["reason"] = "Not mine." });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        var choices = page.QuerySelectorAll("input[type=radio][name=colleague]").Select(r => r.GetAttribute("value")).ToList();
        Assert.Contains("aisha.rahman@council.example", choices);
        Assert.Contains("martin.kowalski@council.example", choices);
        Assert.Contains("More than one person matches", page.QuerySelector(".govuk-error-summary")?.TextContent, StringComparison.Ordinal);
        Assert.Equal("Not mine.", page.QuerySelector("textarea[name=reason]")?.TextContent);
        Assert.Equal(before, await EventCountAsync());
    }

    [Fact]
    public async Task Declining_to_a_name_nobody_has_says_so_on_the_colleague_field()
    {
        var link = world.App.LinkFor(Tom, Q2);

        var response = await world.App.AnswerAsync(link, Q2, "", "decline", new() { ["colleague"] = "astronaut", ["reason"] = "Not mine." });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        Assert.Contains("No one in the council's directory matches", page.QuerySelector(".govuk-error-message")?.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_officers_link_posting_another_officers_assignment_is_refused_and_changes_nothing()
    {
        // Tom's own form for Q2, its assignment field swapped for Zoe's Q6, as a hand-edited form would send it.
        var link = world.App.LinkFor(Tom, Q2);
        var zoes = new Dictionary<string, string>
        {
            ["assignment"] = (await world.App.GetReviewAsync(reviewId)).Assignments.Single(a => a.Question == Q6).Id,
            ["colleague"] = "owen.price@council.example",
            ["reason"] = "Not Zoe's either.",
        };
        var before = await EventCountAsync();

        foreach (var action in new[] { "draft", "autosave", "preview", "check", "submit", "decline" })
        {
            var refused = await world.App.AnswerAsync(link, Q2, "Zoe's question, answered from Tom's link.", action, zoes);
            Assert.True(refused.StatusCode == HttpStatusCode.BadRequest, $"{action} answered {refused.StatusCode}");
            Assert.Contains("not one of yours", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        Assert.Equal(before, await EventCountAsync());

        // Once Zoe has answered, the same form would be an amendment of her answer.
        Assert.Equal(HttpStatusCode.SeeOther, (await world.App.AnswerAsync(world.App.LinkFor(Zoe, Q6), Q6, "Yes, in every plan.")).StatusCode);
        var answered = await EventCountAsync();
        var amendment = await world.App.AnswerAsync(link, Q2, "No, in none.", "submit", zoes);
        Assert.Equal(HttpStatusCode.BadRequest, amendment.StatusCode);
        Assert.Contains("not one of yours", await amendment.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(answered, await EventCountAsync());
    }

    [Fact]
    public async Task A_refused_submission_shows_the_persons_text_back_with_what_to_do_next()
    {
        var link = world.App.LinkFor(Tom, Q2);
        var browser = world.App.Browser();
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await browser.GetStringAsync(link.PathAndQuery));
        var form = page.QuerySelectorAll("section.question").First(s => s.QuerySelector("h2")!.TextContent == Q2).QuerySelector("form")!;
        var fields = form.QuerySelectorAll("input[type=hidden]").ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value")!);
        world.App.Clock.SetUtcNow(Uk(2027, 1, 9, 8));   // the form was left open past the deadline

        var late = await browser.PostAsync(link.PathAndQuery, new FormUrlEncodedContent(new Dictionary<string, string>(fields) { ["answer"] = "My considered answer", ["action"] = "submit" }));

        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        var body = await late.Content.ReadAsStringAsync();
        Assert.Contains("Responses closed at the end of 8 January 2027", body, StringComparison.Ordinal);
        Assert.Contains(">My considered answer</textarea>", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_manager_answers_through_a_link_of_their_own_and_is_recorded_as_answering_on_behalf()
    {
        await world.App.AnswerAsync(world.App.LinkFor(Tom, Q4), Q4, "Tom's private notes", "draft");
        await world.App.AtAsync(Uk(2027, 1, 8, 9, 5));
        var escalation = Assert.Single(world.App.Mailbox.List(), m => m.Subject.Contains("Tom Okafor has 2 unanswered questions", StringComparison.Ordinal));
        var managerLink = world.App.LinkFor("head.of.service@council.example", Q4);
        Assert.NotEqual(world.App.LinkFor(Tom, Q4), managerLink);
        Assert.DoesNotContain("private notes", await world.App.CreateClient().GetStringAsync(managerLink.PathAndQuery), StringComparison.Ordinal);
        Assert.Contains("head.of.service@council.example", escalation.To.Single(), StringComparison.Ordinal);
        Assert.Contains(Tom, escalation.Cc.Single(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.SeeOther, (await world.App.AnswerAsync(managerLink, Q4, "Yes, every care leaver has an adviser.")).StatusCode);

        var page = await world.App.CreateClient().GetStringAsync(managerLink.PathAndQuery);
        Assert.Contains("Answered by Siân Llewellyn on behalf of Tom Okafor", WebUtility.HtmlDecode(page), StringComparison.Ordinal);
        Assert.DoesNotContain(Q1, WebUtility.HtmlDecode(page), StringComparison.Ordinal);
        var trail = await world.App.CreateClient().GetFromJsonAsync<List<Web.Reviews.AuditEntry>>($"/api/reviews/{reviewId}/events");
        var by = Assert.Single(trail!, e => e.Type == "answer-submitted").Data.GetProperty("by");
        Assert.Equal(("head.of.service@council.example", Tom), (by.GetProperty("email").GetString(), by.GetProperty("onBehalfOf").GetString()));
    }

    [Fact]
    public async Task A_managers_escalation_link_shows_only_the_escalated_questions_not_the_officers_answered_ones()
    {
        // Siân (Head) shares Q1 with the data team, who answer it; her Q3 and Q8 are escalated to her manager.
        await world.App.AnswerAsync(world.App.LinkFor(Data, Q1), Q1, "Three this year.");
        await world.App.AtAsync(Uk(2027, 1, 8, 9, 5));
        var escalation = Assert.Single(world.App.Mailbox.List(), m => m.Subject.Contains("Siân Llewellyn has", StringComparison.Ordinal));
        var managerLink = world.App.LinkFor(Address(escalation.To.Single()), Q3);

        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await world.App.CreateClient().GetStringAsync(managerLink.PathAndQuery));

        Assert.Equal([Q3, Q8], page.QuerySelectorAll("section.question h2").Select(h => h.TextContent.Trim()));
        Assert.DoesNotContain("Three this year.", page.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_co_officers_answer_is_not_replaced_from_a_box_prefilled_with_it_without_the_check_page_saying_so()
    {
        await world.App.AnswerAsync(world.App.LinkFor(Data, Q1), Q1, "Three this year.");
        var link = world.App.LinkFor(Head, Q1);
        var browser = world.App.Browser();
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await browser.GetStringAsync(link.PathAndQuery));
        var section = page.QuerySelectorAll("section.question").First(s => s.QuerySelector("h2")!.TextContent == Q1);
        Assert.StartsWith("This box holds Children's Services Data Team's answer", page.GetElementById(section.QuerySelector("textarea")!.GetAttribute("aria-describedby")!)!.TextContent, StringComparison.Ordinal);

        // Submitted straight from the box, as the old page's form did: refused, and the data team's words stand.
        var values = section.QuerySelector("form")!.QuerySelectorAll("input[type=hidden]").ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? "");
        values["answer"] = "Two.";
        values["action"] = "submit";
        var refused = await browser.PostAsync(link.PathAndQuery, new FormUrlEncodedContent(values));
        Assert.Contains("Children's Services Data Team answered this question", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(0, await AmendmentsAsync());

        // Through the check page, which warns that it replaces the data team's answer, it is replaced.
        Assert.Equal(HttpStatusCode.SeeOther, (await world.App.AnswerAsync(link, Q1, "Two.")).StatusCode);
        Assert.Equal(1, await AmendmentsAsync());
    }

    private async Task<int> AmendmentsAsync() =>
        (await world.App.CreateClient().GetFromJsonAsync<List<Web.Reviews.AuditEntry>>($"/api/reviews/{reviewId}/events"))!.Count(e => e.Type == "answer-amended");

    [Fact]
    public async Task A_link_whose_questions_have_all_passed_to_colleagues_shows_them_gone_and_takes_nothing()
    {
        var link = world.App.LinkFor(Zoe, Q6);
        var review = await world.App.GetReviewAsync(reviewId);
        foreach (var assignment in review.Assignments.Where(a => a.Officer == Zoe))
        {
            await world.App.CreateClient().PostAsJsonAsync($"/api/reviews/{reviewId}/assignments/{assignment.Id}/reassign", new { to = "owen.price@council.example", reason = "Housing" });
        }

        var page = await world.App.CreateClient().GetAsync(link.PathAndQuery);

        Assert.Equal(HttpStatusCode.Gone, page.StatusCode);
        var body = await page.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<form", body, StringComparison.Ordinal);
        Assert.Contains("Passed to a colleague", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Links_are_built_from_the_configured_address_whatever_host_the_request_named()
    {
        var client = world.App.CreateClient();
        client.DefaultRequestHeaders.Host = "attacker.example";
        var id = await world.App.CreateReviewAsync(Request());
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/reviews/{id}/dispatch");
        request.Headers.Host = "attacker.example";
        await client.SendAsync(request);
        await world.App.RunRunnerAsync();

        Assert.All(world.App.Mailbox.List(), m =>
        {
            Assert.DoesNotContain("attacker.example", m.TextBody, StringComparison.Ordinal);
            Assert.DoesNotContain("attacker.example", m.HtmlBody, StringComparison.Ordinal);
        });
    }
}
