using System.Globalization;
using System.Text.Json;
using ScrutinyWorkflow.Core.Reviews;
using ScrutinyWorkflow.Web.Engine;

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
        now,
        body.AutomaticRelease);

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

    /// <summary>The status names a list may be filtered by, as the API writes them.</summary>
    public static IReadOnlyList<string> Statuses { get; } =
        [.. Enum.GetValues<ReviewStatus>().Where(s => s != ReviewStatus.None).Select(ReviewSummary.StatusName)];

    /// <summary>
    /// Reads <c>?page=&amp;pageSize=&amp;status=&amp;sort=</c> into a list query; anything given that cannot be used is a
    /// problem, so a caller never gets a different list from the one asked for.
    /// </summary>
    public static ReviewListQuery ListQuery(string? page, string? pageSize, string? status, string? sort, List<Problem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        var number = Whole(page, "page", 1, int.MaxValue / ReviewListQuery.MaxPageSize, 1, problems);
        var size = Whole(pageSize, "pageSize", 1, ReviewListQuery.MaxPageSize, ReviewListQuery.DefaultPageSize, problems);
        var filter = string.IsNullOrWhiteSpace(status) ? null : status.Trim().ToLowerInvariant();
        if (filter is not null && !Statuses.Contains(filter))
        {
            problems.Add(new("status", $"Filter by one of {string.Join(", ", Statuses)}."));
        }
        var order = ReviewSort.Newest;
        if (!string.IsNullOrWhiteSpace(sort) && !Enum.TryParse(sort.Trim(), ignoreCase: true, out order) || !Enum.IsDefined(order))
        {
            problems.Add(new("sort", "Sort by newest, deadline, meeting or title."));
        }
        return new ReviewListQuery(number, size, filter, order);
    }

    private static int Whole(string? text, string field, int min, int max, int fallback, List<Problem> problems)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }
        problems.Add(new(field, $"Give {field} as a whole number from {min} to {max}."));
        return fallback;
    }
}
