using Azure.Data.Tables;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Client.Grpc;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Grpc;
using Microsoft.Extensions.Options;
using ScrutinyWorkflow.Web.Deployment;
using ScrutinyWorkflow.Web.Engine.Serialization;
using ScrutinyWorkflow.Web.Hosting;
using ScrutinyWorkflow.Web.Links;
using ScrutinyWorkflow.Workflow;
using ScrutinyWorkflow.Workflow.AzureStorage;

namespace ScrutinyWorkflow.Web.Engine.Durable;

public static class DurableRegistration
{
    /// <summary>
    /// Reviews as Durable Task orchestrations on the Azure Storage backend named by <c>Scrutiny:Storage:ConnectionString</c>,
    /// with the read side in its tables (statements are filed to its blobs unless Scrutiny:Filing says otherwise): for several web hosts sharing one task hub.
    /// </summary>
    public static IHostApplicationBuilder AddDurableReviewEngine(this IHostApplicationBuilder builder, DeploymentProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        // The sidecar's backend takes a connection string (the account name alone is the Functions app's way in); a
        // missing one is named by the settings check when the host starts.
        var connectionString = profile.Storage.ConnectionString ?? "";
        builder.Services.AddSingleton(sp =>
        {
            var durable = sp.GetRequiredService<IOptions<ScrutinyOptions>>().Value.Durable;
            return new DurableTaskSidecar(connectionString, durable.TaskHub, sp.GetRequiredService<ILoggerFactory>(), TimeSpan.FromSeconds(Math.Max(1, durable.MaxPollingSeconds)));
        });
        if (!builder.Environment.IsDevelopment())
        {
            builder.Services.AddHostedService<PreviewEngineWarning>();
        }
        builder.Services.AddHostedService(sp => sp.GetRequiredService<DurableTaskSidecar>());
        builder.AddDurableReviews(profile);
        builder.Services.AddSingleton<IReviewTimers, DurableReviewTimers>();
        builder.Services.AddHostedService<ReviewSweepService>();
        builder.Services.AddDurableTaskWorker(worker => worker.UseGrpc().AddTasks(tasks => tasks.AddReviewWorkflow()));
        builder.Services.AddDurableTaskClient(client => client.UseGrpc().RegisterDirectly());
        // The worker and client reach the engine through this process's sidecar.
        builder.Services.AddOptions<GrpcDurableTaskWorkerOptions>(Options.DefaultName).Configure<DurableTaskSidecar>((options, sidecar) => options.Channel = sidecar.Channel);
        builder.Services.AddOptions<GrpcDurableTaskClientOptions>(Options.DefaultName).Configure<DurableTaskSidecar>((options, sidecar) => options.Channel = sidecar.Channel);
        return builder;
    }

    /// <summary>
    /// What every host of the Durable runtime shares, whoever supplies the engine (this process's sidecar, or the
    /// Functions host's Durable extension): the review store in the account's tables, the council's rules, commands
    /// decided where they arrive, and the hand-on of their work. The host supplies <see cref="IReviewTimers"/>.
    /// </summary>
    public static IHostApplicationBuilder AddDurableReviews(this IHostApplicationBuilder builder, DeploymentProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var services = builder.Services;
        services.AddSingleton(_ => profile.Storage.Tables());
        services.AddSingleton(_ => new ReviewEventSerializer());
        services.AddSingleton(sp => new TableReviewStreams(sp.GetRequiredService<TableServiceClient>()));
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<ScrutinyOptions>>().Value;
            return ReviewRules.For(options.ToPolicy(), TimeZoneInfo.FindSystemTimeZoneById(options.TimeZone), options.ExtraNonWorkingDays);
        });
        services.AddSingleton<ReviewHandoff>();
        services.AddSingleton<DurableReviewEngine>();
        services.AddSingleton<IReviewCommands>(sp => sp.GetRequiredService<DurableReviewEngine>());
        services.AddSingleton<IReviewQueries>(sp => sp.GetRequiredService<DurableReviewEngine>());
        services.AddSingleton<ILinkIndex>(sp => sp.GetRequiredService<DurableReviewEngine>());
        services.AddSingleton<ReviewAdvance>();
        services.AddSingleton<IReviewAdvance>(sp => sp.GetRequiredService<ReviewAdvance>());
        services.AddSingleton<ReviewSweep>();
        return builder;
    }
}

/// <summary>
/// Says plainly, at start, what the web host's Durable mode runs on: the Durable Task SDK's in-process sidecar (a test
/// host, in preview) over the supported Azure Storage backend. It is the way to run and test the Functions app's
/// orchestration locally; in Azure the Durable runtime is the Functions app on the supported Durable extension.
/// </summary>
internal sealed class PreviewEngineWarning(ILogger<PreviewEngineWarning> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        logger.LogWarning(
            "Scrutiny:Runtime=Durable on the web host runs reviews' timers through Microsoft.DurableTask.InProcessTestHost (a preview test host) "
            + "over Azure Storage. It is meant for running and testing the orchestration locally; in production, run the Durable runtime as the Functions app "
            + "(see README, Running in Azure), or the web host on its embedded runtime.");
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
