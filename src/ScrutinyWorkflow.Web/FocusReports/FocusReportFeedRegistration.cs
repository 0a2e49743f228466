using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using ScrutinyWorkflow.Web.Deployment;
using ScrutinyWorkflow.Web.Hosting;

namespace ScrutinyWorkflow.Web.FocusReports;

public static class FocusReportFeedRegistration
{
    /// <summary>
    /// Reports that arrive without a person (the reports container, the Ombudsman's feed) become drafts; the web host
    /// looks at the feed each day at <see cref="FocusReportFeed.DailyAtUtc"/> when <c>Scrutiny:FocusReports:FeedUrl</c> is set.
    /// </summary>
    public static IHostApplicationBuilder AddFocusReportFeed(this IHostApplicationBuilder builder, DeploymentProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        // The Functions app looks at the feed on a timer trigger of its own.
        if (profile.RunsBackgroundJobs)
        {
            builder.Services.AddHostedService<FocusReportFeedService>();
        }
        builder.Services.AddOptions<FocusReportFeedOptions>().BindConfiguration(FocusReportFeedOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<FocusReportDrafts>();
        builder.Services.AddHttpClient<FocusReportFeed>();
        builder.Services.AddSingleton<IFocusReportsSeen>(sp => profile.IsDurable
            ? new TableFocusReportsSeen(sp.GetRequiredService<TableServiceClient>())
            : new FolderFocusReportsSeen(sp.GetRequiredService<DataFolders>()));
        return builder;
    }
}

/// <summary>The web host's schedule for the feed: once a day at the same time as the Functions app's timer.</summary>
public sealed class FocusReportFeedService(IServiceProvider services, IOptions<FocusReportFeedOptions> options, TimeProvider time, ILogger<FocusReportFeedService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.FeedUrl is null)
        {
            return;
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(UntilNext(time.GetUtcNow()), time, stoppingToken);
            try
            {
                var check = await services.GetRequiredService<FocusReportFeed>().CheckAsync(stoppingToken);
                logger.LogInformation("Focus report feed: {Opened} opened, {Seen} seen before, {Refused} not reports, {Failed} to try again. {Problem}",
                    check.Opened.Count, check.AlreadySeen, check.Refused.Count, check.Failed.Count, check.Problem);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Tomorrow's look tries again; the host and the reviews it runs go on.
                logger.LogError(ex, "The daily look at the focus report feed failed.");
            }
        }
    }

    /// <summary>How long until the next daily look.</summary>
    public static TimeSpan UntilNext(DateTimeOffset utcNow)
    {
        var today = utcNow.UtcDateTime.Date + FocusReportFeed.DailyAtUtc.ToTimeSpan();
        var next = today > utcNow.UtcDateTime ? today : today.AddDays(1);
        return next - utcNow.UtcDateTime;
    }
}
