using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using ScrutinyWorkflow.Web;

namespace ScrutinyWorkflow.Functions.Http;

/// <summary>
/// The product's request pipeline and endpoint table, built in the worker from the same two calls as the web host's
/// Program.cs, so an HTTP trigger hands its request to exactly the handler, filters and middleware the web host would
/// run. No route or page is known here.
/// </summary>
public sealed class WebPipeline
{
    private readonly Lazy<RequestDelegate> pipeline;

    public WebPipeline(IServiceProvider services) => pipeline = new(() => Build(services));

    public Task DispatchAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        // Chosen afresh by the web host's own routing, whatever the worker's proxy matched.
        context.SetEndpoint(null);
        context.Request.RouteValues.Clear();
        return pipeline.Value(context);
    }

    private static RequestDelegate Build(IServiceProvider services)
    {
        var app = new ApplicationBuilder(services);
        // As WebApplication does it: routing first, the host's middleware, then the endpoints.
        app.UseRouting();
        app.UseScrutinyProduct();
        app.UseEndpoints(endpoints => endpoints.MapScrutinyProduct());
        return app.Build();
    }
}

public static class WebPipelineRegistration
{
    public static IHostApplicationBuilder AddWebPipeline(this IHostApplicationBuilder builder)
    {
        builder.Services.AddRouting();
        builder.Services.AddSingleton<WebPipeline>();
        return builder;
    }
}
