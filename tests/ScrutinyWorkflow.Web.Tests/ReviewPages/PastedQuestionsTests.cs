using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using ScrutinyWorkflow.Web.ReviewPages;

namespace ScrutinyWorkflow.Web.Tests.ReviewPages;

/// <summary>Questions pasted from a report, and dates typed in three boxes.</summary>
public sealed class PastedQuestionsTests
{
    [Fact]
    public void Headings_start_areas_and_list_items_or_lines_ending_in_a_question_mark_are_their_questions()
    {
        var areas = PastedQuestions.Read("""
            Do we know how many?

            Accommodation for 16 and 17 year olds
            - How many are in bed and breakfast accommodation?
            • How do we assess their needs
            Care leavers
            1. Does every care leaver have a personal adviser?
            Is the local offer published?
            """.Replace("\r", "", StringComparison.Ordinal));

        Assert.Equal([PastedQuestions.DefaultHeading, "Accommodation for 16 and 17 year olds", "Care leavers"], areas.Select(a => a.Heading));
        Assert.Equal(["Do we know how many?"], areas[0].Questions.Select(q => q.Text));
        Assert.Equal(["How many are in bed and breakfast accommodation?", "How do we assess their needs"], areas[1].Questions.Select(q => q.Text));
        Assert.Equal(["Does every care leaver have a personal adviser?", "Is the local offer published?"], areas[2].Questions.Select(q => q.Text));
        Assert.All(areas.SelectMany(a => a.Questions), q => Assert.Empty(q.OfficerEmails));
    }

    [Fact]
    public void Nothing_pasted_is_no_areas_for_the_decider_to_name()
    {
        Assert.Empty(PastedQuestions.Read("  \n\n"));
        Assert.Empty(PastedQuestions.Read(null));
    }

    [Theory]
    [InlineData("8", "1", "2027", "2027-01-08", null)]
    [InlineData("", "", "", null, null)]
    [InlineData("31", "2", "2027", null, "Deadline must be a real date, for example 8 1 2027")]
    [InlineData("8", "1", "27", null, "Deadline must be a real date, for example 8 1 2027")]
    [InlineData("8", "January", "2027", null, "Deadline must be a real date, for example 8 1 2027")]
    public void A_date_in_three_boxes_is_a_real_day_or_says_it_is_not(string day, string month, string year, string? expected, string? problem)
    {
        var form = new FormCollection(new Dictionary<string, StringValues> { ["deadline-day"] = day, ["deadline-month"] = month, ["deadline-year"] = year });

        var answer = DateAnswer.Read(form, "deadline");

        Assert.Equal(expected, answer.Date?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(problem, answer.Unreadable("Deadline"));
    }
}
