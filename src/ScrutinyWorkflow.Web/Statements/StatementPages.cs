using System.Text;
using ScrutinyWorkflow.Core.Statements;
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
        return WithPaperAsync(id, queries, async paper => Results.Content(await documents.HtmlAsync(paper), "text/html; charset=utf-8", Encoding.UTF8), cancellationToken);
    }

    internal static Task<IResult> Appendix(string id, IReviewQueries queries, StatementDocuments documents, CancellationToken cancellationToken) =>
        WithPaperAsync(id, queries, paper => Task.FromResult(Results.File(documents.Appendix(paper), StatementDocx.ContentType, $"{id}-{StatementDocuments.AppendixFileName}")), cancellationToken);

    internal static Task<IResult> CoverReport(string id, IReviewQueries queries, StatementDocuments documents, CancellationToken cancellationToken) =>
        WithPaperAsync(id, queries, paper => Task.FromResult(Results.File(documents.CoverReport(paper), StatementDocx.ContentType, $"{id}-{StatementDocuments.CoverReportFileName}")), cancellationToken);

    /// <summary>The appendix as PDF, made by LibreOffice where the server has it; 503 where it does not.</summary>
    internal static Task<IResult> Pdf(string id, IReviewQueries queries, StatementDocuments documents, LibreOfficePdf libreOffice, CancellationToken cancellationToken) =>
        WithPaperAsync(id, queries, async paper => libreOffice.IsInstalled
            ? Results.File(await libreOffice.ConvertAsync(documents.Appendix(paper), cancellationToken), "application/pdf", $"{id}-position-statement.pdf")
            : Results.Problem("PDF needs LibreOffice (soffice) on the server, and it is not installed here. The Word appendix is at statement.docx.", statusCode: StatusCodes.Status503ServiceUnavailable), cancellationToken);

    private static async Task<IResult> WithPaperAsync(string id, IReviewQueries queries, Func<StatementPaper, Task<IResult>> render, CancellationToken cancellationToken) =>
        await queries.FindAsync(id, cancellationToken) is { State.AssembledAt: not null } review
            ? await render(StatementDocuments.Paper(review.State))
            : Results.NotFound();
}
