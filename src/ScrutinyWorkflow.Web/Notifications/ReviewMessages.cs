using Microsoft.Extensions.Options;
using ScrutinyWorkflow.Core.Calendar;
using ScrutinyWorkflow.Core.Reviews;
using ScrutinyWorkflow.Core.Statements;
using ScrutinyWorkflow.Web.Hosting;
using ScrutinyWorkflow.Web.Links;
using ScrutinyWorkflow.Web.Mail;

namespace ScrutinyWorkflow.Web.Notifications;

/// <summary>
/// The words of every email the product sends, composed from the review as it stands when sent. Officers get one
/// message per step listing every question of theirs it concerns, with their one link for the review. The message
/// id is the effect's id, so composing the same effect again gives a message the sender recognises as already sent.
/// </summary>
public sealed class ReviewMessages(ResponseLinks links, IOptions<ScrutinyOptions> options)
{
    /// <summary>Longest review name used in subjects: focus report titles run long after their colon.</summary>
    private const int ShortTitleLength = 60;

    private readonly ScrutinyOptions settings = options.Value;

    private MailAddress Team => new(settings.TeamEmail, settings.TeamName);

    public OutgoingMail Compose(string effectId, ReviewEffect effect, ReviewState review, DateTimeOffset now) => effect switch
    {
        SendRequest e => Request(effectId, review, e, now),
        SendReminder e => Reminder(effectId, review, e, now),
        SendEscalation e => Escalation(effectId, review, e, now),
        SendAnsweredByColleague e => AnsweredByColleague(effectId, review, e, now),
        SendAmendmentNotice e => Amended(effectId, review, e, now),
        SendReassignmentNotice e => Reassigned(effectId, review, e, now),
        SendDeclineNotice e => Declined(effectId, review, e, now),
        SendDeadlineNotice e => DeadlineMoved(effectId, review, e, now),
        SendWithdrawalNotice e => Withdrawn(effectId, review, e, now),
        SendClosedNotice e => ClosedEarly(effectId, review, e, now),
        SendReopenedNotice e => Reopened(effectId, review, e, now),
        SendStatementForCheck => ForCheck(effectId, review, now),
        NotifyPanel => PanelNotice(effectId, review, now, []),
        _ => throw new ArgumentOutOfRangeException(nameof(effect), effect.GetType().Name, "This effect is not an email."),
    };

    /// <summary>The review's name in subjects: the focus report's short title (before its colon), as people say it.</summary>
    public static string ShortTitle(ReviewState review)
    {
        var title = review.FocusReport!.Title;
        var colon = title.IndexOf(':', StringComparison.Ordinal);
        return colon is > 0 and <= ShortTitleLength ? title[..colon].Trim() : title;
    }

    private OutgoingMail Request(string id, ReviewState review, SendRequest e, DateTimeOffset now)
    {
        var officer = review.OfficerOrAddress(e.OfficerEmail);
        var questions = Open(review, e.AssignmentIds);
        var body = new MessageBody()
            .Line($"Dear {officer.Name},")
            .Line($"The {review.Panel!.Name} is running an assurance review of the Local Government and Social Care Ombudsman's focus report \u201c{review.FocusReport!.Title}\u201d ({review.FocusReport.Published.ToDisplayString()}). You have been asked to answer {Count(questions.Count)} for the panel's position statement:")
            .Items(questions.Select(a => Describe(review, a, withCoOfficers: true)))
            .Line($"Please answer by the end of {LongDate.FormatWithDay(review.Deadline)}. You can save a draft and come back to it, and amend a submitted answer until answers close.")
            .Link(questions.Count == 1 ? "Answer your question" : "Answer your questions", links.UrlFor(review.ReviewId, new Respondent(officer.Email)))
            .Line("If a question is not for you, say so on that page and name the colleague who should answer it: the scrutiny team is told at once.")
            .Line("This link is personal to you: please do not forward it.");
        return Mail(id, [Address(officer)], [], $"{ShortTitle(review)} review: {Count(questions.Count)} for you by {LongDate.FormatWithDay(review.Deadline)}", body, now);
    }

    private OutgoingMail Reminder(string id, ReviewState review, SendReminder e, DateTimeOffset now)
    {
        var officer = review.OfficerOrAddress(e.OfficerEmail);
        var questions = Open(review, e.AssignmentIds);
        var body = new MessageBody()
            .Line($"Dear {officer.Name},")
            .Line(e.ReminderNumber == 0
                ? $"The scrutiny team has asked us to remind you that the {review.Panel!.Name} is still waiting for your answer to {Count(questions.Count)}:"
                : $"This is {(e.ReminderNumber == 1 ? "a reminder" : $"reminder {e.ReminderNumber}")}: the {review.Panel!.Name} is still waiting for your answer to {Count(questions.Count)}:")
            .Items(questions.Select(a => Describe(review, a, withCoOfficers: false)))
            .Line($"Please answer by the end of {LongDate.FormatWithDay(review.Deadline)}.")
            .Link(questions.Count == 1 ? "Answer your question" : "Answer your questions", links.UrlFor(review.ReviewId, new Respondent(officer.Email)));
        return Mail(id, [Address(officer)], [], $"Reminder: {ShortTitle(review)} review: {Count(questions.Count)} still to answer by {LongDate.FormatWithDay(review.Deadline)}", body, now);
    }

    private OutgoingMail Escalation(string id, ReviewState review, SendEscalation e, DateTimeOffset now)
    {
        var officer = review.OfficerOrAddress(e.OfficerEmail);
        var questions = Open(review, e.AssignmentIds);
        var to = e.ManagerEmail is { } managerEmail ? Address(review.OfficerOrAddress(managerEmail)) : Team;
        var body = new MessageBody()
            .Line($"{officer.Name} ({officer.Designation}) has not yet answered {Count(questions.Count)} for the {review.Panel!.Name}, and the deadline is the end of {LongDate.FormatWithDay(review.Deadline)}:")
            .Items(questions.Select(a => Describe(review, a, withCoOfficers: false)));
        if (e.ManagerEmail is { } manager)
        {
            body.Line($"Please make sure the answers are submitted by then, or the position statement will record that no response was received. You can answer on {officer.Name}'s behalf through the link below: the record will say the answer was given by you on their behalf, and the statement will name you as reporter.")
                .Link("Answer on their behalf", links.UrlFor(review.ReviewId, new Respondent(manager, officer.Email)))
                .Line("This link is personal to you: please do not forward it.");
        }
        else
        {
            body.Line($"{officer.Name} has no manager in the directory, so this comes to the scrutiny team. Chase them, reassign the questions, or let the statement record that no response was received.");
        }
        return Mail(id, [to], [Address(officer)], $"{ShortTitle(review)} review: {officer.Name} has {Count(questions.Count, "unanswered question")} due {LongDate.FormatWithDay(review.Deadline)}", body, now);
    }

    private OutgoingMail AnsweredByColleague(string id, ReviewState review, SendAnsweredByColleague e, DateTimeOffset now)
    {
        var officer = review.OfficerOrAddress(e.OfficerEmail);
        var answer = review.Answers[e.QuestionId];
        var body = new MessageBody()
            .Line($"Dear {officer.Name},")
            .Line($"{Who(review, answer.SubmittedBy)} has answered this question for the {review.Panel!.Name}, so you do not need to, and you will not be chased for it:")
            .Items([Place(review, e.QuestionId)])
            .Line($"You can read the answer, and amend it if something needs correcting, until answers close.")
            .Link("See the answer", links.UrlFor(review.ReviewId, new Respondent(officer.Email)));
        return Mail(id, [Address(officer)], [], $"{ShortTitle(review)} review: answered by {Who(review, answer.SubmittedBy)}", body, now);
    }

    private OutgoingMail Amended(string id, ReviewState review, SendAmendmentNotice e, DateTimeOffset now)
    {
        var officer = review.OfficerOrAddress(e.OfficerEmail);
        var answer = review.Answers[e.QuestionId];
        var by = answer.LastAmendment?.By ?? answer.SubmittedBy;
        var body = new MessageBody()
            .Line($"Dear {officer.Name},")
            .Line($"{Who(review, by)} has amended the answer to a question you were also asked for the {review.Panel!.Name}:")
            .Items([Place(review, e.QuestionId)])
            .Link("See the answer as it now stands", links.UrlFor(review.ReviewId, new Respondent(officer.Email)));
        return Mail(id, [Address(officer)], [], $"{ShortTitle(review)} review: answer amended by {Who(review, by)}", body, now);
    }

    private OutgoingMail Reassigned(string id, ReviewState review, SendReassignmentNotice e, DateTimeOffset now)
    {
        var assignment = review.FindAssignment(e.AssignmentId)!;
        var officer = review.OfficerOrAddress(assignment.OfficerEmail);
        var successor = review.Assignments.OfQuestion(assignment.QuestionId).LastOrDefault(a => a.IsCurrent);
        var to = successor is null ? "a colleague" : review.OfficerOrAddress(successor.OfficerEmail).Name;
        var body = new MessageBody()
            .Line($"Dear {officer.Name},")
            .Line($"The scrutiny team has passed this question to {to}. You do not need to answer it, and your link no longer shows it:")
            .Items([Place(review, assignment.QuestionId)]);
        return Mail(id, [Address(officer)], [], $"No longer needed: {ShortTitle(review)} review question passed to {to}", body, now);
    }

    private OutgoingMail Declined(string id, ReviewState review, SendDeclineNotice e, DateTimeOffset now)
    {
        var assignment = review.FindAssignment(e.AssignmentId)!;
        var officer = review.OfficerOrAddress(assignment.OfficerEmail);
        var declined = assignment.Declined!;
        var suggested = declined.Suggested is { } s ? $"{s.Name} ({s.Email}, {s.Designation})" : declined.SuggestedEmail;
        var body = new MessageBody()
            .Line($"{officer.Name} ({officer.Designation}) says this question is not for them:")
            .Items([Place(review, assignment.QuestionId)])
            .Line($"Their reason: {declined.Reason}")
            .Line(suggested is null
                ? "They did not name a colleague. Reassign the question to whoever should answer it; until then nobody is chased for it."
                : declined.Suggested is null
                    ? $"They suggest {suggested}, who is not in the officer directory. Reassign the question to whoever should answer it; until then nobody is chased for it."
                    : $"They suggest {suggested}. To hand it over, reassign assignment {assignment.Id} with no other name: the suggested colleague is asked at once.");
        return Mail(id, [Team], [], $"{ShortTitle(review)} review: {officer.Name} says a question is not for them", body, now);
    }

    private OutgoingMail DeadlineMoved(string id, ReviewState review, SendDeadlineNotice e, DateTimeOffset now)
    {
        var officer = review.OfficerOrAddress(e.OfficerEmail);
        var questions = Open(review, e.AssignmentIds);
        var body = new MessageBody()
            .Line($"Dear {officer.Name},")
            .Line($"The deadline for your {Count(questions.Count, "unanswered question")} for the {review.Panel!.Name} is now the end of {LongDate.FormatWithDay(review.Deadline)}:")
            .Items(questions.Select(a => Describe(review, a, withCoOfficers: false)))
            .Link(questions.Count == 1 ? "Answer your question" : "Answer your questions", links.UrlFor(review.ReviewId, new Respondent(officer.Email)));
        return Mail(id, [Address(officer)], [], $"{ShortTitle(review)} review: new deadline {LongDate.FormatWithDay(review.Deadline)}", body, now);
    }

    private OutgoingMail Withdrawn(string id, ReviewState review, SendWithdrawalNotice e, DateTimeOffset now)
    {
        var officer = review.OfficerOrAddress(e.OfficerEmail);
        var body = new MessageBody()
            .Line($"Dear {officer.Name},")
            .Line($"The scrutiny team has withdrawn this question from the {review.Panel!.Name}'s review. You do not need to answer it, and it will not appear in the position statement:")
            .Items([Place(review, e.QuestionId)]);
        return Mail(id, [Address(officer)], [], $"{ShortTitle(review)} review: a question has been withdrawn", body, now);
    }

    private OutgoingMail ClosedEarly(string id, ReviewState review, SendClosedNotice e, DateTimeOffset now)
    {
        var officer = review.OfficerOrAddress(e.OfficerEmail);
        var body = new MessageBody()
            .Line($"Dear {officer.Name},")
            .Line($"The scrutiny team has closed the {review.Panel!.Name}'s review early, so answers are no longer needed for {(e.AssignmentIds.Count == 1 ? "this question" : "these questions")}:")
            .Items(e.AssignmentIds.Select(review.FindAssignment).OfType<Assignment>().Select(a => Describe(review, a, withCoOfficers: false)))
            .Line($"The position statement will say they were not answered because the review closed early, not that you did not respond.{(review.ClosedEarlyReason is { Length: > 0 } reason ? $" The reason given: {reason}" : "")}");
        return Mail(id, [Address(officer)], [], $"{ShortTitle(review)} review closed early: no answer needed", body, now);
    }

    private OutgoingMail Reopened(string id, ReviewState review, SendReopenedNotice e, DateTimeOffset now)
    {
        var officer = review.OfficerOrAddress(e.OfficerEmail);
        var questions = Open(review, e.AssignmentIds);
        var until = review.LastAnswerDay!.Value;
        var body = new MessageBody()
            .Line($"Dear {officer.Name},")
            .Line($"The scrutiny team has opened the {review.Panel!.Name}'s review for answers again until the end of {LongDate.FormatWithDay(until)}. Your answer is still wanted for {Count(questions.Count)}:")
            .Items(questions.Select(a => Describe(review, a, withCoOfficers: false)))
            .Link(questions.Count == 1 ? "Answer your question" : "Answer your questions", links.UrlFor(review.ReviewId, new Respondent(officer.Email)));
        return Mail(id, [Address(officer)], [], $"{ShortTitle(review)} review: answers open again until {LongDate.FormatWithDay(until)}", body, now);
    }

    private OutgoingMail ForCheck(string id, ReviewState review, DateTimeOffset now)
    {
        var statement = PositionStatement.From(review);
        if (statement.Version > 1)
        {
            return NewVersionForCheck(id, review, statement, now);
        }
        var rows = statement.Areas.SelectMany(a => a.Rows).ToList();
        var body = new MessageBody()
            .Line($"The position statement for the {review.Panel!.Name} on \u201c{review.FocusReport!.Title}\u201d has been assembled: {rows.Count(r => r.Answer is not null)} of {rows.Count} questions are answered.")
            .Link("Check the statement", StatementPage(review))
            .Line(review.ReleaseAt is { } releaseAt
                ? $"Release it to the panel when you have checked it. If nobody does, it goes to the panel automatically at {releaseAt:HH:mm} on {LongDate.FormatWithDay(DateOnly.FromDateTime(releaseAt))}, the last working day agenda papers can be published for the meeting on {LongDate.FormatWithDay(review.MeetingDate)}."
                : "Release it to the panel when you have checked it.")
            .Line("Until then you can accept a late answer, or reopen answers for a few days.");
        return Mail(id, [Team], [], $"{ShortTitle(review)} review: the position statement is ready for you to check", body, now);
    }

    /// <summary>A new version of a released statement: what changed, and that it waits for her (it is never released automatically).</summary>
    private OutgoingMail NewVersionForCheck(string id, ReviewState review, PositionStatement statement, DateTimeOffset now)
    {
        var body = new MessageBody()
            .Line($"Version {statement.Version} of the position statement for the {review.Panel!.Name} on \u201c{review.FocusReport!.Title}\u201d has been assembled. What changed since version {statement.Version - 1}:")
            .Items(statement.ChangedRows.Select(c => c.Describe()))
            .Link("Check the statement", StatementPage(review))
            .Line("It goes to the panel only when you release it; until then you can accept further late answers or correct answers.");
        return Mail(id, [Team], [], $"{ShortTitle(review)} review: version {statement.Version} of the position statement is ready for you to check", body, now);
    }

    /// <summary>
    /// The panel's email: a one-paragraph summary, the Word papers attached (or, when they were too large to attach,
    /// links to them), and the page a councillor can open.
    /// </summary>
    public OutgoingMail PanelNotice(string id, ReviewState review, DateTimeOffset now, IReadOnlyList<MailAttachment> attachments)
    {
        var statement = PositionStatement.From(review);
        var summary = StatementSummary.Of(statement);
        var body = new MessageBody();
        if (statement.Version > 1)
        {
            body.Line($"This is version {statement.Version} of the position statement, replacing version {statement.Version - 1} you were sent earlier. What changed:")
                .Items(statement.ChangedRows.Select(c => c.Describe()));
        }
        body.Line($"The position statement for the {review.Panel!.Name} on the Ombudsman's focus report \u201c{review.FocusReport!.Title}\u201d is ready for the meeting on {LongDate.FormatWithDay(review.MeetingDate)}. {summary.AnsweredSentence}{(review.ClosedEarlyReason is { Length: > 0 } reason ? $"; the review was closed early: {reason}" : "")}.");
        if (attachments.Count > 0)
        {
            body.Line("The position statement (the Word appendix for the agenda pack) and a cover report, filled in as far as the review allows for the report's author to complete, are attached.");
        }
        else
        {
            body.Line("The Word appendix and cover report are too large to attach; download them here:")
                .Link("Position statement (Word)", Page(review, "statement.docx"))
                .Link("Cover report (Word)", Page(review, "cover-report.docx"));
        }
        body.Link("Read the position statement", StatementPage(review))
            .Line($"Questions about it: {settings.TeamName}, {settings.TeamEmail}.");
        var subject = statement.Version > 1 ? $"Position statement (version {statement.Version}): {review.FocusReport.Title}" : $"Position statement: {review.FocusReport.Title}";
        return Mail(id, [new MailAddress(review.Panel.Email, review.Panel.Name)], [Team], subject, body, now) with { Attachments = attachments };
    }

    /// <summary>
    /// To the scrutiny team: a message could not be delivered because the mail service refused an address, so the
    /// people it was for have not heard. Sent once per refused message (its id follows the refused one's).
    /// </summary>
    public OutgoingMail Undeliverable(OutgoingMail refused, IReadOnlyList<string> addresses, string reason, ReviewState review, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(refused);
        var who = addresses.Count > 0 ? addresses : [.. refused.To.Concat(refused.Cc).Select(a => a.Email)];
        var names = who.Select(email => review.OfficerOrAddress(Officer.NormaliseEmail(email)) is { } officer && officer.Name != officer.Email ? $"{officer.Name} ({officer.Email})" : email).ToList();
        var body = new MessageBody()
            .Line($"The mail service refused to deliver \u201c{refused.Subject}\u201d to:")
            .Items(names)
            .Line($"It said: {reason}")
            .Line("They have not been told. Check the address in the directory, then reassign their questions or contact them another way; the review goes on for everyone else.");
        return Mail($"{refused.MessageId}/undeliverable", [Team], [], $"{ShortTitle(review)} review: a message could not be delivered", body, now);
    }

    private Uri StatementPage(ReviewState review) => Page(review, "statement");

    private Uri Page(ReviewState review, string name) =>
        new(new Uri(settings.PublicBaseUrl.TrimEnd('/') + "/"), $"reviews/{Uri.EscapeDataString(review.ReviewId)}/{name}");

    private OutgoingMail Mail(string id, IReadOnlyList<MailAddress> to, IReadOnlyList<MailAddress> cc, string subject, MessageBody body, DateTimeOffset now) =>
        new(id, Team, to, cc, subject, body.Text(), body.Html(subject), now);

    /// <summary>The assignments listed that still want an answer (all of them, if none does, so a message is never empty).</summary>
    private static List<Assignment> Open(ReviewState review, IReadOnlyList<string> assignmentIds)
    {
        var open = ReviewEffects.StillOpen(assignmentIds, review).ToList();
        return open.Count > 0 ? open : [.. assignmentIds.Select(review.FindAssignment).OfType<Assignment>()];
    }

    private static string Describe(ReviewState review, Assignment assignment, bool withCoOfficers)
    {
        var place = Place(review, assignment.QuestionId);
        var others = review.Assignments.OfQuestion(assignment.QuestionId)
            .Where(a => a.IsCurrent && a.OfficerEmail != assignment.OfficerEmail)
            .Select(a => review.OfficerOrAddress(a.OfficerEmail).Name)
            .Distinct()
            .ToList();
        return withCoOfficers && others.Count > 0
            ? $"{place}\n(Also asked: {string.Join(" and ", others)}. Any of you may answer; the first answer submitted is the one the panel sees, and any of you can amend it.)"
            : place;
    }

    private static string Place(ReviewState review, string questionId)
    {
        var (heading, question) = review.Placing(questionId);
        return $"{heading}: {question.Text}";
    }

    private static string Who(ReviewState review, Respondent respondent) =>
        respondent.OnBehalfOf is { } officer
            ? $"{review.OfficerOrAddress(respondent.Email).Name} (for {review.OfficerOrAddress(officer).Name})"
            : review.OfficerOrAddress(respondent.Email).Name;

    private static string Count(int count, string what = "question") => count == 1 ? $"1 {what}" : $"{count} {what}s";

    private static MailAddress Address(Officer officer) => new(officer.Email, officer.Name);
}
