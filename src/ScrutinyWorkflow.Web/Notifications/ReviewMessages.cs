using System.Net;
using System.Text;
using Microsoft.Extensions.Options;
using ScrutinyWorkflow.Core.Calendar;
using ScrutinyWorkflow.Core.Reviews;
using ScrutinyWorkflow.Core.Statements;
using ScrutinyWorkflow.Web.Hosting;
using ScrutinyWorkflow.Web.Links;
using ScrutinyWorkflow.Web.Mail;

namespace ScrutinyWorkflow.Web.Notifications;

/// <summary>
/// The words of every email the product sends, composed from the review as it stands. The message id is the
/// effect's id, so composing the same effect again gives a message the mail sender recognises as already sent.
/// </summary>
public sealed class ReviewMessages(ResponseLinks links, IOptions<ScrutinyOptions> options)
{
    private readonly ScrutinyOptions settings = options.Value;

    public OutgoingMail Compose(string effectId, ReviewEffect effect, ReviewState review, DateTimeOffset now) => effect switch
    {
        SendRequest e => ToOfficer(effectId, review, e.AssignmentId, now, isReminder: false, reminderNumber: 0),
        SendReminder e => ToOfficer(effectId, review, e.AssignmentId, now, isReminder: true, e.ReminderNumber),
        SendEscalation e => Escalation(effectId, review, e.AssignmentId, now),
        SendAnsweredByColleague e => AnsweredByColleague(effectId, review, e, now),
        SendReassignmentNotice e => Reassigned(effectId, review, e.AssignmentId, now),
        SendDeadlineNotice e => DeadlineMoved(effectId, review, e.AssignmentId, now),
        NotifyPanel => PanelNotice(effectId, review, now),
        _ => throw new ArgumentOutOfRangeException(nameof(effect), effect.GetType().Name, "This effect is not an email."),
    };

    private OutgoingMail ToOfficer(string id, ReviewState review, string assignmentId, DateTimeOffset now, bool isReminder, int reminderNumber)
    {
        var (assignment, officer, area, question) = Find(review, assignmentId);
        var body = new Body()
            .Line($"Dear {officer.Name},")
            .Line(isReminder
                ? $"This is reminder {reminderNumber}: we have not yet had your answer for the {review.Panel!.Name}."
                : $"The {review.Panel!.Name} is running an assurance review of the Local Government and Social Care Ombudsman's focus report \u201c{review.FocusReport!.Title}\u201d ({review.FocusReport.Published.ToDisplayString()}). You have been asked to answer this question for the panel's position statement.")
            .Quote($"{area.Heading}: {question.Text}");
        var others = CoOfficers(review, assignment);
        if (others.Count > 0)
        {
            body.Line($"{string.Join(" and ", others)} {(others.Count == 1 ? "has" : "have")} been asked the same question. Any of you may answer, and the first answer submitted is the one the panel sees; any of you can amend it while responses are open.");
        }
        body.Line($"Please answer by the end of {Format(review.Deadline)}. You can save a draft and come back to it, and amend a submitted answer until the deadline; once every question is answered, the statement is compiled and answers close.")
            .Link("Answer the question", links.UrlFor(review.ReviewId, assignmentId))
            .Line($"If you are not the right person to answer, tell the scrutiny team at {settings.TeamEmail} and name the colleague who is.")
            .Line("This link is personal to you: please do not forward it.");
        var subject = (isReminder ? "Reminder: " : "") + $"Scrutiny question on \u201c{review.FocusReport!.Title}\u201d: please answer by {Format(review.Deadline)}";
        return Mail(id, [Address(officer)], [], subject, body, now);
    }

    private OutgoingMail Escalation(string id, ReviewState review, string assignmentId, DateTimeOffset now)
    {
        var (_, officer, area, question) = Find(review, assignmentId);
        var manager = officer.ManagerEmail is { } email && review.Officers.TryGetValue(email, out var known)
            ? Address(known)
            : officer.ManagerEmail is { } unknown ? new MailAddress(unknown) : new MailAddress(settings.TeamEmail, settings.TeamName);
        var body = new Body()
            .Line($"{officer.Name} ({officer.Designation}) has not yet answered a question for the {review.Panel!.Name}, and the deadline is the end of today, {Format(review.Deadline)}.")
            .Quote($"{area.Heading}: {question.Text}")
            .Line("Please make sure an answer is submitted today, through the link below, or the position statement will record that no response was received.")
            .Link("Answer the question", links.UrlFor(review.ReviewId, assignmentId))
            .Line($"Questions about this review: {settings.TeamEmail}.");
        return Mail(id, [manager], [Address(officer)], $"Unanswered scrutiny question for {officer.Name}: due today", body, now);
    }

    private OutgoingMail AnsweredByColleague(string id, ReviewState review, SendAnsweredByColleague e, DateTimeOffset now)
    {
        var (_, officer, area, question) = Find(review, e.AssignmentId);
        var (_, colleague, _, _) = Find(review, e.AnsweredByAssignmentId);
        var body = new Body()
            .Line($"Dear {officer.Name},")
            .Line($"{colleague.Name} has answered this question for the {review.Panel!.Name}, so you do not need to. You will not be chased for it.")
            .Quote($"{area.Heading}: {question.Text}")
            .Line($"You can read the answer, and amend it if something needs correcting, until the end of {Format(review.Deadline)}.")
            .Link("See the answer", links.UrlFor(review.ReviewId, e.AssignmentId));
        return Mail(id, [Address(officer)], [], $"Answered by {colleague.Name}: scrutiny question on \u201c{review.FocusReport!.Title}\u201d", body, now);
    }

    private OutgoingMail Reassigned(string id, ReviewState review, string assignmentId, DateTimeOffset now)
    {
        var (assignment, officer, area, question) = Find(review, assignmentId);
        var successor = review.Assignments.LastOrDefault(a => a.QuestionId == assignment.QuestionId && a.IsCurrent);
        var to = successor is null ? "a colleague" : review.Officers.GetValueOrDefault(successor.OfficerEmail)?.Name ?? successor.OfficerEmail;
        var body = new Body()
            .Line($"Dear {officer.Name},")
            .Line($"The scrutiny team has passed this question to {to}. You do not need to answer it, and the link you were sent no longer works.")
            .Quote($"{area.Heading}: {question.Text}");
        return Mail(id, [Address(officer)], [], $"No longer needed: scrutiny question on \u201c{review.FocusReport!.Title}\u201d", body, now);
    }

    private OutgoingMail DeadlineMoved(string id, ReviewState review, string assignmentId, DateTimeOffset now)
    {
        var (_, officer, area, question) = Find(review, assignmentId);
        var body = new Body()
            .Line($"Dear {officer.Name},")
            .Line($"The deadline for this question for the {review.Panel!.Name} is now the end of {Format(review.Deadline)}.")
            .Quote($"{area.Heading}: {question.Text}")
            .Link("Answer the question", links.UrlFor(review.ReviewId, assignmentId));
        return Mail(id, [Address(officer)], [], $"New deadline {Format(review.Deadline)}: scrutiny question on \u201c{review.FocusReport!.Title}\u201d", body, now);
    }

    private OutgoingMail PanelNotice(string id, ReviewState review, DateTimeOffset now)
    {
        var statement = PositionStatement.From(review);
        var rows = statement.Areas.SelectMany(a => a.Rows).ToList();
        var answered = rows.Count(r => r.Answer is not null);
        var body = new Body()
            .Line($"The position statement for the {review.Panel!.Name} on the Ombudsman's focus report \u201c{review.FocusReport!.Title}\u201d is ready for the meeting on {Format(review.MeetingDate)}.")
            .Line($"{answered} of {rows.Count} questions were answered{(review.ClosedEarlyReason is { Length: > 0 } reason ? $"; responses were closed early: {reason}" : "")}.")
            .Link("Read the position statement", new Uri(new Uri(settings.PublicBaseUrl.TrimEnd('/') + "/"), $"api/reviews/{review.ReviewId}/statement"))
            .Line($"It has been filed at: {review.FiledLocation}");
        return Mail(id, [new MailAddress(review.Panel.Email, review.Panel.Name)], [], $"Position statement ready: {review.FocusReport.Title}", body, now);
    }

    private OutgoingMail Mail(string id, IReadOnlyList<MailAddress> to, IReadOnlyList<MailAddress> cc, string subject, Body body, DateTimeOffset now) =>
        new(id, new MailAddress(settings.TeamEmail, settings.TeamName), to, cc, subject, body.Text(), body.Html(subject), now);

    private static (Assignment Assignment, Officer Officer, AreaOfFocus Area, Question Question) Find(ReviewState review, string assignmentId)
    {
        var assignment = review.FindAssignment(assignmentId) ?? throw new InvalidOperationException($"Review {review.ReviewId} has no assignment {assignmentId}.");
        var officer = review.Officers.GetValueOrDefault(assignment.OfficerEmail) ?? new Officer(assignment.OfficerEmail, assignment.OfficerEmail, "", null);
        var (area, question) = review.Placing(assignment.QuestionId);
        return (assignment, officer, area, question);
    }

    private static List<string> CoOfficers(ReviewState review, Assignment assignment) =>
        [.. review.Assignments
            .Where(a => a.QuestionId == assignment.QuestionId && a.IsCurrent && a.Id != assignment.Id)
            .Select(a => review.Officers.GetValueOrDefault(a.OfficerEmail)?.Name ?? a.OfficerEmail)];

    private static MailAddress Address(Officer officer) => new(officer.Email, officer.Name);

    private static string Format(DateOnly date) => LongDate.Format(date);

    /// <summary>One message written once, rendered as both plain text and HTML (every value encoded).</summary>
    private sealed class Body
    {
        private readonly List<(string Kind, string Text, Uri? Url)> parts = [];

        public Body Line(string text) => Add("p", text, null);

        public Body Quote(string text) => Add("quote", text, null);

        public Body Link(string label, Uri url) => Add("link", label, url);

        public string Text() => string.Join("\r\n\r\n", parts.Select(p => p.Kind switch
        {
            "quote" => "    " + p.Text,
            "link" => $"{p.Text}: {p.Url}",
            _ => p.Text,
        })) + "\r\n";

        public string Html(string title)
        {
            var html = new StringBuilder("<!DOCTYPE html><html lang=\"en-GB\"><head><meta charset=\"utf-8\"><title>")
                .Append(WebUtility.HtmlEncode(title)).Append("</title></head><body style=\"font-family:Arial,sans-serif;font-size:16px;line-height:1.5\">");
            foreach (var (kind, text, url) in parts)
            {
                html.Append(kind switch
                {
                    "quote" => $"<blockquote style=\"border-left:4px solid #b1b4b6;margin:0;padding-left:1em\"><p>{WebUtility.HtmlEncode(text)}</p></blockquote>",
                    "link" => $"<p><a href=\"{WebUtility.HtmlEncode(url!.AbsoluteUri)}\">{WebUtility.HtmlEncode(text)}</a></p>",
                    _ => $"<p>{WebUtility.HtmlEncode(text)}</p>",
                });
            }
            return html.Append("</body></html>").ToString();
        }

        private Body Add(string kind, string text, Uri? url)
        {
            parts.Add((kind, text, url));
            return this;
        }
    }
}
