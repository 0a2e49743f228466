using ScrutinyWorkflow.Core.Reviews;

namespace ScrutinyWorkflow.Web.ReviewPages;

/// <summary>
/// A review as its page shows it to the scrutiny officer: each officer with their questions and where each stands
/// (sent, chased, escalated, answered, declined), what she can do now, and the audit trail in sentences. Which
/// buttons show is only a courtesy: the decider still decides, and a refusal is shown against the form.
/// </summary>
public sealed record ReviewPageModel(
    string Id,
    long Version,
    string Title,
    string Published,
    string Panel,
    ReviewStatus Status,
    string StatusText,
    DateOnly Deadline,
    DateOnly MeetingDate,
    DateTime? ReleaseAt,
    bool AutomaticRelease,
    int StatementVersion,
    int Answered,
    int QuestionCount,
    IReadOnlyList<OfficerProgress> Officers,
    IReadOnlyList<QuestionLine> Questions,
    IReadOnlyList<string> Trail,
    ReviewActions Can)
{
    /// <summary>A focus report's review, or a monthly decisions review (issue 26).</summary>
    public ReviewKind Kind { get; init; }

    /// <summary>For a decisions review, the month's decisions.</summary>
    public IReadOnlyList<DecisionLine> Decisions { get; init; } = [];

    /// <summary>The panel's recommendations (R1...) and the remedies' evidence (M1...), each as it stands.</summary>
    public IReadOnlyList<FollowUpLine> FollowUps { get; init; } = [];

    /// <summary>Whether a recommendation of the panel can be recorded: once the statement (or paper) has gone to the panel.</summary>
    public bool CanRecordRecommendation { get; init; }

    /// <summary>The Ombudsman's published compliance figures entered, by year ("2025/26"), in percent.</summary>
    public IReadOnlyList<(string Year, decimal Percent)> PublishedCompliance { get; init; } = [];

    public IEnumerable<FollowUpLine> Recommendations => FollowUps.Where(f => !f.IsRemedy);

    public IEnumerable<FollowUpLine> Remedies => FollowUps.Where(f => f.IsRemedy);

    public static ReviewPageModel From(ReviewState review, long version, IReadOnlyList<ReviewEvent> events, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(review);
        ArgumentNullException.ThrowIfNull(events);
        var history = AssignmentHistory(review, events);
        var bounced = OfficerAttention.UndeliverableToActOn(review).ToDictionary(b => b.Email, StringComparer.Ordinal);
        var takingAnswers = review.TakesAnswersAt(now);
        var can = new ReviewActions(
            Remind: takingAnswers,
            Reassign: takingAnswers,
            AddQuestion: takingAnswers,
            CloseEarly: takingAnswers && review.Status == ReviewStatus.Open,
            ChangeDates: review.Status is not (ReviewStatus.None or ReviewStatus.Draft) && !review.IsReleased && review.ReleasedVersion == 0,
            Reopen: review.Status == ReviewStatus.Assembled && review.ReleasedVersion == 0,
            Release: review.Status == ReviewStatus.Assembled,
            // While she checks the statement, and once the panel has been told of a release (a new version follows), as the decider allows.
            AcceptLateAnswer: review.Status is ReviewStatus.Assembled or ReviewStatus.Completed,
            CorrectAnswer: review.Status is ReviewStatus.Assembled or ReviewStatus.Completed,
            SeeStatement: review.AssembledAt is not null || review.IsReleased);

        var officers = review.Assignments
            .GroupBy(a => a.OfficerEmail, StringComparer.Ordinal)
            .Select(group =>
            {
                var officer = review.OfficerOrAddress(group.Key);
                var questions = group.Select(a => Line(review, a, history, can)).ToList();
                review.RemindedByHand.TryGetValue(group.Key, out var reminded);
                return new OfficerProgress(officer.Email, officer.Name, officer.Designation,
                    CanRemind: can.Remind && group.Any(a => a.IsOpen),
                    RemindedByHand: reminded == default ? null : AuditSentences.When(reminded),
                    questions,
                    bounced.TryGetValue(group.Key, out var bounce) ? new BounceNote(bounce.Reason, AuditSentences.When(bounce.At)) : null);
            })
            .ToList();

        var questionLines = review.Areas.SelectMany(area => area.Questions.Select(q => new QuestionLine(
            q.QuestionId, review.NumberOf(q.QuestionId), area.Heading, q.Text, review.Answers.ContainsKey(q.QuestionId), CanWithdraw: can.ChangeDates,
            // The scrutiny team reads each answer as it arrives, to chase a thin one while there is time.
            review.Answers.GetValueOrDefault(q.QuestionId)?.Text,
            review.Answers.GetValueOrDefault(q.QuestionId) is { } answer ? $"{AuditSentences.Person(review, answer.Writer.Email)}, {AuditSentences.When(answer.WrittenAt)}" : null,
            CanCorrect: can.CorrectAnswer && review.Answers.ContainsKey(q.QuestionId),
            // Where she looks for a missing answer: under the question, for the first officer asked it who gave none.
            LateAnswerFrom: can.AcceptLateAnswer && !review.Answers.ContainsKey(q.QuestionId)
                ? review.Assignments.OfQuestion(q.QuestionId).FirstOrDefault(a => a.IsUnanswered)?.Id
                : null))).ToList();

        return new ReviewPageModel(
            review.ReviewId, version, TitleOf(review), review.FocusReport?.Published.ToDisplayString() ?? "", review.Panel?.Name ?? "",
            review.Status, StatusWords.Of(review.Status, review.Kind), review.Deadline, review.MeetingDate,
            // Only the first version has a publishing time to meet; a later one goes when she releases it.
            review.ReleasedVersion == 0 ? review.ReleaseAt : null, review.AutomaticRelease, Math.Max(review.StatementVersion, 1),
            review.Questions.Count(q => review.Answers.ContainsKey(q.QuestionId)), review.Questions.Count(),
            officers, questionLines,
            // Newest first: what happened last is what she came to see.
            [.. AuditSentences.Trail(events, review).Reverse()],
            can)
        {
            Kind = review.Kind,
            Decisions = FollowUpLines.Decisions(review),
            FollowUps = FollowUpLines.Of(review, now),
            CanRecordRecommendation = review.IsReleased,
            PublishedCompliance = [.. review.PublishedCompliance.OrderBy(p => p.Key).Select(p => (new Core.Decisions.YearCompliance(p.Key, Core.Decisions.RemedyTally.Empty, Core.Decisions.RemedyTally.Empty).Name, p.Value))],
        };
    }

    /// <summary>What a review is called on its pages: its focus report's title, which for a decisions review names its month.</summary>
    public static string TitleOf(ReviewState review)
    {
        ArgumentNullException.ThrowIfNull(review);
        return review.FocusReport?.Title ?? "";
    }

    private static OfficerQuestion Line(ReviewState review, Assignment assignment, Dictionary<string, List<string>> history, ReviewActions can)
    {
        var (heading, question) = review.Placing(assignment.QuestionId);
        var (state, colour) = StateOf(review, assignment);
        return new OfficerQuestion(
            assignment.Id, assignment.QuestionId, review.NumberOf(assignment.QuestionId), heading, question.Text, state, colour,
            history.GetValueOrDefault(assignment.Id) ?? [],
            assignment.Declined is { } declined
                ? new DeclineNote(declined.Reason, declined.SuggestedEmail is { Length: > 0 } suggested ? AuditSentences.Person(review, suggested) : null)
                : null,
            CanReassign: can.Reassign && assignment.Outcome is AssignmentOutcome.Open or AssignmentOutcome.Declined,
            CanAcceptLateAnswer: can.AcceptLateAnswer && assignment.IsUnanswered && !review.Answers.ContainsKey(assignment.QuestionId));
    }

    /// <summary>The state in words, and the GOV.UK tag colour that goes with it.</summary>
    private static (string State, string Colour) StateOf(ReviewState review, Assignment assignment) => assignment.Outcome switch
    {
        AssignmentOutcome.Answered when review.Answers.GetValueOrDefault(assignment.QuestionId)?.Late == true => ("Late answer recorded", "green"),
        AssignmentOutcome.Answered => ("Answered", "green"),
        AssignmentOutcome.NoResponse => ("No response", "red"),
        AssignmentOutcome.Declined => ("Declined", "orange"),
        AssignmentOutcome.Reassigned => ("Handed on", "grey"),
        AssignmentOutcome.Withdrawn => ("Withdrawn", "grey"),
        AssignmentOutcome.ClosedEarly => ("Closed early", "grey"),
        _ when assignment.Escalated => ("Escalated", "red"),
        _ when assignment.RemindersSent > 0 => ("Reminded", "yellow"),
        _ when review.HasDraft(assignment.Id) => ("Draft saved", "light-blue"),
        _ => ("Waiting", "blue"),
    };

    /// <summary>For each assignment, when it was sent, chased, escalated, answered, declined or handed on, in order.</summary>
    private static Dictionary<string, List<string>> AssignmentHistory(ReviewState review, IReadOnlyList<ReviewEvent> events)
    {
        var lines = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        void Add(string assignmentId, string text) =>
            (lines.TryGetValue(assignmentId, out var list) ? list : lines[assignmentId] = []).Add(text);
        foreach (var @event in events)
        {
            var when = AuditSentences.When(@event.At);
            switch (@event)
            {
                case RequestSent e:
                    Add(e.AssignmentId, $"Sent {when}");
                    break;
                case ReminderSent e:
                    Add(e.AssignmentId, $"Reminder {e.ReminderNumber} sent {when}");
                    break;
                case OfficerReminded e:
                    e.AssignmentIds.ToList().ForEach(id => Add(id, $"Reminded by the scrutiny team {when}"));
                    break;
                case Escalated e:
                    Add(e.AssignmentId, e.ManagerEmail is { } manager ? $"Escalated to {AuditSentences.Person(review, manager)} {when}" : $"Raised with the scrutiny team {when}");
                    break;
                case AnswerSubmitted or AnswerAmended or LateAnswerAccepted:
                    var (questionId, verb) = @event switch
                    {
                        AnswerSubmitted s => (s.QuestionId, "Answered"),
                        AnswerAmended a => (a.QuestionId, "Answer amended"),
                        LateAnswerAccepted l => (l.QuestionId, "Late answer recorded"),
                        _ => ("", ""),
                    };
                    // One answer serves everyone asked the question: each of them sees it, with who gave it.
                    var by = @event switch
                    {
                        AnswerSubmitted { By: { } b } => Who(review, b),
                        AnswerAmended { By: { } b } => Who(review, b),
                        LateAnswerAccepted => "the scrutiny team",
                        _ => review.FindAssignment(AssignmentOf(@event))?.OfficerEmail is { } officer ? AuditSentences.Person(review, officer) : "an officer",
                    };
                    foreach (var asked in review.Assignments.OfQuestion(questionId).Where(a => a.IsCurrent && lines.ContainsKey(a.Id)))
                    {
                        Add(asked.Id, $"{verb} by {by} {when}");
                    }
                    break;
                case QuestionDeclined e:
                    Add(e.AssignmentId, $"Declined {when}");
                    break;
                case AssignmentReassigned e:
                    Add(e.AssignmentId, $"Handed to {AuditSentences.Person(review, e.To.Email)} {when}");
                    break;
                default:
                    break;
            }
        }
        return lines;
    }

    private static string AssignmentOf(ReviewEvent @event) => @event switch
    {
        AnswerSubmitted e => e.AssignmentId,
        AnswerAmended e => e.AssignmentId,
        _ => "",
    };

    private static string Who(ReviewState review, Respondent by) => by.OnBehalfOf is { } officer
        ? $"{AuditSentences.Person(review, by.Email)} on behalf of {AuditSentences.Person(review, officer)}"
        : AuditSentences.Person(review, by.Email);
}

/// <summary>What the scrutiny officer can ask of the review as it stands (the decider has the last word).</summary>
public sealed record ReviewActions(
    bool Remind, bool Reassign, bool AddQuestion, bool CloseEarly, bool ChangeDates, bool Reopen, bool Release, bool AcceptLateAnswer, bool SeeStatement,
    bool CorrectAnswer = false);

/// <summary>One officer asked in the review, with their questions.</summary>
public sealed record OfficerProgress(
    string Email, string Name, string Designation, bool CanRemind, string? RemindedByHand, IReadOnlyList<OfficerQuestion> Questions, BounceNote? Undeliverable = null);

/// <summary>Mail to an officer who still owes answers could not be delivered: what the mail service said, and when.</summary>
public sealed record BounceNote(string Reason, string When);

/// <summary>One question as one officer was asked it; <see cref="History"/> says when it was sent, chased and answered.</summary>
public sealed record OfficerQuestion(
    string AssignmentId, string QuestionId, int Number, string Area, string Text, string State, string Colour, IReadOnlyList<string> History,
    DeclineNote? Declined, bool CanReassign, bool CanAcceptLateAnswer);

/// <summary>Why an officer said a question was not for them, and who they suggested.</summary>
public sealed record DeclineNote(string Reason, string? Suggested);

/// <summary>A question on the review's page, with its answer as it stands (<see cref="Answer"/>) and who wrote it, once there is one.</summary>
/// <see cref="LateAnswerFrom"/> is the assignment a late answer to it would be recorded against, when one can be.
public sealed record QuestionLine(string QuestionId, int Number, string Area, string Text, bool Answered, bool CanWithdraw, string? Answer = null, string? AnsweredBy = null,
    bool CanCorrect = false, string? LateAnswerFrom = null);

/// <summary>A review's status in the words the pages use.</summary>
public static class StatusWords
{
    /// <summary>
    /// What a review of <paramref name="kind"/> sends the panel, as a sentence names it: a focus report's review its
    /// position statement, a decisions review the month's paper. Every page, banner and trail sentence asks here.
    /// </summary>
    public static string PaperOf(ReviewKind kind) => kind == ReviewKind.Decisions ? "paper" : "statement";

    /// <summary>The status of a review of <paramref name="kind"/>: a decisions review ends in a paper, not a position statement.</summary>
    public static string Of(ReviewStatus status, ReviewKind kind = ReviewKind.FocusReport) => status switch
    {
        ReviewStatus.Draft => "Draft: not sent yet",
        ReviewStatus.Open => "Collecting answers",
        ReviewStatus.ResponsesClosed => "Answers closed",
        ReviewStatus.Assembled => $"{Paper(kind)} ready to check",
        ReviewStatus.Released => $"{Paper(kind)} released",
        ReviewStatus.Filed => $"{Paper(kind)} filed",
        ReviewStatus.Completed => "Sent to the panel",
        ReviewStatus.Discarded => "Draft deleted",
        _ => "Unknown",
    };

    /// <summary><see cref="PaperOf"/> at the start of a sentence.</summary>
    private static string Paper(ReviewKind kind) => char.ToUpperInvariant(PaperOf(kind)[0]) + PaperOf(kind)[1..];
}
