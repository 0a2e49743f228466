using ScrutinyWorkflow.Core.Calendar;
using ScrutinyWorkflow.Core.Reviews;

namespace ScrutinyWorkflow.Core.Statements;

public sealed record Reporter(string Name, string Designation);

/// <summary>
/// One question's row. <see cref="Answer"/> is null when nobody answered: then <see cref="NoResponseBy"/> says by
/// when responses closed, or <see cref="ClosedEarlyOn"/> says the review was closed early before they could.
/// </summary>
public sealed record StatementRow(
    string QuestionId,
    string Question,
    string? Answer,
    DateOnly? NoResponseBy,
    IReadOnlyList<Reporter> Reporters,
    DateOnly? ClosedEarlyOn = null,
    bool LateAnswer = false,
    int Number = 0)
{
    /// <summary>What the panel reads in place of an answer, in the same words in every rendering.</summary>
    public string? Unanswered => Answer is not null ? null
        : ClosedEarlyOn is { } closed ? $"Not answered: the review was closed early on {LongDate.Format(closed)}"
        : $"No response received by {LongDate.Format(NoResponseBy!.Value)}";
}

public sealed record StatementArea(string Heading, IReadOnlyList<StatementRow> Rows);

/// <summary>A question whose answer differs from the version of the statement before this one, as the panel reads it.</summary>
public sealed record ChangedRow(int Number, string QuestionId, string Question, StatementChangeKind Kind)
{
    /// <summary>"Question 3: an answer received after the deadline was added", in the same words in every rendering.</summary>
    public string Describe() => Kind switch
    {
        StatementChangeKind.AnswerAdded => $"Question {Number}: an answer received after the deadline was added ({Question})",
        _ => $"Question {Number}: the answer was corrected ({Question})",
    };
}

/// <summary>
/// The position statement the panel receives: one table per area of focus in the report's order, one row per
/// question: Question | Position statement | Reporter | Designation. Before release it is the assembled statement the
/// scrutiny officer checks (<see cref="Released"/> false).
/// </summary>
public sealed record PositionStatement(
    FocusReport FocusReport,
    Panel Panel,
    DateOnly MeetingDate,
    DateOnly CompiledOn,
    IReadOnlyList<StatementArea> Areas,
    bool Released = false,
    string? ClosedEarlyReason = null,
    DateOnly? ClosedEarlyOn = null,
    DateOnly? AskedOn = null,
    DateOnly? Deadline = null,
    DateOnly? ReleasedOn = null,
    int Version = 1,
    IReadOnlyList<ChangedRow>? Changes = null)
{
    /// <summary>For a version after the first, the questions whose answers changed since the version before it.</summary>
    public IReadOnlyList<ChangedRow> ChangedRows => Changes ?? [];

    public IEnumerable<StatementRow> Rows => Areas.SelectMany(a => a.Rows);

    /// <summary>The statement for a review whose statement has been assembled.</summary>
    public static PositionStatement From(ReviewState state)
    {
        if (state.AssembledAt is not { } assembledAt || state.FocusReport is null || state.Panel is null)
        {
            throw new InvalidOperationException($"Review {state.ReviewId} has no assembled statement.");
        }
        // The last day answers were taken: the deadline, or the end of a reopening.
        var lastDay = state.ClosedEarlyAt is null ? state.LastAnswerDay ?? state.Deadline : state.Deadline;
        var closedEarlyOn = state.ClosedEarlyAt is { } closed ? DateOnly.FromDateTime(closed.DateTime) : (DateOnly?)null;

        // Each question carries the number it was sent with, the one its officers' pages and references give it.
        var areas = state.Areas.Select(area => new StatementArea(area.Heading, [.. area.Questions.Select(q => Row(state, q, lastDay, closedEarlyOn, state.NumberOf(q.QuestionId)))])).ToList();
        var rows = areas.SelectMany(a => a.Rows).ToDictionary(r => r.QuestionId);
        return new PositionStatement(
            state.FocusReport,
            state.Panel,
            state.MeetingDate,
            DateOnly.FromDateTime(assembledAt.DateTime),
            areas,
            state.IsReleased,
            state.ClosedEarlyReason is { Length: > 0 } reason ? reason : null,
            closedEarlyOn,
            state.DispatchedAt is { } dispatched ? DateOnly.FromDateTime(dispatched.DateTime) : null,
            state.Deadline,
            state.ReleasedAt is { } released && state.IsReleased ? DateOnly.FromDateTime(released.DateTime) : null,
            Math.Max(state.StatementVersion, 1),
            [.. state.Changes.Where(c => rows.ContainsKey(c.QuestionId)).Select(c => rows[c.QuestionId]).OrderBy(r => r.Number)
                .Select(r => new ChangedRow(r.Number, r.QuestionId, r.Question, state.Changes.First(c => c.QuestionId == r.QuestionId).Kind))]);
    }

    /// <summary>
    /// One question's row as the statement gives it (its answer, reporters, or the words for no answer), for another
    /// paper that prints answers to review questions the same way (a decisions paper's learning).
    /// </summary>
    internal static StatementRow RowOf(ReviewState state, Question question)
    {
        var lastDay = state.ClosedEarlyAt is null ? state.LastAnswerDay ?? state.Deadline : state.Deadline;
        var closedEarlyOn = state.ClosedEarlyAt is { } closed ? DateOnly.FromDateTime(closed.DateTime) : (DateOnly?)null;
        return Row(state, question, lastDay, closedEarlyOn, state.NumberOf(question.QuestionId));
    }

    private static StatementRow Row(ReviewState state, Question question, DateOnly lastDay, DateOnly? closedEarlyOn, int number)
    {
        var answer = state.Answers.GetValueOrDefault(question.QuestionId);
        var asked = state.Assignments.OfQuestion(question.QuestionId).Where(a => a.IsCurrent).ToList();
        // The statement names whoever's words it prints: a manager who wrote them on an officer's behalf reports in that
        // officer's place, and someone whose words were replaced by another's is no longer named for them.
        var writer = answer?.Writer;
        var replaced = answer?.Replaced.ToHashSet() ?? [];
        var reporters = asked
            .Select(a => writer is { OnBehalfOf: { } officer } && officer == a.OfficerEmail ? writer.Email : a.OfficerEmail)
            .Append(writer?.Email)
            .OfType<string>()
            .Where(email => !replaced.Contains(email))
            .Distinct()
            .Select(state.OfficerOrAddress)
            .Select(o => new Reporter(o.Name, o.Designation))
            .ToList();
        var closedEarly = answer is null && closedEarlyOn is not null && asked.Any(a => a.Outcome == AssignmentOutcome.ClosedEarly);
        return new StatementRow(
            question.QuestionId,
            question.Text,
            answer?.Text,
            answer is null && !closedEarly ? lastDay : null,
            reporters,
            closedEarly ? closedEarlyOn : null,
            answer?.Late ?? false,
            number);
    }
}
