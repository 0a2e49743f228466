using System.Text;
using ScrutinyWorkflow.Core.Reviews;
using ScrutinyWorkflow.Documents.Statements;
using ScrutinyWorkflow.Web.Engine;
using ScrutinyWorkflow.Web.Reviews;
using ScrutinyWorkflow.Web.SignIn;

namespace ScrutinyWorkflow.Web.Statements;

/// <summary>
/// The statement as the panel's papers: the page a councillor opens from the panel's email (an address people read,
/// not an API path), the Word appendix, the cover report and a PDF. The API serves the same documents through the same
/// handlers. (Who may read them is the sign-in issue's; today the review id, 48 random bits, is all that finds them.)
/// Before release they are the assembled statement, marked as not yet released; after it, the statement as filed.
/// </summary>
public static class StatementPages
{
    public static IEndpointRouteBuilder MapStatementPages(this IEndpointRouteBuilder app)
    {
        // The same papers at the address people read and in the JSON API, where scripts file them.
        foreach (var (prefix, tag) in new[] { ("/reviews/{id}", "Statements"), ("/api/reviews/{id}", "Reviews") })
        {
            var papers = app.MapGroup(prefix).WithTags(tag).AddEndpointFilter(ReviewProblems.RefuseImpossibleIds).RequireAuthorization(ScrutinyPolicies.Reader);
            papers.MapGet("/statement", Show);
            papers.MapGet("/statement.docx", Appendix);
            papers.MapGet("/cover-report.docx", CoverReport);
            papers.MapGet("/statement.pdf", Pdf);
        }
        return app;
    }

    /// <summary>
    /// Answers are officers' text on a page councillors open: even past the sanitiser, the page runs no script and
    /// loads nothing from elsewhere.
    /// </summary>
    internal const string ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

    internal static Task<IResult> Show(string id, HttpResponse response, IReviewQueries queries, StatementDocuments documents, CancellationToken cancellationToken)
    {
        response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        return WithReviewAsync(id, queries, async review => Results.Content(await documents.HtmlAsync(review, cancellationToken), "text/html; charset=utf-8", Encoding.UTF8), cancellationToken);
    }

    /// <summary>The review's Word paper: the position statement appendix, or for a decisions review the decisions paper.</summary>
    internal static Task<IResult> Appendix(string id, IReviewQueries queries, StatementDocuments documents, CancellationToken cancellationToken) =>
        WithReviewAsync(id, queries, async review =>
        {
            var paper = await documents.AppendixAsync(review, cancellationToken);
            return Results.File(paper.Content.ToArray(), paper.ContentType, $"{id}-{paper.FileName}");
        }, cancellationToken);

    /// <summary>A focus report's review has a cover report; a decisions paper goes to the panel on its own.</summary>
    internal static Task<IResult> CoverReport(string id, IReviewQueries queries, StatementDocuments documents, CancellationToken cancellationToken) =>
        WithReviewAsync(id, queries, async review => StatementDocuments.IsDecisionsPaper(review)
            ? Results.NotFound()
            : Results.File(documents.CoverReport(await documents.StatementPaperAsync(review, cancellationToken)), StatementDocx.ContentType, $"{id}-{StatementDocuments.CoverReportFileName}"), cancellationToken);

    /// <summary>The Word paper as PDF, made by LibreOffice where the server has it; 503 where it does not.</summary>
    internal static Task<IResult> Pdf(string id, IReviewQueries queries, StatementDocuments documents, LibreOfficePdf libreOffice, CancellationToken cancellationToken) =>
        WithReviewAsync(id, queries, async review =>
        {
            if (!libreOffice.IsInstalled)
            {
                return Results.Problem("PDF needs LibreOffice (soffice) on the server, and it is not installed here. The Word appendix is at statement.docx.", statusCode: StatusCodes.Status503ServiceUnavailable);
            }
            var paper = await documents.AppendixAsync(review, cancellationToken);
            return Results.File(await libreOffice.ConvertAsync(paper.Content.ToArray(), cancellationToken), "application/pdf", $"{id}-{Path.ChangeExtension(paper.FileName, ".pdf")}");
        }, cancellationToken);

    private static async Task<IResult> WithReviewAsync(string id, IReviewQueries queries, Func<ReviewState, Task<IResult>> render, CancellationToken cancellationToken) =>
        await queries.FindAsync(id, cancellationToken) is { State.AssembledAt: not null } review
            ? await render(review.State)
            : Results.NotFound();
}
