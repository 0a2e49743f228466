using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;
using ScrutinyWorkflow.Web.DeliveryReports;
using ScrutinyWorkflow.Web.Home;
using ScrutinyWorkflow.Web.Hosting;
using ScrutinyWorkflow.Web.Links;
using ScrutinyWorkflow.Web.Mail;
using ScrutinyWorkflow.Web.Officers;
using ScrutinyWorkflow.Web.Pages;
using ScrutinyWorkflow.Web.Responses;
using ScrutinyWorkflow.Web.ReviewPages;
using ScrutinyWorkflow.Web.Reviews;
using ScrutinyWorkflow.Web.SignIn;

namespace ScrutinyWorkflow.Functions.Http;

/// <summary>
/// The web host's request pipeline and endpoint table, built in the worker from the same calls as its Program.cs,
/// so an HTTP trigger hands its request to exactly the handler, filters and middleware the web host would run. No
/// route or page is known here: pages rewritten or added in the web project arrive with its Map calls.
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

    /// <summary>The web host's endpoints, as its Program.cs maps them.</summary>
    public static void MapWebHostEndpoints(IEndpointRouteBuilder app)
    {
        app.MapHomePage();
        app.MapScrutinyOfficerPages();
        app.MapReviewsApi();
        app.MapOfficersApi();
        app.MapReportUploadApi();
        app.MapStatementPages();
        app.MapResponsePages();
        app.MapLinksApi();
        app.MapSentMail();
        app.MapSignIn();
        app.MapDeliveryReports();
    }

    private static RequestDelegate Build(IServiceProvider services)
    {
        var app = new ApplicationBuilder(services);
        // As WebApplication does it: routing first, the host's middleware, then the endpoints.
        app.UseRouting();
        app.UseScrutinyHosting();
        app.UsePages();
        app.UseSignIn();
        app.UseScrutinyForms();
        app.UseEndpoints(MapWebHostEndpoints);
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
