using ScrutinyWorkflow.Core.Reports;

namespace ScrutinyWorkflow.Documents.Tests.Corpus;

/// <summary>An area of focus as a corpus document was written with it.</summary>
public sealed record ExpectedArea(string Heading, IReadOnlyList<string> Questions);

/// <summary>
/// How much of a corpus document was read right: questions found with their text under the right area, areas found
/// with their heading, and questions read that the document does not ask (spurious). Texts compare as
/// <see cref="ReportText.ForComparison"/> has them (spacing and quotes aside).
/// </summary>
public sealed record CorpusScore(int QuestionsRight, int Questions, int AreasRight, int Areas, int Spurious)
{
    public static CorpusScore Of(IReadOnlyList<ExpectedArea> expected, ExtractedReport? actual)
    {
        var got = actual?.Areas ?? [];
        var wanted = expected.SelectMany(area => area.Questions.Select(question => (Area: Key(area.Heading), Question: Key(question)))).ToList();
        var read = got.SelectMany(area => area.Questions.Select(question => (Area: Key(area.Heading), Question: Key(question.Text)))).ToList();
        var questionsRight = wanted.Count(want => read.Contains(want));
        var spurious = read.Count(one => !wanted.Any(want => want.Question == one.Question));
        var areasRight = expected.Count(area => got.Any(other => Key(other.Heading) == Key(area.Heading)));
        return new CorpusScore(questionsRight, wanted.Count, areasRight, expected.Count, spurious);
    }

    public static CorpusScore Sum(IEnumerable<CorpusScore> scores) =>
        scores.Aggregate(new CorpusScore(0, 0, 0, 0, 0), (total, one) => new CorpusScore(
            total.QuestionsRight + one.QuestionsRight, total.Questions + one.Questions,
            total.AreasRight + one.AreasRight, total.Areas + one.Areas, total.Spurious + one.Spurious));

    /// <summary>Every difference between what the document was written with and what was read, one a line.</summary>
    public static List<string> Differences(IReadOnlyList<ExpectedArea> expected, ExtractedReport actual)
    {
        var differences = new List<string>();
        var got = actual.Areas;
        if (got.Count != expected.Count)
        {
            differences.Add($"areas: expected {expected.Count}, read {got.Count}");
        }
        for (var a = 0; a < Math.Max(expected.Count, got.Count); a++)
        {
            var want = a < expected.Count ? expected[a] : null;
            var read = a < got.Count ? got[a] : null;
            Compare($"area {a + 1}", want?.Heading, read?.Heading, differences);
            var wantQuestions = want?.Questions ?? [];
            var readQuestions = read?.Questions.Select(question => question.Text).ToList() ?? [];
            if (wantQuestions.Count != readQuestions.Count)
            {
                differences.Add($"area {a + 1} questions: expected {wantQuestions.Count}, read {readQuestions.Count}");
            }
            for (var q = 0; q < Math.Max(wantQuestions.Count, readQuestions.Count); q++)
            {
                Compare($"area {a + 1} question {q + 1}", q < wantQuestions.Count ? wantQuestions[q] : null, q < readQuestions.Count ? readQuestions[q] : null, differences);
            }
        }
        return differences;
    }

    private static void Compare(string what, string? expected, string? actual, List<string> differences)
    {
        if (Key(expected ?? "") != Key(actual ?? ""))
        {
            differences.Add($"{what}:\n  expected: {expected ?? "(none)"}\n  read:     {actual ?? "(none)"}");
        }
    }

    private static string Key(string text) => ReportText.ForComparison(text);
}
