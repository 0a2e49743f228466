using Microsoft.AspNetCore.Hosting.Server;

namespace ScrutinyWorkflow.Web.SignIn;

/// <summary>
/// Local mode's second check, once the server has started: an address added in code (which configuration does not
/// show) stops the host as one in configuration does before it starts.
/// </summary>
internal sealed class LoopbackOnly(IServiceProvider services) : IHostedLifecycleService
{
    // A host with no server of its own (the Functions worker behind its host's proxy) listens on nothing to check.
    public Task StartedAsync(CancellationToken cancellationToken) =>
        services.GetService<IServer>() is { } server && LoopbackAddresses.Refusal(LoopbackAddresses.Listening(server)) is { } refusal
            ? throw new InvalidOperationException(refusal)
            : Task.CompletedTask;

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
