using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using ScrutinyWorkflow.Functions.Http;
using ScrutinyWorkflow.Functions.Reviews;
using ScrutinyWorkflow.Web;
using ScrutinyWorkflow.Web.Deployment;

namespace ScrutinyWorkflow.Functions.Hosting;

public static class ProductRegistration
{
    /// <summary>
    /// The product's one composition, plus what only this host needs: the web environment and request pipeline the
    /// HTTP triggers hand requests to, and, on the Durable runtime, the Durable extension's client for the engine.
    /// </summary>
    public static IHostApplicationBuilder AddScrutinyFunctionsApp(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        // The pages' Razor components ask for the web host's environment, which the worker (a generic host) lacks.
        builder.Services.TryAddSingleton<Microsoft.AspNetCore.Hosting.IWebHostEnvironment, WorkerWebEnvironment>();
        var profile = builder.AddScrutinyProduct(ProductHost.FunctionsWorker);
        if (profile.IsDurable)
        {
            builder.AddDurableExtensionClient();
        }
        builder.AddWebPipeline();
        // What a web host's server would have registered for its middleware.
        builder.Services.TryAddSingleton(new System.Diagnostics.DiagnosticListener("Microsoft.AspNetCore"));
        builder.Services.TryAddSingleton<System.Diagnostics.DiagnosticSource>(sp => sp.GetRequiredService<System.Diagnostics.DiagnosticListener>());
        return builder;
    }
}
