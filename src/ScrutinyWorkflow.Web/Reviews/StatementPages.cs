using System.Text;
using ScrutinyWorkflow.Core.Statements;
using ScrutinyWorkflow.Web.Statements;

namespace ScrutinyWorkflow.Web.Reviews;

/// <summary>
/// The statement as a page a councillor can open from the panel's email: an address people read, not an API path.
/// The API serves the same document. (Who may read it is the sign-in issue's; today the review id, 48 random bits, is
/// all that finds it.) Before release it is the assembled statement, marked as not yet released.
/// </summary>
public static class StatementPages
{
    public static IEndpointRouteBuilder MapStatementPages(this IEndpointRouteBuilder app)
    {
        app.MapGet("/reviews/{id}/statement", Show);
        return app;
    }

    internal static async Task<IResult> Show(string id, IReviewQueries queries, CancellationToken cancellationToken) =>
        await queries.FindAsync(id, cancellationToken) is { State.AssembledAt: not null } review
            ? Results.Content(StatementHtml.Render(PositionStatement.From(review.State)), "text/html; charset=utf-8", Encoding.UTF8)
            : Results.NotFound();
}
