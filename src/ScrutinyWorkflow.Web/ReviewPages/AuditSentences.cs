using System.Globalization;
using ScrutinyWorkflow.Core.Calendar;
using ScrutinyWorkflow.Core.Recommendations;
using ScrutinyWorkflow.Core.Reviews;

namespace ScrutinyWorkflow.Web.ReviewPages;

/// <summary>
/// The audit trail in words a person reads: each event as one sentence that names people as the review knew them
/// ("Reminder sent to Jo Bloggs (Head of Service) about question Q1 on Friday 8 January 2027 at 09:00."). The review's
/// state as it stands now supplies who each assignment belonged to and what each question asked.
/// </summary>
public static class AuditSentences
{
    public static string Describe(ReviewEvent @event, ReviewState review) => Describe(@event, review, before: null);

    /// <summary>
    /// One event, knowing the draft's questions as they stood before it, so that an edit to the draft says what changed
    /// ("Question Q8 removed from the draft") rather than only that something did.
    /// </summary>
    public static string Describe(ReviewEvent @event, ReviewState review, IReadOnlyList<AreaOfFocus>? before)
    {
        ArgumentNullException.ThrowIfNull(@event);
        ArgumentNullException.ThrowIfNull(review);
        var what = @event is QuestionsRevised revised && before is not null && DraftChanges(review, before, revised.Areas) is { Length: > 0 } changes
            ? changes
            : What(@event, review);
        return $"{what} on {When(@event.At)}.";
    }

    /// <summary>The review's events as sentences, in order, each edit to the draft compared with the draft before it.</summary>
    public static IReadOnlyList<string> Trail(IEnumerable<ReviewEvent> events, ReviewState review)
    {
        ArgumentNullException.ThrowIfNull(events);
        IReadOnlyList<AreaOfFocus>? draft = null;
        var sentences = new List<string>();
        foreach (var @event in events)
        {
            sentences.Add(Describe(@event, review, draft));
            draft = @event switch
            {
                ReviewDrafted e => e.Areas,
                QuestionsRevised e => e.Areas,
                _ => draft,
            };
        }
        return sentences;
    }

    /// <summary>
    /// What one edit to the draft did, question by question: removed (with its first words, since its number is gone),
    /// added, reworded, given other officers, moved. Empty when nothing a person would notice changed.
    /// </summary>
    private static string DraftChanges(ReviewState review, IReadOnlyList<AreaOfFocus> before, IReadOnlyList<AreaOfFocus> after)
    {
        static List<(string Heading, Question Question)> Flat(IReadOnlyList<AreaOfFocus> areas) =>
            [.. areas.SelectMany(a => a.Questions.Select(q => (a.Heading, q)))];
        var old = Flat(before);
        var now = Flat(after);
        var oldById = old.ToDictionary(p => p.Question.QuestionId);
        var nowIds = now.Select(p => p.Question.QuestionId).ToHashSet();
        var changes = new List<string>();
        foreach (var (_, removed) in old.Where(p => !nowIds.Contains(p.Question.QuestionId)))
        {
            changes.Add($"Question {removed.QuestionId} (\u201c{FirstWords(removed.Text)}\u201d) removed from the draft");
        }
        var oldOrder = old.Select(p => p.Question.QuestionId).Where(nowIds.Contains).ToList();
        var nowOrder = now.Select(p => p.Question.QuestionId).Where(oldById.ContainsKey).ToList();
        foreach (var (heading, question) in now)
        {
            if (!oldById.TryGetValue(question.QuestionId, out var was))
            {
                changes.Add($"Question {question.QuestionId} added to the draft under \u201c{heading}\u201d");
                continue;
            }
            if (!string.Equals(was.Question.Text, question.Text, StringComparison.Ordinal))
            {
                changes.Add($"Question {question.QuestionId} reworded");
            }
            if (!was.Question.OfficerEmails.Order(StringComparer.Ordinal).SequenceEqual(question.OfficerEmails.Order(StringComparer.Ordinal), StringComparer.Ordinal))
            {
                changes.Add(question.OfficerEmails.Count == 0
                    ? $"Question {question.QuestionId} left with no officer"
                    : $"Question {question.QuestionId} now goes to {People(review, question.OfficerEmails)}");
            }
            if (!string.Equals(was.Heading, heading, StringComparison.Ordinal) && before.Any(a => a.Heading == heading))
            {
                changes.Add($"Question {question.QuestionId} moved to \u201c{heading}\u201d");
            }
            else if (oldOrder.IndexOf(question.QuestionId) != nowOrder.IndexOf(question.QuestionId) && string.Equals(was.Heading, heading, StringComparison.Ordinal))
            {
                changes.Add($"Question {question.QuestionId} moved");
            }
        }
        var renamed = before.Select(a => a.Heading).Except(after.Select(a => a.Heading)).ToList();
        var named = after.Select(a => a.Heading).Except(before.Select(a => a.Heading)).ToList();
        if (renamed.Count == 1 && named.Count == 1)
        {
            changes.Add($"Area of focus \u201c{renamed[0]}\u201d renamed \u201c{named[0]}\u201d");
        }
        // Moving one question shifts its neighbours too; naming each of them would bury the one that was moved.
        var moved = changes.Where(c => c.EndsWith(" moved", StringComparison.Ordinal)).ToList();
        if (moved.Count > 1)
        {
            changes.RemoveAll(c => c.EndsWith(" moved", StringComparison.Ordinal));
            changes.Add($"Questions {Joined([.. moved.Select(c => c["Question ".Length..^" moved".Length])])} moved");
        }
        return Capitalised(string.Join("; ", changes));
    }

    private static string Capitalised(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private static string FirstWords(string text)
    {
        const int Length = 60;
        var line = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        var cut = line.Length <= Length ? -1 : line.LastIndexOf(' ', Length);
        return line.Length <= Length ? line : $"{line[..(cut > 0 ? cut : Length)].TrimEnd(',', ';', ':')}\u2026";
    }

    private static string Paper(ReviewState review) => StatusWords.PaperOf(review.Kind);

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
        MeetingDateChanged e => $"Meeting moved from {Day(e.From)} to {Day(e.To)}; the {Paper(review)} now goes to the panel by {e.ReleaseAt.ToString("HH:mm", CultureInfo.InvariantCulture)} on {Day(DateOnly.FromDateTime(e.ReleaseAt))}",
        DeadlinePassed => "Answers closed at the deadline; questions still unanswered are marked \u201cno response received\u201d",
        ReviewClosedEarly e => $"Review closed early by the scrutiny team{Because(e.Reason)}",
        StatementAssembled => $"{(review.Kind == ReviewKind.Decisions ? "The decisions paper" : "Position statement")} assembled, ready for the scrutiny team to check",
        AnswersReopened e => $"Answers reopened until the end of {Day(e.Until)}",
        StatementReleased { Automatically: true } => $"{Capitalised(Paper(review))} released to the panel automatically, in time for the agenda",
        StatementReleased => $"{Capitalised(Paper(review))} released to the panel by the scrutiny team",
        StatementFiled e => $"{Capitalised(Paper(review))} filed for the panel at {e.Location}",
        PanelNotified => $"Panel emailed that the {Paper(review)} is ready",
        ReceiptSent e => $"Receipt sent to {Answerer(review, e.To, e.Answers[0].AssignmentId)} for {Count(e.Answers.Count, "answer")}: {Joined([.. e.Answers.Select(a => a.Reference)])}",
        AnswerCorrected e => $"Answer to question {review.NumberOf(e.QuestionId)} corrected by the scrutiny team",
        MailUndeliverable e => $"A message to {Person(review, e.Email)} could not be delivered{Because(e.Reason)}",
        OfficersAwayNoted e => AwaySentence(review, e),
        DecisionsRecorded e => $"The Ombudsman's decisions for {e.Month.ToDisplayString()} recorded: {Count(e.Decisions.Count, "decision")}, " +
            $"{Count(e.Decisions.Count(d => d.QuestionId is not null), "upheld decision")} asked about and {Remedies(e.Decisions.Sum(d => d.Remedies.Count))} to follow",
        PublishedComplianceRecorded e => $"The Ombudsman's published compliance for {e.FirstYear}/{(e.FirstYear + 1) % 100:D2} entered: {e.Percent.ToString("0.#", CultureInfo.InvariantCulture)}%",
        FollowUpChanged e => FollowUpSentence(review, e),
        _ => throw new ArgumentOutOfRangeException(nameof(@event), @event.GetType().Name, "This event has no sentence yet: add one here."),
    };

    /// <summary>What happened to one recommendation (R1...) or remedy (M1...), named by its id as the review's page lists it.</summary>
    private static string FollowUpSentence(ReviewState review, FollowUpChanged e)
    {
        var what = Core.Reviews.FollowUpIds.IsRemedy(e.FollowUpId) ? $"Remedy {e.FollowUpId}" : $"Recommendation {e.FollowUpId}";
        return e.Change switch
        {
            Core.Recommendations.RecommendationRecorded r => $"{what} recorded, owned by {Named(r.Owner)}: \u201c{FirstWords(r.Text)}\u201d",
            Core.Recommendations.UpdateRequested r => $"{what}: update {r.Round} asked for by {Day(r.Due)}",
            Core.Recommendations.UpdateDateChanged r => $"{what}: update {r.Round} now due by {Day(r.To)}, not {Day(r.From)}",
            Core.Recommendations.UpdateReminderSent r => $"{what}: owner reminded of update {r.Round}",
            Core.Recommendations.UpdateEscalated { ManagerEmail: { } manager } r => $"{what}: update {r.Round} overdue, raised with {Person(review, manager)}",
            Core.Recommendations.UpdateEscalated r => $"{what}: update {r.Round} overdue, raised with the scrutiny team (the owner has no manager in the directory)",
            Core.Recommendations.UpdateProvided r => $"{what}: update {r.Round} given by {(r.ByScrutinyTeam ? "the scrutiny team" : Person(review, r.By))} ({(r.Progress == Core.Recommendations.RecommendationProgress.Done ? "done" : "in progress")})",
            Core.Recommendations.RecommendationClosed r => $"{what} closed by the scrutiny team as {r.Closure.Describe()}{Because(r.Note)}",
            Core.Recommendations.OwnerChanged r => $"{what} handed from {Named(r.From)} to {Named(r.To)}{Because(r.Reason)}",
            var other => $"{what}: {other.GetType().Name}",
        };
    }

    /// <summary>An owner as the follow-up recorded them from the directory: they need not be one of the review's officers.</summary>
    private static string Named(Officer officer) => officer.Designation is { Length: > 0 } designation ? $"{officer.Name} ({designation})" : officer.Name;

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

    private static string Remedies(int count) => count == 1 ? "1 remedy" : $"{count} remedies";

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
