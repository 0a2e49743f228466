using ScrutinyWorkflow.Core.Reviews;
using ScrutinyWorkflow.Core.Statements;
using static ScrutinyWorkflow.Core.Tests.Reviews.Reviews;

namespace ScrutinyWorkflow.Core.Tests.Reviews;

public sealed class StatementTests
{
    private static ReviewState Finished(params ReviewCommand[] answers) =>
        new DeciderSpecification().GivenDispatched().GivenCommands(answers).GivenCommands(new ProcessDueTimers(At(2027, 1, 9))).State;

    [Fact]
    public void Lists_every_question_in_order_under_its_area_with_joint_reporters_and_unanswered_rows_marked()
    {
        var statement = PositionStatement.From(Finished(new SubmitAnswer("A2", "Three.", At(2026, 12, 18)), new SubmitAnswer("A4", "Yes.", At(2026, 12, 18))));

        Assert.Equal(["Accommodation for 16 and 17 year olds", "Care leavers"], statement.Areas.Select(a => a.Heading));
        var rows = statement.Areas.SelectMany(a => a.Rows).ToList();
        Assert.Equal(["Q1", "Q2", "Q3"], rows.Select(r => r.QuestionId));
        Assert.Equal("Three.", rows[0].Answer);
        Assert.Equal([new Reporter(Head.Name, Head.Designation), new Reporter(Data.Name, Data.Designation)], rows[0].Reporters);
        Assert.Null(rows[1].Answer);
        Assert.Equal(Deadline, rows[1].NoResponseBy);
        Assert.Equal(new DateOnly(2027, 1, 9), statement.CompiledOn);
    }
}
