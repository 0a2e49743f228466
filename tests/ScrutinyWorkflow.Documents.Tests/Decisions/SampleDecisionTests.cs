using ScrutinyWorkflow.Core.Decisions;

namespace ScrutinyWorkflow.Documents.Tests.Decisions;

public sealed class SampleDecisionTests
{
    public static TheoryData<string> Files() => [.. SampleDecisions.All.Select(sample => sample.File)];

    private static ExpectedDecision Expected(string file) => SampleDecisions.All.Single(sample => sample.File == file);

    [Theory]
    [MemberData(nameof(Files))]
    public void Each_sample_statement_reads_as_one_decision_with_its_reference_date_council_and_finding_sure(string file)
    {
        var expected = Expected(file);

        var decision = Assert.Single(SampleDecisions.Read(file));

        Assert.Equal(new ReadValue<string?>(expected.Reference), decision.Reference);
        Assert.Equal(new ReadValue<DateOnly?>(expected.Date), decision.DecisionDate);
        Assert.Equal(new ReadValue<string?>(expected.Council), decision.Council);
        Assert.Equal(new ReadValue<DecisionFinding?>(expected.Finding), decision.Finding);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Each_sample_statements_category_is_read_from_its_label_or_guessed_from_its_summary_and_marked_for_checking(string file)
    {
        var expected = Expected(file);

        var decision = Assert.Single(SampleDecisions.Read(file));

        Assert.Equal(expected.Category, decision.Category.Value);
        Assert.Equal(expected.CategoryGuessed, decision.Category.IsDoubtful);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Each_sample_statements_summary_is_its_summary_paragraph_without_the_label(string file)
    {
        var expected = Expected(file);

        var summary = Assert.Single(SampleDecisions.Read(file)).Summary;

        Assert.Null(summary.Doubt);
        Assert.StartsWith(expected.SummaryStart, summary.Value, StringComparison.Ordinal);
        Assert.DoesNotContain("Summary", summary.Value, StringComparison.Ordinal);
        Assert.DoesNotContain("The complaint", summary.Value, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Each_sample_statements_remedies_read_with_their_kind_amount_and_due_date_and_none_doubted(string file)
    {
        var expected = Expected(file);

        var remedies = Assert.Single(SampleDecisions.Read(file)).Remedies;

        Assert.Equal(expected.Remedies, remedies.Select(r => new ExpectedRemedy(r.Kind, r.Amount, r.Due!.Value)));
        Assert.All(remedies, remedy => Assert.Null(remedy.Doubt));
    }

    [Fact]
    public void The_remedies_broken_over_the_pdfs_page_keep_their_lead_ins_time_limit_and_their_words()
    {
        var remedies = Assert.Single(SampleDecisions.Read("adult-care.reportlab.pdf")).Remedies;

        Assert.Equal("Pay Ms X £300 to acknowledge the distress and the time and trouble she was put to.", remedies[2].Text);
        Assert.Equal("within one month of the final decision", remedies[2].DueWording, ignoreCase: true);
        Assert.Equal("Review its procedures for financial assessments so that nobody is charged for reablement", remedies[3].Text);
    }

    [Fact]
    public void An_apology_already_made_and_the_request_for_evidence_are_not_read_as_remedies()
    {
        var remedies = Assert.Single(SampleDecisions.Read("ehcp.pythondocx.docx")).Remedies;

        Assert.DoesNotContain(remedies, remedy => remedy.Kind == RemedyKind.Apology);
        Assert.DoesNotContain(remedies, remedy => remedy.Text.Contains("evidence", StringComparison.Ordinal));
    }

    [Fact]
    public void Three_statements_pasted_one_after_another_read_as_three_decisions_each_as_it_reads_alone()
    {
        string[] files = ["council-tax.pasted.txt", "guardianship.pasted.txt", "home-care.pasted.txt"];
        var pasted = string.Join("\n\n", files.Select(file => File.ReadAllText(SampleDecisions.PathOf(file))));

        var outcome = DecisionIngestionOf(pasted);

        var decisions = Assert.IsType<Documents.Decisions.DecisionsIngested>(outcome).Decisions;
        Assert.Equal(files.Select(file => Expected(file).Reference), decisions.Select(d => d.Reference.Value));
        for (var i = 0; i < files.Length; i++)
        {
            var alone = Assert.Single(SampleDecisions.Read(files[i]));
            Assert.Equal((alone.DecisionDate, alone.Council, alone.Category, alone.Finding, alone.Summary), (decisions[i].DecisionDate, decisions[i].Council, decisions[i].Category, decisions[i].Finding, decisions[i].Summary));
            Assert.Equal(alone.Remedies, decisions[i].Remedies);
        }
    }

    private static IngestionOutcome DecisionIngestionOf(string pasted) =>
        Documents.Decisions.DecisionIngestion.FromPastedText(pasted, IngestionLimits.Default, SampleDecisions.Calendar);
}
