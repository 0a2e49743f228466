using ScrutinyWorkflow.Core.Decisions;
using ScrutinyWorkflow.Core.Reports;
using ScrutinyWorkflow.Core.Reviews;
using ScrutinyWorkflow.Core.Statements;

namespace ScrutinyWorkflow.Web.ReviewPages;

/// <summary>
/// A draft as the check-the-draft page shows it: each area with its questions, where in the report each was found
/// and why it was taken (the doubtful ones flagged), and who is asked each. <see cref="LayoutDoubts"/> say why the
/// report was hard to read as a whole, for a warning over the whole draft.
/// </summary>
/// <remarks>
/// A monthly decisions review (<see cref="ReviewKind.Decisions"/>) has no report: its <see cref="Published"/> is the
/// month, each area is one upheld decision (<see cref="DraftArea.Decision"/>) asking its service's officer for the
/// learning, and <see cref="NotUpheld"/> are the month's other decisions, which go in the paper without a question.
/// </remarks>
public sealed record DraftPageModel(
    string Id, long Version, string Title, string Published, string Panel, string PanelEmail, DateOnly MeetingDate, DateOnly Deadline,
    IReadOnlyList<DraftArea> Areas, IReadOnlyList<string> LayoutDoubts)
{
    public ReviewKind Kind { get; init; }

    public bool IsDecisions => Kind == ReviewKind.Decisions;

    public IReadOnlyList<DraftDecision> NotUpheld { get; init; } = [];

    public int DecisionCount => Areas.Count(a => a.Decision is not null) + NotUpheld.Count;

    public int RemedyCount => Areas.Sum(a => a.Decision?.Remedies.Count ?? 0) + NotUpheld.Sum(d => d.Remedies.Count);

    /// <summary>Below this the extractor was unsure enough that the question deserves a second look against the report.</summary>
    public const double LowConfidence = ReadingDoubts.Doubtful;

    public int QuestionCount => Areas.Sum(a => a.Questions.Count);

    public int Unassigned => Areas.Sum(a => a.Questions.Count(q => q.Officers.Count == 0));

    public static DraftPageModel From(ReviewState draft, long version)
    {
        ArgumentNullException.ThrowIfNull(draft);
        // A decision is asked about through its learning question, wherever that question now stands in the draft.
        var asked = draft.Decisions.Where(d => d.QuestionId is not null).ToDictionary(d => d.QuestionId!, DraftDecision.From, StringComparer.Ordinal);
        var areas = draft.Areas.Select((area, a) => new DraftArea(a, area.Heading, [.. area.Questions.Select(q => new DraftQuestion(
            q.QuestionId, draft.NumberOf(q.QuestionId), q.Text, q.Source?.Page, q.Source?.Reason, q.Source is { Confidence: < LowConfidence },
            [.. q.OfficerEmails.Select(e => AuditSentences.Person(draft, e))]))])
        {
            Decision = area.Questions.Select(q => asked.GetValueOrDefault(q.QuestionId)).FirstOrDefault(d => d is not null),
        }).ToList();
        return new DraftPageModel(draft.ReviewId, version, draft.FocusReport?.Title ?? "", draft.FocusReport?.Published.ToDisplayString() ?? "",
            draft.Panel?.Name ?? "", draft.Panel?.Email ?? "", draft.MeetingDate, draft.Deadline, areas, draft.LayoutDoubts)
        {
            Kind = draft.Kind,
            NotUpheld = [.. draft.Decisions.Where(d => d.QuestionId is null).Select(DraftDecision.From)],
        };
    }

    /// <summary>Where the question at these indexes of the draft is shown, for an error about it to link to.</summary>
    public string? AnchorOf(int area, int question) =>
        area < Areas.Count && question < Areas[area].Questions.Count ? $"question-{Areas[area].Questions[question].Id}" : null;
}

/// <summary>One heading of the draft and its questions; in a decisions review, the upheld <see cref="Decision"/> it asks about.</summary>
public sealed record DraftArea(int Index, string Heading, IReadOnlyList<DraftQuestion> Questions)
{
    public DraftDecision? Decision { get; init; }
}

/// <summary>One of the month's decisions as the draft shows it: what the Ombudsman found, and each remedy in the paper's words with its date.</summary>
public sealed record DraftDecision(string Reference, DateOnly DecisionDate, string Category, string Finding, string Summary, IReadOnlyList<DraftRemedy> Remedies)
{
    public static DraftDecision From(RecordedDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        // Described as the paper describes it ("Payment of £300: ..."); a draft's remedies are not yet followed, so none is due.
        return new(decision.Reference, decision.DecisionDate, decision.Category, decision.Finding.Describe(), decision.Summary,
            [.. decision.Remedies.Select(r => new DraftRemedy(r.FollowUpId, new PaperRemedy(r.Number, r.Kind, r.Text, r.Amount, r.Due, RemedyStanding.NotYetDue).Describe(), r.Due))]);
    }
}

public sealed record DraftRemedy(string Id, string Text, DateOnly Due);

/// <summary>One question of the draft; <see cref="Page"/> and <see cref="Reason"/> are null for one typed or pasted in.</summary>
/// <see cref="Number"/> is the number it will be sent with (<see cref="ReviewState.NumberOf"/>); <see cref="Id"/> names it in addresses.
public sealed record DraftQuestion(string Id, int Number, string Text, int? Page, string? Reason, bool Doubtful, IReadOnlyList<string> Officers);
