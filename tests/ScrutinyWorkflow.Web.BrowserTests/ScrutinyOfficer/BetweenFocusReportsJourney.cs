using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.Playwright;
using ScrutinyWorkflow.Core.Calendar;
using ScrutinyWorkflow.Tests.Shared;
using static ScrutinyWorkflow.Web.BrowserTests.PageActions;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace ScrutinyWorkflow.Web.BrowserTests.ScrutinyOfficer;

/// <summary>
/// Issue 26 in Chromium, on each runtime: the panel's two recommendations on a released review are followed through
/// two rounds of their owners' updates, and a month's five Ombudsman decisions (two upheld, with remedies) go from a
/// spreadsheet through the services' learning and a remedy's evidence to the panel's Word paper, which carries the
/// decisions, the remedies' compliance beside the Ombudsman's published figure, and the progress on the
/// recommendations in their owners' words. Every page passed is checked by axe-core; dates are set from today, as the
/// host keeps real time.
/// </summary>
public abstract class BetweenFocusReportsJourney(BrowserHost host)
{
    private const string Panel = "Corporate Scrutiny Panel";
    private const string PanelEmail = "corporate.panel@council.example";
    private const string Tom = "tom.okafor@council.example";
    private const string Sian = "head.of.service@council.example";

    private const string Recommendation1 = "Report the number of care packages suspended each quarter to the panel.";
    private const string Recommendation2 = "Write to every family whose care package was suspended without notice since April.";
    private const string Update1Round1 = "The first quarterly report is drafted and goes to the panel in March.";
    private const string Update1Round2 = "The March meeting had the first quarterly report; it is now a standing item.";
    private const string Update2Round1 = "Letters to the eleven families are drafted and go out next week.";
    private const string Learning1 = "The service now checks every suspension of a care package with the family before it starts.";
    private const string Learning2 = "Council tax reduction appeals are now logged on the day they arrive.";
    private const string Evidence = "The apology letter went to Mrs X's daughter on time; a copy is on her file.";

    private static readonly WorkingCalendar Calendar = new();

    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    [Fact]
    public async Task Recommendations_over_two_rounds_and_a_months_decisions_reach_the_panels_paper()
    {
        await using var officer = await host.VisitorAsync();
        var page = officer.Page;
        var reviewId = await ReleasedReviewAsync(page);

        // The panel met: two recommendations, each recorded on the review's page with its owner and first update's date.
        await RecordRecommendationAsync(officer, reviewId, Recommendation1, Tom);
        await RecordRecommendationAsync(officer, reviewId, Recommendation2, Sian);

        // Round 1: each owner answers through the link in the email that asked them.
        await UpdateThroughLinkAsync(Tom, Recommendation1, "R1", Update1Round1, done: false, emails: 1);
        await UpdateThroughLinkAsync(Sian, Recommendation2, "R2", Update2Round1, done: false, emails: 1);

        // Round 2 for the first: the scrutiny officer asks again, and the owner reports it done through the new email's link.
        await officer.GoToAsync($"/reviews/{reviewId}/follow-ups/R1/request-update");
        await FillDateAsync(page, "due", Calendar.AddWorkingDays(Today, 10));
        await Shot(officer, "follow-up-ask-again");
        await SubmitAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Ask for the update" }));
        Assert.Contains("asked for their next update", await page.Locator(".govuk-notification-banner").InnerTextAsync(), StringComparison.Ordinal);
        await UpdateThroughLinkAsync(Tom, Recommendation1, "R1", Update1Round2, done: true, emails: 2);

        // Only the scrutiny officer closes it.
        await officer.GoToAsync($"/reviews/{reviewId}/follow-ups/R1/close");
        await page.Locator("#closure").CheckAsync();
        await SubmitAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Close it" }));
        var r1 = await page.Locator("#follow-up-R1").InnerTextAsync();
        Assert.Contains("Closed: implemented", r1, StringComparison.Ordinal);
        Assert.Contains(Update1Round2, r1, StringComparison.Ordinal);
        await Shot(officer, "follow-ups-after-two-rounds");

        // A month's decisions for the same panel, from the team's spreadsheet: five, two upheld with remedies.
        var decisionsId = await DecisionsReviewAsync(officer);
        await officer.GoToAsync($"/reviews/{decisionsId}/draft");
        await Shot(officer, "decisions-draft");
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await page.WaitForURLAsync($"**/reviews/{decisionsId}/draft/check");
        await Shot(officer, "decisions-check-before-sending");
        await SubmitAsync(page, page.GetByRole(AriaRole.Button, new() { NameRegex = new("^Send to 2 officers") }));
        Assert.Contains("The review is sent", await page.Locator(".govuk-notification-banner").InnerTextAsync(), StringComparison.Ordinal);

        // The services' learning comes back through their links; the apology's evidence too, which the officer accepts.
        await LearningThroughLinkAsync(Tom, Learning1);
        await LearningThroughLinkAsync(Sian, Learning2);
        await UpdateThroughLinkAsync(Tom, "Apologise to Mrs X", "M1", Evidence, done: true, emails: 1);
        await officer.GoToAsync($"/reviews/{decisionsId}/follow-ups/M1/accept");
        await Shot(officer, "remedy-accept");
        await SubmitAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Accept the evidence" }));
        Assert.Contains("The evidence is accepted", await page.Locator(".govuk-notification-banner").InnerTextAsync(), StringComparison.Ordinal);

        // The Ombudsman's published figure for the year, from its annual review letter.
        await officer.GoToAsync($"/reviews/{decisionsId}/compliance");
        await page.Locator("#percent").FillAsync("72.5");
        await Shot(officer, "compliance-enter");
        await SubmitAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Record the figure" }));
        Assert.Contains("72.5%", await page.Locator("#compliance ~ *").First.InnerTextAsync(), StringComparison.Ordinal);
        await Shot(officer, "decisions-review");

        // Both upheld decisions' learning is in, so the paper is assembled: she checks it and releases it.
        var release = await ReleaseAsync(officer, decisionsId);
        Assert.Contains(Learning1, release, StringComparison.Ordinal);

        var docx = await DownloadPaperAsync(page, decisionsId);
        // Kept beside the screenshots, to be opened in Word or LibreOffice and looked at as the panel will.
        await File.WriteAllBytesAsync(Path.Combine(BrowserHost.ScreenshotFolder, $"{host.Runtime}-decisions-paper.docx"), docx);
        var paper = WordText(docx);
        Assert.All(new[] { "25 001 101", "25 002 202", "25 003 303", "25 004 404", "25 005 505", Learning1, Learning2 },
            text => Assert.Contains(text, paper, StringComparison.Ordinal));
        Assert.Contains("72.5%", paper, StringComparison.Ordinal);
        // Of the two remedies due by now, the apology was done on time and the payment is outstanding: half.
        Assert.Contains("50%", paper, StringComparison.Ordinal);
        Assert.Contains("Progress on recommendations", paper, StringComparison.Ordinal);
        Assert.All(new[] { Recommendation1, Recommendation2, Update1Round2, Update2Round1 }, text => Assert.Contains(text, paper, StringComparison.Ordinal));
        // The second round's words stand for the first recommendation, not the first round's.
        Assert.DoesNotContain(Update1Round1, paper, StringComparison.Ordinal);
    }

    /// <summary>
    /// A focus report's review for the panel, sent, closed early and released through the API (the pages for these are
    /// the other journeys'). Its meeting comes before the decisions paper's, which reports on what that meeting recommended.
    /// </summary>
    private static async Task<string> ReleasedReviewAsync(IPage page)
    {
        var deadline = Calendar.NextWorkingDayOnOrAfter(Today.AddDays(7));
        var created = await page.APIRequest.PostAsync("/api/reviews", new()
        {
            DataObject = new
            {
                focusReport = new { title = "Adult social care: suspending care packages", published = "2024-03" },
                panel = new { name = Panel, email = PanelEmail },
                meetingDate = Day(Calendar.AddWorkingDays(deadline, 8)),
                deadline = Day(deadline),
                areas = new object[] { new { heading = "Care packages", questions = new object[] { new { text = "How are families told of a suspension?", officers = new[] { Tom } } } } },
            },
        });
        Assert.Equal(201, created.Status);
        var id = (await created.JsonAsync())!.Value.GetProperty("id").GetString()!;
        Assert.Equal(202, (await page.APIRequest.PostAsync($"/api/reviews/{id}/dispatch", new() { DataObject = new { } })).Status);
        Assert.Equal(202, (await page.APIRequest.PostAsync($"/api/reviews/{id}/close", new() { DataObject = new { reason = "The panel asked early" } })).Status);
        Assert.Equal(202, (await page.APIRequest.PostAsync($"/api/reviews/{id}/release", new() { DataObject = new { } })).Status);
        // The release is filed and the panel told in the background, each a new version of the review: its page is
        // opened once that is done, as a person would after the panel's email, so its forms are not refused as stale.
        await UntilAsync(async () => (await (await page.APIRequest.GetAsync($"/api/reviews/{id}")).JsonAsync())!.Value.GetProperty("status").GetString() == "completed",
            $"Review {id} was not completed.");
        return id;
    }

    private async Task RecordRecommendationAsync(Visitor officer, string reviewId, string text, string owner)
    {
        var page = officer.Page;
        await officer.GoToAsync($"/reviews/{reviewId}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record a recommendation" }).ClickAsync();
        await page.WaitForURLAsync($"**/reviews/{reviewId}/recommendations/new");
        await page.Locator("#text").FillAsync(text);
        await page.Locator("#owner").FillAsync(owner);
        await FillDateAsync(page, "due", Calendar.AddWorkingDays(Today, 5));
        await SubmitAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Record the recommendation" }));
        Assert.Contains("The recommendation is recorded", await page.Locator(".govuk-notification-banner").InnerTextAsync(), StringComparison.Ordinal);
        await Shot(officer, "follow-up-recorded");
    }

    /// <summary>
    /// The owner opens the link in the <paramref name="emails"/>th email asking them about the follow-up, and sends their
    /// words on its section of the page.
    /// </summary>
    private async Task UpdateThroughLinkAsync(string owner, string about, string followUpId, string words, bool done, int emails)
    {
        await using var visitor = await host.VisitorAsync();
        var page = visitor.Page;
        await visitor.GoToAsync(await LinkAsync(owner, about, emails));
        var section = page.Locator($"#f-{followUpId}");
        await section.Locator($"#update-{followUpId}").FillAsync(words);
        await section.Locator(done ? $"#progress-{followUpId}-2" : $"#progress-{followUpId}").CheckAsync();
        await Shot(visitor, $"link-{followUpId}-round-{emails}");
        await SubmitAsync(page, section.GetByRole(AriaRole.Button, new() { NameRegex = new("^Send your update") }));
        Assert.Equal("Update sent", (await page.Locator("h1").InnerTextAsync()).Trim());
    }

    /// <summary>The service's officer answers the learning question of their upheld decision through their link.</summary>
    private async Task LearningThroughLinkAsync(string officerEmail, string learning)
    {
        await using var visitor = await host.VisitorAsync();
        var page = visitor.Page;
        await visitor.GoToAsync(await LinkAsync(officerEmail, "What has the service learned", 1));
        var question = page.Locator("form", new() { Has = page.Locator("textarea[name=answer]") }).First;
        await question.Locator("textarea[name=answer]").FillAsync(learning);
        await Shot(visitor, "learning-answer");
        await SubmitAsync(page, question.GetByRole(AriaRole.Button, new() { NameRegex = new("^Continue with question") }));
        Assert.Contains(learning, await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await SubmitAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Submit answer" }));
        Assert.Equal("Answer submitted", (await page.Locator("h1").InnerTextAsync()).Trim());
    }

    /// <summary>The month's decisions from a CSV the team keeps, checked, each upheld one given its service's officer.</summary>
    private async Task<string> DecisionsReviewAsync(Visitor officer)
    {
        var page = officer.Page;
        var month = Today.AddMonths(-1);
        var decided = new DateOnly(month.Year, month.Month, 10);
        // One remedy is due a few weeks ahead, one passed three days ago, and the second decision's is not yet due.
        var apologyDue = Calendar.AddWorkingDays(Today, 15);
        var paymentDue = Today.AddDays(-3);
        var trainingDue = Calendar.AddWorkingDays(Today, 40);
        var csv = new StringBuilder()
            .AppendLine("Complaint reference,Decision date,Category,Decision,Summary,Agreed action")
            .AppendLine(CultureInfo.InvariantCulture, $"25 001 101,{Day(decided)},Adult care services,Upheld,\"The Council suspended Mrs X's care package without telling her family.\",\"By {Long(apologyDue)}, apologise to Mrs X's daughter for the distress caused; By {Long(paymentDue)}, pay Mrs X's daughter £300 for her time and trouble\"")
            .AppendLine(CultureInfo.InvariantCulture, $"25 002 202,{Day(decided)},Benefits and tax,Upheld,\"The Council took four months to decide Mr Y's council tax reduction appeal.\",\"By {Long(trainingDue)}, remind staff of the time limits for appeals\"")
            .AppendLine(CultureInfo.InvariantCulture, $"25 003 303,{Day(decided)},Housing,Not upheld,We found no fault in how the Council dealt with Ms Z's homelessness application.,")
            .AppendLine(CultureInfo.InvariantCulture, $"25 004 404,{Day(decided)},Planning and development,Closed after initial enquiries,,")
            .AppendLine(CultureInfo.InvariantCulture, $"25 005 505,{Day(decided)},Education and children's services,Premature,,")
            .ToString();

        await officer.GoToAsync("/");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record the month's decisions" }).ClickAsync();
        await page.WaitForURLAsync("**/reviews/decisions/new");
        await page.SetInputFilesAsync("#file", new FilePayload { Name = "decisions.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) });
        await page.Locator("#panel-name").FillAsync(Panel);
        var deadline = Calendar.NextWorkingDayOnOrAfter(Today.AddDays(21));
        await FillDateAsync(page, "meeting", Calendar.AddWorkingDays(deadline, 8));
        await FillDateAsync(page, "deadline", deadline);
        await SubmitAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Continue" }));

        Assert.Equal("Check the month's decisions", (await page.Locator("h1").InnerTextAsync()).Trim());
        Assert.Equal(5, await page.Locator(".govuk-summary-card[id^=decision-]").CountAsync());
        Assert.Equal(paymentDue.Day.ToString(CultureInfo.InvariantCulture), await page.Locator("#d0-m1-due-day").InputValueAsync());
        await page.Locator("#panel-email").FillAsync(PanelEmail);
        await page.Locator("#d0-officer").FillAsync(Tom);
        await page.Locator("#d1-officer").FillAsync(Sian);
        await Shot(officer, "decisions-spreadsheet-check");
        await SubmitAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Create the review" }));
        var id = page.Url.Split('/')[^2];
        Assert.StartsWith("rv-", id, StringComparison.Ordinal);
        return id;
    }

    /// <summary>Opens the release check page once the paper is assembled, and releases it; returns what the check page showed.</summary>
    private async Task<string> ReleaseAsync(Visitor officer, string reviewId)
    {
        var page = officer.Page;
        await UntilAsync(async () => (await (await page.APIRequest.GetAsync($"/api/reviews/{reviewId}")).JsonAsync())!.Value.GetProperty("status").GetString() == "assembled",
            $"Review {reviewId} was not assembled once both services had given their learning.");
        await officer.GoToAsync($"/reviews/{reviewId}/release");
        var check = await page.Locator("main").InnerTextAsync();
        await Shot(officer, "decisions-release-check");
        await SubmitAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Release the paper to the panel" }));
        Assert.Contains("The paper is released", await page.Locator(".govuk-notification-banner").InnerTextAsync(), StringComparison.Ordinal);
        return check;
    }

    /// <summary>The paper as the panel gets it: the Word document the review's page links to, once the release has filed it.</summary>
    private static async Task<byte[]> DownloadPaperAsync(IPage page, string reviewId)
    {
        byte[]? paper = null;
        await UntilAsync(async () =>
        {
            var response = await page.APIRequest.GetAsync($"/api/reviews/{reviewId}/statement.docx");
            paper = response.Ok ? await response.BodyAsync() : null;
            return paper is not null;
        }, $"No paper for {reviewId}.");
        return paper!;
    }

    /// <summary>The link in the <paramref name="nth"/> email to <paramref name="email"/> that mentions <paramref name="about"/>, once the host has sent it.</summary>
    private async Task<string> LinkAsync(string email, string about, int nth)
    {
        string? link = null;
        var mailbox = new Mail.EmlMailbox(Path.Combine(host.DataPath, "mail"));
        await UntilAsync(() =>
        {
            link = mailbox.List()
                .Where(m => m.To.Any(t => t.Contains(email, StringComparison.OrdinalIgnoreCase)) && m.TextBody.Contains(about, StringComparison.Ordinal))
                .Select(m => ResponseLinkText.Pattern().Match(m.TextBody)).Where(m => m.Success).Skip(nth - 1).FirstOrDefault()?.Value;
            return Task.FromResult(link is not null);
        }, $"Email {nth} to {email} about \u201c{about}\u201d never came.");
        return new Uri(link!).PathAndQuery;
    }

    private Task Shot(Visitor visitor, string name) => visitor.CheckAsync($"{host.Runtime}-{name}");

    /// <summary>Waits for what the host does in the background, up to the browser tests' ceiling for a loaded machine.</summary>
    private static async Task UntilAsync(Func<Task<bool>> done, string failure)
    {
        for (var until = DateTime.UtcNow + BrowserHost.Patience; DateTime.UtcNow < until; await Task.Delay(200))
        {
            if (await done())
            {
                return;
            }
        }
        Assert.Fail(failure);
    }

    private static async Task FillDateAsync(IPage page, string name, DateOnly date)
    {
        await page.Locator($"#{name}-day").FillAsync(date.Day.ToString(CultureInfo.InvariantCulture));
        await page.Locator($"#{name}-month").FillAsync(date.Month.ToString(CultureInfo.InvariantCulture));
        await page.Locator($"#{name}-year").FillAsync(date.Year.ToString(CultureInfo.InvariantCulture));
    }

    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Long(DateOnly date) => date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    private static string WordText(byte[] docx)
    {
        using var stream = new MemoryStream(docx);
        using var word = WordprocessingDocument.Open(stream, false);
        return string.Join("\n", word.MainDocumentPart!.Document.Body!.Descendants<W.Paragraph>().Select(p => p.InnerText));
    }
}

[Collection(BrowserTestGroup.Name)]
[Trait("Speed", "Slow")]
public sealed class BetweenFocusReportsOnTheEmbeddedRuntime(BrowserHost host) : BetweenFocusReportsJourney(host);

[Collection(DurableBrowserTestGroup.Name)]
[Trait("Speed", "Slow")]
public sealed class BetweenFocusReportsOnTheDurableRuntime(DurableBrowserHost host) : BetweenFocusReportsJourney(host);
