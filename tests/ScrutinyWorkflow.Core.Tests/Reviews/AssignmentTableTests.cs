using ScrutinyWorkflow.Core.Reviews;

namespace ScrutinyWorkflow.Core.Tests.Reviews;

public sealed class AssignmentTableTests
{
    private static readonly DateTimeOffset Asked = new(2026, 12, 14, 10, 0, 0, TimeSpan.Zero);

    private static Assignment Asking(string id, string question, string officer) =>
        new(id, question, officer, Asked, NextStep: 0, RemindersSent: 0, Escalated: false, AssignmentOutcome.Open);

    private static readonly AssignmentTable Table = AssignmentTable.From([
        Asking("A1", "Q1", "head@council.example"), Asking("A2", "Q1", "data@council.example"), Asking("A3", "Q2", "head@council.example"),
    ]);

    [Fact]
    public void Assignments_are_found_by_id_question_and_officer_in_the_order_they_were_made()
    {
        Assert.Equal("A2", Table.Find("A2")!.Id);
        Assert.Null(Table.Find("A9"));
        Assert.Equal(["A1", "A2"], Table.OfQuestion("Q1").Select(a => a.Id));
        Assert.Equal(["A1", "A3"], Table.OfOfficer("head@council.example").Select(a => a.Id));
        Assert.Empty(Table.OfOfficer("nobody@council.example"));
        Assert.Equal(["A1", "A2", "A3"], Table.Select(a => a.Id));
    }

    [Fact]
    public void A_change_to_one_assignment_or_one_question_leaves_the_others_and_the_original_as_they_were()
    {
        var reminded = Table.Update("A2", a => a with { RemindersSent = 1 });
        var answered = reminded.UpdateQuestion("Q1", a => a with { Outcome = AssignmentOutcome.Answered });

        Assert.Equal([0, 1, 0], reminded.Select(a => a.RemindersSent));
        Assert.Equal([AssignmentOutcome.Answered, AssignmentOutcome.Answered, AssignmentOutcome.Open], answered.Select(a => a.Outcome));
        Assert.All(Table, a => Assert.Equal((0, AssignmentOutcome.Open), (a.RemindersSent, a.Outcome)));
        Assert.Equal(1, answered.Find("A2")!.RemindersSent);
    }

    [Fact]
    public void An_assignment_cannot_be_moved_to_another_question_or_officer_because_the_indexes_hold_who_was_asked_what()
    {
        Assert.Throws<InvalidOperationException>(() => Table.Update("A1", a => a with { OfficerEmail = "data@council.example" }));
        Assert.Throws<InvalidOperationException>(() => Table.UpdateAll(a => a with { QuestionId = "Q9" }));
    }
}
