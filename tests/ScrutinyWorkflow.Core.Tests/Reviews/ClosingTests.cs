using ScrutinyWorkflow.Core.Reviews;
using ScrutinyWorkflow.Core.Statements;
using static ScrutinyWorkflow.Core.Tests.Reviews.Reviews;

namespace ScrutinyWorkflow.Core.Tests.Reviews;

public sealed class ClosingTests
{
    [Fact]
    public void Extending_the_deadline_reschedules_the_chase_for_unanswered_assignments_and_tells_them()
    {
        var spec = new DeciderSpecification().GivenDispatched()
            .GivenCommands(new SubmitAnswer("A4", "Yes.", At(2026, 12, 20)), new ProcessDueTimers(At(2026, 12, 31, 9, 0)));

        var extended = Assert.IsType<DeadlineChanged>(Assert.Single(spec.When(new ChangeDeadline(new DateOnly(2027, 1, 11), At(2027, 1, 1))).ThenEvents()));

        Assert.Equal(Deadline, extended.From);
        Assert.Equal(new DateTime(2027, 1, 4, 9, 0, 0), extended.Schedule.Steps[0].Due);
        var state = spec.StateAfter();
        Assert.Equal(new DateTime(2027, 1, 4, 9, 0, 0), state.NextDue);
        Assert.Equal(
            [new SendDeadlineNotice(Head.Email, ["A1"]), new SendDeadlineNotice(Data.Email, ["A2"]), new SendDeadlineNotice(Housing.Email, ["A3"])],
            spec.ThenEffects(),
            DeciderSpecification.EffectComparer.Instance);
    }

    [Fact]
    public void Rejects_a_new_deadline_that_breaks_the_clear_days_rule_or_has_passed()
    {
        var spec = new DeciderSpecification().GivenDispatched();
        spec.When(new ChangeDeadline(new DateOnly(2027, 1, 14), At(2027, 1, 4))).ThenRejected(RejectionCodes.Invalid);
        spec.When(new ChangeDeadline(new DateOnly(2027, 1, 3), At(2027, 1, 4))).ThenRejected(RejectionCodes.Invalid);
    }

    [Fact]
    public void Closing_early_marks_the_unanswered_as_closed_early_not_late_tells_their_officers_and_assembles_the_statement()
    {
        var spec = new DeciderSpecification().GivenDispatched()
            .GivenCommands(new SubmitAnswer("A1", "Three.", At(2026, 12, 18)));

        spec.When(new CloseEarly("Panel meeting brought forward", At(2027, 1, 4, 12, 0)))
            .Then(new ReviewClosedEarly("Panel meeting brought forward", At(2027, 1, 4, 12, 0)), new StatementAssembled(At(2027, 1, 4, 12, 0)));

        spec.ThenEffectsAre(new SendClosedNotice(Housing.Email, ["A3"]), new SendClosedNotice(Leaving.Email, ["A4"]), new SendStatementForCheck());
        var statement = PositionStatement.From(spec.StateAfter());
        var row = statement.Areas[1].Rows[0];
        Assert.Equal("Not answered: the review was closed early on 4 January 2027", row.Unanswered);
        Assert.Null(row.NoResponseBy);
        Assert.Equal("Panel meeting brought forward", statement.ClosedEarlyReason);
        Assert.Null(statement.Areas[0].Rows[0].Unanswered);
    }

    [Fact]
    public void Rejects_closing_a_review_that_was_never_sent()
    {
        new DeciderSpecification().GivenCommands(Draft()).When(new CloseEarly("", Start)).ThenRejected(RejectionCodes.NotOpen);
    }

    [Fact]
    public void Filing_then_notifying_the_panel_completes_the_review_and_repeats_change_nothing()
    {
        var spec = new DeciderSpecification().GivenDispatched().GivenCommands(new ProcessDueTimers(At(2027, 1, 9)), new ReleaseStatement(At(2027, 1, 9, 0, 0)));

        spec.When(new RecordStatementFiled("panel/statement.html", At(2027, 1, 9, 0, 1)))
            .Then(new StatementFiled("panel/statement.html", At(2027, 1, 9, 0, 1)));
        spec.GivenCommands(new RecordStatementFiled("panel/statement.html", At(2027, 1, 9, 0, 1)));
        spec.When(new RecordStatementFiled("panel/statement.html", At(2027, 1, 9, 0, 2))).ThenNothingHappens();

        spec.GivenCommands(new RecordPanelNotified(At(2027, 1, 9, 0, 3)));
        Assert.Equal(ReviewStatus.Completed, spec.State.Status);
        spec.When(new RecordPanelNotified(At(2027, 1, 9, 0, 4))).ThenNothingHappens();
    }

    [Fact]
    public void Rejects_recording_a_filing_before_the_statement_is_released()
    {
        new DeciderSpecification().GivenDispatched()
            .When(new RecordStatementFiled("x", At(2027, 1, 4)))
            .ThenRejected(RejectionCodes.NotAssembled);
        new DeciderSpecification().GivenDispatched().GivenCommands(new ProcessDueTimers(At(2027, 1, 9)))
            .When(new RecordStatementFiled("x", At(2027, 1, 9)))
            .ThenRejected(RejectionCodes.NotAssembled);
    }

    [Fact]
    public void Assembling_asks_the_team_to_check_releasing_files_and_filing_notifies_the_panel()
    {
        Assert.Equal([new SendStatementForCheck()], ReviewEffects.Of([new StatementAssembled(Start)], ReviewState.Initial, ReviewState.Initial));
        Assert.Equal([new FileStatement()], ReviewEffects.Of([new StatementReleased(false, Start)], ReviewState.Initial, ReviewState.Initial));
        Assert.Equal([new NotifyPanel()], ReviewEffects.Of([new StatementFiled("x", Start)], ReviewState.Initial, ReviewState.Initial));
    }
}
