using ScrutinyWorkflow.Documents.Decisions;
using ScrutinyWorkflow.Documents.Tests.Samples;
using ScrutinyWorkflow.Testing;

namespace ScrutinyWorkflow.Documents.Tests.Decisions;

/// <summary>Whatever is uploaded or pasted as decisions, a clear refusal that says what to do about a decision; never a crash.</summary>
public sealed class DecisionBadInputTests
{
    private static IngestionRejected AssertRejected(IngestionOutcome outcome, string code)
    {
        var rejected = TestFiles.AssertRejected(outcome, code, "paste the text of each decision statement");
        Assert.DoesNotContain("areas and questions", rejected.Detail, StringComparison.Ordinal);
        return rejected;
    }

    [Fact]
    public void An_empty_file_is_refused_as_empty()
    {
        AssertRejected(SampleDecisions.Ingest([], "decisions.pdf"), Rejections.FileEmpty);
    }

    [Fact]
    public void Random_bytes_named_as_a_pdf_are_refused_as_damaged()
    {
        var noise = new byte[4096];
        new Random(26).NextBytes(noise);

        AssertRejected(SampleDecisions.Ingest(noise, "decision.pdf"), Rejections.FileCorrupt);
    }

    [Fact]
    public void Random_bytes_with_no_extension_are_refused_as_unreadable()
    {
        var noise = new byte[4096];
        new Random(7).NextBytes(noise);
        noise[0] = 0;

        var rejected = Assert.IsType<IngestionRejected>(SampleDecisions.Ingest(noise, "decision"));

        Assert.Contains("paste the text of each decision statement", rejected.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_larger_than_the_limit_is_refused_unread()
    {
        var statement = File.ReadAllBytes(SampleDecisions.PathOf("home-care.pasted.txt"));

        AssertRejected(SampleDecisions.Ingest(statement, "home-care.txt", new IngestionLimits(MaxUploadBytes: 1024)), Rejections.FileTooLarge);
    }

    [Fact]
    public void A_pdf_that_expands_past_the_limit_is_refused_as_a_decompression_bomb()
    {
        var bomb = HostilePdfs.PdfWithExpandingPage(expandedBytes: 8L * 1024 * 1024);

        AssertRejected(SampleDecisions.Ingest(bomb, "decision.pdf", new IngestionLimits(MaxExpandedBytes: 4L * 1024 * 1024)), Rejections.PdfTooLargeExpanded);
    }

    [Fact]
    public void A_focus_report_uploaded_as_decisions_is_refused_as_no_decision_statement()
    {
        var report = SampleReports.Bytes("adult-social-care-charging.html");

        var rejected = AssertRejected(SampleDecisions.Ingest(report, "adult-social-care-charging.html"), DecisionRejections.NoDecisionStatement);

        Assert.Contains("23 012 345", rejected.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_with_no_letters_is_refused_as_having_no_text()
    {
        AssertRejected(DecisionIngestion.FromPastedText("\n\n  ---  \n\n", IngestionLimits.Default, SampleDecisions.Calendar), Rejections.DocumentHasNoText);
    }

    [Fact]
    public void A_two_megabyte_summary_is_cut_short_and_marked_and_the_rest_of_the_statement_is_kept()
    {
        var summary = string.Concat(Enumerable.Repeat("Mrs K complained that the Council did not act on her concerns ", 33_000));
        var text = $"""
            Complaint reference: 24 111 222
            Complaint against: Harbourside City Council
            Date: 3 June 2024

            Summary: {summary}

            Final decision
            I have completed my investigation. I have found no fault by the Council.
            """;

        var decision = Assert.Single(Assert.IsType<DecisionsIngested>(DecisionIngestion.FromPastedText(text, IngestionLimits.Default, SampleDecisions.Calendar)).Decisions);

        Assert.InRange(decision.Summary.Value!.Length, 3_900, 4_001);
        Assert.Contains("cut short", decision.Summary.Doubt, StringComparison.Ordinal);
        Assert.Equal(("24 111 222", Core.Decisions.DecisionFinding.NotUpheld), (decision.Reference.Value, decision.Finding.Value));
    }

    [Fact]
    public void Thousands_of_statements_pasted_at_once_give_the_most_one_reading_may_hold()
    {
        var one = "Complaint reference: 24 000 001\nComplaint against: Harbourside City Council\nDate: 3 June 2024\n\nSummary: We found no fault.\n\n";
        var text = string.Concat(Enumerable.Repeat(one, 2_000));

        var decisions = Assert.IsType<DecisionsIngested>(DecisionIngestion.FromPastedText(text, IngestionLimits.Default, SampleDecisions.Calendar)).Decisions;

        Assert.Equal(Core.Decisions.DecisionStatementReader.MaxDecisions, decisions.Count);
    }

    [Fact]
    public void A_statement_as_one_run_on_line_without_any_line_breaks_still_reads_its_header()
    {
        var text = "Harbourside City Council (24 007 552) Category : Benefits and tax > Council tax Decision : Premature Decision date : 2 Jul 2024 "
            + "The Ombudsman's final decision: Summary: We will not investigate Mrs D's complaint because it is premature.";

        var decision = Assert.Single(Assert.IsType<DecisionsIngested>(DecisionIngestion.FromPastedText(text, IngestionLimits.Default, SampleDecisions.Calendar)).Decisions);

        Assert.Equal(
            ("24 007 552", new DateOnly(2024, 7, 2), "Benefits and tax > Council tax", Core.Decisions.DecisionFinding.Premature),
            (decision.Reference.Value, decision.DecisionDate.Value!.Value, decision.Category.Value, decision.Finding.Value!.Value));
    }
}
