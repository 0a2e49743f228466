using System.Net;
using System.Net.Http.Json;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using ScrutinyWorkflow.Core.Calendar;
using ScrutinyWorkflow.Web.Reviews;
using static ScrutinyWorkflow.Web.Tests.EndToEnd.AssuranceReviewScenario;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace ScrutinyWorkflow.Web.Tests.EndToEnd;

/// <summary>
/// Issue 26's walk, through HTTP as people and scripts use it, on whichever runtime the host runs: a focus report's
/// review goes to the panel, which makes two recommendations; their owners are asked, give updates through their
/// links over two rounds, and one is closed; then a month's Ombudsman decisions (five, two upheld with remedies) are
/// reviewed, the learning comes back from the services, a remedy's evidence is accepted, and the paper for the same
/// panel carries the decisions, the remedy compliance beside the Ombudsman's published figure, and the progress on the
/// recommendations in their owners' words. Dates are set from today, since the Durable runtime keeps real time.
/// </summary>
internal static class BetweenFocusReportsScenario
{
    public const string Recommendation1 = "Report the number of 16 and 17 year olds placed in bed and breakfast to the panel every quarter.";
    public const string Recommendation2 = "Write to every care leaver without an up-to-date pathway plan by the end of March.";
    public const string Update1Round1 = "The first quarterly report is drafted; it goes to the panel's March meeting.";
    public const string Update1Round2 = "The March meeting had the first quarterly report; it is now a standing item. <script>alert('x')</script>";
    public const string Update2Round1 = "Letters to the five care leavers are drafted and go out next week.";

    public const string Learning1 = "The service now checks every suspension of a care package with the family before it starts.";
    public const string Learning2 = "Council tax reduction appeals are now logged on the day they arrive.";

    private static readonly WorkingCalendar Calendar = new();

    public static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    public static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public static DateOnly WorkingDaysAhead(int days) => Calendar.AddWorkingDays(Today, days);

    /// <summary>The focus report's review, closed early and released: the panel has its statement.</summary>
    public static async Task<string> ReleasedReviewAsync(ScrutinyApplication app)
    {
        var deadline = WorkingDaysAhead(20);
        var client = app.CreateClient();
        var id = await app.CreateReviewAsync(RequestWithDates(deadline, Calendar.AddWorkingDays(deadline, 8)));
        await Expect(HttpStatusCode.Accepted, client.PostAsync($"/api/reviews/{id}/dispatch", Api.NoBody()));
        await app.RunRunnerAsync();
        Assert.Equal(HttpStatusCode.SeeOther, (await app.AnswerAsync(app.LinkFor(Tom, Q2), Q2, Answer2)).StatusCode);
        await app.RunRunnerAsync();
        await Expect(HttpStatusCode.Accepted, client.PostAsJsonAsync($"/api/reviews/{id}/close", new { reason = "The panel meeting was brought forward" }));
        await app.RunRunnerAsync();
        await Expect(HttpStatusCode.Accepted, client.PostAsync($"/api/reviews/{id}/release", Api.NoBody()));
        await app.RunRunnerAsync();
        return id;
    }

    /// <summary>A month's decisions review (<see cref="Decisions"/>) sent, then closed early: its paper is assembled, for the scrutiny team to check.</summary>
    public static async Task<string> ClosedDecisionsReviewAsync(ScrutinyApplication app, string panelName, string panelEmail)
    {
        var client = app.CreateClient();
        var created = await Expect(HttpStatusCode.Created, client.PostAsJsonAsync("/api/reviews/decisions", Decisions(panelName, panelEmail)));
        var id = (await created.Content.ReadFromJsonAsync<CreatedReview>())!.Id;
        await Expect(HttpStatusCode.Accepted, client.PostAsync($"/api/reviews/{id}/dispatch", Api.NoBody()));
        await app.RunRunnerAsync();
        await Expect(HttpStatusCode.Accepted, client.PostAsJsonAsync($"/api/reviews/{id}/close", new { reason = "The panel asked early" }));
        await app.RunRunnerAsync();
        return id;
    }

    /// <summary>The month's decisions about the council: five, two upheld with remedies (one already past its date).</summary>
    public static object Decisions(string panelName, string panelEmail)
    {
        var month = Today.AddMonths(-1);
        var decided = new DateOnly(month.Year, month.Month, 10);
        return new
        {
            month = $"{month.Year:D4}-{month.Month:D2}",
            panel = new { name = panelName, email = panelEmail },
            meetingDate = Day(WorkingDaysAhead(30)),
            deadline = Day(WorkingDaysAhead(20)),
            decisions = new object[]
            {
                new
                {
                    reference = "25 001 101", decisionDate = Day(decided), category = "Adult care services", finding = "upheld",
                    summary = "The Council suspended Mrs X's care package without telling her family.", officer = Tom,
                    remedies = new object[]
                    {
                        new { kind = "apology", text = "Apologise to Mrs X's daughter for the distress caused.", due = Day(WorkingDaysAhead(3)) },
                        new { kind = "payment", text = "Pay Mrs X's daughter £300 for her time and trouble.", amount = 300m, due = Day(Today.AddDays(-3)) },
                    },
                },
                new
                {
                    reference = "25 002 202", decisionDate = Day(decided.AddDays(2)), category = "Benefits and tax", finding = "fault-no-injustice",
                    summary = "The Council delayed a council tax reduction appeal.", officer = Head,
                    remedies = new object[] { new { kind = "procedure", text = "Remind staff to log appeals on the day they arrive.", due = Day(WorkingDaysAhead(15)) } },
                },
                new { reference = "25 003 303", decisionDate = Day(decided.AddDays(3)), category = "Housing", finding = "not-upheld", summary = "No fault in the allocation of a property.", remedies = Array.Empty<object>() },
                new { reference = "25 004 404", decisionDate = Day(decided.AddDays(4)), category = "Planning and development", finding = "not-investigated", summary = "Closed after initial enquiries.", remedies = Array.Empty<object>() },
                new { reference = "25 005 505", decisionDate = Day(decided.AddDays(5)), category = "Education and children's services", finding = "premature", summary = "The complaint had not been through the Council's procedure.", remedies = Array.Empty<object>() },
            },
        };
    }

    public static async Task<FollowUpView> FollowUpAsync(ScrutinyApplication app, string reviewId, string followUpId) =>
        (await app.CreateClient().GetFromJsonAsync<IReadOnlyList<FollowUpView>>($"/api/reviews/{reviewId}/follow-ups"))!.Single(f => f.Id == followUpId);

    public static async Task<HttpResponseMessage> Expect(HttpStatusCode status, Task<HttpResponseMessage> sending)
    {
        var response = await sending;
        Assert.True(response.StatusCode == status, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return response;
    }

    /// <summary>Every paragraph's text of a Word document, one per line, tables' cells included.</summary>
    public static string WordText(byte[] docx)
    {
        using var stream = new MemoryStream(docx);
        using var word = WordprocessingDocument.Open(stream, false);
        var text = new StringBuilder();
        foreach (var paragraph in word.MainDocumentPart!.Document.Body!.Descendants<W.Paragraph>())
        {
            text.AppendLine(paragraph.InnerText);
        }
        return text.ToString();
    }
}
