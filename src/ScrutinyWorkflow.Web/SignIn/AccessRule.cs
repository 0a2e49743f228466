using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.StaticAssets;

namespace ScrutinyWorkflow.Web.SignIn;

/// <summary>
/// The backstop: the rule anything without a policy of its own falls back to (every feature names one on its route
/// groups, and a test holds that each endpoint does), and the rule for files served from the web root, which are no
/// endpoint. It says by path what the policies say by route group: the officer's link pages, static assets and health
/// checks are open to all (a link is its own credential); a Scrutiny.Reader may read reviews and statements;
/// everything else needs a Scrutiny.Officer. A request that fails is challenged when nobody is signed in and
/// forbidden (403) when someone is.
/// </summary>
internal sealed class AccessRule : AuthorizationHandler<AccessRule>, IAuthorizationRequirement
{
    /// <summary>The officer's link pages: whoever holds the link may use it, without an account.</summary>
    public static readonly PathString LinkPages = "/respond";

    private static readonly PathString[] HealthChecks = ["/health", "/healthz", "/alive"];

    /// <summary>What a reader may GET: the dashboard, review and statement pages, and the reviews API.</summary>
    private static readonly PathString[] Readable = ["/reviews", "/api/reviews"];

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, AccessRule requirement)
    {
        if (context.Resource is HttpContext http && Allows(http))
        {
            context.Succeed(requirement);
        }
        return Task.CompletedTask;
    }

    private static bool Allows(HttpContext context)
    {
        if (IsPublic(context))
        {
            return true;
        }
        var user = context.User;
        if (user.Identity?.IsAuthenticated != true)
        {
            return false;
        }
        return ScrutinyRoles.Has(user, ScrutinyRoles.Officer)
            || (ScrutinyRoles.Has(user, ScrutinyRoles.Reader) && IsRead(context.Request));
    }

    public static bool IsPublic(HttpContext context)
    {
        var path = context.Request.Path;
        if (path.StartsWithSegments(LinkPages) || HealthChecks.Any(h => path.StartsWithSegments(h)))
        {
            return true;
        }
        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
        {
            return false;
        }
        var endpoint = context.GetEndpoint();
        return endpoint?.Metadata.GetMetadata<StaticAssetDescriptor>() is not null
            // A file in the web root that static-file middleware after this one will serve.
            || (endpoint is null && path.HasValue
                && context.RequestServices.GetRequiredService<IWebHostEnvironment>().WebRootFileProvider.GetFileInfo(path.Value) is { Exists: true, IsDirectory: false });
    }

    private static bool IsRead(HttpRequest request) =>
        (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        && (request.Path == "/" || Readable.Any(r => request.Path.StartsWithSegments(r)))
        && !request.Path.StartsWithSegments("/api/reviews/from-report");
}
