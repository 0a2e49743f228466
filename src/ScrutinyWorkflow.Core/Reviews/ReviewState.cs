using System.Collections.Frozen;
using System.Collections.Immutable;
using ScrutinyWorkflow.Core.Recommendations;

namespace ScrutinyWorkflow.Core.Reviews;

public enum ReviewStatus
{
    None,
    Draft,
    Open,
    ResponsesClosed,
    Assembled,
    Released,
    Filed,
    Completed,

    /// <summary>A draft the scrutiny team deleted before sending it (a trial upload, a duplicate): it leaves the review list.</summary>
    Discarded,
}

public enum AssignmentOutcome
{
    Open,
    Answered,
    NoResponse,
    Reassigned,
    Declined,
    Withdrawn,
    ClosedEarly,
}

/// <summary>One officer asked one question. <see cref="NextStep"/> indexes the review's chase schedule.</summary>
public sealed record Assignment(
    string Id,
    string QuestionId,
    string OfficerEmail,
    DateTimeOffset RequestedAt,
    int NextStep,
    int RemindersSent,
    bool Escalated,
    AssignmentOutcome Outcome,
    QuestionDeclined? Declined = null)
{
    public bool IsOpen => Outcome == AssignmentOutcome.Open;

    /// <summary>Still one of the people asked: not handed on, declined or withdrawn. They are named as reporters.</summary>
    public bool IsCurrent => Outcome is not (AssignmentOutcome.Reassigned or AssignmentOutcome.Declined or AssignmentOutcome.Withdrawn);

    /// <summary>Asked, and closed without an answer from anyone.</summary>
    public bool IsUnanswered => Outcome is AssignmentOutcome.NoResponse or AssignmentOutcome.ClosedEarly;
}

/// <summary>A receipt waiting to go to <see cref="To"/> at <see cref="DueAt"/> (council-local), for the answers listed.</summary>
public sealed record PendingReceipt(Respondent To, ImmutableList<ReceiptLine> Answers, DateTime DueAt);

/// <summary>Someone changed a submitted answer, and when.</summary>
public sealed record AnswerChange(Respondent By, DateTimeOffset At);

/// <summary>
/// The submitted answer to a question, shared by every officer asked it: who first submitted it, every amendment
/// since, and whether the scrutiny team recorded it after responses closed.
/// </summary>
public sealed record Answer(string Text, Respondent SubmittedBy, DateTimeOffset SubmittedAt, ImmutableList<AnswerChange> Amendments, bool Late = false)
{
    public AnswerChange? LastAmendment => Amendments.IsEmpty ? null : Amendments[^1];

    /// <summary>Whose words these are: whoever amended them last, or submitted them.</summary>
    public Respondent Writer => LastAmendment?.By ?? SubmittedBy;

    public DateTimeOffset WrittenAt => LastAmendment?.At ?? SubmittedAt;

    /// <summary>Everyone whose words this answer once was and no longer is, by address.</summary>
    public IEnumerable<string> Replaced => Amendments.Select(a => a.By.Email).Prepend(SubmittedBy.Email).Where(email => email != Writer.Email).Distinct();
}

/// <summary>A review as its events left it. Rebuilt by folding <see cref="Evolve"/> over the stream.</summary>
public sealed partial record ReviewState
{
    public static ReviewState Initial { get; } = new();

    public ReviewStatus Status { get; init; } = ReviewStatus.None;
    public string ReviewId { get; init; } = "";
    public FocusReport? FocusReport { get; init; }

    /// <summary>Why the report the draft was read from was hard to read as a whole; empty when it read cleanly.</summary>
    public IReadOnlyList<string> LayoutDoubts { get; init; } = [];
    public Panel? Panel { get; init; }
    public DateOnly MeetingDate { get; init; }
    public DateOnly Deadline { get; init; }
    public IReadOnlyList<AreaOfFocus> Areas
    {
        get;
        init
        {
            field = value;
            // Set only here, so a `with` that keeps the areas keeps their index and one that changes them makes a new one.
            questionsById = PlaceQuestions(value);
        }
    } = [];

    // Where each question sits (its area, its place in the area, its place in the review), so a page or a decision
    // about one question does not search every area; not state of its own, so no snapshot holds it.
    private FrozenQuestionIndex questionsById = FrozenQuestionIndex.Empty;
    public ImmutableDictionary<string, Officer> Officers { get; init; } = ImmutableDictionary<string, Officer>.Empty;
    public ChaseSchedule? Schedule { get; init; }
    public AssignmentTable Assignments { get; init; } = AssignmentTable.Empty;
    public ImmutableDictionary<string, Answer> Answers { get; init; } = ImmutableDictionary<string, Answer>.Empty;

    /// <summary>Questions taken out after dispatch, with the area they were under, so officers' pages can still say what they were.</summary>
    public ImmutableDictionary<string, (string Heading, Question Question)> Withdrawn { get; init; } = ImmutableDictionary<string, (string, Question)>.Empty;

    /// <summary>For each officer escalated, the manager who may answer on their behalf.</summary>
    public ImmutableDictionary<string, string> EscalatedTo { get; init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary>
    /// Unsubmitted drafts, by assignment and then by the <see cref="Respondent.Key"/> of who saved them: an officer's
    /// own and their manager's, answering on their behalf, are kept apart, and neither is shown the other's.
    /// </summary>
    public ImmutableDictionary<string, ImmutableDictionary<string, string>> Drafts { get; init; } = ImmutableDictionary<string, ImmutableDictionary<string, string>>.Empty;

    /// <summary>When each officer was last reminded by hand.</summary>
    public ImmutableDictionary<string, DateTimeOffset> RemindedByHand { get; init; } = ImmutableDictionary<string, DateTimeOffset>.Empty;

    /// <summary>Officers away until after the deadline, by address, as last noted.</summary>
    public ImmutableDictionary<string, OfficerAbsence> Away { get; init; } = ImmutableDictionary<string, OfficerAbsence>.Empty;

    /// <summary>People a message could not be delivered to, by address, with the last report about them.</summary>
    public ImmutableDictionary<string, MailUndeliverable> Undeliverable { get; init; } = ImmutableDictionary<string, MailUndeliverable>.Empty;

    /// <summary>
    /// Receipts not sent yet, by the <see cref="Respondent.Key"/> of whoever sent the answers they acknowledge: each
    /// goes, once, at its due time, listing every submission of theirs since their last receipt.
    /// </summary>
    public ImmutableDictionary<string, PendingReceipt> PendingReceipts { get; init; } = ImmutableDictionary<string, PendingReceipt>.Empty;

    public int LastQuestionNumber { get; init; }

    /// <summary>A focus report's review, or a monthly decisions review (once <see cref="DecisionsRecorded"/>).</summary>
    public ReviewKind Kind { get; init; }

    /// <summary>For a decisions review, the month its decisions were made in.</summary>
    public YearMonth? DecisionsMonth { get; init; }

    /// <summary>For a decisions review, the month's decisions, in the order recorded; empty for a focus report's review.</summary>
    public IReadOnlyList<RecordedDecision> Decisions { get; init; } = [];

    /// <summary>
    /// The panel's recommendations (R1...) and the remedies' evidence (M1...) followed up from this review, by id, each
    /// as <see cref="RecommendationState"/> (the follow-up's own rules) left it.
    /// </summary>
    public ImmutableDictionary<string, RecommendationState> FollowUps { get; init; } = ImmutableDictionary<string, RecommendationState>.Empty;

    /// <summary>The Ombudsman's published compliance figures the scrutiny officer entered, by the year's first calendar year, in percent.</summary>
    public ImmutableDictionary<int, decimal> PublishedCompliance { get; init; } = ImmutableDictionary<int, decimal>.Empty;

    /// <summary>
    /// The number each question was sent with, by id: fixed when the review is sent (1 to n down the review) and the
    /// next free number for a question added after, never reused. Empty while the review is a draft.
    /// </summary>
    public ImmutableDictionary<string, int> SentNumbers { get; init; } = ImmutableDictionary<string, int>.Empty;
    public DateTimeOffset? DraftedAt { get; init; }
    public DateTimeOffset? DispatchedAt { get; init; }

    /// <summary>When answering and amending stop (council-local): the end of the deadline day, of a reopening, or an early close.</summary>
    public DateTime? AnswersCloseAt { get; init; }

    /// <summary>When an assembled statement nobody has released goes to the panel (council-local); null for old reviews: at once.</summary>
    public DateTime? ReleaseAt { get; init; }

    public DateTimeOffset? ResponsesClosedAt { get; init; }
    public string? ClosedEarlyReason { get; init; }
    public DateTimeOffset? ClosedEarlyAt { get; init; }
    public DateTimeOffset? AssembledAt { get; init; }
    public DateTimeOffset? ReleasedAt { get; init; }
    public bool ReleasedAutomatically { get; init; }

    /// <summary>Whether the council lets this review's statement go to the panel at <see cref="ReleaseAt"/> unreleased.</summary>
    public bool AutomaticRelease { get; init; }
    public string? FiledLocation { get; init; }
    public DateTimeOffset? PanelNotifiedAt { get; init; }

    /// <summary>The version of the statement last assembled (1 before any release; one more for each new version after).</summary>
    public int StatementVersion { get; init; }

    /// <summary>The version the panel last received (0 before the first release).</summary>
    public int ReleasedVersion { get; init; }

    /// <summary>For a version after the first: the questions whose answers differ from the version before it.</summary>
    public ImmutableList<StatementChange> Changes { get; init; } = [];

    public IEnumerable<Question> Questions => Areas.SelectMany(a => a.Questions);

    /// <summary>The last day answers are (or were) taken: the day before <see cref="AnswersCloseAt"/>'s midnight.</summary>
    public DateOnly? LastAnswerDay => AnswersCloseAt is { } closes ? DateOnly.FromDateTime(closes.AddTicks(-1)) : null;

    public bool IsReleased => Status is ReviewStatus.Released or ReviewStatus.Filed or ReviewStatus.Completed;

    public Assignment? FindAssignment(string assignmentId) => Assignments.Find(assignmentId);

    /// <summary>The draft <paramref name="by"/> saved for this assignment, unless an answer to its question has come in since.</summary>
    public string? DraftOf(string assignmentId, Respondent by) => Drafts.GetValueOrDefault(assignmentId)?.GetValueOrDefault(by.Key);

    /// <summary>Whether anyone who may answer this assignment has a draft of it waiting.</summary>
    public bool HasDraft(string assignmentId) => Drafts.ContainsKey(assignmentId);

    public Question? FindQuestion(string questionId) =>
        questionsById.TryGetValue(questionId, out var at) ? Areas[at.Area].Questions[at.InArea] : null;

    /// <summary>The question's place in the review, counting from 0 (null for one not in it): the order pages list them in.</summary>
    public int? QuestionNumber(string questionId) => questionsById.TryGetValue(questionId, out var at) ? at.InReview : null;

    /// <summary>
    /// The one number people know a question by, on every page, in the statement, in mail and in answer references:
    /// once the review is sent, the number it was sent with (so removing or adding a question never renumbers what an
    /// officer was asked); before, the number it will be sent with, its place in the draft. 0 for a question not in
    /// the review. The id (<c>Q9</c>) is the question's name in addresses and events only.
    /// </summary>
    public int NumberOf(string questionId) =>
        SentNumbers.TryGetValue(questionId, out var sent) ? sent
        : DispatchedAt is null && questionsById.TryGetValue(questionId, out var at) ? at.InReview + 1
        : 0;

    public Officer OfficerOrAddress(string email) => Officers.GetValueOrDefault(email) ?? new Officer(email, email, "", null);

    /// <summary>The area of focus a question sits under, with the question itself (withdrawn ones included).</summary>
    public (string Heading, Question Question) Placing(string questionId)
    {
        if (Withdrawn.TryGetValue(questionId, out var withdrawn))
        {
            return withdrawn;
        }
        var at = questionsById.TryGetValue(questionId, out var found)
            ? found
            : throw new InvalidOperationException($"Question {questionId} is not in review {ReviewId}.");
        var area = Areas[at.Area];
        return (area.Heading, area.Questions[at.InArea]);
    }

    /// <summary>
    /// Whether answers are still accepted at <paramref name="now"/> (council-local): the review is collecting them,
    /// or has assembled every answer and still takes amendments, and their time is not over, whether or not the
    /// scheduler has run since.
    /// </summary>
    public bool TakesAnswersAt(DateTimeOffset now) =>
        Status is ReviewStatus.Open or ReviewStatus.Assembled && AnswersCloseAt is { } closes && now.DateTime < closes;

    /// <summary>
    /// Whether <paramref name="by"/> may save or submit an answer for this assignment at <paramref name="now"/>:
    /// answers are still taken, the assignment is still open or answered, and the person is its officer or (after an
    /// escalation) that officer's manager. The decider and the officers' pages both go by this.
    /// </summary>
    public bool TakesAnswerFrom(string assignmentId, DateTimeOffset now, Respondent? by = null) =>
        TakesAnswersAt(now)
        && FindAssignment(assignmentId) is { Outcome: AssignmentOutcome.Open or AssignmentOutcome.Answered } assignment
        && MayAnswerFor(by, assignment);

    /// <summary>The officer themselves, or (for the questions escalated, not the officer's others) the manager they were escalated to.</summary>
    public bool MayAnswerFor(Respondent? by, Assignment assignment) => by switch
    {
        null => true,
        { OnBehalfOf: null } => by.Email == assignment.OfficerEmail,
        _ => by.OnBehalfOf == assignment.OfficerEmail && assignment.Escalated && EscalatedTo.GetValueOrDefault(assignment.OfficerEmail) == by.Email,
    };

    /// <summary>The assignments a person sees through their link: their own, or the escalated officer's.</summary>
    public IEnumerable<Assignment> AssignmentsFor(Respondent respondent) =>
        Assignments.OfOfficer(respondent.OnBehalfOf ?? respondent.Email)
            .Where(a => respondent.OnBehalfOf is null || MayAnswerFor(respondent, a));

    public bool AllQuestionsAnswered => Questions.All(q => Answers.ContainsKey(q.QuestionId));

    /// <summary>
    /// The next moment the scheduler must wake this review (council-local time), or null when nothing is due:
    /// while answers are collected, the earliest chase step of any open assignment or the close of answers; once
    /// assembled, the automatic release; and, whatever the status, a receipt waiting to go and a follow-up's chaser.
    /// </summary>
    public DateTime? NextDue =>
        PendingReceipts.Values.Select(p => (DateTime?)p.DueAt).Append(NextTimer).Concat(FollowUps.Values.Select(f => f.NextDue)).Where(due => due is not null).Min();

    private DateTime? NextTimer
    {
        get
        {
            switch (Status)
            {
                case ReviewStatus.Open when AnswersCloseAt is { } closes && Schedule is { } schedule:
                    var next = closes;
                    foreach (var assignment in Assignments.Where(a => a.IsOpen && a.NextStep < schedule.Steps.Count))
                    {
                        var due = schedule.Steps[assignment.NextStep].Due;
                        if (due < next)
                        {
                            next = due;
                        }
                    }
                    return next;
                case ReviewStatus.Assembled:
                    // Without automatic release, and for every new version, the statement waits for a person.
                    return ReleasedVersion > 0 || !AutomaticRelease ? null : ReleaseAt ?? DateTime.MinValue;
                default:
                    return null;
            }
        }
    }

    public static ReviewState From(IEnumerable<ReviewEvent> events) => events.Aggregate(Initial, Evolve);

    private static FrozenQuestionIndex PlaceQuestions(IReadOnlyList<AreaOfFocus> areas)
    {
        var index = new Dictionary<string, QuestionPlace>(StringComparer.Ordinal);
        var number = 0;
        for (var a = 0; a < areas.Count; a++)
        {
            for (var q = 0; q < areas[a].Questions.Count; q++)
            {
                // A question id appears once in any review the decider made; were one repeated, the first keeps it, as a search would find.
                if (areas[a].Questions[q].QuestionId is { } id)
                {
                    index.TryAdd(id, new QuestionPlace(a, q, number));
                }
                number++;
            }
        }
        return new FrozenQuestionIndex(index.ToFrozenDictionary(StringComparer.Ordinal));
    }

    private readonly record struct QuestionPlace(int Area, int InArea, int InReview);

    /// <summary>
    /// The questions' places, worked out from the areas. It follows from them, so it takes no part in comparing two
    /// states: every index is equal to every other, and the areas themselves are compared as before.
    /// </summary>
    private sealed class FrozenQuestionIndex(FrozenDictionary<string, QuestionPlace> places)
    {
        public static FrozenQuestionIndex Empty { get; } = new(FrozenDictionary<string, QuestionPlace>.Empty);

        public bool TryGetValue(string questionId, out QuestionPlace place) => places.TryGetValue(questionId, out place);

        public override bool Equals(object? obj) => obj is FrozenQuestionIndex;

        public override int GetHashCode() => 0;
    }

    public static ReviewState Evolve(ReviewState state, ReviewEvent @event) => @event switch
    {
        ReviewDrafted e => state with
        {
            Status = ReviewStatus.Draft,
            ReviewId = e.ReviewId,
            FocusReport = e.FocusReport,
            Panel = e.Panel,
            MeetingDate = e.MeetingDate,
            Deadline = e.Deadline,
            Areas = e.Areas,
            Officers = WithOfficers(state.Officers, e.Officers),
            LastQuestionNumber = Math.Max(state.LastQuestionNumber, HighestQuestionNumber(e.Areas)),
            DraftedAt = e.At,
            AutomaticRelease = e.AutomaticRelease,
            LayoutDoubts = e.LayoutDoubts ?? [],
        },
        QuestionsRevised e => state with
        {
            Areas = e.Areas,
            Officers = WithOfficers(state.Officers, e.Officers),
            LastQuestionNumber = Math.Max(state.LastQuestionNumber, HighestQuestionNumber(e.Areas)),
        },
        ReviewDispatched e => state with
        {
            Status = ReviewStatus.Open,
            Schedule = e.Schedule,
            AnswersCloseAt = e.Schedule.ClosesAt,
            ReleaseAt = e.Schedule.ReleaseAt,
            DispatchedAt = e.At,
            SentNumbers = state.Questions.Select((q, i) => KeyValuePair.Create(q.QuestionId, i + 1)).ToImmutableDictionary(),
        },
        RequestSent e => state with
        {
            Assignments = state.Assignments.Add(new Assignment(
                e.AssignmentId, e.QuestionId, e.OfficerEmail, e.At,
                NextStep: state.Schedule?.FirstStepAfter(e.At.DateTime) ?? 0,
                RemindersSent: 0, Escalated: false,
                // A colleague may already have answered the question this person is now being asked.
                Outcome: state.Answers.ContainsKey(e.QuestionId) ? AssignmentOutcome.Answered : AssignmentOutcome.Open)),
        },
        ReminderSent e => Update(state, e.AssignmentId, a => a with { NextStep = e.Step + 1, RemindersSent = a.RemindersSent + 1 }),
        Escalated e => Update(state, e.AssignmentId, a => a with { NextStep = e.Step + 1, Escalated = true }) with
        {
            EscalatedTo = e.ManagerEmail is { } manager ? state.EscalatedTo.SetItem(state.FindAssignment(e.AssignmentId)!.OfficerEmail, manager) : state.EscalatedTo,
        },
        OfficerReminded e => state with { RemindedByHand = state.RemindedByHand.SetItem(e.OfficerEmail, e.At) },
        AnswerSaved e => state with { Drafts = WithDraft(state.Drafts, e.AssignmentId, (e.By ?? OfficerOf(state, e.AssignmentId)).Key, e.Text) },
        AnswerSubmitted e => Receipted(WithoutDrafts(Answered(state, e.QuestionId, new Answer(e.Text, e.By ?? OfficerOf(state, e.AssignmentId), e.At, [])), e.QuestionId),
            e.AssignmentId, e.QuestionId, e.By, e.At, e.ReceiptDue, amended: false),
        AnswerAmended e => Receipted(WithoutDrafts(state with
        {
            Answers = state.Answers.SetItem(e.QuestionId, Amended(state.Answers[e.QuestionId], e.Text, new AnswerChange(e.By ?? OfficerOf(state, e.AssignmentId), e.At))),
        }, e.QuestionId), e.AssignmentId, e.QuestionId, e.By, e.At, e.ReceiptDue, amended: true),
        ReceiptSent e => state with { PendingReceipts = state.PendingReceipts.Remove(e.To.Key) },
        LateAnswerAccepted e => WithoutDrafts(Changed(state, Answered(state, e.QuestionId, new Answer(e.Text, OfficerOf(state, e.AssignmentId), e.At, [], Late: true)), e.QuestionId, StatementChangeKind.AnswerAdded), e.QuestionId),
        AnswerCorrected e => WithoutDrafts(Changed(state, state with { Answers = state.Answers.SetItem(e.QuestionId, state.Answers[e.QuestionId] with { Text = e.Text }) }, e.QuestionId, StatementChangeKind.AnswerChanged), e.QuestionId),
        QuestionDeclined e => Update(state, e.AssignmentId, a => a with { Outcome = AssignmentOutcome.Declined, Declined = e }) with
        {
            Officers = e.Suggested is { } suggested ? WithOfficers(state.Officers, [suggested]) : state.Officers,
        },
        AssignmentReassigned e => Update(state, e.AssignmentId, a => a with { Outcome = AssignmentOutcome.Reassigned }) with
        {
            Officers = WithOfficers(state.Officers, e.ToManager is { } manager ? [e.To, manager] : [e.To]),
        },
        QuestionAdded e => state with
        {
            Areas = WithQuestion(state.Areas, e.AreaHeading, e.Question),
            Officers = WithOfficers(state.Officers, e.Officers),
            LastQuestionNumber = Math.Max(state.LastQuestionNumber, QuestionIds.NumberOf(e.Question.QuestionId)),
            SentNumbers = state.SentNumbers.SetItem(e.Question.QuestionId, state.SentNumbers.Values.DefaultIfEmpty(0).Max() + 1),
            // A new question means answers are being collected again, and the statement waits for it.
            Status = state.Status == ReviewStatus.Assembled ? ReviewStatus.Open : state.Status,
            AssembledAt = state.Status == ReviewStatus.Assembled ? null : state.AssembledAt,
        },
        QuestionWithdrawn e => state with
        {
            Withdrawn = state.Withdrawn.SetItem(e.QuestionId, state.Placing(e.QuestionId)),
            Areas = [.. state.Areas
                .Select(a => a with { Questions = [.. a.Questions.Where(q => q.QuestionId != e.QuestionId)] })
                .Where(a => a.Questions.Count > 0)],
            Assignments = state.Assignments.UpdateQuestion(e.QuestionId, a => a.IsCurrent ? a with { Outcome = AssignmentOutcome.Withdrawn } : a),
        },
        DeadlineChanged e => state with
        {
            Deadline = e.To,
            Schedule = e.Schedule,
            AnswersCloseAt = e.Schedule.ClosesAt,
            Assignments = state.Assignments.UpdateAll(a => a.IsOpen ? a with { NextStep = e.Schedule.FirstStepAfter(e.At.DateTime) } : a),
        },
        MeetingDateChanged e => state with
        {
            MeetingDate = e.To,
            ReleaseAt = e.ReleaseAt,
            Schedule = state.Schedule is { } schedule ? schedule with { ReleaseAt = e.ReleaseAt } : null,
        },
        DeadlinePassed e => CloseAnswers(state, e.At, AssignmentOutcome.NoResponse) with { ResponsesClosedAt = e.At },
        ReviewClosedEarly e => CloseAnswers(state, e.At, AssignmentOutcome.ClosedEarly) with
        {
            ResponsesClosedAt = e.At,
            ClosedEarlyReason = e.Reason,
            ClosedEarlyAt = e.At,
            AnswersCloseAt = e.At.DateTime,
        },
        StatementAssembled e => state with { Status = ReviewStatus.Assembled, AssembledAt = e.At, StatementVersion = state.ReleasedVersion + 1 },
        AnswersReopened e => state with
        {
            Status = ReviewStatus.Open,
            AnswersCloseAt = e.Until.AddDays(1).ToDateTime(TimeOnly.MinValue),
            AssembledAt = null,
            ClosedEarlyReason = null,
            ClosedEarlyAt = null,
            // Reopened questions are not chased again: the schedule's steps are spent.
            Assignments = state.Assignments.UpdateAll(a => a.IsUnanswered ? a with { Outcome = AssignmentOutcome.Open, NextStep = int.MaxValue } : a),
        },
        StatementReleased e => state with
        {
            Status = ReviewStatus.Released,
            ReleasedAt = e.At,
            ReleasedAutomatically = e.Automatically,
            ReleasedVersion = Math.Max(state.StatementVersion, 1),
        },
        StatementFiled e => state with { Status = ReviewStatus.Filed, FiledLocation = e.Location },
        PanelNotified e => state with { Status = ReviewStatus.Completed, PanelNotifiedAt = e.At },
        DraftDiscarded => state with { Status = ReviewStatus.Discarded },
        OfficersAwayNoted e => state with { Away = state.Away.SetItems(e.Away.Select(a => KeyValuePair.Create(a.Email, a))) },
        MailUndeliverable e => state with { Undeliverable = state.Undeliverable.SetItem(e.Email, e) },
        DecisionsRecorded e => state with { Kind = ReviewKind.Decisions, DecisionsMonth = e.Month, Decisions = e.Decisions },
        FollowUpChanged e => state with
        {
            FollowUps = state.FollowUps.SetItem(e.FollowUpId, RecommendationState.Evolve(state.FollowUps.GetValueOrDefault(e.FollowUpId) ?? RecommendationState.Initial, e.Change)),
        },
        PublishedComplianceRecorded e => state with { PublishedCompliance = state.PublishedCompliance.SetItem(e.FirstYear, e.Percent) },
        _ => throw new ArgumentOutOfRangeException(nameof(@event), @event.GetType().Name, "Unknown review event."),
    };

    /// <summary>After a release, a changed answer is one of the next version's changes (a late answer stays "added" when corrected).</summary>
    private static ReviewState Changed(ReviewState before, ReviewState after, string questionId, StatementChangeKind kind)
    {
        if (before.ReleasedVersion == 0)
        {
            return after;
        }
        var changes = before.IsReleased ? [] : before.Changes;
        return after with { Changes = changes.Exists(c => c.QuestionId == questionId) ? changes : changes.Add(new StatementChange(questionId, kind)) };
    }

    /// <summary>The submission joins its sender's waiting receipt, which now goes at the event's due time (none in older streams: theirs went at once).</summary>
    private static ReviewState Receipted(ReviewState state, string assignmentId, string questionId, Respondent? by, DateTimeOffset at, DateTime? due, bool amended)
    {
        if (due is not { } dueAt)
        {
            return state;
        }
        var to = by ?? OfficerOf(state, assignmentId);
        var line = new ReceiptLine(assignmentId, questionId, AnswerReference.Of(state, questionId), state.Answers[questionId].Text, at, amended);
        var waiting = state.PendingReceipts.GetValueOrDefault(to.Key)?.Answers ?? [];
        return state with { PendingReceipts = state.PendingReceipts.SetItem(to.Key, new PendingReceipt(to, waiting.Add(line), dueAt)) };
    }

    private static Answer Amended(Answer answer, string text, AnswerChange change) =>
        answer with { Text = text, Amendments = answer.Amendments.Add(change) };

    private static Respondent OfficerOf(ReviewState state, string assignmentId) => new(state.FindAssignment(assignmentId)!.OfficerEmail);

    private static ReviewState Answered(ReviewState state, string questionId, Answer answer) => state with
    {
        Answers = state.Answers.SetItem(questionId, answer),
        Assignments = state.Assignments.UpdateQuestion(questionId, a =>
            a.IsOpen || a.IsUnanswered ? a with { Outcome = AssignmentOutcome.Answered } : a),
    };

    private static ImmutableDictionary<string, ImmutableDictionary<string, string>> WithDraft(
        ImmutableDictionary<string, ImmutableDictionary<string, string>> drafts, string assignmentId, string respondentKey, string text) =>
        drafts.SetItem(assignmentId, (drafts.GetValueOrDefault(assignmentId) ?? ImmutableDictionary<string, string>.Empty).SetItem(respondentKey, text));

    /// <summary>
    /// A question's answer came in or changed: every draft of it written before, whoever wrote it, was written against
    /// an answer that is no longer the one standing, and offering it again would let its writer overwrite the new
    /// answer unseen (the answer form starts from the draft when there is one).
    /// </summary>
    private static ReviewState WithoutDrafts(ReviewState state, string questionId) => state with
    {
        Drafts = state.Drafts.RemoveRange(state.Assignments.OfQuestion(questionId).Select(a => a.Id)),
    };

    private static ReviewState CloseAnswers(ReviewState state, DateTimeOffset at, AssignmentOutcome unanswered) => state with
    {
        Status = ReviewStatus.ResponsesClosed,
        Assignments = state.Assignments.UpdateAll(a => a.IsOpen ? a with { Outcome = unanswered } : a),
    };

    private static IReadOnlyList<AreaOfFocus> WithQuestion(IReadOnlyList<AreaOfFocus> areas, string heading, Question question)
    {
        var index = areas.ToList().FindIndex(a => string.Equals(a.Heading, heading, StringComparison.OrdinalIgnoreCase));
        return index < 0
            ? [.. areas, new AreaOfFocus(heading, [question])]
            : [.. areas.Select((a, i) => i == index ? a with { Questions = [.. a.Questions, question] } : a)];
    }

    private static ReviewState Update(ReviewState state, string assignmentId, Func<Assignment, Assignment> change) =>
        state with { Assignments = state.Assignments.Update(assignmentId, change) };

    private static ImmutableDictionary<string, Officer> WithOfficers(ImmutableDictionary<string, Officer> officers, IEnumerable<Officer> more) =>
        officers.SetItems(more.Select(o => KeyValuePair.Create(Officer.NormaliseEmail(o.Email), o)));

    private static int HighestQuestionNumber(IEnumerable<AreaOfFocus> areas) =>
        areas.SelectMany(a => a.Questions).Select(q => QuestionIds.NumberOf(q.QuestionId)).DefaultIfEmpty(0).Max();
}

/// <summary>Question and assignment ids are small ordinals ("Q3", "A12"): stable, readable in the audit trail, and
/// derived from the stream itself, so replaying events always gives the same ids.</summary>
public static class QuestionIds
{
    public static string Question(int number) => $"Q{number}";

    public static string Assignment(int number) => $"A{number}";

    public static int NumberOf(string id) =>
        id.Length > 1 && int.TryParse(id.AsSpan(1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : 0;
}
