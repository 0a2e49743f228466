using ScrutinyWorkflow.Core.Reports;
using ScrutinyWorkflow.Core.Reviews;

namespace ScrutinyWorkflow.Web.ReviewPages;

/// <summary>
/// A draft as the check-the-draft page shows it: each area with its questions, where in the report each was found
/// and why it was taken (the doubtful ones flagged), and who is asked each. <see cref="LayoutDoubts"/> say why the
/// report was hard to read as a whole, for a warning over the whole draft.
/// </summary>
public sealed record DraftPageModel(
    string Id, long Version, string Title, string Published, string Panel, string PanelEmail, DateOnly MeetingDate, DateOnly Deadline,
    IReadOnlyList<DraftArea> Areas, IReadOnlyList<string> LayoutDoubts)
{
    /// <summary>Below this the extractor was unsure enough that the question deserves a second look against the report.</summary>
    public const double LowConfidence = ReadingDoubts.Doubtful;

    public int QuestionCount => Areas.Sum(a => a.Questions.Count);

    public int Unassigned => Areas.Sum(a => a.Questions.Count(q => q.Officers.Count == 0));

    public static DraftPageModel From(ReviewState draft, long version)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var areas = draft.Areas.Select((area, a) => new DraftArea(a, area.Heading, [.. area.Questions.Select(q => new DraftQuestion(
            q.QuestionId, draft.NumberOf(q.QuestionId), q.Text, q.Source?.Page, q.Source?.Reason, q.Source is { Confidence: < LowConfidence },
            [.. q.OfficerEmails.Select(e => AuditSentences.Person(draft, e))]))])).ToList();
        return new DraftPageModel(draft.ReviewId, version, draft.FocusReport?.Title ?? "", draft.FocusReport?.Published.ToDisplayString() ?? "",
            draft.Panel?.Name ?? "", draft.Panel?.Email ?? "", draft.MeetingDate, draft.Deadline, areas, draft.LayoutDoubts);
    }

    /// <summary>Where the question at these indexes of the draft is shown, for an error about it to link to.</summary>
    public string? AnchorOf(int area, int question) =>
        area < Areas.Count && question < Areas[area].Questions.Count ? $"question-{Areas[area].Questions[question].Id}" : null;
}

public sealed record DraftArea(int Index, string Heading, IReadOnlyList<DraftQuestion> Questions);

/// <summary>One question of the draft; <see cref="Page"/> and <see cref="Reason"/> are null for one typed or pasted in.</summary>
/// <see cref="Number"/> is the number it will be sent with (<see cref="ReviewState.NumberOf"/>); <see cref="Id"/> names it in addresses.
public sealed record DraftQuestion(string Id, int Number, string Text, int? Page, string? Reason, bool Doubtful, IReadOnlyList<string> Officers);
