using System.Globalization;
using System.Text.Json;
using ScrutinyWorkflow.Core.Reviews;

namespace ScrutinyWorkflow.Web.Reviews;

/// <summary>A review request read as far as it could be: what it says, and the fields that could not be read.</summary>
public sealed record ParsedReview(
    FocusReport FocusReport,
    Panel Panel,
    DateOnly MeetingDate,
    DateOnly Deadline,
    IReadOnlyList<AreaInput> Areas,
    IReadOnlyList<Problem> Problems)
{
    /// <summary>
    /// Whether a problem the decider found is already explained by a malformed field: its rules about dates
    /// mean nothing when a date was not a date (a stand-in was used).
    /// </summary>
    public bool Covers(Problem problem) =>
        Problems.Any(p => p.Field == problem.Field)
        || (problem.Field is "deadline" or "meetingDate" && Problems.Any(p => p.Field is "deadline" or "meetingDate"));
}

/// <summary>Reads the API's JSON shapes into core inputs. Only form is checked here; the rules live in the decider.</summary>
public static class ReviewRequestParser
{
    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web);

    // Stand-ins for unreadable dates, far enough ahead that no date rule trips over them.
    private static readonly DateOnly StandInDeadline = new(2100, 1, 4);
    private static readonly DateOnly StandInMeeting = new(2100, 3, 1);

    public static ParsedReview Parse(ReviewRequest body)
    {
        var problems = new List<Problem>();
        var published = default(YearMonth);
        if (!YearMonth.TryParse(body.FocusReport?.Published, out published))
        {
            problems.Add(new("focusReport.published", "Give the month the focus report was published, as yyyy-MM (for example 2020-12)."));
            published = new YearMonth(2000, 1);
        }
        if (!TryParseDate(body.MeetingDate, out var meeting))
        {
            problems.Add(new("meetingDate", "Give the panel meeting date as yyyy-MM-dd."));
            meeting = StandInMeeting;
        }
        if (!TryParseDate(body.Deadline, out var deadline))
        {
            problems.Add(new("deadline", "Give the response deadline as yyyy-MM-dd."));
            deadline = StandInDeadline;
        }
        var areas = ParseAreas(body.Areas, problems);
        return new ParsedReview(
            new FocusReport(body.FocusReport?.Title ?? "", published),
            new Panel(body.Panel?.Name ?? "", body.Panel?.Email ?? ""),
            meeting,
            deadline,
            areas,
            problems);
    }

    public static IReadOnlyList<AreaInput> ParseAreas(IReadOnlyList<AreaRequest?>? areas, List<Problem> problems)
    {
        var result = new List<AreaInput>();
        for (var a = 0; a < (areas?.Count ?? 0); a++)
        {
            if (areas![a] is not { } area)
            {
                problems.Add(new($"areas[{a}]", "Each area of focus must be an object with a heading and questions."));
                continue;
            }
            var questions = new List<QuestionInput>();
            for (var q = 0; q < (area.Questions?.Count ?? 0); q++)
            {
                if (area.Questions![q] is not { } question)
                {
                    problems.Add(new($"areas[{a}].questions[{q}]", "Each question must be an object with its text and officers."));
                    continue;
                }
                questions.Add(new QuestionInput(question.Text ?? "", [.. (question.Officers ?? []).Select(o => o ?? "")], string.IsNullOrWhiteSpace(question.Id) ? null : question.Id.Trim()));
            }
            result.Add(new AreaInput(area.Heading ?? "", questions));
        }
        return result;
    }

    public static bool TryParseDate(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
}
