using System.Net;
using DurableTask.AzureStorage;
using DurableTask.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ScrutinyWorkflow.Workflow.Tests;

/// <summary>
/// A Durable Task worker and client on the Durable Task Framework's Azure Storage backend (against Azurite), through
/// a local gRPC sidecar: the same engine a council's Azure runs, with its queues, leases, tables and timers.
/// </summary>
internal sealed class AzureStorageDurableHost : IAsyncDisposable
{
    private readonly IHost sidecar;
    private readonly IHost worker;
    private readonly GrpcChannel channel;

    private AzureStorageDurableHost(IHost sidecar, IHost worker, GrpcChannel channel)
    {
        this.sidecar = sidecar;
        this.worker = worker;
        this.channel = channel;
        Client = worker.Services.GetRequiredService<DurableTaskClient>();
    }

    public DurableTaskClient Client { get; }

    public static async Task<AzureStorageDurableHost> StartAsync(string connectionString, string taskHub, Action<DurableTaskRegistry> tasks, Action<IServiceCollection> services)
    {
        var orchestration = new AzureStorageOrchestrationService(new AzureStorageOrchestrationServiceSettings
        {
            StorageAccountClientProvider = new StorageAccountClientProvider(connectionString),
            TaskHubName = taskHub,
            // Two workers on one machine must not share the machine name as their id.
            WorkerId = $"{Environment.MachineName}-{Guid.NewGuid():N}",
            // The default is 30 s: a test waiting on a command would sit idle between polls.
            MaxQueuePollingInterval = TimeSpan.FromSeconds(1),
        });
        await orchestration.CreateIfNotExistsAsync();

        var port = FreePort();
        var sidecar = Host.CreateDefaultBuilder()
            .ConfigureLogging(logging => logging.ClearProviders())
            .ConfigureWebHostDefaults(web => web
                .UseUrls($"http://127.0.0.1:{port}")
                .ConfigureKestrel(kestrel => kestrel.ConfigureEndpointDefaults(listen => listen.Protocols = HttpProtocols.Http2))
                .ConfigureServices(s => s
                    .AddGrpc().Services
                    .AddSingleton<IOrchestrationService>(orchestration)
                    .AddSingleton<IOrchestrationServiceClient>(orchestration)
                    .AddSingleton<TaskHubGrpcServer>())
                .Configure(app => app.UseRouting().UseEndpoints(endpoints => endpoints.MapGrpcService<TaskHubGrpcServer>())))
            .Build();
        await sidecar.StartAsync();

        var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{port}");
        var worker = Host.CreateDefaultBuilder()
            .ConfigureLogging(logging => logging.ClearProviders())
            .ConfigureServices(s =>
            {
                services(s);
                s.AddDurableTaskWorker(builder => builder.UseGrpc(channel).AddTasks(tasks));
                s.AddDurableTaskClient(builder => builder.UseGrpc(channel).RegisterDirectly());
            })
            .Build();
        await worker.StartAsync();
        return new AzureStorageDurableHost(sidecar, worker, channel);
    }

    public async ValueTask DisposeAsync()
    {
        await worker.StopAsync();
        worker.Dispose();
        await channel.ShutdownAsync();
        channel.Dispose();
        await sidecar.StopAsync();
        sidecar.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
