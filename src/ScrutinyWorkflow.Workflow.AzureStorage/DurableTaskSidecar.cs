using System.Net;
using System.Net.Sockets;
using DurableTask.AzureStorage;
using DurableTask.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ScrutinyWorkflow.Workflow.AzureStorage;

/// <summary>
/// The Durable Task Framework's Azure Storage backend, served to this process's Durable Task worker and client over
/// gRPC on a loopback port: the queues, leases, history tables and timers are the engine's, shared by every process
/// that names the same storage account and task hub. Each process gets its own worker id.
/// </summary>
public sealed class DurableTaskSidecar : IHostedService, IAsyncDisposable
{
    private readonly AzureStorageOrchestrationService orchestration;
    private readonly IOrchestrationService dispatched;
    private readonly QuietLifetime lifetime = new();
    private readonly int port = FreePort();
    private WebApplication? server;

    /// <param name="maxPolling">The longest wait between looks at empty queues: see the web host's <c>Scrutiny:Durable:MaxPollingSeconds</c>.</param>
    public DurableTaskSidecar(string connectionString, string taskHub, ILoggerFactory loggerFactory, TimeSpan? maxPolling = null)
    {
        orchestration = new AzureStorageOrchestrationService(new AzureStorageOrchestrationServiceSettings
        {
            StorageAccountClientProvider = new StorageAccountClientProvider(connectionString),
            TaskHubName = taskHub,
            // The default is the machine name, which two processes on one machine would share.
            WorkerId = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid():N}",
            // Nobody waits on the queues (commands are recorded where they arrive): this only bounds how late a due
            // time or a wake-up is seen, against what an idle host costs in storage transactions.
            MaxQueuePollingInterval = maxPolling ?? TimeSpan.FromSeconds(1),
            // How long a message taken by a process that then stops (killed, or its partition moved to another process
            // mid-batch: the engine's rebalancing can leave a few dequeued messages in the old owner's buffer) stays
            // invisible before another process takes it. The default, 5 minutes, held a person's answer that long while
            // a second host joined; our steps and activities take well under a second, and each is safe to run twice
            // (commands are decided once by id, effects carried out once by effect id), so a minute bounds the wait.
            ControlQueueVisibilityTimeout = TimeSpan.FromMinutes(1),
            WorkItemQueueVisibilityTimeout = TimeSpan.FromMinutes(1),
            // The engine's own account of leases, partitions and discarded messages, under "DurableTask.AzureStorage".
            LoggerFactory = loggerFactory,
        });
        dispatched = StoppableOrchestrationService.For(orchestration, loggerFactory.CreateLogger<DurableTaskSidecar>());
        Channel = GrpcChannel.ForAddress($"http://127.0.0.1:{port}");
    }

    /// <summary>Where this process's worker and client reach the backend.</summary>
    public GrpcChannel Channel { get; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await orchestration.CreateIfNotExistsAsync();
        // Built here, not when registered: a host built while the main one is being built would be taken for it by
        // anything that watches hosts being built (the test server does).
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureEndpointDefaults(listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        // The server is given the backend behind a stop of our own and a lifetime that never stops (see QuietLifetime).
        builder.Services.AddSingleton(sp => new TaskHubGrpcServer(
            lifetime, sp.GetRequiredService<ILoggerFactory>(), dispatched, orchestration, sp.GetRequiredService<IOptions<TaskHubGrpcServerOptions>>()));
        server = builder.Build();
        server.MapGrpcService<TaskHubGrpcServer>();
        await server.StartAsync(cancellationToken);
        lifetime.NotifyStarted();
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        try
        {
            // Leases released so another process takes this one's partitions at once; bounded, as a stop must end.
            await StoppableOrchestrationService.StopAsync(dispatched).WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
            // The leases run out on their own.
        }
        if (server is not null)
        {
            await server.StopAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync();
        }
        Channel.Dispose();
        lifetime.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
