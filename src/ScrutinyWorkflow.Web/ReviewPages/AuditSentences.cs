using System.Globalization;
using ScrutinyWorkflow.Core.Calendar;
using ScrutinyWorkflow.Core.Reviews;

namespace ScrutinyWorkflow.Web.ReviewPages;

/// <summary>
/// The audit trail in words a person reads: each event as one sentence that names people as the review knew them
/// ("Reminder sent to Jo Bloggs (Head of Service) about question Q1 on Friday 8 January 2027 at 09:00."). The review's
/// state as it stands now supplies who each assignment belonged to and what each question asked.
/// </summary>
public static class AuditSentences
{
    public static string Describe(ReviewEvent @event, ReviewState review)
    {
        ArgumentNullException.ThrowIfNull(@event);
        ArgumentNullException.ThrowIfNull(review);
        return $"{What(@event, review)} on {When(@event.At)}.";
    }

    /// <summary>"Friday 8 January 2027 at 09:00", in council time, as the event recorded it.</summary>
    public static string When(DateTimeOffset at) =>
        $"{LongDate.FormatWithDay(DateOnly.FromDateTime(at.DateTime))} at {at.ToString("HH:mm", CultureInfo.InvariantCulture)}";

    private static string What(ReviewEvent @event, ReviewState review) => @event switch
    {
        ReviewDrafted e => $"Review drafted from \u201c{e.FocusReport.Title}\u201d for the {e.Panel.Name} meeting on {Day(e.MeetingDate)}, " +
            $"with answers due by {Day(e.Deadline)} ({Count(e.Areas.Sum(a => a.Questions.Count), "question")} under {Count(e.Areas.Count, "area")} of focus)",
        QuestionsRevised e => $"Draft questions edited: now {Count(e.Areas.Sum(a => a.Questions.Count), "question")} under {Count(e.Areas.Count, "area")} of focus",
        ReviewDispatched => "Review sent out to the officers",
        DraftDiscarded => "Draft deleted by the scrutiny team before it was sent; it no longer appears in the list of reviews",
        RequestSent e => $"Question {review.NumberOf(e.QuestionId)} sent to {Person(review, e.OfficerEmail)}",
        ReminderSent e => $"Reminder {e.ReminderNumber} sent to {Person(review, OfficerOf(review, e.AssignmentId))} about question {QuestionOf(review, e.AssignmentId)}",
        Escalated { ManagerEmail: { } manager } e =>
            $"Question {QuestionOf(review, e.AssignmentId)} escalated from {Person(review, OfficerOf(review, e.AssignmentId))} to their manager, {Person(review, manager)}",
        Escalated e => $"Question {QuestionOf(review, e.AssignmentId)} raised with the scrutiny team: {Person(review, OfficerOf(review, e.AssignmentId))} has no manager in the directory",
        OfficerReminded e => $"Reminder sent by the scrutiny team to {Person(review, e.OfficerEmail)} about {Questions(review, e.AssignmentIds)}",
        AnswerSaved e => $"{Answerer(review, e.By, e.AssignmentId)} saved a draft answer to question {QuestionOf(review, e.AssignmentId)}",
        AnswerSubmitted e => $"Answer to question {review.NumberOf(e.QuestionId)} submitted by {Answerer(review, e.By, e.AssignmentId)}",
        AnswerAmended e => $"Answer to question {review.NumberOf(e.QuestionId)} amended by {Answerer(review, e.By, e.AssignmentId)}",
        LateAnswerAccepted e => $"Late answer to question {review.NumberOf(e.QuestionId)} from {Person(review, OfficerOf(review, e.AssignmentId))} recorded by the scrutiny team",
        QuestionDeclined e => $"{Person(review, OfficerOf(review, e.AssignmentId))} said question {QuestionOf(review, e.AssignmentId)} is not for them{Because(e.Reason)}" +
            (e.SuggestedEmail is { Length: > 0 } suggested ? $", and suggested {Person(review, suggested)}" : ""),
        AssignmentReassigned e => $"Question {QuestionOf(review, e.AssignmentId)} handed from {Person(review, OfficerOf(review, e.AssignmentId))} to {Person(review, e.To.Email)}{Because(e.Reason)}",
        QuestionAdded e => $"Question {review.NumberOf(e.Question.QuestionId)} added under \u201c{e.AreaHeading}\u201d and sent to {People(review, e.Question.OfficerEmails)}",
        QuestionWithdrawn e => $"Question {review.NumberOf(e.QuestionId)} withdrawn{Because(e.Reason)}",
        DeadlineChanged e => $"Deadline moved from {Day(e.From)} to {Day(e.To)}",
        MeetingDateChanged e => $"Meeting moved from {Day(e.From)} to {Day(e.To)}; the statement now goes to the panel by {e.ReleaseAt.ToString("HH:mm", CultureInfo.InvariantCulture)} on {Day(DateOnly.FromDateTime(e.ReleaseAt))}",
        DeadlinePassed => "Answers closed at the deadline; questions still unanswered are marked \u201cno response received\u201d",
        ReviewClosedEarly e => $"Review closed early by the scrutiny team{Because(e.Reason)}",
        StatementAssembled => "Position statement assembled, ready for the scrutiny team to check",
        AnswersReopened e => $"Answers reopened until the end of {Day(e.Until)}",
        StatementReleased { Automatically: true } => "Statement released to the panel automatically, in time for the agenda",
        StatementReleased => "Statement released to the panel by the scrutiny team",
        StatementFiled e => $"Statement filed for the panel at {e.Location}",
        PanelNotified => "Panel emailed that the statement is ready",
        AnswerCorrected e => $"Answer to question {review.NumberOf(e.QuestionId)} corrected by the scrutiny team",
        MailUndeliverable e => $"A message to {Person(review, e.Email)} could not be delivered{Because(e.Reason)}",
        OfficersAwayNoted e => AwaySentence(review, e),
        _ => throw new ArgumentOutOfRangeException(nameof(@event), @event.GetType().Name, "This event has no sentence yet: add one here."),
    };

    /// <summary>An absence that ends when it is noted is an officer back: their chasers go to them again.</summary>
    private static string AwaySentence(ReviewState review, OfficersAwayNoted e)
    {
        var back = e.Away.Where(a => a.Until <= e.At).Select(a => a.Email).ToList();
        var away = e.Away.Select(a => a.Email).Except(back).ToList();
        return string.Join("; ", new[]
        {
            away.Count > 0 ? $"{People(review, away)} found to be away past the deadline, so their chasers go to their managers" : null,
            back.Count > 0 ? $"{People(review, back)} no longer away, so their chasers go to them again" : null,
        }.OfType<string>());
    }

    private static string Day(DateOnly date) => LongDate.FormatWithDay(date);

    private static string Count(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";

    private static string Because(string reason) => string.IsNullOrWhiteSpace(reason) ? "" : $" (\u201c{reason.Trim()}\u201d)";

    /// <summary>"Jo Bloggs (Head of Service)", or the address alone when the review never knew the person.</summary>
    public static string Person(ReviewState review, string email)
    {
        var officer = review.OfficerOrAddress(Officer.NormaliseEmail(email));
        return string.IsNullOrWhiteSpace(officer.Designation) ? officer.Name : $"{officer.Name} ({officer.Designation})";
    }

    private static string People(ReviewState review, IEnumerable<string> emails) => Joined([.. emails.Select(e => Person(review, e))]);

    private static string Answerer(ReviewState review, Respondent? by, string assignmentId) => by switch
    {
        { OnBehalfOf: { } officer } => $"{Person(review, by.Email)} on behalf of {Person(review, officer)}",
        { } self => Person(review, self.Email),
        null => Person(review, OfficerOf(review, assignmentId)),
    };

    private static string OfficerOf(ReviewState review, string assignmentId) => review.FindAssignment(assignmentId)?.OfficerEmail ?? assignmentId;

    private static string QuestionOf(ReviewState review, string assignmentId) =>
        review.FindAssignment(assignmentId)?.QuestionId is { } questionId ? $"{review.NumberOf(questionId)}" : "(unknown)";

    private static string Questions(ReviewState review, IReadOnlyList<string> assignmentIds) =>
        assignmentIds.Count == 1 ? $"question {QuestionOf(review, assignmentIds[0])}" : $"questions {Joined([.. assignmentIds.Select(a => QuestionOf(review, a))])}";

    private static string Joined(IReadOnlyList<string> items) => items.Count switch
    {
        0 => "nobody",
        1 => items[0],
        _ => $"{string.Join(", ", items.Take(items.Count - 1))} and {items[^1]}",
    };
}
