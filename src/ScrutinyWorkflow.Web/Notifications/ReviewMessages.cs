using Microsoft.Extensions.Options;
using ScrutinyWorkflow.Core.Calendar;
using ScrutinyWorkflow.Core.Reviews;
using ScrutinyWorkflow.Core.Statements;
using ScrutinyWorkflow.Documents.Statements;
using ScrutinyWorkflow.Web.Hosting;
using ScrutinyWorkflow.Web.Links;
using ScrutinyWorkflow.Web.Mail;

namespace ScrutinyWorkflow.Web.Notifications;

/// <summary>
/// Every email the product sends, composed from the review as it stands when sent and worded by the council's
/// templates (<see cref="MessageTemplates"/>). Officers get one message per step listing every question of theirs it
/// concerns, with their one link for the review. The message id is the effect's id, so composing the same effect
/// again gives a message the sender recognises as already sent.
/// </summary>
public sealed partial class ReviewMessages(ResponseLinks links, IOptions<ScrutinyOptions> options, IOptions<MailOptions> mailOptions, MessageTemplates templates, MessageHtml html)
{
    /// <summary>Longest review name used in subjects: focus report titles run long after their colon.</summary>
    private const int ShortTitleLength = 60;

    private readonly ScrutinyOptions settings = options.Value;

    private MailAddress Team => new(settings.TeamEmail, settings.TeamName);

    public Task<OutgoingMail> ComposeAsync(string effectId, ReviewEffect effect, ReviewState review, DateTimeOffset now) => effect switch
    {
        SendRequest e => Request(effectId, review, e, now),
        SendReminder e => Reminder(effectId, review, e, now),
        SendEscalation e => Escalation(effectId, review, e, now),
        SendAnsweredByColleague e => OneQuestion(effectId, review, e.OfficerEmail, e.QuestionId, "answered-by-colleague", now, link: true,
            ("answered_by", Who(review, review.Answers[e.QuestionId].SubmittedBy))),
        SendAmendmentNotice e => OneQuestion(effectId, review, e.OfficerEmail, e.QuestionId, "answer-amended", now, link: true,
            ("amended_by", Who(review, review.Answers[e.QuestionId].LastAmendment?.By ?? review.Answers[e.QuestionId].SubmittedBy))),
        SendReceipt e => Receipt(effectId, review, new SendReceipts(e.To, [new(e.AssignmentId, e.QuestionId, e.Reference, e.Text, e.At, e.Amended)]), now),
        SendReceipts e => Receipt(effectId, review, e, now),
        SendReassignmentNotice e => Reassigned(effectId, review, e, now),
        SendDeclineNotice e => Declined(effectId, review, e, now),
        SendDeadlineNotice e => OpenQuestions(effectId, review, e.OfficerEmail, e.AssignmentIds, "deadline-changed", now),
        SendWithdrawalNotice e => OneQuestion(effectId, review, e.OfficerEmail, e.QuestionId, "question-withdrawn", now, link: false),
        SendClosedNotice e => ClosedEarly(effectId, review, e, now),
        SendReopenedNotice e => OpenQuestions(effectId, review, e.OfficerEmail, e.AssignmentIds, "answers-reopened", now,
            ("until", LongDate.FormatWithDay(review.LastAnswerDay!.Value))),
        SendStatementForCheck => ForCheck(effectId, review, now),
        NotifyPanel => PanelNoticeAsync(effectId, review, now, []),
        SendUndeliverableNotice e => UndeliverableAsync(effectId, "", [e.Email], e.Reason, review, now),
        FollowUpEffect e => FollowUpAsync(effectId, review, e, now),
        _ => throw new ArgumentOutOfRangeException(nameof(effect), effect.GetType().Name, "This effect is not an email."),
    };

    /// <summary>The review's name in subjects: the focus report's short title (before its colon), as people say it.</summary>
    public static string ShortTitle(ReviewState review) => ShortTitle(review.FocusReport!.Title);

    private static string ShortTitle(string title)
    {
        var colon = title.IndexOf(':', StringComparison.Ordinal);
        return colon is > 0 and <= ShortTitleLength ? title[..colon].Trim() : title;
    }

    /// <summary>
    /// A request: when the review goes out; for a question added later; or for a question handed on to this officer
    /// (reassigned, or declined by the officer first asked).
    /// </summary>
    private Task<OutgoingMail> Request(string id, ReviewState review, SendRequest e, DateTimeOffset now)
    {
        var officer = review.OfficerOrAddress(e.OfficerEmail);
        var questions = Open(review, e.AssignmentIds);
        var handedOnFrom = questions.SelectMany(a => review.Assignments.OfQuestion(a.QuestionId))
            .Where(a => a.Outcome is AssignmentOutcome.Reassigned or AssignmentOutcome.Declined && a.OfficerEmail != officer.Email)
            .Select(a => review.OfficerOrAddress(a.OfficerEmail).Name).Distinct().ToList();
        var later = review.DispatchedAt is { } dispatched && questions.All(a => a.RequestedAt > dispatched);
        var template = !later ? "request" : handedOnFrom.Count > 0 ? "reassigned-to-you" : "question-added";
        var model = ForOfficer(review, officer, questions, withCoOfficers: true);
        model["passed_from"] = string.Join(" and ", handedOnFrom);
        return Mail(id, [Address(officer)], [], template, model, now);
    }

    private Task<OutgoingMail> Reminder(string id, ReviewState review, SendReminder e, DateTimeOffset now)
    {
        var reminders = review.Schedule?.Steps.Count(s => s.Action == ChaseAction.Reminder) ?? 0;
        var final = e.ReminderNumber > 0 && e.ReminderNumber >= reminders;
        return OpenQuestions(id, review, e.OfficerEmail, e.AssignmentIds, final ? "final-reminder" : "reminder", now, ("reminder_number", e.ReminderNumber));
    }

    private Task<OutgoingMail> Escalation(string id, ReviewState review, SendEscalation e, DateTimeOffset now)
    {
        var officer = review.OfficerOrAddress(e.OfficerEmail);
        var manager = e.ManagerEmail is { } managerEmail ? review.OfficerOrAddress(managerEmail) : null;
        var model = ForOfficer(review, officer, Open(review, e.AssignmentIds), withCoOfficers: false);
        model["officer"] = OfficerModel(officer);
        model["manager"] = new Dictionary<string, object?> { ["name"] = manager?.Name ?? "" };
        model["link"] = manager is null ? "" : links.UrlFor(review.ReviewId, new Respondent(manager.Email, officer.Email));
        model["away"] = review.Away.TryGetValue(officer.Email, out var away)
            ? away.Until is { } until ? $"until {LongDate.FormatWithDay(DateOnly.FromDateTime(until.DateTime))}" : "with no return date set"
            : "";
        return Mail(id, [manager is null ? Team : Address(manager)], [Address(officer)], "escalation", model, now);
    }

    /// <summary>
    /// To whoever submitted or amended answers: each text and reference as it was when sent (a later amendment has a
    /// receipt of its own), and their own link, which for a manager is the one to answer on behalf. The first answer's
    /// fields stand alone too, for a council's template written when a receipt acknowledged one answer.
    /// </summary>
    private Task<OutgoingMail> Receipt(string id, ReviewState review, SendReceipts e, DateTimeOffset now)
    {
        var first = e.Answers[0];
        return OneQuestion(id, review, e.To.Email, first.QuestionId, "receipt", now, link: false,
            ("answer", first.Text),
            ("reference", first.Reference),
            ("submitted_at", ReceivedAt(first.At)),
            ("amended", first.Amended),
            ("answers", e.Answers.Select(line => ReceiptLineModel(review, line)).ToList()),
            ("on_behalf_of", e.To.OnBehalfOf is { } officer ? review.OfficerOrAddress(officer).Name : ""),
            ("until", LongDate.FormatWithDay(review.LastAnswerDay ?? review.Deadline)),
            ("link", links.UrlFor(review.ReviewId, e.To)));
    }

    /// <summary>One answer a receipt acknowledges: its question's fields beside what was sent.</summary>
    private static Dictionary<string, object?> ReceiptLineModel(ReviewState review, ReceiptLine line)
    {
        var model = QuestionModel(review, line.QuestionId);
        model["answer"] = line.Text;
        model["reference"] = line.Reference;
        model["submitted_at"] = ReceivedAt(line.At);
        model["amended"] = line.Amended;
        return model;
    }

    private static string ReceivedAt(DateTimeOffset at) => $"{at:HH:mm} on {LongDate.FormatWithDay(DateOnly.FromDateTime(at.DateTime))}";

    private Task<OutgoingMail> Reassigned(string id, ReviewState review, SendReassignmentNotice e, DateTimeOffset now)
    {
        var assignment = review.FindAssignment(e.AssignmentId)!;
        var successor = review.Assignments.OfQuestion(assignment.QuestionId).LastOrDefault(a => a.IsCurrent);
        return OneQuestion(id, review, assignment.OfficerEmail, assignment.QuestionId, "reassigned-from-you", now, link: false,
            ("passed_to", successor is null ? "a colleague" : review.OfficerOrAddress(successor.OfficerEmail).Name));
    }

    private Task<OutgoingMail> Declined(string id, ReviewState review, SendDeclineNotice e, DateTimeOffset now)
    {
        var assignment = review.FindAssignment(e.AssignmentId)!;
        var officer = review.OfficerOrAddress(assignment.OfficerEmail);
        var declined = assignment.Declined!;
        var model = Common(review);
        model["officer"] = OfficerModel(officer);
        model["question"] = QuestionModel(review, assignment.QuestionId);
        model["reason"] = declined.Reason;
        model["suggested"] = declined.Suggested is { } s ? $"{s.Name} ({s.Email}, {s.Designation})" : declined.SuggestedEmail ?? "";
        model["suggested_in_directory"] = declined.Suggested is not null;
        model["assignment_id"] = assignment.Id;
        return Mail(id, [Team], [], "declined", model, now);
    }

    private Task<OutgoingMail> ClosedEarly(string id, ReviewState review, SendClosedNotice e, DateTimeOffset now)
    {
        var officer = review.OfficerOrAddress(e.OfficerEmail);
        var model = ForOfficer(review, officer, [.. e.AssignmentIds.Select(review.FindAssignment).OfType<Assignment>()], withCoOfficers: false);
        model["reason"] = review.ClosedEarlyReason ?? "";
        return Mail(id, [Address(officer)], [], "closed-early", model, now);
    }

    private Task<OutgoingMail> ForCheck(string id, ReviewState review, DateTimeOffset now)
    {
        var statement = PositionStatement.From(review);
        var rows = statement.Areas.SelectMany(a => a.Rows).ToList();
        var model = Common(review);
        AddVersion(model, statement);
        model["answered"] = rows.Count(r => r.Answer is not null);
        model["total"] = rows.Count;
        model["link"] = StatementPage(review);
        model["release_at"] = review.AutomaticRelease && review.ReleaseAt is { } releaseAt ? $"{releaseAt:HH:mm} on {LongDate.FormatWithDay(DateOnly.FromDateTime(releaseAt))}" : "";
        return Mail(id, [Team], [], "statement-to-check", model, now);
    }

    /// <summary>
    /// To the scrutiny team: a focus report arrived with nobody to bring it (the reports container, the Ombudsman's feed)
    /// and is now a draft review for her to check. Its id is the review's, so the same report arriving twice is told once.
    /// </summary>
    public Task<OutgoingMail> DraftOpenedAsync(DraftReview draft, int questions, int areas, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var model = Common(draft.Title ?? "An untitled focus report", draft.Published?.ToDisplayString() ?? "", draft.Deadline, draft.MeetingDate, draft.PanelName ?? "", draft.PanelEmail ?? "");
        model["questions_count"] = Count(questions);
        model["areas_count"] = areas == 1 ? "1 area" : $"{areas} areas";
        model["link"] = new Uri(new Uri(settings.PublicBaseUrl.TrimEnd('/') + "/"), $"reviews/{Uri.EscapeDataString(draft.ReviewId)}/draft");
        return Mail($"{draft.ReviewId}/draft-opened", [Team], [], "draft-to-check", model, now);
    }

    /// <summary>
    /// The panel's email: a one-paragraph summary, the Word papers attached (or, when they were too large to attach,
    /// links to them), and the page a councillor can open.
    /// </summary>
    public async Task<OutgoingMail> PanelNoticeAsync(string id, ReviewState review, DateTimeOffset now, IReadOnlyList<MailAttachment> attachments)
    {
        var statement = PositionStatement.From(review);
        var model = Common(review);
        AddVersion(model, statement);
        model["answered_summary"] = StatementSummary.Of(statement).AnsweredSentence;
        model["closed_early_reason"] = review.ClosedEarlyReason ?? "";
        model["attached"] = attachments.Count > 0;
        model["appendix_link"] = Page(review, "statement.docx");
        model["cover_report_link"] = Page(review, "cover-report.docx");
        model["link"] = StatementPage(review);
        var mail = await Mail(id, [new MailAddress(review.Panel!.Email, review.Panel.Name)], [Team], "statement-filed", model, now);
        return mail with { Attachments = attachments };
    }

    /// <summary>
    /// To the scrutiny team: a message could not be delivered because the mail service refused an address, or a
    /// delivery report said it bounced, so the people it was for have not heard. <paramref name="subject"/> is blank
    /// when only the report is known.
    /// </summary>
    public Task<OutgoingMail> UndeliverableAsync(string id, string subject, IReadOnlyList<string> addresses, string reason, ReviewState review, DateTimeOffset now)
    {
        var model = Common(review);
        model["subject"] = subject;
        model["recipients"] = addresses.Select(email => review.OfficerOrAddress(Officer.NormaliseEmail(email)) is { } officer && officer.Name != officer.Email ? $"{officer.Name} ({officer.Email})" : email).ToList();
        model["reason"] = reason;
        return Mail(id, [Team], [], "undeliverable", model, now);
    }

    /// <summary>The same, for a message the mail service refused as it was sent.</summary>
    public Task<OutgoingMail> UndeliverableAsync(OutgoingMail refused, IReadOnlyList<string> addresses, string reason, ReviewState review, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(refused);
        var who = addresses.Count > 0 ? addresses : [.. refused.To.Concat(refused.Cc).Select(a => a.Email)];
        return UndeliverableAsync($"{refused.MessageId}/undeliverable", refused.Subject, who, reason, review, now);
    }

    private Task<OutgoingMail> OpenQuestions(string id, ReviewState review, string officerEmail, IReadOnlyList<string> assignmentIds, string template, DateTimeOffset now, params (string Name, object? Value)[] extra)
    {
        var officer = review.OfficerOrAddress(officerEmail);
        var model = ForOfficer(review, officer, Open(review, assignmentIds), withCoOfficers: false);
        foreach (var (name, value) in extra)
        {
            model[name] = value;
        }
        return Mail(id, [Address(officer)], [], template, model, now);
    }

    private Task<OutgoingMail> OneQuestion(string id, ReviewState review, string officerEmail, string questionId, string template, DateTimeOffset now, bool link, params (string Name, object? Value)[] extra)
    {
        var officer = review.OfficerOrAddress(officerEmail);
        var model = Common(review);
        model["officer"] = OfficerModel(officer);
        model["question"] = QuestionModel(review, questionId);
        if (link)
        {
            model["link"] = links.UrlFor(review.ReviewId, new Respondent(officer.Email));
        }
        foreach (var (name, value) in extra)
        {
            model[name] = value;
        }
        return Mail(id, [Address(officer)], [], template, model, now);
    }

    private Dictionary<string, object?> ForOfficer(ReviewState review, Officer officer, List<Assignment> questions, bool withCoOfficers)
    {
        var model = Common(review);
        model["officer"] = OfficerModel(officer);
        model["questions"] = questions.Select(a => QuestionModel(review, a.QuestionId, withCoOfficers ? a.OfficerEmail : null)).ToList();
        model["questions_count"] = Count(questions.Count);
        model["link"] = links.UrlFor(review.ReviewId, new Respondent(officer.Email));
        return model;
    }

    /// <summary>From version 2 on, a statement says what changed since the version the panel last had.</summary>
    private static void AddVersion(Dictionary<string, object?> model, PositionStatement statement)
    {
        model["version"] = statement.Version;
        model["changes"] = statement.ChangedRows.Select(c => c.Describe()).ToList();
    }

    private Dictionary<string, object?> Common(ReviewState review) =>
        Common(review.FocusReport!.Title, review.FocusReport.Published.ToDisplayString(), review.Deadline, review.MeetingDate, review.Panel!.Name, review.Panel.Email, review.Kind);

    private Dictionary<string, object?> Common(string title, string published, DateOnly? deadline, DateOnly? meetingDate, string panelName, string panelEmail, ReviewKind kind = ReviewKind.FocusReport) => new()
    {
        ["council"] = new Dictionary<string, object?> { ["name"] = mailOptions.Value.CouncilName },
        ["team"] = new Dictionary<string, object?> { ["name"] = settings.TeamName, ["email"] = settings.TeamEmail },
        ["review"] = new Dictionary<string, object?>
        {
            ["title"] = title,
            ["short_title"] = ShortTitle(title),
            ["kind"] = kind == ReviewKind.Decisions ? "decisions" : "focus-report",
            ["published"] = published,
            ["deadline"] = deadline is { } due ? LongDate.FormatWithDay(due) : "",
            ["meeting_date"] = meetingDate is { } meeting ? LongDate.FormatWithDay(meeting) : "",
        },
        ["panel"] = new Dictionary<string, object?> { ["name"] = panelName, ["email"] = panelEmail },
    };

    private static Dictionary<string, object?> OfficerModel(Officer officer) => new()
    {
        ["name"] = officer.Name,
        ["designation"] = officer.Designation,
        ["email"] = officer.Email,
    };

    /// <summary>A question's area and words, and (for a request) who else is asked it, by name.</summary>
    private static Dictionary<string, object?> QuestionModel(ReviewState review, string questionId, string? coOfficersOf = null)
    {
        var (heading, question) = review.Placing(questionId);
        var others = coOfficersOf is null ? [] : review.Assignments.OfQuestion(questionId)
            .Where(a => a.IsCurrent && a.OfficerEmail != coOfficersOf)
            .Select(a => review.OfficerOrAddress(a.OfficerEmail).Name)
            .Distinct()
            .ToList();
        return new() { ["area"] = heading, ["number"] = review.NumberOf(questionId), ["text"] = question.Text, ["also_asked"] = string.Join(" and ", others) };
    }

    private Uri StatementPage(ReviewState review) => Page(review, "statement");

    private Uri Page(ReviewState review, string name) =>
        new(new Uri(settings.PublicBaseUrl.TrimEnd('/') + "/"), $"reviews/{Uri.EscapeDataString(review.ReviewId)}/{name}");

    private async Task<OutgoingMail> Mail(string id, IReadOnlyList<MailAddress> to, IReadOnlyList<MailAddress> cc, string template, Dictionary<string, object?> model, DateTimeOffset now)
    {
        var filled = templates.Fill(template, model);
        var body = AnswerMarkdown.Parse(filled.BodyMarkdown);
        return new(id, Team, to, cc, filled.Subject, MessageHtml.Text(body), await html.RenderAsync(filled.Subject, body), now);
    }

    /// <summary>The assignments listed that still want an answer (all of them, if none does, so a message is never empty).</summary>
    private static List<Assignment> Open(ReviewState review, IReadOnlyList<string> assignmentIds)
    {
        var open = ReviewEffects.StillOpen(assignmentIds, review).ToList();
        return open.Count > 0 ? open : [.. assignmentIds.Select(review.FindAssignment).OfType<Assignment>()];
    }

    private static string Who(ReviewState review, Respondent respondent) =>
        respondent.OnBehalfOf is { } officer
            ? $"{review.OfficerOrAddress(respondent.Email).Name} (for {review.OfficerOrAddress(officer).Name})"
            : review.OfficerOrAddress(respondent.Email).Name;

    private static string Count(int count) => count == 1 ? "1 question" : $"{count} questions";

    private static MailAddress Address(Officer officer) => new(officer.Email, officer.Name);
}
