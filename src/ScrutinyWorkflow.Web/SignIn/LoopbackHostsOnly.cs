using Microsoft.Extensions.Options;
using ScrutinyWorkflow.Web.Hosting;

namespace ScrutinyWorkflow.Web.SignIn;

/// <summary>
/// Local mode's third check, on every request: listening on loopback keeps other machines out, but not another site
/// open in the officer's own browser that points its own name at 127.0.0.1 (DNS rebinding) and then reads and changes
/// reviews as her. Such a request still names that site in its Host header, so only loopback names are answered, and
/// the name Scrutiny:PublicBaseUrl gives (links in mail use it; only the council controls where it points).
/// </summary>
internal sealed class LoopbackHostsOnly(IOptions<ScrutinyOptions> options)
{
    private readonly string? publicHost = Uri.TryCreate(options.Value.PublicBaseUrl, UriKind.Absolute, out var url) ? url.IdnHost : null;

    public bool Answers(HostString host)
    {
        if (!host.HasValue)
        {
            return false;
        }
        return LoopbackAddresses.IsLoopbackName(host.Host) || host.Host.Trim('[', ']').Equals(publicHost, StringComparison.OrdinalIgnoreCase);
    }

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (Answers(context.Request.Host))
        {
            await next(context);
            return;
        }
        // Said plainly for the developer who reached the host by another name; a rebinding page learns nothing from it.
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(
            "This copy of Scrutiny Workflow runs without sign-in (Scrutiny:SignIn:Mode is Local), so it answers only requests " +
            "addressed to localhost, a loopback address such as 127.0.0.1, or the name in Scrutiny:PublicBaseUrl. " +
            "Open it at http://localhost:<port>/.", context.RequestAborted);
    }
}
