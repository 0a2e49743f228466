using ScrutinyWorkflow.Core.Reviews;
using ScrutinyWorkflow.Web.ReviewPages;

namespace ScrutinyWorkflow.Web.Tests.ReviewPages;

/// <summary>Each edit on the check-the-draft page, as the areas the ReviseQuestions command is given: ids and sources kept.</summary>
public sealed class DraftEditsTests
{
    private static readonly ReportSource Page3 = new(3, "A list item", 0.95);

    private static readonly ReviewState Draft = ReviewState.Initial with
    {
        Status = ReviewStatus.Draft,
        Areas =
        [
            new("Accommodation", [new("Q1", "First?", ["a@council.example"], Page3), new("Q2", "Second?", [])]),
            new("Care leavers", [new("Q3", "Third?", ["b@council.example"])]),
        ],
    };

    private static string Layout(IReadOnlyList<AreaInput> areas) =>
        string.Join(" | ", areas.Select(a => $"{a.Heading}: {string.Join(",", a.Questions.Select(q => q.QuestionId ?? "new"))}"));

    [Fact]
    public void Moving_a_question_swaps_it_with_its_neighbour_and_crosses_into_the_next_area_at_the_edge()
    {
        Assert.Equal("Accommodation: Q2,Q1 | Care leavers: Q3", Layout(DraftEdits.Move(Draft, "Q1", up: false)));
        Assert.Equal("Accommodation: Q1 | Care leavers: Q2,Q3", Layout(DraftEdits.Move(Draft, "Q2", up: false)));
        Assert.Equal("Accommodation: Q1,Q2,Q3", Layout(DraftEdits.Move(Draft, "Q3", up: true)));
        Assert.Equal("Accommodation: Q1,Q2 | Care leavers: Q3", Layout(DraftEdits.Move(Draft, "Q1", up: true)));
    }

    [Fact]
    public void Removing_the_last_question_of_an_area_removes_the_area()
    {
        Assert.Equal("Accommodation: Q1,Q2", Layout(DraftEdits.Remove(Draft, "Q3")));
    }

    [Fact]
    public void Rewording_keeps_the_question_in_place_with_its_id_and_its_source_in_the_report()
    {
        var areas = DraftEdits.Put(Draft, "Q1", "First, reworded?", "accommodation", ["c@council.example"]);

        Assert.Equal("Accommodation: Q1,Q2 | Care leavers: Q3", Layout(areas));
        var q1 = areas[0].Questions[0];
        Assert.Equal(("First, reworded?", "c@council.example"), (q1.Text, Assert.Single(q1.OfficerEmails)));
        // The decider keeps the source of a question given by id without one; moving it must not lose it either.
        Assert.Null(q1.Source);
        Assert.Equal(Page3, DraftEdits.Move(Draft, "Q1", up: false)[0].Questions[1].Source);
    }

    [Fact]
    public void A_question_put_under_another_area_moves_to_its_end_and_a_new_heading_makes_a_new_area()
    {
        Assert.Equal("Accommodation: Q2 | Care leavers: Q3,Q1", Layout(DraftEdits.Put(Draft, "Q1", "First?", "Care leavers", [])));
        Assert.Equal("Accommodation: Q1,Q2 | Care leavers: Q3 | Education: new", Layout(DraftEdits.Put(Draft, null, "New?", "Education", [])));
    }

    [Fact]
    public void Renaming_an_area_keeps_its_questions()
    {
        Assert.Equal("Accommodation: Q1,Q2 | Leaving care: Q3", Layout(DraftEdits.Rename(Draft, 1, "Leaving care")));
    }
}
