using ScrutinyWorkflow.Core.Reviews;
using ScrutinyWorkflow.Core.Statements;
using static ScrutinyWorkflow.Core.Tests.Reviews.Reviews;

namespace ScrutinyWorkflow.Core.Tests.Reviews;

/// <summary>After the panel has the statement, a late answer or a correction makes a new version, checked and released again.</summary>
public sealed class NewVersionTests
{
    /// <summary>Q1 answered, Q2 and Q3 not; version 1 released, filed and sent to the panel.</summary>
    private static DeciderSpecification Completed() =>
        new DeciderSpecification().GivenDispatched().GivenCommands(
            new SubmitAnswer("A1", "Three.", At(2026, 12, 18)),
            new ProcessDueTimers(At(2027, 1, 9)),
            new ReleaseStatement(At(2027, 1, 11)),
            new RecordStatementFiled("panel/v1/position-statement.docx", At(2027, 1, 11, 10, 1)),
            new RecordPanelNotified(At(2027, 1, 11, 10, 2)));

    [Fact]
    public void A_late_answer_after_the_panel_has_the_statement_assembles_version_two_for_the_team_to_check()
    {
        var spec = Completed();

        spec.When(new AcceptLateAnswer("A3", "Sent by email.", At(2027, 1, 13)))
            .Then(new LateAnswerAccepted("A3", "Q2", "Sent by email.", At(2027, 1, 13)), new StatementAssembled(At(2027, 1, 13)));
        spec.ThenEffectsAre(new SendStatementForCheck());

        var after = spec.StateAfter();
        Assert.Equal((ReviewStatus.Assembled, 2, 1), (after.Status, after.StatementVersion, after.ReleasedVersion));
        var statement = PositionStatement.From(after);
        Assert.Equal((2, false), (statement.Version, statement.Released));
        var changed = Assert.Single(statement.ChangedRows);
        Assert.Equal((2, "Q2", StatementChangeKind.AnswerAdded), (changed.Number, changed.QuestionId, changed.Kind));
        Assert.StartsWith("Question 2: an answer received after the deadline was added", changed.Describe());
    }

    [Fact]
    public void A_new_version_is_never_released_automatically_but_when_the_team_releases_it_is_filed_and_the_panel_told_again()
    {
        var spec = Completed().GivenCommands(new AcceptLateAnswer("A3", "Sent by email.", At(2027, 1, 13)));
        Assert.Null(spec.State.NextDue);
        spec.When(new ProcessDueTimers(At(2027, 1, 19))).ThenNothingHappens();

        spec.When(new ReleaseStatement(At(2027, 1, 14))).Then(new StatementReleased(false, At(2027, 1, 14)));
        spec.ThenEffectsAre(new FileStatement());
        spec.GivenCommands(new ReleaseStatement(At(2027, 1, 14)));
        spec.When(new RecordStatementFiled("panel/v2/position-statement.docx", At(2027, 1, 14, 10, 1))).ThenEffectsAre(new NotifyPanel());
        spec.GivenCommands(new RecordStatementFiled("panel/v2/position-statement.docx", At(2027, 1, 14, 10, 1)), new RecordPanelNotified(At(2027, 1, 14, 10, 2)));

        var released = PositionStatement.From(spec.State);
        Assert.Equal((ReviewStatus.Completed, 2, true), (spec.State.Status, released.Version, released.Released));
        Assert.Equal("Q2", Assert.Single(released.ChangedRows).QuestionId);
        spec.When(new ReleaseStatement(At(2027, 1, 15))).ThenNothingHappens();
    }

    [Fact]
    public void A_correction_after_release_makes_a_new_version_listing_every_change_since_the_last_once()
    {
        var spec = Completed();

        spec.When(new CorrectAnswer("Q1", "  Four, not three.  ", At(2027, 1, 13)))
            .Then(new AnswerCorrected("Q1", "Four, not three.", At(2027, 1, 13)), new StatementAssembled(At(2027, 1, 13)));
        spec.GivenCommands(
            new CorrectAnswer("Q1", "Four, not three.", At(2027, 1, 13)),
            new AcceptLateAnswer("A4", "Yes, all of them.", At(2027, 1, 13, 11)),
            new CorrectAnswer("Q3", "Yes, every one of them.", At(2027, 1, 13, 12)),
            new CorrectAnswer("Q1", "Four.", At(2027, 1, 13, 13)));

        var statement = PositionStatement.From(spec.State);
        Assert.Equal(
            [(1, StatementChangeKind.AnswerChanged), (3, StatementChangeKind.AnswerAdded)],
            statement.ChangedRows.Select(c => (c.Number, c.Kind)));
        Assert.Equal(["Four.", null, "Yes, every one of them."], statement.Rows.Select(r => r.Answer));
        // The officers who answered still report it.
        Assert.Equal(Head.Name, statement.Rows.First().Reporters[0].Name);
    }

    [Fact]
    public void Version_three_lists_only_what_changed_since_version_two()
    {
        var spec = Completed().GivenCommands(
            new AcceptLateAnswer("A3", "Sent by email.", At(2027, 1, 13)),
            new ReleaseStatement(At(2027, 1, 13, 11)),
            new RecordStatementFiled("v2", At(2027, 1, 13, 11)),
            new RecordPanelNotified(At(2027, 1, 13, 11)),
            new CorrectAnswer("Q1", "Four.", At(2027, 1, 14)));

        var statement = PositionStatement.From(spec.State);
        Assert.Equal(3, statement.Version);
        Assert.Equal("Q1", Assert.Single(statement.ChangedRows).QuestionId);
    }

    [Fact]
    public void Before_release_a_correction_changes_the_answer_without_making_a_new_version()
    {
        var spec = new DeciderSpecification().GivenDispatched()
            .GivenCommands(new SubmitAnswer("A1", "Three.", At(2026, 12, 18)), new ProcessDueTimers(At(2027, 1, 9)));

        spec.When(new CorrectAnswer("Q1", "Three (corrected).", At(2027, 1, 11))).Then(new AnswerCorrected("Q1", "Three (corrected).", At(2027, 1, 11)));
        spec.ThenEffectsAre();

        var statement = PositionStatement.From(spec.StateAfter());
        Assert.Equal((1, 0), (statement.Version, statement.ChangedRows.Count));
        spec.When(new CorrectAnswer("Q1", "Three.", At(2027, 1, 11))).ThenNothingHappens();
    }

    [Fact]
    public void Refuses_a_correction_to_a_question_with_no_answer_unknown_or_blank_or_while_answers_are_collected()
    {
        Completed().When(new CorrectAnswer("Q2", "Something.", At(2027, 1, 13))).ThenRejected(RejectionCodes.NoAnswerToCorrect);
        Completed().When(new CorrectAnswer("Q9", "Something.", At(2027, 1, 13))).ThenRejected(RejectionCodes.UnknownQuestion);
        Completed().When(new CorrectAnswer("Q1", "   ", At(2027, 1, 13))).ThenRejected(RejectionCodes.Invalid);
        new DeciderSpecification().GivenDispatched().GivenCommands(new SubmitAnswer("A1", "Three.", At(2026, 12, 18)))
            .When(new CorrectAnswer("Q1", "Four.", At(2026, 12, 19))).ThenRejected(RejectionCodes.NotAssembled);
    }

    [Fact]
    public void A_new_version_takes_late_answers_and_corrections_only_not_reopening_withdrawals_or_a_new_meeting_date()
    {
        var spec = Completed().GivenCommands(new AcceptLateAnswer("A3", "Sent by email.", At(2027, 1, 13)));

        spec.When(new ReopenAnswers(new DateOnly(2027, 1, 14), At(2027, 1, 13))).ThenRejected(RejectionCodes.AlreadyReleased);
        spec.When(new WithdrawQuestion("Q3", "Not needed", At(2027, 1, 13))).ThenRejected(RejectionCodes.AlreadyReleased);
        spec.When(new ChangeMeetingDate(new DateOnly(2027, 1, 27), At(2027, 1, 13))).ThenRejected(RejectionCodes.AlreadyReleased);
        spec.When(new SubmitAnswer("A4", "Me too.", At(2027, 1, 13))).ThenRejected(RejectionCodes.NotOpen);
        spec.When(new AcceptLateAnswer("A4", "Yes.", At(2027, 1, 13))).Then(new LateAnswerAccepted("A4", "Q3", "Yes.", At(2027, 1, 13)));
    }
}
