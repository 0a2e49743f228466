using ScrutinyWorkflow.Core.Reviews;

namespace ScrutinyWorkflow.Core.Statements;

public sealed record Reporter(string Name, string Designation);

/// <summary>One question's row. <see cref="Answer"/> is null when nobody answered; then <see cref="NoResponseBy"/> says by when.</summary>
public sealed record StatementRow(string QuestionId, string Question, string? Answer, DateOnly? NoResponseBy, IReadOnlyList<Reporter> Reporters);

public sealed record StatementArea(string Heading, IReadOnlyList<StatementRow> Rows);

/// <summary>
/// The position statement the panel receives: one table per area of focus in the report's order, one row per
/// question: Question | Position statement | Reporter | Designation.
/// </summary>
public sealed record PositionStatement(
    FocusReport FocusReport,
    Panel Panel,
    DateOnly MeetingDate,
    DateOnly CompiledOn,
    IReadOnlyList<StatementArea> Areas)
{
    /// <summary>The statement for a review whose responses have closed.</summary>
    public static PositionStatement From(ReviewState state)
    {
        if (state.AssembledAt is not { } assembledAt || state.FocusReport is null || state.Panel is null)
        {
            throw new InvalidOperationException($"Review {state.ReviewId} has no assembled statement.");
        }
        // An unanswered question is marked with the day responses closed: the deadline, or earlier if closed early.
        var closedOn = DateOnly.FromDateTime((state.ResponsesClosedAt ?? assembledAt).DateTime);
        var noResponseBy = closedOn < state.Deadline ? closedOn : state.Deadline;

        return new PositionStatement(
            state.FocusReport,
            state.Panel,
            state.MeetingDate,
            DateOnly.FromDateTime(assembledAt.DateTime),
            [.. state.Areas.Select(area => new StatementArea(area.Heading, [.. area.Questions.Select(q => Row(state, q, noResponseBy))]))]);
    }

    private static StatementRow Row(ReviewState state, Question question, DateOnly noResponseBy)
    {
        var answer = state.Answers.GetValueOrDefault(question.QuestionId);
        var reporters = state.Assignments
            .Where(a => a.QuestionId == question.QuestionId && a.IsCurrent)
            .Select(a => state.Officers.TryGetValue(a.OfficerEmail, out var officer)
                ? new Reporter(officer.Name, officer.Designation)
                : new Reporter(a.OfficerEmail, ""))
            .ToList();
        return new StatementRow(question.QuestionId, question.Text, answer?.Text, answer is null ? noResponseBy : null, reporters);
    }
}
