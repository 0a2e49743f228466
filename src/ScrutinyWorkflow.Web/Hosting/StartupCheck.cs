namespace ScrutinyWorkflow.Web.Hosting;

/// <summary>
/// A check run while the host starts, before it listens: a mistake in a file the product depends on (the officer
/// directory, the database) stops the host with its message, instead of surfacing on some later request.
/// </summary>
public sealed class StartupCheck(Func<CancellationToken, Task> check) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken) => check(cancellationToken);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
