using Microsoft.AspNetCore.Http.HttpResults;
using ScrutinyWorkflow.Core.Reviews;
using ScrutinyWorkflow.Web.Engine;
using ScrutinyWorkflow.Web.Hosting;

namespace ScrutinyWorkflow.Web.Reviews;

/// <summary>Turns what the command port says into problem-details responses (RFC 9457).</summary>
public static class ReviewProblems
{
    public const string StaleVersion = "stale-version";

    public static ProblemHttpResult Invalid(IEnumerable<Problem> problems) =>
        TypedResults.Problem(new HttpValidationProblemDetails(
            problems.GroupBy(p => p.Field).ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray()))
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "Some of what was given is not valid.",
            Type = "https://tools.ietf.org/html/rfc9110#section-15.5.1",
        });

    /// <summary>Any outcome but success: a refusal by the decider, or a stale edit.</summary>
    public static ProblemHttpResult For(CommandOutcome outcome, Func<Problem, Problem>? renameField = null) => outcome switch
    {
        CommandRefused { Rejection.Code: RejectionCodes.Invalid } refused => Invalid(refused.Rejection.Problems.Select(renameField ?? (p => p))),
        CommandRefused refused => For(refused.Rejection),
        CommandStale stale => TypedResults.Problem(
            title: "This review has changed since you read it.",
            detail: $"You sent version {stale.ExpectedVersion}, but the review is now at version {stale.Version}. Nothing was changed: read it again and decide on what it says now.",
            statusCode: StatusCodes.Status412PreconditionFailed,
            extensions: new Dictionary<string, object?> { ["code"] = StaleVersion }),
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome.GetType().Name, "A successful outcome is not a problem."),
    };

    /// <summary>
    /// A review id no review can have (blank, or with control characters) is answered as not found before any store
    /// is asked, so every route gives the same 404 instead of the store's argument check surfacing as a 500. A person's
    /// browser gets an empty 404, which the pages turn into "Page not found".
    /// </summary>
    public static async ValueTask<object?> RefuseImpossibleIds(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        context.HttpContext.Request.RouteValues.TryGetValue("id", out var id) && (id is not string text || string.IsNullOrWhiteSpace(text) || text.Any(char.IsControl))
            ? BrowserRequests.WantsPage(context.HttpContext.Request) ? TypedResults.NotFound() : TypedResults.Problem(title: "There is no such review.", detail: "The review id in the address is blank or not one this service makes (rv- and 12 letters and digits).",
                statusCode: StatusCodes.Status404NotFound, extensions: new Dictionary<string, object?> { ["code"] = RejectionCodes.NotFound })
            : await next(context);

    /// <summary>A JSON value of the wrong type, named by its path in the body as the decider names fields.</summary>
    public static Problem WrongJsonType(System.Text.Json.JsonException exception) => exception.Path is { Length: > 1 } path
        ? new(path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$'),
            "This value is of the wrong JSON type (for example a number or a list where text is expected, or text where a list is); see the README for the shape.")
        : new("body", "Send a JSON object (see README for an example).");

    public static ProblemHttpResult UnreadableIfMatch() => Invalid([new("If-Match", "Send back the ETag exactly as GET gave it (for example \"7\"), or leave If-Match out.")]);

    private static ProblemHttpResult For(Rejection rejection) => rejection.Code switch
    {
        RejectionCodes.NotFound or RejectionCodes.UnknownAssignment or RejectionCodes.UnknownQuestion => Problem(StatusCodes.Status404NotFound, rejection),
        RejectionCodes.NotYours => Problem(StatusCodes.Status403Forbidden, rejection),
        _ => Problem(StatusCodes.Status409Conflict, rejection),
    };

    private static ProblemHttpResult Problem(int status, Rejection rejection) =>
        TypedResults.Problem(detail: rejection.Message, statusCode: status, title: rejection.Message,
            extensions: new Dictionary<string, object?> { ["code"] = rejection.Code });
}
