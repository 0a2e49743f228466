using System.Text.RegularExpressions;
using Microsoft.Playwright;
using ScrutinyWorkflow.Core.Calendar;
using ScrutinyWorkflow.Tests.Shared;

namespace ScrutinyWorkflow.Web.BrowserTests.ScrutinyOfficer;

/// <summary>
/// The scrutiny officer's pages as she uses them in Chromium: start a review from a sample report, edit and assign its
/// questions, send it, watch an answer arrive on the dashboard, remind an officer, close and release the statement;
/// every page and state (empty, with errors, full, on a phone) screenshotted and checked by axe-core at WCAG 2.2 AA;
/// the start form also by keyboard alone. (Its posts without JavaScript are the HTTP tests' ScrutinyOfficerPagesTests.)
/// </summary>
[Collection(BrowserTestGroup.Name)]
[Trait("Speed", "Slow")]
public sealed partial class ScrutinyOfficerJourneyTests(BrowserHost host)
{
    private const string Panel = "Children and Families Scrutiny Panel";

    /// <summary>A deadline three weeks or so ahead and a meeting that leaves it the clear working days it needs, from today (the host runs on the real clock).</summary>
    private static (DateOnly Deadline, DateOnly Meeting) Dates()
    {
        var calendar = new WorkingCalendar();
        var deadline = calendar.NextWorkingDayOnOrAfter(DateOnly.FromDateTime(DateTime.UtcNow).AddDays(21));
        return (deadline, calendar.AddWorkingDays(deadline, 8));
    }

    [Fact]
    public async Task She_starts_a_review_from_a_sample_report_edits_and_assigns_it_sends_it_and_follows_it_to_release()
    {
        await using var visitor = await host.VisitorAsync();
        var page = visitor.Page;

        await visitor.GoToAsync("/");
        await visitor.CheckAsync("dashboard");
        await page.GetByRole(AriaRole.Button, new() { Name = "Start a review" }).ClickAsync();
        await page.WaitForURLAsync("**/reviews/new");
        await visitor.CheckAsync("start-empty");

        await SubmitAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Continue" }));
        Assert.StartsWith("Error: ", await page.TitleAsync(), StringComparison.Ordinal);
        await visitor.CheckAsync("start-errors");

        var (deadline, meeting) = Dates();
        await page.SetInputFilesAsync("#file", Path.Combine(Tests.Shared.Loopback.RepositoryRoot(), "samples", "reports", "ehc-plans.md"));
        await FillStartAsync(page, deadline, meeting);
        await SubmitAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Continue" }));
        Assert.Matches(DraftAddress(), page.Url);
        var id = DraftAddress().Match(page.Url).Groups[1].Value;
        Assert.Equal(6, await page.Locator(".govuk-summary-card").CountAsync());
        await visitor.CheckAsync("draft");

        // Reword the first question and give it an officer found by searching the directory.
        await page.Locator("#question-Q1").GetByRole(AriaRole.Link, new() { Name = "Change" }).ClickAsync();
        await page.WaitForURLAsync($"**/reviews/{id}/draft/questions/Q1");
        await page.Locator("#text").FillAsync("How many EHC plans were issued within 20 weeks this year, and how many were late?");
        await page.Locator("#search").FillAsync("Priya");
        await SubmitAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }));
        await visitor.CheckAsync("question-search");
        await SubmitAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Add Priya Shah" }));
        // In place of the officer the routing rules proposed.
        await SubmitAsync(page, page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Remove James Whitfield") }));
        await SubmitAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Save question" }));
        Assert.Contains("within 20 weeks this year", await page.Locator("#question-Q1").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("Priya Shah", await page.Locator("#question-Q1").InnerTextAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("James Whitfield", await page.Locator("#question-Q1").InnerTextAsync(), StringComparison.Ordinal);

        // Every other question already has the officer the routing rules propose for its area: nobody to add by hand.
        foreach (var question in new[] { "Q2", "Q3", "Q4", "Q5", "Q6" })
        {
            Assert.Contains("James Whitfield", await page.Locator($"#question-{question}").InnerTextAsync(), StringComparison.Ordinal);
        }
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await page.WaitForURLAsync($"**/reviews/{id}/draft/check");
        await visitor.CheckAsync("check-before-sending");
        await SubmitAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Send to 2 officers" }));
        Assert.Contains("The review is sent", await page.Locator(".govuk-notification-banner").InnerTextAsync(), StringComparison.Ordinal);
        await visitor.CheckAsync("review-sent");

        // James answers one question through his emailed link, and the dashboard shows it.
        var jamesLink = await AnswerAsync(visitor, "james.whitfield@council.example");
        await visitor.GoToAsync("/");
        var row = page.Locator("tbody tr", new() { Has = page.Locator($"a[href='/reviews/{id}']") });
        Assert.Equal("1 of 6", (await row.Locator("label").InnerTextAsync()).Trim());
        await visitor.CheckAsync("dashboard-answered");

        await visitor.GoToAsync($"/reviews/{id}");
        await SubmitAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Remind now Priya Shah" }));
        Assert.Contains("reminded", await page.Locator(".govuk-notification-banner").InnerTextAsync(), StringComparison.Ordinal);
        await SubmitAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Remind now Priya Shah" }));
        Assert.Contains("can be reminded again", await page.Locator(".govuk-error-summary").InnerTextAsync(), StringComparison.Ordinal);
        await visitor.CheckAsync("review-remind-refused");

        await page.GetByRole(AriaRole.Link, new() { Name = "Close answers early" }).ClickAsync();
        await page.WaitForURLAsync($"**/reviews/{id}/close");
        await visitor.CheckAsync("close-early");
        await page.Locator("#reason").FillAsync("The panel asked for the papers early");
        await SubmitAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Close answers" }));
        await visitor.CheckAsync("review-assembled");

        // James's link now shows the review closed: his answer stands, the question he left is marked, and no form.
        Assert.Equal(410, (await visitor.GoToAsync(jamesLink)).Status);
        Assert.Contains("Responses to this review have closed", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("Not answered: the review was closed early", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("main textarea").CountAsync());
        await visitor.CheckAsync("answer-closed");
        await visitor.GoToAsync($"/reviews/{id}");
        Assert.Equal(200, (await visitor.Page.APIRequest.GetAsync($"/reviews/{id}/statement")).Status);

        // Release goes through a page showing what the panel gets: the statement as they read it, and no unfinished paper.
        Assert.Equal(0, await page.GetByRole(AriaRole.Button, new() { Name = "Release to the panel" }).CountAsync());
        await page.GetByRole(AriaRole.Link, new() { Name = "Check and release to the panel" }).ClickAsync();
        await page.WaitForURLAsync($"**/reviews/{id}/release");
        var check = await page.Locator("main").InnerTextAsync();
        Assert.Contains($"{Panel}, panel@council.example", check, StringComparison.Ordinal);
        Assert.Contains("Within 20 weeks for 41 of 52 plans.", check, StringComparison.Ordinal);
        Assert.Contains("Not answered: the review was closed early", check, StringComparison.Ordinal);
        Assert.Contains("The cover report is not sent", check, StringComparison.Ordinal);
        Assert.DoesNotContain("[To be completed", check, StringComparison.Ordinal);
        await visitor.CheckAsync("release-check");
        await using (var phone = await host.VisitorAsync(phone: true))
        {
            await phone.GoToAsync($"/reviews/{id}/release");
            await FitsAsync(phone, "release-check");
            // The statement itself, as a councillor opens it from the panel's email on a phone, at its narrowest too.
            await phone.GoToAsync($"/reviews/{id}/statement");
            // Each question is a block of its own on a phone, not a squeezed column of a four-column table.
            Assert.Equal("block", await phone.Page.Locator("td[data-label]").First.EvaluateAsync<string>("e => getComputedStyle(e).display"));
            await FitsAsync(phone, "statement-phone");
            await phone.Page.SetViewportSizeAsync(320, 640);
            await FitsAsync(phone, "statement-320");
        }
        await SubmitAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Release to the panel" }));
        Assert.Contains("The statement is released", await page.Locator(".govuk-notification-banner").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("Statement released to the panel by the scrutiny team", await page.Locator("#trail ~ ol").InnerTextAsync(), StringComparison.Ordinal);
        await visitor.CheckAsync("review-released");
    }

    [Fact]
    public async Task On_a_phone_the_dashboard_the_start_form_with_errors_and_a_review_fit_the_screen()
    {
        await using var visitor = await host.VisitorAsync(phone: true);
        var page = visitor.Page;
        var (deadline, meeting) = Dates();
        await visitor.GoToAsync("/reviews/new");
        await SubmitAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Continue" }));
        await FitsAsync(visitor, "start-errors");
        await page.Locator("#questions").FillAsync("Waiting lists\n- How long do families wait for an assessment?");
        await FillStartAsync(page, deadline, meeting);
        await SubmitAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Continue" }));
        await FitsAsync(visitor, "draft");
        var id = DraftAddress().Match(page.Url).Groups[1].Value;

        await visitor.GoToAsync("/");
        await FitsAsync(visitor, "dashboard");
        await visitor.GoToAsync($"/reviews/{id}/draft/questions/Q1");
        await FitsAsync(visitor, "question");
    }

    [Fact]
    public async Task A_report_whose_layout_was_hard_to_read_opens_a_draft_that_warns_and_leads_to_pasting_the_questions_instead()
    {
        await using var visitor = await host.VisitorAsync();
        var page = visitor.Page;
        // No area headings, and a converter broke two questions into a paragraph per line.
        const string report = """
            <html><body><h1>Waiting well</h1><h2>Questions for councillors</h2>
            <p>How long did people wait last year for an assessment of their</p>
            <p>needs, and how many waited longer than the council's own target?</p>
            <p>How many assessments were started but not finished?</p>
            <p>Are people told how long they are likely to wait, and</p>
            <p>by whom?</p></body></html>
            """;

        await visitor.GoToAsync("/reviews/new");
        var (deadline, meeting) = Dates();
        await page.SetInputFilesAsync("#file", new FilePayload { Name = "waiting.html", MimeType = "text/html", Buffer = System.Text.Encoding.UTF8.GetBytes(report) });
        await FillStartAsync(page, deadline, meeting);
        await SubmitAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Continue" }));

        Assert.Matches(DraftAddress(), page.Url);
        var warning = page.Locator(".govuk-warning-text", new() { HasText = "layout was hard to read" });
        Assert.Contains("2 of the 3 questions could not be read with confidence", await warning.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(2, await page.Locator(".govuk-summary-card", new() { HasText = "Check this" }).CountAsync());
        await visitor.CheckAsync("draft-hard-to-read");

        await warning.GetByRole(AriaRole.Link, new() { Name = "start again and paste the questions instead" }).ClickAsync();
        await page.WaitForURLAsync("**/reviews/new#questions");
        Assert.True(await page.Locator("#questions").IsVisibleAsync());
    }

    [Fact]
    public async Task The_start_form_can_be_filled_in_and_sent_with_the_keyboard_alone()
    {
        await using var visitor = await host.VisitorAsync();
        var page = visitor.Page;
        var (deadline, meeting) = Dates();
        await visitor.GoToAsync("/reviews/new");

        // From the top of the page, Tab to the questions box, then through every field in order, typing as a person would.
        await TabToAsync(page, "questions");
        await page.Keyboard.TypeAsync("Waiting lists\n- How long do families wait for an assessment?");
        foreach (var value in new[] { "Keyboard review", "3", "2024", Panel, "panel@council.example",
            $"{meeting.Day}", $"{meeting.Month}", $"{meeting.Year}", $"{deadline.Day}", $"{deadline.Month}", $"{deadline.Year}" })
        {
            await page.Keyboard.PressAsync("Tab");
            await page.Keyboard.TypeAsync(value);
        }
        // Past the choice of release, left as it is (a person releases), to the button.
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("release", await page.EvaluateAsync<string>("() => document.activeElement.id"));
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Continue", (await page.EvaluateAsync<string>("() => document.activeElement.textContent")).Trim());
        await SubmitAsync(page, () => page.Keyboard.PressAsync("Enter"));

        Assert.Matches(DraftAddress(), page.Url);
        Assert.Contains("How long do families wait for an assessment?", await page.Locator("#question-Q1").InnerTextAsync(), StringComparison.Ordinal);
        await visitor.CheckAsync("draft-by-keyboard");
    }

    private static async Task FillStartAsync(IPage page, DateOnly deadline, DateOnly meeting)
    {
        await page.Locator("#title").FillAsync("Education, health and care plans: a review");
        await page.Locator("#published-month").FillAsync("3");
        await page.Locator("#published-year").FillAsync("2024");
        await page.Locator("#panel-name").FillAsync(Panel);
        await page.Locator("#panel-email").FillAsync("panel@council.example");
        await page.Locator("#meeting-day").FillAsync($"{meeting.Day}");
        await page.Locator("#meeting-month").FillAsync($"{meeting.Month}");
        await page.Locator("#meeting-year").FillAsync($"{meeting.Year}");
        await page.Locator("#deadline-day").FillAsync($"{deadline.Day}");
        await page.Locator("#deadline-month").FillAsync($"{deadline.Month}");
        await page.Locator("#deadline-year").FillAsync($"{deadline.Year}");
    }

    /// <summary>The officer's newest email's link, opened, and the first question on it answered through its form; the link's path.</summary>
    private async Task<string> AnswerAsync(Visitor visitor, string email)
    {
        string? link = null;
        var mailbox = new Mail.EmlMailbox(Path.Combine(host.DataPath, "mail"));
        for (var until = DateTime.UtcNow + BrowserHost.Patience; DateTime.UtcNow < until && link is null;)
        {
            // The runner sends the mail within a second or two of dispatch on a quiet machine.
            link = Directory.Exists(Path.Combine(host.DataPath, "mail"))
                ? mailbox.List().Where(m => m.To.Any(t => t.Contains(email, StringComparison.OrdinalIgnoreCase)))
                    .Select(m => ResponseLinkText.Pattern().Match(m.TextBody)).FirstOrDefault(m => m.Success)?.Value
                : null;
            if (link is null)
            {
                await Task.Delay(100);
            }
        }
        Assert.True(link is not null, $"No email with a link reached {email}.");
        var page = visitor.Page;
        var path = new Uri(link).PathAndQuery;
        await page.GotoAsync(path);
        // Answered on the page itself, as the officer does: its form is posted by the browser with "Origin: null" (the
        // page's no-referrer policy) and Sec-Fetch-Site: same-origin, which the host takes as its own.
        var form = page.Locator("section.question").First.Locator("form", new() { Has = page.Locator("button[value=check]") });
        await form.Locator("textarea").FillAsync("Within 20 weeks for 41 of 52 plans.");
        await SubmitAsync(page, form.Locator("button[value=check]"));
        await SubmitAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Submit answer" }));
        Assert.Contains("your answer is submitted", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        return path;
    }

    private static Task FitsAsync(Visitor visitor, string name) => PageActions.FitsAsync(visitor, name);

    private static Task TabToAsync(IPage page, string id) => PageActions.TabToAsync(page, $"#{id}");

    private static Task SubmitAsync(IPage page, ILocator button) => PageActions.SubmitAsync(page, button);

    private static Task SubmitAsync(IPage page, Func<Task> press) => PageActions.SubmitAsync(page, press);

    [GeneratedRegex(@"/reviews/(rv-[0-9a-f]{12})/draft$")]
    private static partial Regex DraftAddress();
}
