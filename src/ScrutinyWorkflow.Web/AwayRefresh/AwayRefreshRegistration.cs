using Microsoft.Extensions.Options;
using ScrutinyWorkflow.Web.Deployment;
using ScrutinyWorkflow.Web.Engine;
using ScrutinyWorkflow.Web.Officers;

namespace ScrutinyWorkflow.Web.AwayRefresh;

public static class AwayRefreshRegistration
{
    /// <summary>
    /// Officers' automatic replies read again after dispatch: every <c>Scrutiny:Directory:AwayRefreshMinutes</c>
    /// (0: never) in the web host; the Functions app runs the same job on a timer trigger of its own.
    /// </summary>
    public static IHostApplicationBuilder AddAwayRefresh(this IHostApplicationBuilder builder, DeploymentProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        builder.Services.AddSingleton<AwayRefreshJob>();
        builder.Services.AddSingleton<IOfficersAway>(services => services.GetRequiredService<AwayRefreshJob>());
        if (profile.RunsBackgroundJobs)
        {
            builder.Services.AddHostedService<AwayRefreshService>();
        }
        return builder;
    }
}

/// <summary>The web host's schedule for the refresh: a pass every so many minutes, the first one interval after start.</summary>
public sealed class AwayRefreshService(IServiceProvider services, IOptions<DirectoryOptions> options, TimeProvider time, ILogger<AwayRefreshService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.AwayRefreshMinutes <= 0)
        {
            return;
        }
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(options.Value.AwayRefreshMinutes), time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var pass = await services.GetRequiredService<AwayRefreshJob>().RunAsync(stoppingToken);
                logger.LogInformation("Automatic replies read again: {Reviews} reviews, {Changed} changed, {Unreadable} addresses unreadable.", pass.Reviews, pass.Changed, pass.Unreadable);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The next pass tries again; the host and the reviews it runs go on.
                logger.LogError(ex, "Reading officers' automatic replies again failed.");
            }
        }
    }
}
