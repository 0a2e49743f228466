using System.Text.Json;

namespace ScrutinyWorkflow.Documents.Tests.Corpus;

/// <summary>
/// The corpus in TestData/corpus: focus-report-style documents named <c>source.producer.ext</c>, each source's
/// areas and questions in <c>source.expected.json</c> beside them (see the README there for how each was made).
/// </summary>
public static class CorpusDocuments
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    /// <summary>Every document of the corpus in <paramref name="folder"/>, by file name, in order.</summary>
    public static IReadOnlyList<string> All(string folder) =>
        [.. Directory.GetFiles(folder)
            .Select(path => Path.GetFileName(path)!)
            .Where(name => name.Split('.') is [_, var producer, _] && producer != "expected")
            .Order(StringComparer.Ordinal)];

    /// <summary>The tool that made a document, with its format: "pandoc .docx".</summary>
    public static string Producer(string fileName)
    {
        var parts = fileName.Split('.');
        return $"{parts[1]} .{parts[2]}";
    }

    public static IReadOnlyList<ExpectedArea> ExpectedFor(string folder, string fileName)
    {
        var source = fileName[..fileName.IndexOf('.', StringComparison.Ordinal)];
        var json = File.ReadAllText(Path.Combine(folder, source + ".expected.json"));
        return JsonSerializer.Deserialize<ExpectedDocument>(json, JsonOptions)?.Areas
            ?? throw new InvalidOperationException($"{source}.expected.json is empty.");
    }

    private sealed record ExpectedDocument(IReadOnlyList<ExpectedArea> Areas);
}
