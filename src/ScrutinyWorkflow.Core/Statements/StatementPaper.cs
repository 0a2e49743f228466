namespace ScrutinyWorkflow.Core.Statements;

/// <summary>
/// The position statement ready to render as a committee paper: the statement with every answer parsed once into
/// <see cref="RichText"/>. The Word appendix, the HTML view and the cover report are all made from one of these.
/// </summary>
public sealed record StatementPaper(PositionStatement Statement, IReadOnlyDictionary<string, RichText> Answers)
{
    /// <summary>Parses each answer once with <paramref name="parse"/> (the documented Markdown, outside the core).</summary>
    public static StatementPaper From(PositionStatement statement, Func<string, RichText> parse) =>
        new(statement, statement.Rows.Where(r => r.Answer is not null).ToDictionary(r => r.QuestionId, r => parse(r.Answer!)));

    /// <summary>The answer as the panel reads it, or null when the row has none.</summary>
    public RichText? AnswerTo(StatementRow row) => row.Answer is null ? null : Answers[row.QuestionId];

    public StatementSummary Summary => StatementSummary.Of(Statement);

    /// <summary>What the paper reports back on the panel's earlier recommendations (<see cref="RecommendationsProgress.For"/>); none unless given.</summary>
    public IReadOnlyList<ProgressEntry> Progress { get; init; } = [];
}

/// <summary>How the statement stands, in the numbers a cover report and the panel's email give.</summary>
/// <param name="Services">Who answered: each designation that reported an answer, with how many answers it reported, in statement order.</param>
public sealed record StatementSummary(int Questions, int Answered, int NotAnswered, int AnsweredLate, IReadOnlyList<(string Service, int Answers)> Services)
{
    public static StatementSummary Of(PositionStatement statement)
    {
        var rows = statement.Rows.ToList();
        var answered = rows.Where(r => r.Answer is not null).ToList();
        var services = answered
            .SelectMany(r => r.Reporters.Select(p => p.Designation).Where(d => d.Length > 0).Distinct())
            .GroupBy(d => d)
            .Select(g => (g.Key, g.Count()))
            .ToList();
        return new StatementSummary(rows.Count, answered.Count, rows.Count - answered.Count, answered.Count(r => r.LateAnswer), services);
    }

    /// <summary>"6 of 8 questions were answered", as every rendering says it.</summary>
    public string AnsweredSentence => $"{Answered} of {Questions} question{(Questions == 1 ? " was" : "s were")} answered";
}
