using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
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
            telemetry.UseAzureMonitorExporter();
        }
        return builder;
    }
}
