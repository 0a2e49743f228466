using System.Text.Json;
using ScrutinyWorkflow.Core.Reports;

namespace ScrutinyWorkflow.Documents.Tests.Samples;

/// <summary>The sample focus reports in samples/reports, copied beside the tests, with what each should yield.</summary>
public static class SampleReports
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    public static string Folder { get; } = Path.Combine(AppContext.BaseDirectory, "Samples");

    /// <summary>
    /// Every sample file that has an expected-questions file, by file name: <c>name.pdf</c> (LibreOffice),
    /// <c>name.chromium.pdf</c>, <c>name.pdfpig.pdf</c>, <c>name.docx</c>... all share <c>name.expected.json</c>.
    /// </summary>
    public static TheoryData<string> All()
    {
        var data = new TheoryData<string>();
        foreach (var file in Printings().SelectMany(printings => printings))
        {
            data.Add(file);
        }
        return data;
    }

    /// <summary>For each source, the file names of every printing of it (one, or one per producer).</summary>
    public static IEnumerable<IReadOnlyList<string>> Printings()
    {
        foreach (var expected in Directory.GetFiles(Folder, "*.expected.json").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(expected)[..^".expected.json".Length];
            var files = Directory.GetFiles(Folder, name + ".*")
                .Where(path => !path.EndsWith(".expected.json", StringComparison.Ordinal))
                .Select(path => Path.GetFileName(path)!)
                .Order(StringComparer.Ordinal)
                .ToList();
            Assert.NotEmpty(files);
            yield return files;
        }
    }

    /// <summary>The source a sample file was made from: its name up to the first dot.</summary>
    public static string SourceName(string fileName) => fileName[..fileName.IndexOf('.', StringComparison.Ordinal)];

    public static byte[] Bytes(string fileName) => File.ReadAllBytes(Path.Combine(Folder, fileName));

    public static Expected ExpectedFor(string fileName)
    {
        var name = SourceName(fileName);
        var json = File.ReadAllText(Path.Combine(Folder, name + ".expected.json"));
        return JsonSerializer.Deserialize<Expected>(json, JsonOptions)
            ?? throw new InvalidOperationException($"{name}.expected.json is empty.");
    }

    public static IngestionOutcome Ingest(string fileName, IngestionLimits? limits = null)
    {
        using var stream = new MemoryStream(Bytes(fileName));
        return ReportIngestion.Ingest(stream, fileName, limits ?? IngestionLimits.Default);
    }

    public sealed record Expected(string Title, string Published, IReadOnlyList<ExpectedArea> Areas);

    public sealed record ExpectedArea(string Heading, IReadOnlyList<string> Questions);
}

/// <summary>Compares what was extracted with what a sample's source says, text normalised for spacing and quotes.</summary>
public static class ExtractionAssert
{
    public static void Matches(SampleReports.Expected expected, ExtractedReport actual)
    {
        var differences = new List<string>();
        Compare("title", expected.Title, actual.Title ?? "(none)", differences);
        Compare("published", expected.Published, actual.Published?.ToString() ?? "(none)", differences);
        var areas = Math.Max(expected.Areas.Count, actual.Areas.Count);
        for (var a = 0; a < areas; a++)
        {
            var want = a < expected.Areas.Count ? expected.Areas[a] : null;
            var got = a < actual.Areas.Count ? actual.Areas[a] : null;
            Compare($"area {a + 1}", want?.Heading ?? "(none)", got?.Heading ?? "(none)", differences);
            var questions = Math.Max(want?.Questions.Count ?? 0, got?.Questions.Count ?? 0);
            for (var q = 0; q < questions; q++)
            {
                Compare(
                    $"area {a + 1} question {q + 1}",
                    want is not null && q < want.Questions.Count ? want.Questions[q] : "(none)",
                    got is not null && q < got.Questions.Count ? got.Questions[q].Text : "(none)",
                    differences);
            }
        }
        Assert.True(differences.Count == 0, string.Join("\n", differences));
    }

    public static void SameQuestions(ExtractedReport expected, ExtractedReport actual) =>
        Matches(
            new SampleReports.Expected(
                expected.Title ?? "(none)",
                expected.Published?.ToString() ?? "(none)",
                [.. expected.Areas.Select(area => new SampleReports.ExpectedArea(area.Heading, [.. area.Questions.Select(question => question.Text)]))]),
            actual);

    private static void Compare(string what, string expected, string actual, List<string> differences)
    {
        if (ReportText.ForComparison(expected) != ReportText.ForComparison(actual))
        {
            differences.Add($"{what}:\n  expected: {expected}\n  actual:   {actual}");
        }
    }
}
