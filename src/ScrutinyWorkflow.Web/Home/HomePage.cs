using ScrutinyWorkflow.Core.Reviews;
using ScrutinyWorkflow.Web.Engine;
using ScrutinyWorkflow.Web.Hosting;
using ScrutinyWorkflow.Web.Pages;
using ScrutinyWorkflow.Web.ReviewPages;
using ScrutinyWorkflow.Web.Reviews;
using ScrutinyWorkflow.Web.SignIn;

namespace ScrutinyWorkflow.Web.Home;

/// <summary>The scrutiny officer's dashboard at the site's root: every review, a page at a time.</summary>
public static class HomePage
{
    private const string Released = "released";

    public static IEndpointRouteBuilder MapHomePage(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", Show).AddEndpointFilter(ScrutinyOfficerPages.SameOriginReferrer).RequireAuthorization(ScrutinyPolicies.Reader);
        return app;
    }

    private static async Task<IResult> Show(string? page, string? pageSize, string? status, string? sort, string? done, IReviewQueries reviews, CouncilClock clock,
        CancellationToken cancellationToken)
    {
        var problems = new List<Problem>();
        var query = ReviewRequests.ListQuery(page, pageSize, status, sort, problems);
        if (problems.Count > 0)
        {
            // A hand-edited address shows the first page rather than an error.
            query = new ReviewListQuery();
        }
        // Release, filing and the panel's email follow each other within moments: to a person they are one state, so
        // "Released" lists every statement that has gone, whichever of the three it reached.
        var list = await reviews.ListAsync(query.Status == Released ? query with { AnyStatusOf = [Released, "filed", "completed"] } : query, cancellationToken);
        var rows = new List<DashboardRow>();
        foreach (var summary in list.Reviews)
        {
            var row = DashboardRow.From(summary, clock);
            // Where follow-ups stand depends on the day, so a review on this page that has any is read for them; the rest are not.
            rows.Add(summary.Status != ReviewSummary.StatusName(ReviewStatus.Draft) && summary.MayHaveFollowUps && await reviews.FindAsync(summary.Id, cancellationToken) is { } review
                ? row.WithFollowUps(review.State, clock.Now)
                : row);
        }
        var message = done == "deleted" ? "The draft is deleted. Nobody had been sent anything." : null;
        return PagesRegistration.Show<Dashboard>(new { Rows = rows, Query = query, list.Total, list.Pages, Message = message });
    }
}

/// <summary>The dashboard's own addresses for a page of the list.</summary>
public static class DashboardLinks
{
    public static string To(ReviewListQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var link = $"/?page={query.Page}&sort={query.Sort.ToString().ToLowerInvariant()}";
        return query.Status is { } status ? $"{link}&status={Uri.EscapeDataString(status)}" : link;
    }
}
