using ScrutinyWorkflow.Core.Calendar;
using ScrutinyWorkflow.Core.Decisions;
using ScrutinyWorkflow.Documents.Decisions;

namespace ScrutinyWorkflow.Documents.Tests.Decisions;

/// <summary>A remedy as the sample statement was written: its kind, amount and the date its time limit gives.</summary>
internal sealed record ExpectedRemedy(RemedyKind Kind, decimal? Amount, DateOnly Due);

/// <summary>What each sample statement says, field by field, and which fields the reader should mark for checking.</summary>
internal sealed record ExpectedDecision(
    string File,
    string Reference,
    DateOnly Date,
    string Council,
    string Category,
    bool CategoryGuessed,
    DecisionFinding Finding,
    string SummaryStart,
    ExpectedRemedy[] Remedies);

/// <summary>The sample decision statements in TestData/decisions (see its README), and how to read them.</summary>
internal static class SampleDecisions
{
    public static readonly WorkingCalendar Calendar = new();

    private const string Harbourside = "Harbourside City Council";

    /// <summary>The adult care statement's remedies, read the same from its PDF and from the PDF's text.</summary>
    private static readonly ExpectedRemedy[] AdultCareRemedies =
    [
        new(RemedyKind.Apology, null, new(2024, 4, 12)),
        new(RemedyKind.FinancialRedress, 2140m, new(2024, 4, 12)),
        new(RemedyKind.FinancialRedress, 300m, new(2024, 4, 12)),
        new(RemedyKind.ProcedureChange, null, new(2024, 6, 12)),
        new(RemedyKind.StaffTraining, null, new(2024, 6, 12)),
    ];

    public static readonly ExpectedDecision[] All =
    [
        new("adult-care.reportlab.pdf", "23 012 345", new(2024, 3, 12), Harbourside, "Adult care services", true, DecisionFinding.UpheldWithInjustice,
            "Ms X complained that the Council delayed assessing",
            AdultCareRemedies),
        new("adult-care.pdftotext.txt", "23 012 345", new(2024, 3, 12), Harbourside, "Adult care services", true, DecisionFinding.UpheldWithInjustice,
            "Ms X complained that the Council delayed assessing",
            AdultCareRemedies),
        new("ehcp.pythondocx.docx", "23 019 876", new(2024, 5, 8), Harbourside, "Education", true, DecisionFinding.UpheldWithInjustice,
            "Mrs B complained that the Council failed to secure",
            [new(RemedyKind.FinancialRedress, 1200m, new(2024, 6, 5))]),
        new("allocations.handwritten.html", "24 003 118", new(2024, 6, 19), Harbourside, "Housing > Allocations", false, DecisionFinding.NotUpheld,
            "Mr C complained the Council wrongly placed him in band C", []),
        new("allocations.chromium.pdf", "24 003 118", new(2024, 6, 19), Harbourside, "Housing > Allocations", false, DecisionFinding.NotUpheld,
            "Mr C complained the Council wrongly placed him in band C", []),
        new("council-tax.pasted.txt", "24 007 552", new(2024, 7, 2), Harbourside, "Benefits and tax > Council tax", false, DecisionFinding.Premature,
            "We will not investigate Mrs D's complaint", []),
        new("planning.md", "24 010 204", new(2024, 7, 16), Harbourside, "Planning and development > Planning applications", false, DecisionFinding.NotInvestigated,
            "We will not investigate Mr E's complaint", []),
        new("guardianship.pasted.txt", "24 005 377", new(2024, 5, 30), "Royal Borough of Eastwick", "Children's care services", true, DecisionFinding.NotInvestigated,
            "Miss F complained about how the Council assessed her", []),
        new("parking.pandoc.docx", "24 002 961", new(2024, 9, 26), Harbourside, "Highways and transport", true, DecisionFinding.FaultWithoutInjustice,
            "Mr G complained that the Council issued him a penalty charge notice",
            [new(RemedyKind.StaffTraining, null, new(2024, 11, 26))]),
        new("home-care.pasted.txt", "24 001 650", new(2024, 8, 14), Harbourside, "Adult care services", true, DecisionFinding.UpheldWithInjustice,
            "Mr H complained that the Council's care provider missed home care visits",
            [
                new(RemedyKind.Apology, null, new(2024, 8, 30)),
                // Twenty working days from Wednesday 14 August 2024, passing over the summer bank holiday (26 August).
                new(RemedyKind.FinancialRedress, 250m, new(2024, 9, 12)),
                new(RemedyKind.ProcedureChange, null, new(2024, 11, 14)),
                new(RemedyKind.StaffTraining, null, new(2024, 11, 14)),
            ]),
    ];

    public static string PathOf(string file) => TestFiles.TestData(Path.Combine("decisions", file));

    public static IngestionOutcome Ingest(byte[] content, string fileName, IngestionLimits? limits = null)
    {
        using var stream = new MemoryStream(content);
        return DecisionIngestion.Ingest(stream, fileName, limits ?? IngestionLimits.Default, Calendar);
    }

    public static IReadOnlyList<ProposedDecision> Read(string file)
    {
        var outcome = Ingest(File.ReadAllBytes(PathOf(file)), file);
        return Assert.IsType<DecisionsIngested>(outcome).Decisions;
    }
}
