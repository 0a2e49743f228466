using System.Collections;
using System.Collections.Immutable;

namespace ScrutinyWorkflow.Core.Reviews;

/// <summary>
/// A review's assignments in the order they were made, held by id with an index by question and by officer, so an
/// event about one assignment or one question costs the same however many the review has (a reminder, a draft or an
/// answer on a 300-assignment review does not copy the other 299). Immutable: every change returns a new table that
/// shares what did not change.
/// </summary>
public sealed class AssignmentTable : IReadOnlyList<Assignment>
{
    public static AssignmentTable Empty { get; } = new(
        [], ImmutableDictionary<string, int>.Empty, ImmutableDictionary<string, ImmutableList<int>>.Empty, ImmutableDictionary<string, ImmutableList<int>>.Empty);

    private readonly ImmutableList<Assignment> items;
    private readonly ImmutableDictionary<string, int> byId;
    private readonly ImmutableDictionary<string, ImmutableList<int>> byQuestion;
    private readonly ImmutableDictionary<string, ImmutableList<int>> byOfficer;

    private AssignmentTable(
        ImmutableList<Assignment> items,
        ImmutableDictionary<string, int> byId,
        ImmutableDictionary<string, ImmutableList<int>> byQuestion,
        ImmutableDictionary<string, ImmutableList<int>> byOfficer) =>
        (this.items, this.byId, this.byQuestion, this.byOfficer) = (items, byId, byQuestion, byOfficer);

    /// <summary>A table of these assignments in this order, its indexes rebuilt (a snapshot holds only the list).</summary>
    public static AssignmentTable From(IEnumerable<Assignment> assignments)
    {
        var items = ImmutableList.CreateRange(assignments);
        var byId = ImmutableDictionary.CreateBuilder<string, int>();
        var byQuestion = new Dictionary<string, List<int>>();
        var byOfficer = new Dictionary<string, List<int>>();
        for (var index = 0; index < items.Count; index++)
        {
            var assignment = items[index];
            byId.TryAdd(assignment.Id, index);
            Indexed(byQuestion, assignment.QuestionId).Add(index);
            Indexed(byOfficer, assignment.OfficerEmail).Add(index);
        }
        return new(items, byId.ToImmutable(), Frozen(byQuestion), Frozen(byOfficer));

        static List<int> Indexed(Dictionary<string, List<int>> index, string key) =>
            index.TryGetValue(key, out var list) ? list : index[key] = [];

        static ImmutableDictionary<string, ImmutableList<int>> Frozen(Dictionary<string, List<int>> index) =>
            index.ToImmutableDictionary(e => e.Key, e => ImmutableList.CreateRange(e.Value));
    }

    public int Count => items.Count;

    public Assignment this[int index] => items[index];

    public Assignment? Find(string assignmentId) => byId.TryGetValue(assignmentId, out var index) ? items[index] : null;

    /// <summary>Everyone asked this question, in the order they were asked.</summary>
    public IEnumerable<Assignment> OfQuestion(string questionId) => At(byQuestion, questionId);

    /// <summary>Every question this officer was asked, in the order they were asked.</summary>
    public IEnumerable<Assignment> OfOfficer(string officerEmail) => At(byOfficer, officerEmail);

    public AssignmentTable Add(Assignment assignment)
    {
        ArgumentNullException.ThrowIfNull(assignment);
        var index = items.Count;
        return new(
            items.Add(assignment),
            // Ids are unique in every stream the decider writes; were one repeated, the first keeps it, as a search would find.
            byId.ContainsKey(assignment.Id) ? byId : byId.Add(assignment.Id, index),
            byQuestion.SetItem(assignment.QuestionId, byQuestion.GetValueOrDefault(assignment.QuestionId, []).Add(index)),
            byOfficer.SetItem(assignment.OfficerEmail, byOfficer.GetValueOrDefault(assignment.OfficerEmail, []).Add(index)));
    }

    /// <summary>Changes one assignment; an unknown id changes nothing.</summary>
    public AssignmentTable Update(string assignmentId, Func<Assignment, Assignment> change) =>
        byId.TryGetValue(assignmentId, out var index) ? Changed([index], change) : this;

    /// <summary>Changes the assignments of one question; <paramref name="change"/> returns those it leaves alone as they were.</summary>
    public AssignmentTable UpdateQuestion(string questionId, Func<Assignment, Assignment> change) =>
        byQuestion.TryGetValue(questionId, out var indexes) ? Changed(indexes, change) : this;

    /// <summary>Changes any of them: for the events that touch the whole review (a deadline, a close, a reopening).</summary>
    public AssignmentTable UpdateAll(Func<Assignment, Assignment> change) => Changed(Enumerable.Range(0, items.Count), change);

    public IEnumerator<Assignment> GetEnumerator() => items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private IEnumerable<Assignment> At(ImmutableDictionary<string, ImmutableList<int>> index, string key) =>
        index.TryGetValue(key, out var indexes) ? indexes.Select(i => items[i]) : [];

    private AssignmentTable Changed(IEnumerable<int> indexes, Func<Assignment, Assignment> change)
    {
        var builder = items.ToBuilder();
        foreach (var index in indexes)
        {
            var before = builder[index];
            var after = change(before);
            if (ReferenceEquals(before, after))
            {
                continue;
            }
            // The indexes hold on to who was asked what: a change of outcome or step may never move an assignment.
            if (after.Id != before.Id || after.QuestionId != before.QuestionId || after.OfficerEmail != before.OfficerEmail)
            {
                throw new InvalidOperationException($"Assignment {before.Id} may change its outcome and chase, not its id, question or officer.");
            }
            builder[index] = after;
        }
        return new(builder.ToImmutable(), byId, byQuestion, byOfficer);
    }
}
