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
    public static IHostApplicationBuilder AddDurableReviewEngine(this IHostApplicationBuilder builder)
    {
        // Read here because the sidecar's channel is wired into the worker as it is registered; the same settings are
        // validated with the rest when the host starts, so a missing one stops it with the setting named.
        var settings = builder.Configuration.GetSection(ScrutinyOptions.Section).Get<ScrutinyOptions>() ?? new ScrutinyOptions();
        var connectionString = settings.Storage.ConnectionString ?? "";
        builder.Services.AddSingleton(sp => new DurableTaskSidecar(connectionString, settings.Durable.TaskHub, sp.GetRequiredService<ILoggerFactory>()));
        builder.Services.AddHostedService(sp => sp.GetRequiredService<DurableTaskSidecar>());
        builder.Services.AddDurableReviews(_ => new TableServiceClient(connectionString));
        builder.Services.AddDurableTaskWorker(worker => worker.UseGrpc().AddTasks(tasks => tasks.AddReviewWorkflow()));
        builder.Services.AddDurableTaskClient(client => client.UseGrpc().RegisterDirectly());
        // The worker and client reach the engine through this process's sidecar.
        builder.Services.AddOptions<GrpcDurableTaskWorkerOptions>(Options.DefaultName).Configure<DurableTaskSidecar>((options, sidecar) => options.Channel = sidecar.Channel);
        builder.Services.AddOptions<GrpcDurableTaskClientOptions>(Options.DefaultName).Configure<DurableTaskSidecar>((options, sidecar) => options.Channel = sidecar.Channel);
        return builder;
    }

    /// <summary>
    /// What every host of the Durable runtime shares, whoever supplies the engine (this process's sidecar, or the
    /// Functions host's Durable extension): the read side in <paramref name="tables"/>, the council's rules, commands.
    /// </summary>
    public static IServiceCollection AddDurableReviews(this IServiceCollection services, Func<IServiceProvider, TableServiceClient> tables)
    {
        services.AddSingleton(tables);
        services.AddSingleton(_ => new ReviewEventSerializer());
        services.AddSingleton(sp => new TableReviewReadSide(sp.GetRequiredService<TableServiceClient>(), sp.GetRequiredService<ReviewEventSerializer>(), sp.GetRequiredService<ResponseLinks>()));
        services.AddSingleton<IReviewQueries>(sp => sp.GetRequiredService<TableReviewReadSide>());
        services.AddSingleton<ILinkIndex>(sp => sp.GetRequiredService<TableReviewReadSide>());
        services.AddSingleton<IReviewRecord>(sp => sp.GetRequiredService<TableReviewReadSide>());
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<ScrutinyOptions>>().Value;
            return ReviewRules.For(options.ToPolicy(), TimeZoneInfo.FindSystemTimeZoneById(options.TimeZone), options.ExtraNonWorkingDays);
        });
        services.AddSingleton<ReviewWorkflowClient>();
        services.AddSingleton<IReviewCommands, DurableReviewCommands>();
        return services;
    }
}
