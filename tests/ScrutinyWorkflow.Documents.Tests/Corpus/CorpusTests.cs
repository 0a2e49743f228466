namespace ScrutinyWorkflow.Documents.Tests.Corpus;

public sealed class CorpusTests
{
    private static readonly string Folder = TestFiles.TestData("corpus");

    public static TheoryData<string> Documents => [.. CorpusDocuments.All(Folder)];

    [Theory]
    [MemberData(nameof(Documents))]
    public void Every_corpus_document_reads_to_exactly_the_areas_and_questions_it_was_written_with(string fileName)
    {
        var outcome = TestFiles.Ingest(File.ReadAllBytes(Path.Combine(Folder, fileName)), fileName);

        var report = Assert.IsType<Ingested>(outcome).Report;
        var differences = CorpusScore.Differences(CorpusDocuments.ExpectedFor(Folder, fileName), report);
        Assert.True(differences.Count == 0, $"{fileName} ({CorpusDocuments.Producer(fileName)}):\n{string.Join("\n", differences)}");
    }

    [Fact]
    public void The_corpus_holds_documents_from_at_least_eight_producers()
    {
        var producers = CorpusDocuments.All(Folder).Select(CorpusDocuments.Producer).Distinct().ToList();

        Assert.True(producers.Count >= 8, $"Only {producers.Count} producers: {string.Join(", ", producers)}");
    }

    [Fact]
    public void A_corpus_score_counts_a_question_under_the_wrong_area_as_wrong_and_one_never_asked_as_spurious()
    {
        var expected = new List<ExpectedArea> { new("Appeals", ["How many appeals?", "Who hears them?"]), new("Waiting", ["How long?"]) };
        var read = new Core.Reports.ExtractedReport("Title", null, null,
        [
            Area("Appeals", "How many appeals?"),
            Area("Waiting", "Who hears them?", "How long?", "Is this page useful?"),
        ]);

        var score = CorpusScore.Of(expected, read);

        Assert.Equal(new CorpusScore(QuestionsRight: 2, Questions: 3, AreasRight: 2, Areas: 2, Spurious: 1), score);
    }

    private static Core.Reports.ExtractedArea Area(string heading, params string[] questions)
    {
        var source = new Core.Reviews.ReportSource(1, "test", 1);
        return new Core.Reports.ExtractedArea(heading, source, [.. questions.Select(question => new Core.Reports.ExtractedQuestion(question, source))]);
    }
}
