namespace ScrutinyWorkflow.Documents.Tests.Pdf;

/// <summary>
/// Reports printed by a real browser in the layouts other producers use (see TestData/README.md), read from the
/// committed PDF and, as a control, from the web page it was printed from: both must give the same areas and questions.
/// </summary>
public sealed class OtherProducersPrintedTests
{
    public static TheoryData<string, string[], string> Printings => new()
    {
        {
            "line-height-1.5",
            ["Council tax reduction", "Debt collection"],
            "How long does your council take to decide a claim for council tax reduction, and how many claims wait longer than a month for a decision?"
        },
        {
            "section-numbers",
            ["Council tax reduction", "Debt collection", "Communication"],
            "How long does your council take to decide a claim?"
        },
        {
            "offset-columns",
            ["Council tax reduction", "Debt collection"],
            "How long does your council take to decide a claim for council tax reduction?"
        },
        {
            "ruled-table",
            ["Waiting times", "Means test", "Contractors and quality of work"],
            "How long does a person wait from first asking for help to an occupational therapist's assessment, and how does that compare with similar councils?"
        },
    };

    [Theory]
    [MemberData(nameof(Printings))]
    public void Reads_the_same_areas_and_questions_from_the_printed_PDF_as_from_its_web_page(string name, string[] areas, string firstQuestion)
    {
        var fromPdf = Read($"{name}.chromium.pdf");
        var fromPage = Read($"{name}.html");

        Assert.Equal(areas, fromPdf.Areas.Select(area => area.Heading));
        Assert.Equal(firstQuestion, fromPdf.Areas[0].Questions[0].Text);
        Assert.Equal(Texts(fromPage), Texts(fromPdf));
    }

    private static Core.Reports.ExtractedReport Read(string file) =>
        Assert.IsType<Ingested>(TestFiles.Ingest(File.ReadAllBytes(TestFiles.TestData(Path.Combine("producers", file))), file)).Report;

    private static string[] Texts(Core.Reports.ExtractedReport report) =>
        [.. report.Areas.Select(area => $"{area.Heading}: {string.Join(" | ", area.Questions.Select(question => question.Text))}")];
}
