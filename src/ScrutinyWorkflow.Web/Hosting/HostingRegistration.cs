using Microsoft.Extensions.Options;

namespace ScrutinyWorkflow.Web.Hosting;

/// <summary>What every part of the host shares: settings checked at start, the council's clock, error bodies, headers.</summary>
public static class HostingRegistration
{
    public static IHostApplicationBuilder AddScrutinyHosting(this IHostApplicationBuilder builder)
    {
        if (string.IsNullOrEmpty(builder.Configuration["urls"]))
        {
            // The documented local address, unless ASPNETCORE_URLS (or --urls) says otherwise.
            (builder as WebApplicationBuilder)?.WebHost.UseUrls("http://localhost:5080");
        }
        builder.Services.AddOptions<ScrutinyOptions>()
            .BindConfiguration(ScrutinyOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton(sp => new DataFolders(
            Path.GetFullPath(Path.Combine(builder.Environment.ContentRootPath, sp.GetRequiredService<IOptions<ScrutinyOptions>>().Value.DataPath))));
        builder.Services.AddSingleton(FileClock.FromConfiguration(builder.Configuration));
        builder.Services.AddSingleton<CouncilClock>();
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<BadRequestExceptionHandler>();
        // A body that does not bind reaches the handler above in every environment, so its problem names the field.
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddAntiforgery();
        builder.Services.AddSingleton<CrossSiteRequests>();
        return builder;
    }

    public static IApplicationBuilder UseScrutinyHosting(this IApplicationBuilder app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.Use(async (context, next) =>
        {
            // Headers every response carries. Pages with secrets in their URL add stricter ones of their own.
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers.ContentSecurityPolicy = ContentSecurity.Policy;
            await next(context);
        });
        app.Use((context, next) => context.RequestServices.GetRequiredService<CrossSiteRequests>().InvokeAsync(context, next));
        return app;
    }

    /// <summary>Antiforgery tokens name the person signed in, so they are checked after sign-in has said who that is.</summary>
    public static IApplicationBuilder UseScrutinyForms(this IApplicationBuilder app)
    {
        app.UseAntiforgery();
        return app;
    }
}
