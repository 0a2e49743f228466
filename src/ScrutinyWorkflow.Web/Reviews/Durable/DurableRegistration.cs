using Azure.Data.Tables;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Client.Grpc;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Grpc;
using Microsoft.Extensions.Options;
using ScrutinyWorkflow.Web.Hosting;
using ScrutinyWorkflow.Web.Links;
using ScrutinyWorkflow.Workflow;
using ScrutinyWorkflow.Workflow.Serialization;

namespace ScrutinyWorkflow.Web.Reviews.Durable;

public static class DurableRegistration
{
    /// <summary>
    /// Reviews as Durable Task orchestrations on the Azure Storage backend named by <c>Scrutiny:Storage:ConnectionString</c>,
    /// with the read side in its tables (statements are filed to its blobs unless Scrutiny:Filing says otherwise): for several web hosts sharing one task hub.
    /// </summary>
    public static WebApplicationBuilder AddDurableReviewEngine(this WebApplicationBuilder builder)
    {
        // Read here because the sidecar's channel is wired into the worker as it is registered; the same settings are
        // validated with the rest when the host starts, so a missing one stops it with the setting named.
        var settings = builder.Configuration.GetSection(ScrutinyOptions.Section).Get<ScrutinyOptions>() ?? new ScrutinyOptions();
        var connectionString = settings.Storage.ConnectionString ?? "";
        builder.Services.AddSingleton(sp => new DurableTaskSidecar(connectionString, settings.Durable.TaskHub, sp.GetRequiredService<ILoggerFactory>()));
        builder.Services.AddHostedService(sp => sp.GetRequiredService<DurableTaskSidecar>());
        builder.Services.AddSingleton(new TableServiceClient(connectionString));
        builder.Services.AddSingleton(_ => new ReviewEventSerializer());
        builder.Services.AddSingleton(sp => new TableReviewReadSide(sp.GetRequiredService<TableServiceClient>(), sp.GetRequiredService<ReviewEventSerializer>(), sp.GetRequiredService<ResponseLinks>()));
        builder.Services.AddSingleton<IReviewQueries>(sp => sp.GetRequiredService<TableReviewReadSide>());
        builder.Services.AddSingleton<ILinkIndex>(sp => sp.GetRequiredService<TableReviewReadSide>());
        builder.Services.AddSingleton<IReviewRecord>(sp => sp.GetRequiredService<TableReviewReadSide>());
        builder.Services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<ScrutinyOptions>>().Value;
            return ReviewRules.For(options.ToPolicy(), TimeZoneInfo.FindSystemTimeZoneById(options.TimeZone), options.ExtraNonWorkingDays);
        });
        builder.Services.AddSingleton<ReviewWorkflowClient>();
        builder.Services.AddSingleton<IReviewCommands, DurableReviewCommands>();
        builder.Services.AddDurableTaskWorker(worker => worker.UseGrpc().AddTasks(tasks => tasks.AddReviewWorkflow()));
        builder.Services.AddDurableTaskClient(client => client.UseGrpc().RegisterDirectly());
        // The worker and client reach the engine through this process's sidecar.
        builder.Services.AddOptions<GrpcDurableTaskWorkerOptions>(Options.DefaultName).Configure<DurableTaskSidecar>((options, sidecar) => options.Channel = sidecar.Channel);
        builder.Services.AddOptions<GrpcDurableTaskClientOptions>(Options.DefaultName).Configure<DurableTaskSidecar>((options, sidecar) => options.Channel = sidecar.Channel);
        return builder;
    }
}
