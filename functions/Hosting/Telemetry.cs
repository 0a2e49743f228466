using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using ScrutinyWorkflow.Web.Deployment;
using ScrutinyWorkflow.Workflow;

namespace ScrutinyWorkflow.Functions.Hosting;

public static class Telemetry
{
    /// <summary>
    /// Traces and logs to Application Insights through OpenTelemetry: the worker's own spans (each invocation, joined
    /// to the host's), ours around each command and effect, and outgoing HTTP. Off when no connection string is set.
    /// </summary>
    public static IHostApplicationBuilder AddScrutinyTelemetry(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var telemetry = builder.Services.AddOpenTelemetry()
            .UseFunctionsWorkerDefaults()
            .WithTracing(tracing => tracing.AddSource(ReviewTelemetry.SourceName));
        if (!string.IsNullOrEmpty(builder.Configuration["APPLICATIONINSIGHTS_CONNECTION_STRING"]))
        {
            // Application Insights takes only Entra ID credentials (local auth is off in the Bicep): the app's managed
            // identity, which AZURE_CLIENT_ID names.
            telemetry.UseAzureMonitorExporter(exporter => exporter.Credential = AppIdentity.Credential());
        }
        return builder;
    }
}
