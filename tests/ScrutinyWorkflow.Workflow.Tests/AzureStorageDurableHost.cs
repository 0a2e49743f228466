using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ScrutinyWorkflow.Workflow.AzureStorage;

namespace ScrutinyWorkflow.Workflow.Tests;

/// <summary>
/// A Durable Task worker and client on the Durable Task Framework's Azure Storage backend (against Azurite), through
/// the web host's own gRPC sidecar: the same engine a council's Azure runs, with its queues, leases, tables and timers.
/// </summary>
internal sealed class AzureStorageDurableHost : IAsyncDisposable
{
    private readonly DurableTaskSidecar sidecar;
    private readonly IHost worker;

    private AzureStorageDurableHost(DurableTaskSidecar sidecar, IHost worker)
    {
        this.sidecar = sidecar;
        this.worker = worker;
        Client = worker.Services.GetRequiredService<DurableTaskClient>();
    }

    public DurableTaskClient Client { get; }

    public static async Task<AzureStorageDurableHost> StartAsync(string connectionString, string taskHub, Action<DurableTaskRegistry> tasks, Action<IServiceCollection> services)
    {
        var sidecar = new DurableTaskSidecar(connectionString, taskHub, Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);
        await sidecar.StartAsync(CancellationToken.None);
        var worker = Host.CreateDefaultBuilder()
            .ConfigureLogging(logging => logging.ClearProviders())
            .ConfigureServices(s =>
            {
                services(s);
                s.AddDurableTaskWorker(builder => builder.UseGrpc(sidecar.Channel).AddTasks(tasks));
                s.AddDurableTaskClient(builder => builder.UseGrpc(sidecar.Channel).RegisterDirectly());
            })
            .Build();
        await worker.StartAsync();
        return new AzureStorageDurableHost(sidecar, worker);
    }

    public async ValueTask DisposeAsync()
    {
        await worker.StopAsync();
        worker.Dispose();
        await sidecar.StopAsync(CancellationToken.None);
        await sidecar.DisposeAsync();
    }
}
