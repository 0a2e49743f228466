using System.Text.RegularExpressions;
using Microsoft.Playwright;
using ScrutinyWorkflow.Core.Calendar;
using ScrutinyWorkflow.Tests.Shared;
using static ScrutinyWorkflow.Web.BrowserTests.PageActions;

namespace ScrutinyWorkflow.Web.BrowserTests.Officer;

/// <summary>
/// A service officer's answer pages in Chromium, opened from the link in the mail the host wrote: a draft saved (by
/// the button, and by the page's script as they type), come back to, previewed, checked, submitted, amended and a
/// question declined; the same by keyboard alone, with JavaScript off, and on a phone. Every page and state is
/// screenshotted and checked by axe-core at WCAG 2.2 AA.
/// </summary>
[Collection(BrowserTestGroup.Name)]
[Trait("Speed", "Slow")]
public sealed partial class AnswerPagesTests(BrowserHost host)
{
    /// <summary>A review of two questions for James Whitfield, sent; the link from his mail, once the host's runner has sent it.</summary>
    private async Task<string> SentLinkAsync(Visitor visitor, string tag)
    {
        var calendar = new WorkingCalendar();
        var deadline = calendar.NextWorkingDayOnOrAfter(DateOnly.FromDateTime(DateTime.UtcNow).AddDays(21));
        var first = $"How many plans were issued within 20 weeks ({tag})?";
        var api = visitor.Page.APIRequest;
        var created = await api.PostAsync("/api/reviews", new()
        {
            DataObject = new
            {
                focusReport = new { title = $"Education, health and care plans ({tag})", published = "2024-03" },
                panel = new { name = "Children and Families Scrutiny Panel", email = "panel@council.example" },
                meetingDate = calendar.AddWorkingDays(deadline, 8).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                deadline = deadline.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                areas = new object[]
                {
                    new { heading = "Timeliness", questions = new object[] { new { text = first, officers = new[] { James } } } },
                    new { heading = "Annual reviews", questions = new object[] { new { text = "How many annual reviews were late?", officers = new[] { James } } } },
                },
            },
        });
        Assert.Equal(201, created.Status);
        var id = (await created.JsonAsync())!.Value.GetProperty("id").GetString();
        Assert.Equal(202, (await api.PostAsync($"/api/reviews/{id}/dispatch", new() { DataObject = new { } })).Status);

        var mailbox = new Mail.EmlMailbox(Path.Combine(host.DataPath, "mail"));
        for (var until = DateTime.UtcNow + BrowserHost.Patience; DateTime.UtcNow < until;)
        {
            // The runner sends the mail within a second or two of dispatch on a quiet machine.
            if (Directory.Exists(Path.Combine(host.DataPath, "mail"))
                && mailbox.List().FirstOrDefault(m => m.TextBody.Contains(tag, StringComparison.Ordinal) && ResponseLinkText.Pattern().IsMatch(m.TextBody)) is { } mail)
            {
                return new Uri(ResponseLinkText.Pattern().Match(mail.TextBody).Value).PathAndQuery;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"No request for review {tag} reached {James}.");
    }

    private const string James = "james.whitfield@council.example";

    /// <summary>A new review's link opened, and its first question.</summary>
    private async Task<ILocator> FirstQuestionAsync(Visitor visitor, string tag)
    {
        await visitor.GoToAsync(await SentLinkAsync(visitor, tag));
        return visitor.Page.Locator("section.question").First;
    }

    /// <summary>Presses the button of this name within <paramref name="within"/>, and waits for the page it leads to.</summary>
    private static Task PressAsync(ILocator within, string button) =>
        SubmitAsync(within.Page, within.GetByRole(AriaRole.Button, new() { Name = button }));

    [Fact]
    public async Task The_sent_mail_page_shows_a_request_styled_as_it_was_sent_with_a_link_to_its_review()
    {
        await using var visitor = await host.VisitorAsync();
        await SentLinkAsync(visitor, "mail-view");
        var mail = new Mail.EmlMailbox(Path.Combine(host.DataPath, "mail")).List().First(m => m.TextBody.Contains("mail-view", StringComparison.Ordinal));

        await visitor.GoToAsync($"/mail/{Uri.EscapeDataString(mail.FileName)}");

        // The mail's own style makes its link bold: applied, not blocked by the page's policy.
        var link = visitor.Page.FrameLocator("iframe.app-mail-frame").Locator("a").First;
        Assert.Equal("700", await link.EvaluateAsync<string>("e => getComputedStyle(e).fontWeight"));
        var review = visitor.Page.GetByRole(AriaRole.Link, new() { Name = "Open the review this message is about" });
        Assert.StartsWith("/reviews/rv-", await review.GetAttributeAsync("href"), StringComparison.Ordinal);
        await visitor.CheckAsync("sent-mail-message");
    }

    [Fact]
    public async Task An_officer_saves_a_draft_comes_back_previews_checks_submits_amends_and_declines()
    {
        await using var visitor = await host.VisitorAsync();
        var page = visitor.Page;
        var link = await SentLinkAsync(visitor, "journey");
        await visitor.GoToAsync(link);
        Assert.Equal($"Your scrutiny questions - Education, health and care plans (journey) - Scrutiny Workflow - {BrowserHost.CouncilName}", await page.TitleAsync());
        await visitor.CheckAsync("answer-empty");

        var first = page.Locator("section.question").First;
        await SubmitAsync(page, first.GetByRole(AriaRole.Button, new() { Name = "Continue with question 1" }));
        Assert.StartsWith("Error: ", await page.TitleAsync(), StringComparison.Ordinal);
        await visitor.CheckAsync("answer-errors");

        // As they type, the page's script saves a draft and says so; coming back, it is there.
        await first.Locator("textarea[name=answer]").PressSequentiallyAsync("41 of 52 plans");
        await Assertions.Expect(first.Locator("[data-autosave-status]")).ToHaveTextAsync(DraftSavedAt());
        // The question's tag follows at once, without the page being loaded again.
        await Assertions.Expect(first.Locator("[data-question-state] .govuk-tag")).ToHaveTextAsync("Draft saved");
        await Assertions.Expect(first.Locator("[data-question-state] .app-state")).ToHaveTextAsync("Draft saved: not yet submitted");
        await visitor.GoToAsync(link);
        Assert.Equal("41 of 52 plans", await first.Locator("textarea[name=answer]").InputValueAsync());
        Assert.Equal("Draft saved: not yet submitted", await first.Locator(".app-state").InnerTextAsync());

        await first.Locator("textarea[name=answer]").FillAsync("**41 of 52** plans were issued within 20 weeks.\n\n- 7 waited for health advice\n- 4 for educational psychology");
        await SubmitAsync(page, first.GetByRole(AriaRole.Button, new() { Name = "Save draft of question 1" }));
        Assert.Contains("Your draft is saved", await page.Locator(".govuk-notification-banner").InnerTextAsync(), StringComparison.Ordinal);
        await SubmitAsync(page, first.GetByRole(AriaRole.Button, new() { Name = "Preview question 1" }));
        Assert.Equal(2, await page.Locator("[id^=preview-] li").CountAsync());
        await visitor.CheckAsync("answer-preview");

        await SubmitAsync(page, first.GetByRole(AriaRole.Button, new() { Name = "Continue with question 1" }));
        Assert.Equal("41 of 52", await page.Locator("#checked-answer strong").InnerTextAsync());
        await visitor.CheckAsync("answer-check");
        await SubmitAsync(page, page.GetByRole(AriaRole.Link, new() { Name = "Change your answer" }));
        Assert.Equal("answer-", (await page.EvaluateAsync<string>("() => location.hash"))[1..8]);
        await SubmitAsync(page, first.GetByRole(AriaRole.Button, new() { Name = "Continue with question 1" }));
        await SubmitAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Submit answer" }));
        var reference = await page.Locator("#reference").InnerTextAsync();
        Assert.EndsWith("-Q1-1", reference, StringComparison.Ordinal);
        await visitor.CheckAsync("answer-submitted");

        await SubmitAsync(page, page.GetByRole(AriaRole.Link, new() { Name = "Back to your questions" }));
        Assert.StartsWith("Answered by you", await first.Locator(".app-state").InnerTextAsync(), StringComparison.Ordinal);
        await first.Locator("textarea[name=answer]").FillAsync("41 of 52 plans were issued within 20 weeks; 3 more since.");
        await SubmitAsync(page, first.GetByRole(AriaRole.Button, new() { Name = "Continue with question 1" }));
        await SubmitAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Submit amended answer" }));
        Assert.Equal(reference[..^1] + "2", await page.Locator("#reference").InnerTextAsync());

        await visitor.GoToAsync(link);
        var second = page.Locator("section.question").Nth(1);
        await second.Locator("summary").ClickAsync();
        await SubmitAsync(page, second.GetByRole(AriaRole.Button, new() { Name = "Tell the scrutiny team" }));
        Assert.Contains("Say why this question is not for you", await page.Locator(".govuk-error-summary").InnerTextAsync(), StringComparison.Ordinal);
        await visitor.CheckAsync("answer-decline-errors");
        await second.Locator("textarea[name=reason]").FillAsync("Annual reviews are the SEND casework team's.");
        await SubmitAsync(page, second.GetByRole(AriaRole.Button, new() { Name = "Tell the scrutiny team" }));
        Assert.StartsWith("You said this is not for you", await second.Locator(".app-state").InnerTextAsync(), StringComparison.Ordinal);
        await visitor.CheckAsync("answer-full");
    }

    [Fact]
    public async Task Declining_with_words_that_find_several_colleagues_asks_which_of_them_by_radios_and_the_one_chosen_is_named()
    {
        await using var visitor = await host.VisitorAsync();
        var page = visitor.Page;
        await FirstQuestionAsync(visitor, "decline-radios");
        var second = page.Locator("section.question").Nth(1);

        await second.Locator("summary").ClickAsync();
        await second.Locator("input[name=colleague]").FillAsync("head of service");
        await second.Locator("textarea[name=reason]").FillAsync("Annual reviews are the casework team's.");
        await SubmitAsync(page, second.GetByRole(AriaRole.Button, new() { Name = "Tell the scrutiny team" }));

        // Everyone the words find in the directory (by name or job title) is offered, and nothing is sent yet.
        var labels = await page.Locator("section.question").Nth(1).Locator(".govuk-radios__label").AllInnerTextsAsync();
        Assert.Equal(["Eleanor Hughes", "Fiona MacLeod", "Siân Llewellyn"], labels.Select(t => t.Trim()).Order(StringComparer.Ordinal));
        Assert.Contains("More than one person matches", await page.Locator(".govuk-error-summary").InnerTextAsync(), StringComparison.Ordinal);
        await visitor.CheckAsync("answer-decline-choose-colleague");

        await page.GetByRole(AriaRole.Radio, new() { Name = "Siân Llewellyn" }).CheckAsync();
        await SubmitAsync(page, page.Locator("section.question").Nth(1).GetByRole(AriaRole.Button, new() { Name = "Tell the scrutiny team" }));

        var state = await page.Locator("section.question").Nth(1).Locator(".app-state").InnerTextAsync();
        Assert.StartsWith("You said this is not for you", state, StringComparison.Ordinal);
        await visitor.CheckAsync("answer-declined-to-colleague");
    }

    [Fact]
    public async Task Once_both_answers_are_in_the_scrutiny_officer_corrects_one_on_its_own_page_starting_from_the_officers_words()
    {
        await using var visitor = await host.VisitorAsync();
        var page = visitor.Page;
        await FirstQuestionAsync(visitor, "correct-answer");
        foreach (var (n, text) in new[] { (1, "41 of 52 plans were issued within 20 weeks."), (2, "Twelve annual reviews were late.") })
        {
            var question = page.Locator("section.question").Nth(n - 1);
            await question.Locator("textarea[name=answer]").FillAsync(text);
            await SubmitAsync(page, question.GetByRole(AriaRole.Button, new() { Name = $"Continue with question {n}" }));
            await SubmitAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Submit answer" }));
            await SubmitAsync(page, page.GetByRole(AriaRole.Link, new() { Name = "Back to your questions" }));
        }
        var list = await (await page.APIRequest.GetAsync("/api/reviews")).JsonAsync();
        var id = list!.Value.GetProperty("reviews").EnumerateArray().First(r => r.GetProperty("title").GetString()!.Contains("correct-answer", StringComparison.Ordinal)).GetProperty("id").GetString();

        await visitor.GoToAsync($"/reviews/{id}/questions/Q1/correct");
        Assert.Equal("Correct the answer to question 1", (await page.Locator("h1").InnerTextAsync()).Trim());
        Assert.Equal("41 of 52 plans were issued within 20 weeks.", await page.Locator("textarea[name=text]").InputValueAsync());
        await visitor.CheckAsync("correct-answer");
        await page.Locator("textarea[name=text]").FillAsync("41 of 52 plans (79%) were issued within 20 weeks.");
        await SubmitAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Correct the answer" }));

        Assert.Contains("The answer is corrected", await page.Locator(".govuk-notification-banner").InnerTextAsync(), StringComparison.Ordinal);
        // The review's page shows the answer as corrected under its question.
        Assert.Contains("41 of 52 plans (79%) were issued within 20 weeks.", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await visitor.CheckAsync("answer-corrected");
    }

    [Fact]
    public async Task Without_JavaScript_an_answer_is_previewed_checked_and_submitted_through_plain_forms()
    {
        await using var visitor = await host.VisitorAsync(javaScript: false);
        var first = await FirstQuestionAsync(visitor, "no-script");

        await first.Locator("textarea[name=answer]").FillAsync("Plans issued on time: **41**.");
        await PressAsync(first, "Preview question 1");
        Assert.Equal("41", await visitor.Page.Locator("[id^=preview-] strong").InnerTextAsync());
        await visitor.CheckAsync("answer-preview");
        await PressAsync(first, "Continue with question 1");
        await visitor.CheckAsync("answer-check");
        await PressAsync(visitor.Page.Locator("main"), "Submit answer");

        Assert.Equal("Answer submitted", (await visitor.Page.Locator(".govuk-panel__title").InnerTextAsync()).Trim());
        await visitor.CheckAsync("answer-submitted");
    }

    [Fact]
    public async Task An_answer_can_be_written_checked_and_submitted_with_the_keyboard_alone()
    {
        await using var visitor = await host.VisitorAsync();
        var page = visitor.Page;
        await visitor.GoToAsync(await SentLinkAsync(visitor, "keyboard"));

        await TabToAsync(page, "textarea");
        await page.Keyboard.TypeAsync("Written without a mouse.");
        await TabToAsync(page, "button[value=check]");
        await SubmitAsync(page, () => page.Keyboard.PressAsync("Enter"));
        Assert.Equal("Written without a mouse.", await page.Locator("#checked-answer").InnerTextAsync());
        await TabToAsync(page, "button[value=submit]");
        await SubmitAsync(page, () => page.Keyboard.PressAsync("Enter"));

        Assert.EndsWith("-Q1-1", await page.Locator("#reference").InnerTextAsync(), StringComparison.Ordinal);
        await visitor.CheckAsync("answer-submitted-by-keyboard");
    }

    [Fact]
    public async Task On_a_phone_the_answer_page_with_errors_and_the_check_page_fit_the_screen()
    {
        await using var visitor = await host.VisitorAsync(phone: true);
        var first = await FirstQuestionAsync(visitor, "phone");

        // Nothing written (the page with its errors), then a table (the check page).
        foreach (var (answer, state) in new[] { ("", "answer-errors"), ("| Month | Plans |\n| --- | --- |\n| January | 12 |\n| February | 9 |", "answer-check") })
        {
            await first.Locator("textarea[name=answer]").FillAsync(answer);
            await PressAsync(first, "Continue with question 1");
            await FitsAsync(visitor, state);
        }
        Assert.Equal(3, await visitor.Page.Locator("#checked-answer tr").CountAsync());
    }

    [Fact]
    public async Task Text_typed_under_one_question_is_kept_when_a_button_under_another_is_pressed_and_leaving_unsaved_text_asks_first()
    {
        await using var visitor = await host.VisitorAsync();
        var page = visitor.Page;
        await visitor.GoToAsync(await SentLinkAsync(visitor, "two-boxes"));
        var first = page.Locator("section.question").Nth(0);
        var second = page.Locator("section.question").Nth(1).Locator("textarea[name=answer]");

        // The second answer is saved once as he types, so the next automatic save is minutes of typing away...
        await second.PressSequentiallyAsync("Eleven were late");
        await Assertions.Expect(page.Locator("section.question").Nth(1).Locator("[data-autosave-status]")).ToHaveTextAsync(DraftSavedAt());
        await second.PressSequentiallyAsync(", all since September.");
        // ...and leaving now asks first.
        var asked = new TaskCompletionSource<string>();
        void Stay(object? sender, IDialog dialog)
        {
            asked.TrySetResult(dialog.Type);
            _ = dialog.DismissAsync();
        }
        page.Dialog += Stay;
        await page.EvaluateAsync("() => { location.href = '/'; }");
        Assert.Equal("beforeunload", await asked.Task.WaitAsync(BrowserHost.Patience));
        page.Dialog -= Stay;

        // Pressing "Save draft" under the first question keeps the second's text too.
        await first.Locator("textarea[name=answer]").FillAsync("41 of 52.");
        await PressAsync(first, "Save draft of question 1");

        Assert.Equal("Eleven were late, all since September.", await page.Locator("section.question").Nth(1).Locator("textarea[name=answer]").InputValueAsync());
        Assert.Equal("41 of 52.", await page.Locator("section.question").Nth(0).Locator("textarea[name=answer]").InputValueAsync());
    }

    [GeneratedRegex(@"^Draft saved at \d\d:\d\d$")]
    private static partial Regex DraftSavedAt();
}
