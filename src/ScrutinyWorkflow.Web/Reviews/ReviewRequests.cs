using System.Globalization;
using System.Text.Json;
using ScrutinyWorkflow.Core.Reviews;

namespace ScrutinyWorkflow.Web.Reviews;

/// <summary>
/// Reads the API's JSON shapes into core inputs, as far as they go: a missing or unreadable value becomes empty
/// or null, and the decider says what is wrong with it, together with everything else that is.
/// </summary>
public static class ReviewRequests
{
    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web);

    public static DraftReview ToDraft(string reviewId, ReviewRequest body, IReadOnlyList<Officer> knownOfficers, DateTimeOffset now) => new(
        reviewId,
        body.FocusReport?.Title,
        Month(body.FocusReport?.Published),
        body.Panel?.Name,
        body.Panel?.Email,
        Date(body.MeetingDate),
        Date(body.Deadline),
        Areas(body.Areas),
        knownOfficers,
        now);

    public static IReadOnlyList<AreaInput> Areas(IReadOnlyList<AreaRequest?>? areas) =>
        [.. (areas ?? []).Select(area => new AreaInput(
            area?.Heading ?? "",
            [.. (area?.Questions ?? []).Select(question => new QuestionInput(
                question?.Text ?? "",
                [.. (question?.Officers ?? []).Select(o => o ?? "")],
                string.IsNullOrWhiteSpace(question?.Id) ? null : question.Id.Trim()))]))];

    /// <summary>Every address the areas name, for the directory to look up before the decider checks them.</summary>
    public static IEnumerable<string> OfficersNamed(IEnumerable<AreaInput> areas) =>
        areas.SelectMany(a => a.Questions).SelectMany(q => q.OfficerEmails).Select(Officer.NormaliseEmail).Distinct();

    public static DateOnly? Date(string? text) =>
        DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    public static YearMonth? Month(string? text) => YearMonth.TryParse(text, out var month) ? month : null;
}
