using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace ScrutinyWorkflow.Web.Hosting;

/// <summary>
/// Another site's page can make a browser send a form or a simple request here, but it cannot read the answer,
/// set a JSON content type, or hide where it came from. So a request that changes something is refused when the
/// browser says it came from another site (Sec-Fetch-Site, or an Origin that is not ours), and an API command must
/// be JSON (or the one multipart upload, which also checks an antiforgery token), whichever way people sign in.
/// </summary>
public sealed class CrossSiteRequests(IOptions<ScrutinyOptions> options)
{
    public const string CrossSiteCode = "cross-site-request";
    public const string ContentTypeCode = "unsupported-content-type";

    private readonly string publicOrigin = new Uri(options.Value.PublicBaseUrl).GetLeftPart(UriPartial.Authority);

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method))
        {
            await next(context);
            return;
        }
        if (IsCrossSite(request))
        {
            await RefuseAsync(context, StatusCodes.Status403Forbidden, CrossSiteCode,
                "Requests from other sites are refused.",
                "This request came from a page on another site, so nothing was changed. Use the product's own pages, or call the API from a script (curl, PowerShell), which sends no Origin.");
            return;
        }
        if (request.Path.StartsWithSegments("/api") && ContentTypes(context) is var allowed && !Accepts(request, allowed))
        {
            await RefuseAsync(context, StatusCodes.Status415UnsupportedMediaType, ContentTypeCode,
                "This request's content type is not accepted.",
                $"Send the request as {string.Join(" or ", allowed)} (an empty body is fine where the command takes none); nothing was changed.");
            return;
        }
        await next(context);
    }

    private bool IsCrossSite(HttpRequest request)
    {
        // Sec-Fetch-Site is set by the browser and cannot be forged by a page; "none" is the person's own action.
        var site = request.Headers["Sec-Fetch-Site"];
        if (site.Count > 0 && site.ToString() is not ("same-origin" or "none"))
        {
            return true;
        }
        if (request.Headers.Origin is not { Count: > 0 } origin)
        {
            return false;
        }
        // A page sent with Referrer-Policy: no-referrer (the link pages: their token is in the address) posts its forms
        // with "Origin: null"; the browser's own Sec-Fetch-Site still says whether the form was ours.
        if (origin.ToString() == "null" && site.ToString() == "same-origin")
        {
            return false;
        }
        var ownOrigin = $"{request.Scheme}://{request.Host}";
        return !(string.Equals(origin.ToString(), publicOrigin, StringComparison.OrdinalIgnoreCase)
            || string.Equals(origin.ToString(), ownOrigin, StringComparison.OrdinalIgnoreCase));
    }

    private static IReadOnlyList<string> ContentTypes(HttpContext context) =>
        [context.GetEndpoint()?.Metadata.GetMetadata<RequestContentType>()?.MediaType ?? "application/json"];

    private static bool Accepts(HttpRequest request, IReadOnlyList<string> allowed) =>
        MediaTypeHeaderValue.TryParse(request.ContentType, out var sent)
        && allowed.Any(type => sent.MediaType.Equals(type, StringComparison.OrdinalIgnoreCase));

    private static async Task RefuseAsync(HttpContext context, int status, string code, string title, string detail)
    {
        context.Response.StatusCode = status;
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = status, Title = title, Detail = detail, Extensions = { ["code"] = code } },
        });
    }
}

/// <summary>The one content type an API command takes when it is not JSON (the report upload's multipart form).</summary>
public sealed record RequestContentType(string MediaType);

public static class RequestContentTypeExtensions
{
    public static RouteHandlerBuilder RequiresContentType(this RouteHandlerBuilder builder, string mediaType) =>
        builder.WithMetadata(new RequestContentType(mediaType));
}
