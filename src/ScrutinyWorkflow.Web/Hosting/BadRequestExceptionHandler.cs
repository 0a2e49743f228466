using Microsoft.AspNetCore.Diagnostics;

namespace ScrutinyWorkflow.Web.Hosting;

/// <summary>
/// Requests the server refuses while reading them (too large, malformed) are the caller's mistake, not ours:
/// answer with their real status and a problem body that says so, instead of a 500.
/// </summary>
public sealed class BadRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }
        httpContext.Response.StatusCode = bad.StatusCode;
        if (bad.InnerException is System.Text.Json.JsonException { Path: { Length: > 1 } path })
        {
            // A bound body with a value of the wrong type: name its field, as every other field problem does.
            var field = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
            return await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = httpContext,
                ProblemDetails = new HttpValidationProblemDetails(new Dictionary<string, string[]>
                {
                    [field] = ["This value is of the wrong JSON type (for example a number or a list where text is expected, or text where a list is); see the README for the shape."],
                })
                {
                    Status = bad.StatusCode,
                    Title = "Some of what was given is not valid.",
                },
            });
        }
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = bad.StatusCode,
                Title = bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "The request is too large." : "The request could not be read.",
                Detail = bad.Message,
            },
        });
    }
}
