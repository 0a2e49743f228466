using System.Collections.Immutable;

namespace ScrutinyWorkflow.Core.Reviews;

public enum ReviewStatus
{
    None,
    Draft,
    Open,
    ResponsesClosed,
    Assembled,
    Filed,
    Completed,
}

public enum AssignmentOutcome
{
    Open,
    Answered,
    NoResponse,
    Reassigned,
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
    string? SavedText)
{
    public bool IsOpen => Outcome == AssignmentOutcome.Open;

    /// <summary>Still one of the people asked (not handed on to someone else).</summary>
    public bool IsCurrent => Outcome != AssignmentOutcome.Reassigned;
}

/// <summary>The submitted answer to a question, shared by every officer asked it.</summary>
public sealed record Answer(string Text, string SubmittedBy, DateTimeOffset SubmittedAt, string LastChangedBy, DateTimeOffset LastChangedAt);

/// <summary>A review as its events left it. Rebuilt by folding <see cref="Evolve"/> over the stream.</summary>
public sealed record ReviewState
{
    public static ReviewState Initial { get; } = new();

    public ReviewStatus Status { get; init; } = ReviewStatus.None;
    public string ReviewId { get; init; } = "";
    public FocusReport? FocusReport { get; init; }
    public Panel? Panel { get; init; }
    public DateOnly MeetingDate { get; init; }
    public DateOnly Deadline { get; init; }
    public IReadOnlyList<AreaOfFocus> Areas { get; init; } = [];
    public ImmutableDictionary<string, Officer> Officers { get; init; } = ImmutableDictionary<string, Officer>.Empty;
    public ChaseSchedule? Schedule { get; init; }
    public ImmutableList<Assignment> Assignments { get; init; } = [];
    public ImmutableDictionary<string, Answer> Answers { get; init; } = ImmutableDictionary<string, Answer>.Empty;
    public int LastQuestionNumber { get; init; }
    public DateTimeOffset? DraftedAt { get; init; }
    public DateTimeOffset? DispatchedAt { get; init; }
    public DateTimeOffset? ResponsesClosedAt { get; init; }
    public string? ClosedEarlyReason { get; init; }
    public DateTimeOffset? AssembledAt { get; init; }
    public string? FiledLocation { get; init; }
    public DateTimeOffset? PanelNotifiedAt { get; init; }

    public IEnumerable<Question> Questions => Areas.SelectMany(a => a.Questions);

    public Assignment? FindAssignment(string assignmentId) => Assignments.Find(a => a.Id == assignmentId);

    public Question? FindQuestion(string questionId) => Questions.FirstOrDefault(q => q.QuestionId == questionId);

    /// <summary>The area of focus a question sits under, with the question itself.</summary>
    public (AreaOfFocus Area, Question Question) Placing(string questionId)
    {
        var area = Areas.First(a => a.Questions.Any(q => q.QuestionId == questionId));
        return (area, area.Questions.First(q => q.QuestionId == questionId));
    }

    /// <summary>
    /// Whether answers are still accepted at <paramref name="now"/> (council-local): the review is open and its
    /// deadline day is not over, whether or not the scheduler has run since.
    /// </summary>
    public bool TakesAnswersAt(DateTimeOffset now) =>
        Status == ReviewStatus.Open && Schedule is { } schedule && now.DateTime < schedule.ClosesAt;

    /// <summary>
    /// Whether the officer of this assignment may save or submit an answer at <paramref name="now"/>: answers are
    /// still taken, and they are still one of those asked. The decider and the response page both go by this.
    /// </summary>
    public bool TakesAnswerFrom(string assignmentId, DateTimeOffset now) =>
        TakesAnswersAt(now) && FindAssignment(assignmentId) is { Outcome: AssignmentOutcome.Open or AssignmentOutcome.Answered };

    /// <summary>
    /// The next moment the scheduler must wake this review (council-local time), or null when nothing is due:
    /// the earliest chase step of any open assignment, or the close of responses.
    /// </summary>
    public DateTime? NextDue
    {
        get
        {
            if (Status != ReviewStatus.Open || Schedule is null)
            {
                return null;
            }
            var next = Schedule.ClosesAt;
            foreach (var assignment in Assignments.Where(a => a.IsOpen && a.NextStep < Schedule.Steps.Count))
            {
                var due = Schedule.Steps[assignment.NextStep].Due;
                if (due < next)
                {
                    next = due;
                }
            }
            return next;
        }
    }

    public static ReviewState From(IEnumerable<ReviewEvent> events) => events.Aggregate(Initial, Evolve);

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
        },
        QuestionsRevised e => state with
        {
            Areas = e.Areas,
            Officers = WithOfficers(state.Officers, e.Officers),
            LastQuestionNumber = Math.Max(state.LastQuestionNumber, HighestQuestionNumber(e.Areas)),
        },
        ReviewDispatched e => state with { Status = ReviewStatus.Open, Schedule = e.Schedule, DispatchedAt = e.At },
        RequestSent e => state with
        {
            Assignments = state.Assignments.Add(new Assignment(
                e.AssignmentId, e.QuestionId, e.OfficerEmail, e.At,
                NextStep: state.Schedule?.FirstStepAfter(e.At.DateTime) ?? 0,
                RemindersSent: 0, Escalated: false,
                // A colleague may already have answered the question this person is now being asked.
                Outcome: state.Answers.ContainsKey(e.QuestionId) ? AssignmentOutcome.Answered : AssignmentOutcome.Open,
                SavedText: null)),
        },
        ReminderSent e => Update(state, e.AssignmentId, a => a with { NextStep = e.Step + 1, RemindersSent = a.RemindersSent + 1 }),
        Escalated e => Update(state, e.AssignmentId, a => a with { NextStep = e.Step + 1, Escalated = true }),
        AnswerSaved e => Update(state, e.AssignmentId, a => a with { SavedText = e.Text }),
        AnswerSubmitted e => state with
        {
            Answers = state.Answers.SetItem(e.QuestionId, new Answer(e.Text, e.AssignmentId, e.At, e.AssignmentId, e.At)),
            Assignments = state.Assignments.ConvertAll(a =>
                a.QuestionId == e.QuestionId && a.IsOpen ? a with { Outcome = AssignmentOutcome.Answered } : a),
        },
        AnswerAmended e => state with
        {
            Answers = state.Answers.SetItem(e.QuestionId, state.Answers[e.QuestionId] with { Text = e.Text, LastChangedBy = e.AssignmentId, LastChangedAt = e.At }),
        },
        AssignmentReassigned e => Update(state, e.AssignmentId, a => a with { Outcome = AssignmentOutcome.Reassigned }) with
        {
            Officers = WithOfficers(state.Officers, [e.To]),
        },
        DeadlineExtended e => state with
        {
            Deadline = e.To,
            Schedule = e.Schedule,
            Assignments = state.Assignments.ConvertAll(a => a.IsOpen ? a with { NextStep = e.Schedule.FirstStepAfter(e.At.DateTime) } : a),
        },
        DeadlinePassed e => CloseResponses(state, e.At, closedEarlyReason: null),
        ReviewClosedEarly e => CloseResponses(state, e.At, e.Reason),
        StatementAssembled e => state with { Status = ReviewStatus.Assembled, AssembledAt = e.At },
        StatementFiled e => state with { Status = ReviewStatus.Filed, FiledLocation = e.Location },
        PanelNotified e => state with { Status = ReviewStatus.Completed, PanelNotifiedAt = e.At },
        _ => throw new ArgumentOutOfRangeException(nameof(@event), @event.GetType().Name, "Unknown review event."),
    };

    private static ReviewState CloseResponses(ReviewState state, DateTimeOffset at, string? closedEarlyReason) => state with
    {
        Status = ReviewStatus.ResponsesClosed,
        ResponsesClosedAt = at,
        ClosedEarlyReason = closedEarlyReason,
        Assignments = state.Assignments.ConvertAll(a => a.IsOpen ? a with { Outcome = AssignmentOutcome.NoResponse } : a),
    };

    private static ReviewState Update(ReviewState state, string assignmentId, Func<Assignment, Assignment> change) =>
        state with { Assignments = state.Assignments.ConvertAll(a => a.Id == assignmentId ? change(a) : a) };

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
