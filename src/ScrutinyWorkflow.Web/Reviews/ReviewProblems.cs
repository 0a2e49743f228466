using Microsoft.AspNetCore.Http.HttpResults;
using ScrutinyWorkflow.Core.Reviews;

namespace ScrutinyWorkflow.Web.Reviews;

/// <summary>Turns the decider's rejections into problem-details responses (RFC 9457).</summary>
public static class ReviewProblems
{
    public static ProblemHttpResult Invalid(IEnumerable<Problem> problems) =>
        TypedResults.Problem(new HttpValidationProblemDetails(
            problems.GroupBy(p => p.Field).ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray()))
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "Some of what was given is not valid.",
            Type = "https://tools.ietf.org/html/rfc9110#section-15.5.1",
        });

    public static ProblemHttpResult For(Rejection rejection) => rejection.Code switch
    {
        RejectionCodes.Invalid => Invalid(rejection.Problems),
        RejectionCodes.NotFound or RejectionCodes.UnknownAssignment => Problem(StatusCodes.Status404NotFound, rejection),
        _ => Problem(StatusCodes.Status409Conflict, rejection),
    };

    private static ProblemHttpResult Problem(int status, Rejection rejection) =>
        TypedResults.Problem(detail: rejection.Message, statusCode: status, title: rejection.Message,
            extensions: new Dictionary<string, object?> { ["code"] = rejection.Code });
}
