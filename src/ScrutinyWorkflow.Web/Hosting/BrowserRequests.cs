namespace ScrutinyWorkflow.Web.Hosting;

/// <summary>
/// Whether a request comes from a person's browser, who should see a page when something goes wrong, rather than from a
/// program calling the API, which should get a problem it can read (RFC 9457).
/// </summary>
public static class BrowserRequests
{
    /// <summary>
    /// A browser asks for HTML by name in its Accept header; API clients ask for JSON or anything. The API's own
    /// addresses always answer with problems, whoever asks.
    /// </summary>
    public static bool WantsPage(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Path.StartsWithSegments("/api"))
        {
            return false;
        }
        return request.GetTypedHeaders().Accept is { Count: > 0 } accept
            && accept.Any(a => a.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase) && a.Quality is not 0);
    }
}
