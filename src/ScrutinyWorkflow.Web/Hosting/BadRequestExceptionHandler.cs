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
