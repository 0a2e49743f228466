using System.Reflection;
using System.Runtime.ExceptionServices;
using DurableTask.Core;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ScrutinyWorkflow.Workflow.AzureStorage;

/// <summary>
/// The lifetime the sidecar's gRPC server is given: started when the sidecar has started, and never stopping. The
/// server (the SDK's test host, in preview) waits for both in <c>async void</c> handlers, so a stop before the worker
/// connected, or a storage error while the backend stops (the account already gone, as at the end of a test), is an
/// exception nobody can catch and ends the whole process. The sidecar stops the backend itself instead, through
/// <see cref="StoppableOrchestrationService"/>.
/// </summary>
internal sealed class QuietLifetime : IHostApplicationLifetime, IDisposable
{
    private readonly CancellationTokenSource started = new();

    public CancellationToken ApplicationStarted => started.Token;

    public CancellationToken ApplicationStopping => CancellationToken.None;

    public CancellationToken ApplicationStopped => CancellationToken.None;

    public void NotifyStarted() => started.Cancel();

    public void StopApplication()
    {
        // The sidecar's host stops it, not the server.
    }

    public void Dispose() => started.Dispose();
}

/// <summary>
/// The Azure Storage backend as the sidecar's dispatchers see it, with a stop of its own: the backend is stopped once,
/// its errors logged rather than thrown, and from then on the dispatchers' requests for work wait and find none (they
/// run until the process ends, as nothing stops them; see <see cref="QuietLifetime"/>), so they make no storage calls.
/// </summary>
public class StoppableOrchestrationService : DispatchProxy
{
    private IOrchestrationService real = null!;
    private ILogger logger = null!;
    private readonly Lock gate = new();
    private Task? stopping;
    private volatile bool stopped;

    /// <summary>The backend behind a stop that cannot throw, for the sidecar's server.</summary>
    public static IOrchestrationService For(IOrchestrationService real, ILogger logger)
    {
        var proxy = Create<IOrchestrationService, StoppableOrchestrationService>();
        var stoppable = (StoppableOrchestrationService)(object)proxy;
        (stoppable.real, stoppable.logger) = (real, logger);
        return proxy;
    }

    /// <summary>Stops the backend, once; completes when it has (or failed to, which is logged).</summary>
    public static Task StopAsync(IOrchestrationService proxy) => ((StoppableOrchestrationService)(object)proxy).StopOnce();

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        switch (targetMethod.Name)
        {
            case nameof(IOrchestrationService.StopAsync):
                return StopOnce();
            case nameof(IOrchestrationService.LockNextTaskOrchestrationWorkItemAsync) when stopped:
                return NoWorkAsync<TaskOrchestrationWorkItem>((TimeSpan)args![0]!, (CancellationToken)args[1]!);
            case nameof(IOrchestrationService.LockNextTaskActivityWorkItem) when stopped:
                return NoWorkAsync<TaskActivityWorkItem>((TimeSpan)args![0]!, (CancellationToken)args[1]!);
        }
        try
        {
            return targetMethod.Invoke(real, args);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            ExceptionDispatchInfo.Throw(ex.InnerException);
            throw;
        }
    }

    private Task StopOnce()
    {
        lock (gate)
        {
            return stopping ??= StopQuietlyAsync();
        }
    }

    private async Task StopQuietlyAsync()
    {
        stopped = true;
        try
        {
            await real.StopAsync();
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "The Durable Task backend did not stop cleanly; its leases run out on their own.");
        }
    }

    private static async Task<T?> NoWorkAsync<T>(TimeSpan timeout, CancellationToken cancellationToken) where T : class
    {
        try
        {
            await Task.Delay(timeout < TimeSpan.FromSeconds(5) ? timeout : TimeSpan.FromSeconds(5), cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Asked to stop waiting: still no work.
        }
        return null;
    }
}
