using ScrutinyWorkflow.Core.Calendar;
using ScrutinyWorkflow.Core.Decisions;
using ScrutinyWorkflow.Core.Reports;

namespace ScrutinyWorkflow.Core.Tests.Decisions;

public sealed class DecisionStatementReaderTests
{
    private static readonly WorkingCalendar Calendar = new();

    /// <summary>Blocks as the plain text reader gives them: a heading for a known section's name, a paragraph otherwise.</summary>
    private static ReportBlock[] Blocks(params string[] texts) =>
        [.. texts.Select(text => text.StartsWith("# ", StringComparison.Ordinal) ? ReportBlock.Heading(text[2..], 2)
            : text.StartsWith("- ", StringComparison.Ordinal) ? ReportBlock.ListItem(text[2..]) : ReportBlock.Paragraph(text))];

    private static ProposedDecision ReadOne(params string[] texts) =>
        Assert.Single(Assert.IsType<DecisionsRead>(DecisionStatementReader.Read(Blocks(texts), Calendar)).Decisions);

    private static readonly string[] Header = ["12 March 2024", "Complaint reference: 23 012 345", "Complaint against: Harbourside City Council"];

    private static ProposedDecision WithFinalDecision(string finalDecision) =>
        ReadOne([.. Header, "Summary: Ms X complained about the Council.", "# Final decision", finalDecision]);

    [Theory]
    [InlineData("I have completed my investigation. There was fault by the Council which caused injustice to Ms X.", DecisionFinding.UpheldWithInjustice)]
    [InlineData("I have completed my investigation. I found fault causing injustice.", DecisionFinding.UpheldWithInjustice)]
    [InlineData("I have completed my investigation. There was fault by the Council, but it did not cause Mr G a significant injustice.", DecisionFinding.FaultWithoutInjustice)]
    [InlineData("I have completed my investigation. There was fault, but no injustice.", DecisionFinding.FaultWithoutInjustice)]
    [InlineData("I have completed my investigation. The fault caused injustice, although the delay in May did not cause injustice.", DecisionFinding.UpheldWithInjustice)]
    [InlineData("I have completed my investigation. I have found no fault by the Council.", DecisionFinding.NotUpheld)]
    [InlineData("I have completed my investigation and do not find fault with the Council's actions.", DecisionFinding.NotUpheld)]
    [InlineData("We will not investigate this complaint because it is premature.", DecisionFinding.Premature)]
    [InlineData("We will not investigate Mr E's complaint because we are unlikely to find fault causing injustice.", DecisionFinding.NotInvestigated)]
    [InlineData("I have discontinued my investigation. The matter is before the court.", DecisionFinding.NotInvestigated)]
    public void The_finding_is_the_verdict_the_final_decision_gives_first(string finalDecision, DecisionFinding finding)
    {
        Assert.Equal(new ReadValue<DecisionFinding?>(finding), WithFinalDecision(finalDecision).Finding);
    }

    [Theory]
    [InlineData("I have completed my investigation. I found fault by the Council.")]
    [InlineData("We uphold the complaint, finding fault in how the Council considered Ms X's medical priority.")]
    public void Fault_found_without_saying_whether_it_caused_injustice_is_proposed_as_upheld_and_marked_for_checking(string finalDecision)
    {
        var finding = WithFinalDecision(finalDecision).Finding;

        Assert.Equal(DecisionFinding.UpheldWithInjustice, finding.Value);
        Assert.Contains("not plainly whether it caused injustice", finding.Doubt, StringComparison.Ordinal);
    }

    [Fact]
    public void A_reference_with_no_label_and_no_brackets_is_taken_and_marked_for_checking()
    {
        var decision = ReadOne("12 March 2024", "Harbourside City Council 23 012 345", "Decision date: 12 March 2024", "Summary: We found no fault.", "# Final decision", "I found no fault.");

        Assert.Equal("23 012 345", decision.Reference.Value);
        Assert.Contains("no label", decision.Reference.Doubt, StringComparison.Ordinal);
        Assert.Equal("Harbourside City Council", decision.Council.Value);
        Assert.True(decision.Council.IsDoubtful);
    }

    [Fact]
    public void A_reference_run_together_is_read_in_the_Ombudsmans_spaced_form()
    {
        Assert.Equal(new ReadValue<string?>("23 012 345"), ReadOne("Our ref: 23012345", "Summary: We found no fault.").Reference);
    }

    [Fact]
    public void With_no_decision_date_the_remedies_time_limits_are_kept_but_their_dates_are_left_for_the_scrutiny_officer()
    {
        var decision = ReadOne(
            "Complaint reference: 23 012 345", "Complaint against: Harbourside City Council",
            "Summary: We found fault causing injustice.",
            "# Agreed action", "Within one month of the final decision the Council will apologise to Ms X.",
            "# Final decision", "There was fault causing injustice.");

        Assert.Null(decision.DecisionDate.Value);
        Assert.True(decision.DecisionDate.IsDoubtful);
        var remedy = Assert.Single(decision.Remedies);
        Assert.Equal((RemedyKind.Apology, (DateOnly?)null, "Within one month of the final decision"), (remedy.Kind, remedy.Due, remedy.DueWording));
        Assert.Contains("decision date could not be read", remedy.Doubt, StringComparison.Ordinal);
    }

    [Fact]
    public void A_remedy_with_no_time_limit_and_a_payment_with_no_amount_are_marked_for_checking()
    {
        var decision = ReadOne([.. Header, "Summary: We found fault causing injustice.",
            "# Agreed action", "The Council has agreed to:", "- pay Ms X a symbolic payment for her distress;", "- review its complaints procedure.",
            "# Final decision", "There was fault causing injustice."]);

        Assert.Equal([RemedyKind.FinancialRedress, RemedyKind.ProcedureChange], decision.Remedies.Select(r => r.Kind));
        Assert.Contains("No amount", decision.Remedies[0].Doubt, StringComparison.Ordinal);
        Assert.All(decision.Remedies, r => Assert.Contains("No time limit", r.Doubt, StringComparison.Ordinal));
    }

    [Fact]
    public void Remedies_pasted_on_one_line_after_their_lead_in_are_read_one_each()
    {
        var decision = ReadOne([.. Header, "Summary: We found fault causing injustice.",
            "# Agreed action", "Within four weeks of the final decision the Council will: apologise to Ms X; pay Ms X £250; and remind staff to log calls.",
            "# Final decision", "There was fault causing injustice."]);

        Assert.Equal(
            [(RemedyKind.Apology, (decimal?)null), (RemedyKind.FinancialRedress, 250m), (RemedyKind.StaffTraining, null)],
            decision.Remedies.Select(r => (r.Kind, r.Amount)));
        Assert.All(decision.Remedies, r => Assert.Equal(new DateOnly(2024, 4, 9), r.Due));
    }

    [Fact]
    public void An_upheld_statement_with_no_agreed_action_takes_its_remedies_from_the_summary_and_marks_them()
    {
        var decision = ReadOne([.. Header, "Summary: Ms X complained about delays. We found fault causing injustice. The Council has agreed to apologise and pay Ms X £300.",
            "# Final decision", "There was fault causing injustice."]);

        Assert.Equal([(RemedyKind.Apology, (decimal?)null), (RemedyKind.FinancialRedress, 300m)], decision.Remedies.Select(r => (r.Kind, r.Amount)));
        Assert.All(decision.Remedies, r => Assert.Contains("Taken from the summary", r.Doubt, StringComparison.Ordinal));
    }

    [Fact]
    public void A_time_limit_that_does_not_say_what_it_runs_from_is_counted_from_the_decision_and_marked()
    {
        var remedy = Assert.Single(ReadOne([.. Header, "Summary: Fault causing injustice.", "# Agreed action", "Within two weeks the Council will apologise to Ms X.",
            "# Final decision", "There was fault causing injustice."]).Remedies);

        Assert.Equal(new DateOnly(2024, 3, 26), remedy.Due);
        Assert.Contains("does not say what it runs from", remedy.Doubt, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Within one month of the date of our final decision, the Council should apologise to Ms X.", 2024, 4, 12)]
    [InlineData("Within one calendar month of the final decision statement the Council will apologise to Ms X.", 2024, 4, 12)]
    // Twenty working days from Tuesday 12 March 2024 pass over Good Friday and Easter Monday.
    [InlineData("Within 20 working days from the date of my final decision the Council will apologise to Ms X.", 2024, 4, 11)]
    [InlineData("Within six weeks of this decision, the Council should apologise to Ms X.", 2024, 4, 23)]
    public void Time_limits_in_the_Ombudsmans_other_wordings_are_counted_from_the_decision_without_doubt(string action, int year, int month, int day)
    {
        var remedy = Assert.Single(ReadOne([.. Header, "Summary: Fault causing injustice.", "# Agreed action", action, "# Final decision", "There was fault causing injustice."]).Remedies);

        Assert.Equal((RemedyKind.Apology, new DateOnly(year, month, day), (string?)null, "Apologise to Ms X."), (remedy.Kind, remedy.Due!.Value, remedy.Doubt, remedy.Text));
    }

    [Fact]
    public void A_statement_with_no_category_label_guesses_one_from_its_summary_and_says_so()
    {
        var category = ReadOne([.. Header, "Summary: Mr Y complained the Council did not collect his bins for six weeks. We found no fault."]).Category;

        Assert.Equal("Environment and regulation", category.Value);
        Assert.Contains("Worked out from the words of the summary", category.Doubt, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_that_is_not_a_decision_is_refused_saying_what_was_looked_for()
    {
        var reading = DecisionStatementReader.Read(Blocks("# Summary", "Councils should review their policies.", "# Conclusions", "Do better."), Calendar);

        Assert.Equal(DecisionReadFailure.NotADecision, Assert.IsType<DecisionsNotRead>(reading).Failure);
    }

    [Fact]
    public void A_decision_date_alone_in_a_statements_body_does_not_start_another_statement()
    {
        var reading = DecisionStatementReader.Read(Blocks([.. Header, "Summary: We found no fault.", "# What I found", "3 July 2023", "Mrs Y left hospital.", "# Final decision", "I found no fault."]), Calendar);

        Assert.Single(Assert.IsType<DecisionsRead>(reading).Decisions);
    }
}
