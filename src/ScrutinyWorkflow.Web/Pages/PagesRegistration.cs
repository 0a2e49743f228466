using Microsoft.AspNetCore.Http.HttpResults;
using ScrutinyWorkflow.Web.Hosting;

namespace ScrutinyWorkflow.Web.Pages;

/// <summary>
/// How pages are made: each is a Razor component rendered statically on the server. An endpoint binds the request,
/// calls the command or query port and maps the outcome, as the API's endpoints do; a GET returns its page through
/// <see cref="Show{TPage}"/> (a <see cref="RazorComponentResult{TComponent}"/>), and a form posts back to an endpoint
/// that answers 303 to a GET (post, redirect, get), or the same page with its errors. Forms are plain HTML with an
/// antiforgery token, so they work without JavaScript; scripts only enhance.
/// </summary>
public static class PagesRegistration
{
    public static IHostApplicationBuilder AddPages(this IHostApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents();
        builder.Services.Configure<StatusCodePagesOptions>(options =>
        {
            // A person who follows an address that leads nowhere sees the GOV.UK "Page not found" page; a program (and
            // every /api address) still gets the problem the host writes otherwise.
            var otherwise = options.HandleAsync;
            options.HandleAsync = async context =>
            {
                var http = context.HttpContext;
                if (http.Response.StatusCode == StatusCodes.Status404NotFound && BrowserRequests.WantsPage(http.Request))
                {
                    await Show<PageNotFoundPage>(new { }, StatusCodes.Status404NotFound).ExecuteAsync(http);
                    return;
                }
                await otherwise(context);
            };
        });
        return builder;
    }

    /// <summary>
    /// GOV.UK Frontend's files (copied in by the build) and our own, from wwwroot: in the web host, and in the Functions
    /// worker's rebuilt pipeline, which is why this takes any application builder.
    /// </summary>
    public static TApp UsePages<TApp>(this TApp app)
        where TApp : IApplicationBuilder
    {
        app.UseStaticFiles(new StaticFileOptions
        {
            OnPrepareResponse = file =>
            {
                // GOV.UK Frontend's files change only with its version (its fonts carry a hash): a day's cache. Our own
                // few small files are checked each time (ETag), so a change reaches people on the next page.
                file.Context.Response.Headers.CacheControl = file.Context.Request.Path.StartsWithSegments("/assets")
                    ? "public, max-age=86400"
                    : "no-cache";
            },
        });
        return app;
    }

    /// <summary>A page, with the status the page's situation calls for (a 410 for a link with nothing left to answer).</summary>
    public static RazorComponentResult<TPage> Show<TPage>(object parameters, int statusCode = StatusCodes.Status200OK)
        where TPage : Microsoft.AspNetCore.Components.IComponent =>
        new(parameters) { StatusCode = statusCode, ContentType = "text/html; charset=utf-8" };
}
