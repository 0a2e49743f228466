using Microsoft.AspNetCore.Diagnostics;
using ScrutinyWorkflow.Web.Engine;

namespace ScrutinyWorkflow.Web.Reviews;

/// <summary>
/// A command the store could not record because another writer held it past every retry is the service being busy,
/// not broken: 503 with <c>Retry-After</c>, and nothing was changed, so the same request can simply be sent again.
/// </summary>
public sealed class ReviewBusyExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public const int RetryAfterSeconds = 2;

    public static bool IsBusy(Exception exception) => ReviewBusyException.Means(exception);

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (!IsBusy(exception))
        {
            return false;
        }
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "The service is busy.",
                Detail = "Nothing was changed. Send the same request again in a moment.",
                Extensions = { ["code"] = "busy" },
            },
        });
    }
}
