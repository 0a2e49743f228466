using System.Text;
using ScrutinyWorkflow.Core.Decisions;
using ScrutinyWorkflow.Documents.Decisions;

namespace ScrutinyWorkflow.Documents.Tests.Decisions;

public sealed class DecisionSpreadsheetTests
{
    private static IngestionOutcome Csv(string text) => SampleDecisions.Ingest(Encoding.UTF8.GetBytes(text), "decisions.csv");

    private const string Month = """
        Complaint reference,Council,Decision date,Category,Decision,Summary,Agreed action
        24 004 101,Harbourside City Council,2024-10-03,Adult care services,Upheld,"Mr J complained about charges for his care. We found fault causing injustice.","Apologise to Mr J within one month of the final decision; pay Mr J £150 within one month of the final decision; remind staff of the charging policy within three months of the final decision"
        24004102,Harbourside City Council,17 Oct 2024,Housing,Not upheld,We found no fault in how the Council dealt with Ms L's homelessness application.,
        24 004 103,Harbourside City Council,31/02/2024,Education,Closed after initial enquiries,,

        """;

    [Fact]
    public void A_months_decisions_read_a_row_each_with_their_remedies_due_by_their_time_limits()
    {
        var decisions = Assert.IsType<DecisionsIngested>(Csv(Month)).Decisions;

        Assert.Equal(["24 004 101", "24 004 102", "24 004 103"], decisions.Select(d => d.Reference.Value));
        Assert.Equal([DecisionFinding.UpheldWithInjustice, DecisionFinding.NotUpheld, DecisionFinding.NotInvestigated], decisions.Select(d => d.Finding.Value!.Value));
        Assert.Equal(
            [(RemedyKind.Apology, (decimal?)null, new DateOnly(2024, 11, 3)), (RemedyKind.FinancialRedress, 150m, new DateOnly(2024, 11, 3)), (RemedyKind.StaffTraining, null, new DateOnly(2025, 1, 3))],
            decisions[0].Remedies.Select(r => (r.Kind, r.Amount, r.Due!.Value)));
        Assert.Equal(new DateOnly(2024, 10, 17), decisions[1].DecisionDate.Value);
        Assert.Equal(0, decisions[0].DoubtCount);
    }

    [Fact]
    public void A_date_that_does_not_exist_and_an_empty_summary_are_marked_for_checking_not_refused()
    {
        var third = Assert.IsType<DecisionsIngested>(Csv(Month)).Decisions[2];

        Assert.Null(third.DecisionDate.Value);
        Assert.Contains("31/02/2024", third.DecisionDate.Doubt, StringComparison.Ordinal);
        Assert.True(third.Summary.IsDoubtful);
    }

    [Fact]
    public void A_spreadsheet_with_no_decision_columns_is_refused_naming_the_columns_it_has()
    {
        var rejected = Assert.IsType<IngestionRejected>(Csv("Name,Email\nAsha Patel,asha@council.example\n"));

        Assert.Equal(DecisionRejections.CsvNoColumns, rejected.Code);
        Assert.Contains("“Name”, “Email”", rejected.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cell_whose_quote_is_never_closed_is_refused_with_its_line_rather_than_half_read()
    {
        var rejected = Assert.IsType<IngestionRejected>(Csv("Reference,Summary\n24 004 101,\"Mr J complained\n24 004 102,No fault\n"));

        Assert.Equal(DecisionRejections.CsvUnreadable, rejected.Code);
        Assert.Contains("line 2", rejected.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Column_names_only_with_no_rows_are_refused_as_no_decisions()
    {
        Assert.Equal(DecisionRejections.NoDecisionStatement, Assert.IsType<IngestionRejected>(Csv("Reference,Decision date,Summary\n")).Code);
    }
}
