using System.Net;
using AngleSharp.Html.Parser;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using ScrutinyWorkflow.Web.Mail;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace ScrutinyWorkflow.Web.Tests.EndToEnd;

/// <summary>
/// One assurance review from start to filed statement: 3 areas, 8 questions, 4 officers (one question asked of
/// two), each officer hearing once per step, answers through the emailed links, the deadline, the scrutiny officer's
/// check and release. The steps are separate so the restart test can stop and start the host between any of them.
/// Dates are winter (GMT), so UK time is UTC.
/// </summary>
internal static class AssuranceReviewScenario
{
    public const string Head = "head.of.service@council.example";
    public const string Data = "data.team@council.example";
    public const string Tom = "tom.okafor@council.example";
    public const string Zoe = "zoe.fairbrother@council.example";

    public const string Q1 = "How many 16 and 17 year olds are in bed and breakfast accommodation?";
    public const string Q2 = "How do we make sure homeless 16 and 17 year olds are assessed by children's services?";
    public const string Q3 = "What supported accommodation do we commission, and is it enough?";
    public const string Q4 = "Does every care leaver have a personal adviser and a pathway plan?";
    public const string Q5 = "How do we help care leavers get the identity documents they need?";
    public const string Q6 = "Do care plans record how often contact with relatives happens, and where?";
    public const string Q7 = "How do we review contact arrangements when a placement changes?";
    public const string Q8 = "Who checks that contact decisions are explained to the child?";

    public const string Answer1 = "Three young people were placed in bed and breakfast this year; each moved on within 28 days.";
    public const string Answer1Amended = "Three young people were placed in bed and breakfast this year; each moved on within 28 days. None since October.";
    public const string Answer2 = "Every presentation is referred to the MASH and a joint assessment is completed with housing advice.";
    public const string Answer4 = "Yes: all 212 care leavers have a personal adviser, and 207 have an up-to-date pathway plan.";
    public const string Answer6 = "Care plans record contact frequency and venue.\n\nIndependent reviewing officers check this at every review <script>alert('x')</script>.";

    /// <summary>
    /// 4 requests, 1 "answered by a colleague", 4 first reminders, 1 amendment notice, 3 second reminders, 3
    /// escalations, 1 "ready to check" to the team and 1 to the panel, and 5 receipts (one for each of the four answers
    /// and the amendment): each officer hears once per step.
    /// </summary>
    public const int MailsInAll = 23;

    public static object Request() => RequestWithDates(new DateOnly(2027, 1, 8), new DateOnly(2027, 1, 20));

    public static object RequestWithDates(DateOnly deadline, DateOnly meetingDate) => new
    {
        focusReport = new { title = "Careless: helping to improve council services to children in care", published = "2020-12" },
        panel = new { name = "Children and Families Scrutiny Panel", email = "panel@council.example" },
        meetingDate = meetingDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        deadline = deadline.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        areas = new object[]
        {
            new { heading = "Accommodation for 16 and 17 year olds", questions = new object[]
            {
                new { text = Q1, officers = new[] { Head, Data } },
                new { text = Q2, officers = new[] { Tom } },
                new { text = Q3, officers = new[] { Head } },
            } },
            new { heading = "Care leavers", questions = new object[]
            {
                new { text = Q4, officers = new[] { Tom } },
                new { text = Q5, officers = new[] { Data } },
            } },
            new { heading = "Contact arrangements", questions = new object[]
            {
                new { text = Q6, officers = new[] { Zoe } },
                new { text = Q7, officers = new[] { Zoe } },
                new { text = Q8, officers = new[] { Head } },
            } },
        },
    };

    public static DateTimeOffset Uk(int year, int month, int day, int hour, int minute = 0) => new(year, month, day, hour, minute, 0, TimeSpan.Zero);

    /// <summary>Monday 14 December 2026: the scrutiny officer creates and sends the review.</summary>
    public static async Task<string> CreateAndDispatchAsync(ScrutinyApplication app)
    {
        var id = await app.CreateReviewAsync(Request());
        var dispatch = await app.CreateClient().PostAsync($"/api/reviews/{id}/dispatch", Api.NoBody());
        Assert.Equal(HttpStatusCode.Accepted, dispatch.StatusCode);
        return id;
    }

    /// <summary>The runner sends one request to each of the four officers.</summary>
    public static async Task SendRequestsAsync(ScrutinyApplication app)
    {
        await app.AtAsync(Uk(2026, 12, 14, 10, 1));
        Assert.Equal(4, app.Mailbox.List().Count);
    }

    /// <summary>Wednesday 16 December: the data team answers the joint question, Tom answers his first, and Siân saves a draft.</summary>
    public static async Task FirstAnswersAsync(ScrutinyApplication app)
    {
        await app.AtAsync(Uk(2026, 12, 16, 11));
        await AnswerAsync(app, Data, Q1, Answer1);
        await AnswerAsync(app, Tom, Q2, Answer2);
        var draft = await app.AnswerAsync(app.LinkFor(Head, Q8), Q8, "Notes: ask the IRO service.", "draft");
        Assert.Equal(HttpStatusCode.SeeOther, draft.StatusCode);
        await app.RunRunnerAsync();
    }

    /// <summary>Thursday 31 December, 09:05: five working days before the deadline (New Year's Day is skipped).</summary>
    public static Task FirstRemindersAsync(ScrutinyApplication app) => app.AtAsync(Uk(2026, 12, 31, 9, 5));

    /// <summary>Monday 4 and Tuesday 5 January: Tom answers after his reminder; Siân amends the joint answer.</summary>
    public static async Task MoreAnswersAsync(ScrutinyApplication app)
    {
        await app.AtAsync(Uk(2027, 1, 4, 14));
        await AnswerAsync(app, Tom, Q4, Answer4);
        await app.AtAsync(Uk(2027, 1, 5, 9, 30));
        await AnswerAsync(app, Head, Q1, Answer1Amended);
        await app.RunRunnerAsync();
    }

    /// <summary>Wednesday 6 January 09:05 (second reminder), Thursday 7 (Zoë answers), Friday 8 09:05 (escalations).</summary>
    public static async Task SecondRemindersAndEscalationsAsync(ScrutinyApplication app)
    {
        await app.AtAsync(Uk(2027, 1, 6, 9, 5));
        await app.AtAsync(Uk(2027, 1, 7, 16));
        await AnswerAsync(app, Zoe, Q6, Answer6);
        await app.AtAsync(Uk(2027, 1, 8, 9, 5));
    }

    /// <summary>Saturday 9 January, just after midnight: responses close and the scrutiny team is asked to check the statement.</summary>
    public static Task DeadlinePassesAsync(ScrutinyApplication app) => app.AtAsync(Uk(2027, 1, 9, 0, 5));

    /// <summary>The review sent, its first answers in and its deadline passed: the statement waits for the scrutiny team to check it.</summary>
    public static async Task<string> AssembledAtDeadlineAsync(ScrutinyApplication app)
    {
        var id = await CreateAndDispatchAsync(app);
        await SendRequestsAsync(app);
        await FirstAnswersAsync(app);
        await DeadlinePassesAsync(app);
        return id;
    }

    /// <summary><see cref="AssembledAtDeadlineAsync"/>, then released: the panel has had the statement.</summary>
    public static async Task<string> ReleasedAtDeadlineAsync(ScrutinyApplication app)
    {
        var id = await AssembledAtDeadlineAsync(app);
        await ReleaseAsync(app, id);
        return id;
    }

    /// <summary>Monday 11 January, 10:00: the scrutiny officer has checked the statement and releases it to the panel.</summary>
    public static async Task ReleaseAsync(ScrutinyApplication app, string id)
    {
        await app.AtAsync(Uk(2027, 1, 11, 10));
        Assert.Equal(HttpStatusCode.Accepted, (await app.CreateClient().PostAsync($"/api/reviews/{id}/release", Api.NoBody())).StatusCode);
        await app.RunRunnerAsync();
    }

    private static async Task AnswerAsync(ScrutinyApplication app, string officer, string question, string text)
    {
        var response = await app.AnswerAsync(app.LinkFor(officer, question), question, text);
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
    }

    /// <summary>Checks the filed statement: every question in order under its area, answers as given, reporters and designations from the directory, unanswered ones marked.</summary>
    public static async Task<IReadOnlyList<string[]>> AssertFiledStatementAsync(ScrutinyApplication app, string id)
    {
        var review = await app.GetReviewAsync(id);
        Assert.Equal("completed", review.Status);
        Assert.NotNull(review.FiledLocation);
        Assert.EndsWith(".docx", review.FiledLocation, StringComparison.Ordinal);
        // The HTML view is filed beside the Word appendix, from the same statement.
        var html = await File.ReadAllTextAsync(Path.Combine(Path.GetDirectoryName(review.FiledLocation)!, "position-statement.html"));
        var document = new HtmlParser().ParseDocument(html);

        var tables = document.QuerySelectorAll("main > table").ToList();
        Assert.Equal(["Accommodation for 16 and 17 year olds", "Care leavers", "Contact arrangements"], tables.Select(t => t.QuerySelector("caption")!.TextContent));
        Assert.All(tables, t => Assert.Equal(["Question", "Position statement", "Reporter", "Designation"], t.QuerySelectorAll("thead th").Select(th => th.TextContent)));

        var rows = tables.SelectMany(t => t.QuerySelectorAll("tbody tr"))
            .Select(tr => tr.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray())
            .ToList();
        const string NoResponse = "No response received by 8 January 2027";
        Assert.Equal(
            [
                // Siân's amendment replaced the data team's words: the statement names her alone for what it prints.
                [$"1. {Q1}", Answer1Amended, "Siân Llewellyn", "Head of Service, Children in Care"],
                [$"2. {Q2}", Answer2, "Tom Okafor", "Team Manager, Looked After Children"],
                [$"3. {Q3}", NoResponse, "Siân Llewellyn", "Head of Service, Children in Care"],
                [$"4. {Q4}", Answer4, "Tom Okafor", "Team Manager, Looked After Children"],
                [$"5. {Q5}", NoResponse, "Children's Services Data Team", "Performance and Data Team"],
                [$"6. {Q6}", "Care plans record contact frequency and venue.Independent reviewing officers check this at every review .", "Zoë Fairbrother", "Domestic Abuse Coordinator"],
                [$"7. {Q7}", NoResponse, "Zoë Fairbrother", "Domestic Abuse Coordinator"],
                [$"8. {Q8}", NoResponse, "Siân Llewellyn", "Head of Service, Children in Care"],
            ],
            rows);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Contains("Children and Families Scrutiny Panel", document.QuerySelector("dl.cover")!.TextContent, StringComparison.Ordinal);

        // The Word appendix filed with it says the same, row for row.
        using var word = WordprocessingDocument.Open(review.FiledLocation, isEditable: false);
        var wordTables = word.MainDocumentPart!.Document.Body!.Elements<W.Table>().Skip(1).ToList();
        Assert.Equal(rows, wordTables.SelectMany(t => t.Elements<W.TableRow>().Skip(1)).Select(r => r.Elements<W.TableCell>().Select(c => c.InnerText).ToArray()));
        Assert.Empty(new OpenXmlValidator(DocumentFormat.OpenXml.FileFormatVersions.Office2019).Validate(word));
        // The cover report still has sections only its author can write: it is their draft, not the panel's paper.
        Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(review.FiledLocation)!, "cover-report.docx")));
        return rows;
    }

    /// <summary>The address in a formatted recipient ("Name &lt;address&gt;", or the address alone).</summary>
    public static string Address(string formatted) =>
        formatted.Contains('<', StringComparison.Ordinal) ? formatted[(formatted.IndexOf('<', StringComparison.Ordinal) + 1)..formatted.IndexOf('>', StringComparison.Ordinal)] : formatted;

    /// <summary>Every message once: the right number in all, and no person sent the same message twice.</summary>
    public static void AssertMailSentOnce(EmlMailbox mailbox)
    {
        var mails = mailbox.List();
        var repeated = mails.GroupBy(m => (string.Join(",", m.To), m.Subject, m.TextBody)).Where(g => g.Count() > 1).Select(g => g.Key.Item2).ToList();
        Assert.Empty(repeated);
        Assert.Equal(MailsInAll, mails.Count);
    }
}
