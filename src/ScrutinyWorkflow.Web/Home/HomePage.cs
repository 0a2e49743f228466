using System.Text;
using ScrutinyWorkflow.Web.Hosting;
using ScrutinyWorkflow.Web.Reviews;

namespace ScrutinyWorkflow.Web.Home;

/// <summary>A plain start page for someone trying the product locally: the reviews, and where the mail went.</summary>
public static class HomePage
{
    public static IEndpointRouteBuilder MapHomePage(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", Show);
        return app;
    }

    private static async Task<IResult> Show(string? page, string? pageSize, string? status, string? sort, IReviewQueries reviews, CancellationToken cancellationToken)
    {
        var problems = new List<Core.Reviews.Problem>();
        var query = ReviewRequests.ListQuery(page, pageSize, status, sort, problems);
        if (problems.Count > 0)
        {
            // A hand-edited address shows the first page rather than an error.
            query = new ReviewListQuery();
        }
        var list = await reviews.ListAsync(query, cancellationToken);
        var rows = new StringBuilder();
        foreach (var summary in list.Reviews)
        {
            rows.Append("<tr><td><a href=\"/api/reviews/").Append(E(summary.Id)).Append("\">").Append(E(summary.Title)).Append("</a></td><td>")
                .Append(E(summary.Panel)).Append("</td><td>").Append(Day(summary.Deadline)).Append("</td><td>").Append(Day(summary.MeetingDate))
                .Append("</td><td>").Append(E(summary.Status)).Append("</td><td>").Append(summary.Answered).Append(" of ").Append(summary.Questions)
                .Append("</td><td>").Append(summary.Overdue).Append("</td></tr>");
        }
        var filters = string.Join(" ", new[] { (Name: "all", Status: (string?)null) }.Concat(ReviewRequests.Statuses.Select(s => (Name: s, Status: (string?)s)))
            .Select(f => f.Status == query.Status
                ? $"<strong>{E(f.Name)}</strong>"
                : $"<a href=\"{E(Link(query with { Page = 1, Status = f.Status }))}\">{E(f.Name)}</a>"));
        var table = list.Total == 0
            ? query.Status is null
                ? "<p>No reviews yet. Create one with <code>POST /api/reviews</code> (see the README for an example).</p>"
                : "<p>No reviews with this status.</p>"
            : "<table><caption>Reviews</caption><thead><tr>" + Heading("Focus report", ReviewSort.Title, query) + "<th scope=\"col\">Panel</th>"
              + Heading("Deadline", ReviewSort.Deadline, query) + Heading("Meeting", ReviewSort.Meeting, query)
              + "<th scope=\"col\">Status</th><th scope=\"col\">Answered</th><th scope=\"col\">Overdue</th></tr></thead><tbody>"
              + rows + "</tbody></table>"
              + $"<nav aria-label=\"Pages\"><p>Page {list.Page} of {list.Pages} ({list.Total} reviews) "
              + (list.Page > 1 ? $"<a rel=\"prev\" href=\"{E(Link(query with { Page = Math.Min(list.Page - 1, list.Pages) }))}\">Previous</a> " : "")
              + (list.Page < list.Pages ? $"<a rel=\"next\" href=\"{E(Link(query with { Page = list.Page + 1 }))}\">Next</a>" : "")
              + "</p></nav>";
        var html = HtmlPage.Render("Scrutiny Workflow",
            "body{font-family:Arial,sans-serif;margin:2rem;max-width:70rem;color:#0b0c0c}"
            + "table{border-collapse:collapse;width:100%}caption{text-align:left;font-weight:bold;font-size:1.25rem}th,td{border-bottom:1px solid #b1b4b6;padding:.5rem;text-align:left}",
            "<h1>Scrutiny Workflow</h1><p>Assurance reviews of Ombudsman focus reports.</p>"
            + $"<p>Show: {filters}</p>" + table
            + "<p><a href=\"/mail\">Sent mail</a>: the messages the product has \u201csent\u201d on this machine.</p>");
        return Results.Content(html, "text/html; charset=utf-8");
    }

    private static string Heading(string text, ReviewSort sort, ReviewListQuery query) =>
        query.Sort == sort
            ? $"<th scope=\"col\" aria-sort=\"ascending\">{E(text)}</th>"
            : $"<th scope=\"col\"><a href=\"{E(Link(query with { Page = 1, Sort = sort }))}\">{E(text)}</a></th>";

    private static string Link(ReviewListQuery query)
    {
        var link = $"/?page={query.Page}&sort={query.Sort.ToString().ToLowerInvariant()}";
        return query.Status is { } status ? $"{link}&status={Uri.EscapeDataString(status)}" : link;
    }

    private static string Day(DateOnly day) => E(day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));

    private static string E(string text) => HtmlPage.Encode(text);
}
