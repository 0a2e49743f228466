using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using ScrutinyWorkflow.Web.Deployment;
using ScrutinyWorkflow.Web.Pages;

namespace ScrutinyWorkflow.Web.SignIn;

/// <summary>
/// The anonymous ways in are rate limited: answers posted to a link (per link and per client address) and the sign-in
/// endpoints (per client address). Chosen by path rather than by attributes on endpoints, so the limits hold
/// whichever component serves the page. Past a limit the answer is 429 with Retry-After and a page saying when to try
/// again, keeping what the person typed (a problem, for a caller that asks for JSON); nothing was changed.
/// </summary>
internal static class RateLimits
{
    public const string TooManyCode = "too-many-requests";

    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    public static void Add(IHostApplicationBuilder builder)
    {
        builder.Services.AddRateLimiter(_ => { });
        builder.Services.AddOptions<RateLimiterOptions>().Configure<IOptions<SignInOptions>, IServiceProvider>((options, signIn, services) =>
        {
            var limits = signIn.Value.RateLimits;
            var signInPaths = signIn.Value.Mode == SignInMode.EntraId ? SignInPaths(services) : [];
            options.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(context => IsAnswer(context.Request)
                    ? PerMinute($"link:{LinkToken(context.Request)}", limits.AnswersPerLinkPerMinute)
                    : RateLimitPartition.GetNoLimiter("")),
                PartitionedRateLimiter.Create<HttpContext, string>(context => IsAnswer(context.Request)
                    ? PerMinute($"answers-from:{Address(context)}", limits.AnswersPerAddressPerMinute)
                    : RateLimitPartition.GetNoLimiter("")),
                PartitionedRateLimiter.Create<HttpContext, string>(context => signInPaths.Any(p => context.Request.Path.StartsWithSegments(p))
                    ? PerMinute($"sign-in-from:{Address(context)}", limits.SignInsPerAddressPerMinute)
                    : RateLimitPartition.GetNoLimiter("")));
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = RefuseAsync;
        });
    }

    private static bool IsAnswer(HttpRequest request) =>
        HttpMethods.IsPost(request.Method) && request.Path.StartsWithSegments(AccessRule.LinkPages);

    /// <summary>The link's token, so every form under one link (one question's, another's) shares its limit.</summary>
    private static string LinkToken(HttpRequest request) =>
        request.Path.StartsWithSegments(AccessRule.LinkPages, out var rest) && rest.Value is { } value
            ? value.Split('/', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? ""
            : "";

    private static string Address(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private static RateLimitPartition<string> PerMinute(string key, int permits) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = Window,
            QueueLimit = 0,
        });

    private static PathString[] SignInPaths(IServiceProvider services)
    {
        var oidc = services.GetRequiredService<IOptionsMonitor<OpenIdConnectOptions>>().Get(OpenIdConnectDefaults.AuthenticationScheme);
        return [oidc.CallbackPath, oidc.SignedOutCallbackPath, oidc.RemoteSignOutPath, SignInEndpoints.SignOutPath];
    }

    private static async ValueTask RefuseAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
            ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
            : (int)Window.TotalSeconds;
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        // The page may hold what the person typed (and a personal link's address): no cache may keep it.
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var detail = $"Too many requests came from here in the last minute, so this one was not taken and nothing was changed. Try again in {seconds} seconds.";
        if (WantsPage(context.Request))
        {
            await PagesRegistration.Show<TooManyRequestsPage>(new
            {
                Seconds = seconds,
                Detail = detail,
                KeptText = await KeptTextAsync(context.Request, cancellationToken),
                BackTo = HttpMethods.IsPost(context.Request.Method) && context.Request.Path.StartsWithSegments(AccessRule.LinkPages) ? context.Request.Path.Value : null,
            }, StatusCodes.Status429TooManyRequests).ExecuteAsync(context);
            return;
        }
        var written = await context.RequestServices.GetRequiredService<IProblemDetailsService>().TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests.",
                Detail = detail,
                Extensions = { ["code"] = TooManyCode, ["retryAfterSeconds"] = seconds },
            },
        });
        if (!written)
        {
            // A client that accepts no JSON still reads why.
            await context.Response.WriteAsync(detail, cancellationToken);
        }
    }

    /// <summary>
    /// Everything limited here is something a browser does (a form on a link page, coming back from signing in), so a
    /// page is the answer; only a caller that asks for JSON and not HTML gets the problem.
    /// </summary>
    private static bool WantsPage(HttpRequest request)
    {
        var accept = request.GetTypedHeaders().Accept;
        var json = accept.Any(a => a.MediaType.Value?.EndsWith("json", StringComparison.OrdinalIgnoreCase) == true);
        var html = accept.Any(a => a.MediaType.Value is "text/html" or "*/*" or "text/*");
        return html || !json;
    }

    /// <summary>The answer (or decline reason) the refused form carried, so the person loses nothing they typed.</summary>
    private static async Task<string?> KeptTextAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType)
        {
            return null;
        }
        try
        {
            var form = await request.ReadFormAsync(cancellationToken);
            return form["answer"].ToString() is { Length: > 0 } answer ? answer : form["reason"].ToString() is { Length: > 0 } reason ? reason : null;
        }
        catch (Exception ex) when (ex is InvalidDataException or BadHttpRequestException or IOException)
        {
            // A form too large or malformed to read is refused for that elsewhere; here the page stands without it.
            return null;
        }
    }
}
