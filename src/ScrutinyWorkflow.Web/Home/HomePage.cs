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

    private static async Task<IResult> Show(IReviewQueries reviews, CancellationToken cancellationToken)
    {
        var rows = new StringBuilder();
        foreach (var summary in (await reviews.RecentAsync(100, cancellationToken)).Select(ReviewSummary.From))
        {
            rows.Append("<tr><td><a href=\"/api/reviews/").Append(E(summary.Id)).Append("\">").Append(E(summary.Title)).Append("</a></td><td>")
                .Append(E(summary.Panel)).Append("</td><td>").Append(E(summary.Deadline.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)))
                .Append("</td><td>").Append(E(summary.Status)).Append("</td></tr>");
        }
        var table = rows.Length == 0
            ? "<p>No reviews yet. Create one with <code>POST /api/reviews</code> (see the README for an example).</p>"
            : "<table><caption>Reviews</caption><thead><tr><th scope=\"col\">Focus report</th><th scope=\"col\">Panel</th><th scope=\"col\">Deadline</th><th scope=\"col\">Status</th></tr></thead><tbody>"
              + rows + "</tbody></table>";
        var html = HtmlPage.Render("Scrutiny Workflow",
            "body{font-family:Arial,sans-serif;margin:2rem;max-width:60rem;color:#0b0c0c}"
            + "table{border-collapse:collapse;width:100%}caption{text-align:left;font-weight:bold;font-size:1.25rem}th,td{border-bottom:1px solid #b1b4b6;padding:.5rem;text-align:left}",
            "<h1>Scrutiny Workflow</h1><p>Assurance reviews of Ombudsman focus reports.</p>"
            + table + "<p><a href=\"/mail\">Sent mail</a>: the messages the product has \u201csent\u201d on this machine.</p>");
        return Results.Content(html, "text/html; charset=utf-8");
    }

    private static string E(string text) => HtmlPage.Encode(text);
}
