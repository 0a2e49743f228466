using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ScrutinyWorkflow.Core.Calendar;
using ScrutinyWorkflow.Core.Reviews;
using ScrutinyWorkflow.Web.Hosting;
using ScrutinyWorkflow.Web.Links;
using ScrutinyWorkflow.Web.Mail;
using ScrutinyWorkflow.Web.Notifications;

namespace ScrutinyWorkflow.Web.Tests.Notifications;

/// <summary>Each message on its own: who gets it, what its subject says, which questions it lists and which link it carries.</summary>
public sealed class ReviewMessagesTests
{
    private static readonly Officer Asha = new("asha@council.example", "Asha Patel", "Head of Service", "dir@council.example");
    private static readonly Officer Ben = new("ben@council.example", "Ben Okafor", "Data Lead", "asha@council.example");
    private static readonly Officer Director = new("dir@council.example", "Dee Rector", "Director", null);
    private static readonly Officer Cara = new("cara@council.example", "Cara Jones", "Leaving Care Manager", null);
    private static readonly Officer[] Council = [Asha, Ben, Director, Cara];

    private const string Q1 = "How many are in bed and breakfast?";
    private const string Q2 = "How are their needs assessed?";
    private const string Q3 = "Does every care leaver have an adviser?";

    private static readonly ScrutinyOptions Settings = new()
    {
        PublicBaseUrl = "https://scrutiny.council.example",
        TeamEmail = "scrutiny@council.example",
        TeamName = "Scrutiny Team",
    };

    private static readonly ResponseLinks Links = new(new byte[32], Options.Create(Settings));
    private static readonly ReviewMessages Messages = MessagesWith(MessageTemplates.Load(null));

    /// <summary>The messages worded by the given templates, with the HTML rendered by a real HtmlRenderer.</summary>
    internal static ReviewMessages MessagesWith(MessageTemplates templates)
    {
        var services = new ServiceCollection().AddLogging().BuildServiceProvider();
        return new(Links, Options.Create(Settings), Options.Create(new MailOptions { CouncilName = "Riverside Borough Council" }), templates,
            new MessageHtml(services, services.GetRequiredService<ILoggerFactory>()));
    }
    private static readonly ReviewDecider Decider = new(ReviewPolicy.Default, new WorkingCalendar());

    private static DateTimeOffset At(int month, int day, int hour = 10) => new(month == 12 ? 2026 : 2027, month, day, hour, 0, 0, TimeSpan.Zero);

    /// <summary>Asha is asked Q1 (with Ben) and Q2; Cara Q3. Sent on Monday 14 December; deadline Friday 8 January.</summary>
    private static ReviewState Review(params ReviewCommand[] then) => Review(automaticRelease: false, then);

    private static ReviewState Review(bool automaticRelease, params ReviewCommand[] then)
    {
        var state = ReviewState.Initial;
        ReviewCommand[] commands =
        [
            new DraftReview("rv-1", "Careless: helping to improve council services to children in care", new YearMonth(2020, 12),
                "Children and Families Scrutiny Panel", "panel@council.example", new DateOnly(2027, 1, 20), new DateOnly(2027, 1, 8),
                [
                    new AreaInput("Accommodation", [new QuestionInput(Q1, [Asha.Email, Ben.Email]), new QuestionInput(Q2, [Asha.Email])]),
                    new AreaInput("Care leavers", [new QuestionInput(Q3, [Cara.Email])]),
                ],
                Council, At(12, 14), automaticRelease),
            new DispatchReview(At(12, 14)),
            .. then,
        ];
        foreach (var command in commands)
        {
            var accepted = Assert.IsType<Accepted>(Decider.Decide(command, state));
            state = accepted.Events.Aggregate(state, ReviewState.Evolve);
        }
        return state;
    }

    private static Task<OutgoingMail> Compose(ReviewEffect effect, ReviewState state) => Messages.ComposeAsync("rv-1.5.1", effect, state, At(12, 20));

    private static string LinkOf(Respondent respondent) => Links.UrlFor("rv-1", respondent).AbsoluteUri;

    [Fact]
    public async Task A_request_goes_to_the_officer_once_listing_each_of_their_questions_with_who_else_was_asked_and_their_own_link()
    {
        var mail = await Compose(new SendRequest(Asha.Email, ["A1", "A3"]), Review());

        Assert.Equal([new MailAddress(Asha.Email, Asha.Name)], mail.To);
        Assert.Equal("“Careless” review: 2 questions for you to answer by Friday 8 January 2027", mail.Subject);
        Assert.Contains($"Accommodation: {Q1}\r\n    (Also asked: Ben Okafor.", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains($"Accommodation: {Q2}", mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(Q3, mail.TextBody, StringComparison.Ordinal);
        Assert.Contains(LinkOf(new Respondent(Asha.Email)), mail.TextBody, StringComparison.Ordinal);
        Assert.Equal(new MailAddress(Settings.TeamEmail, Settings.TeamName), mail.From);
    }

    [Fact]
    public async Task A_reminder_lists_only_the_questions_still_open_when_it_is_sent()
    {
        var state = Review(new SubmitAnswer("A2", "Three.", At(12, 16)));

        var mail = await Compose(new SendReminder(Asha.Email, ["A1", "A3"], 1), state);
        var last = await Compose(new SendReminder(Asha.Email, ["A1", "A3"], 2), state);

        Assert.Equal("Reminder: 1 question still to answer by Friday 8 January 2027 for the “Careless” review", mail.Subject);
        Assert.Contains("This is a reminder", mail.TextBody, StringComparison.Ordinal);
        Assert.Equal("Final reminder: 1 question still to answer by Friday 8 January 2027 for the “Careless” review", last.Subject);
        Assert.Contains("your manager will be asked", last.TextBody, StringComparison.Ordinal);
        Assert.Contains(Q2, mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(Q1, mail.TextBody, StringComparison.Ordinal);
        // A reminder the team asks for says who is reminding, not "asked us", which leaves the reader asking who "us" is.
        var asked = (await Compose(new SendReminder(Asha.Email, ["A3"], 0), state)).TextBody;
        Assert.Contains("Scrutiny Team is reminding you that", asked, StringComparison.Ordinal);
        Assert.DoesNotContain(" us ", asked, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_escalation_goes_to_the_manager_copied_to_the_officer_with_the_managers_own_link_to_answer_on_their_behalf()
    {
        var state = Review(new ProcessDueTimers(At(1, 8, 9)));

        var mail = await Compose(new SendEscalation(Ben.Email, Asha.Email, ["A2"]), state);

        Assert.Equal([new MailAddress(Asha.Email, Asha.Name)], mail.To);
        Assert.Equal([new MailAddress(Ben.Email, Ben.Name)], mail.Cc);
        Assert.Equal("“Careless” review: Ben Okafor has 1 unanswered question due Friday 8 January 2027", mail.Subject);
        Assert.Contains(LinkOf(new Respondent(Asha.Email, Ben.Email)), mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(LinkOf(new Respondent(Asha.Email)), mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("on their behalf", mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_escalation_for_an_officer_with_no_manager_goes_to_the_team_without_a_link()
    {
        var mail = await Compose(new SendEscalation(Cara.Email, null, ["A4"]), Review(new ProcessDueTimers(At(1, 8, 9))));

        Assert.Equal([new MailAddress(Settings.TeamEmail, Settings.TeamName)], mail.To);
        Assert.DoesNotContain("/respond/", mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Colleagues_are_told_who_answered_and_who_amended()
    {
        var answered = Review(new SubmitAnswer("A2", "Three.", At(12, 16)));
        var amended = Review(new SubmitAnswer("A2", "Three.", At(12, 16)), new SubmitAnswer("A1", "Four.", At(12, 17), Replacing: "Three."));

        var told = await Compose(new SendAnsweredByColleague(Asha.Email, "Q1"), answered);
        var toldOfChange = await Compose(new SendAmendmentNotice(Ben.Email, "Q1"), amended);

        Assert.Equal(("“Careless” review: answered by Ben Okafor", Asha.Email), (told.Subject, told.To.Single().Email));
        Assert.Equal(("“Careless” review: answer amended by Asha Patel", Ben.Email), (toldOfChange.Subject, toldOfChange.To.Single().Email));
        Assert.Contains(Q1, toldOfChange.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_team_hears_at_once_when_a_question_is_declined_with_the_colleague_suggested_and_the_reason()
    {
        var state = Review(new DeclineQuestion("A4", Ben.Email, Council, "Data holds this", At(12, 16)));

        var mail = await Compose(new SendDeclineNotice("A4"), state);

        Assert.Equal(Settings.TeamEmail, mail.To.Single().Email);
        Assert.Equal("“Careless” review: Cara Jones says a question is not for them", mail.Subject);
        Assert.Contains("Data holds this", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("Ben Okafor (ben@council.example, Data Lead)", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains(Q3, mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_deadline_notice_names_the_new_date_and_the_officers_open_questions()
    {
        var state = Review(new ChangeDeadline(new DateOnly(2027, 1, 6), At(12, 16)));

        var mail = await Compose(new SendDeadlineNotice(Asha.Email, ["A1", "A3"]), state);

        Assert.Equal("“Careless” review: new deadline Wednesday 6 January 2027", mail.Subject);
        Assert.Contains("2 unanswered questions", mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Withdrawn_reassigned_and_closed_early_notices_tell_the_officer_no_answer_is_needed()
    {
        var withdrawn = await Compose(new SendWithdrawalNotice(Asha.Email, "Q2"), Review(new WithdrawQuestion("Q2", "", At(12, 16))));
        var passedOn = await Compose(new SendReassignmentNotice("A4"), Review(new ReassignAssignment("A4", Ben.Email, Council, "", At(12, 16))));
        var closed = await Compose(new SendClosedNotice(Cara.Email, ["A4"]), Review(new CloseEarly("Meeting moved", At(12, 21))));

        Assert.Equal("“Careless” review: a question has been withdrawn", withdrawn.Subject);
        Assert.Contains(Q2, withdrawn.TextBody, StringComparison.Ordinal);
        Assert.Equal("No longer needed: “Careless” review question passed to Ben Okafor", passedOn.Subject);
        Assert.Equal("“Careless” review closed early: no answer needed", closed.Subject);
        Assert.Contains("not that you did not respond", closed.TextBody, StringComparison.Ordinal);
        Assert.Contains("Meeting moved", closed.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_team_is_asked_to_check_the_statement_and_told_it_waits_for_their_release()
    {
        var mail = await Compose(new SendStatementForCheck(), Review(new ProcessDueTimers(At(1, 9, 0))));

        Assert.Contains("Release it to the panel when you have checked it.", mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("automatically", mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_team_is_asked_to_check_the_statement_and_told_when_it_goes_automatically()
    {
        var mail = await Compose(new SendStatementForCheck(), Review(automaticRelease: true, new ProcessDueTimers(At(1, 9, 0))));

        Assert.Equal(Settings.TeamEmail, mail.To.Single().Email);
        Assert.Equal("“Careless” review: the position statement is ready for you to check", mail.Subject);
        Assert.Contains("0 of 3 questions are answered", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("09:00 on Tuesday 12 January 2027", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("https://scrutiny.council.example/reviews/rv-1/statement", mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_panel_is_sent_a_page_a_councillor_can_open_with_the_team_copied_and_no_server_path()
    {
        var state = Review(new SubmitAnswer("A4", "Yes.", At(12, 16)), new ProcessDueTimers(At(1, 9, 0)), new ReleaseStatement(At(1, 11)),
            new RecordStatementFiled("/srv/scrutiny/data/panel/rv-1/position-statement.html", At(1, 11)));

        var mail = await Compose(new NotifyPanel(), state);

        Assert.Equal([new MailAddress("panel@council.example", "Children and Families Scrutiny Panel")], mail.To);
        Assert.Equal([new MailAddress(Settings.TeamEmail, Settings.TeamName)], mail.Cc);
        Assert.Contains("1 of 3 questions were answered", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("https://scrutiny.council.example/reviews/rv-1/statement", mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("/srv/", mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("/api/", mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reopened_answers_are_announced_to_officers_with_questions_still_open()
    {
        var state = Review(new ProcessDueTimers(At(1, 9, 0)), new ReopenAnswers(new DateOnly(2027, 1, 11), At(1, 9, 12)));

        var mail = await Compose(new SendReopenedNotice(Cara.Email, ["A4"]), state);

        Assert.Equal("“Careless” review: answers open again until Monday 11 January 2027", mail.Subject);
        Assert.Contains(LinkOf(new Respondent(Cara.Email)), mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_question_handed_on_or_added_later_is_asked_in_words_that_say_so()
    {
        var handedOn = await Compose(new SendRequest(Ben.Email, ["A5"]), Review(new ReassignAssignment("A4", Ben.Email, Council, "Data holds this", At(12, 16))));
        var added = await Compose(new SendRequest(Cara.Email, ["A5"]), Review(new AddQuestion("Care leavers", "Who funds personal advisers?", [Cara.Email], Council, At(12, 16))));

        Assert.Contains("The scrutiny team has passed you 1 question", handedOn.TextBody, StringComparison.Ordinal);
        Assert.Contains("first asked of Cara Jones", handedOn.TextBody, StringComparison.Ordinal);
        Assert.Contains(Q3, handedOn.TextBody, StringComparison.Ordinal);
        Assert.Contains("has added to its assurance review", added.TextBody, StringComparison.Ordinal);
        Assert.Contains("Who funds personal advisers?", added.TextBody, StringComparison.Ordinal);
        Assert.Equal("“Careless” review: 1 question for you to answer by Friday 8 January 2027", added.Subject);
    }

    [Fact]
    public async Task The_html_part_carries_the_same_words_and_link_as_the_text_part()
    {
        var mail = await Compose(new SendRequest(Asha.Email, ["A1", "A3"]), Review());

        var html = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(mail.HtmlBody);
        Assert.Equal(mail.Subject, html.Title);
        Assert.Equal(2, html.QuerySelectorAll("li").Length);
        var link = html.QuerySelectorAll("a").Single(a => a.TextContent == "Answer your questions");
        Assert.Equal(LinkOf(new Respondent(Asha.Email)), link.GetAttribute("href"));
        Assert.Contains($"Answer your questions: {LinkOf(new Respondent(Asha.Email))}", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("Scrutiny Team, Riverside Borough Council: scrutiny@council.example", html.Body!.TextContent, StringComparison.Ordinal);
    }
}
