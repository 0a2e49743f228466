using ScrutinyWorkflow.Core.Reviews;

namespace ScrutinyWorkflow.Web.ReviewPages;

/// <summary>
/// The draft's areas and questions after one edit on the check-the-draft page (move a question, remove it, or put
/// it, reworded, under an area), as the input of the one command that changes a draft, <see cref="ReviseQuestions"/>.
/// Every question keeps its id and its source in the report; whether the result is a good draft is the decider's to say.
/// </summary>
public static class DraftEdits
{
    /// <summary>The draft as it stands, as command input.</summary>
    public static List<AreaInput> Current(ReviewState draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        return [.. draft.Areas.Select(a => new AreaInput(a.Heading, [.. a.Questions.Select(Input)]))];
    }

    /// <summary>
    /// One place up or down; from the top of an area up to the end of the area before it, from the bottom down to the
    /// start of the next, so a question can be moved anywhere a step at a time without a script.
    /// </summary>
    public static IReadOnlyList<AreaInput> Move(ReviewState draft, string questionId, bool up)
    {
        var areas = Current(draft).Select(a => (a.Heading, Questions: a.Questions.ToList())).ToList();
        var (area, index) = Find(areas.Select(a => a.Questions).ToList(), questionId);
        if (area < 0)
        {
            return Current(draft);
        }
        var questions = areas[area].Questions;
        var question = questions[index];
        var target = index + (up ? -1 : 1);
        if (target >= 0 && target < questions.Count)
        {
            (questions[index], questions[target]) = (questions[target], questions[index]);
        }
        else if (up && area > 0)
        {
            questions.RemoveAt(index);
            areas[area - 1].Questions.Add(question);
        }
        else if (!up && area < areas.Count - 1)
        {
            questions.RemoveAt(index);
            areas[area + 1].Questions.Insert(0, question);
        }
        return Without(areas);
    }

    public static IReadOnlyList<AreaInput> Remove(ReviewState draft, string questionId) =>
        Without([.. Current(draft).Select(a => (a.Heading, Questions: a.Questions.Where(q => q.QuestionId != questionId).ToList()))]);

    /// <summary>
    /// The question (a new one when <paramref name="questionId"/> is null) with this text and these officers, under
    /// this area: where it was when the area is the same, otherwise at the end of the area named (a new area at the
    /// end when no area has that heading).
    /// </summary>
    public static IReadOnlyList<AreaInput> Put(ReviewState draft, string? questionId, string text, string areaHeading, IReadOnlyList<string> officers)
    {
        ArgumentNullException.ThrowIfNull(areaHeading);
        var areas = Current(draft).Select(a => (a.Heading, Questions: a.Questions.ToList())).ToList();
        var (area, index) = Find(areas.Select(a => a.Questions).ToList(), questionId);
        var edited = new QuestionInput(text, officers, area < 0 ? null : questionId);
        var heading = areaHeading.Trim();
        var targetArea = areas.FindIndex(a => string.Equals(a.Heading, heading, StringComparison.OrdinalIgnoreCase));
        if (area >= 0 && area == targetArea)
        {
            areas[area].Questions[index] = edited;
            return Without(areas);
        }
        if (area >= 0)
        {
            areas[area].Questions.RemoveAt(index);
        }
        if (targetArea < 0)
        {
            areas.Add((heading, [edited]));
        }
        else
        {
            areas[targetArea].Questions.Add(edited);
        }
        return Without(areas);
    }

    /// <summary>Rename an area of focus, keeping its questions.</summary>
    public static IReadOnlyList<AreaInput> Rename(ReviewState draft, int area, string heading) =>
        [.. Current(draft).Select((a, i) => i == area ? a with { Heading = heading } : a)];

    /// <summary>One officer for every question of an area, in place of whoever each named (so the routing rule's proposal goes too).</summary>
    public static IReadOnlyList<AreaInput> AssignArea(ReviewState draft, int area, string officerEmail) =>
        [.. Current(draft).Select((a, i) => i == area ? a with { Questions = [.. a.Questions.Select(q => q with { OfficerEmails = [officerEmail] })] } : a)];

    private static QuestionInput Input(Question q) => new(q.Text, q.OfficerEmails, q.QuestionId, q.Source);

    private static (int Area, int Index) Find(List<List<QuestionInput>> areas, string? questionId)
    {
        for (var a = 0; questionId is not null && a < areas.Count; a++)
        {
            var index = areas[a].FindIndex(q => q.QuestionId == questionId);
            if (index >= 0)
            {
                return (a, index);
            }
        }
        return (-1, -1);
    }

    /// <summary>An area left with no questions goes: the draft keeps only areas something is asked under.</summary>
    private static IReadOnlyList<AreaInput> Without(List<(string Heading, List<QuestionInput> Questions)> areas) =>
        [.. areas.Where(a => a.Questions.Count > 0).Select(a => new AreaInput(a.Heading, a.Questions))];
}
