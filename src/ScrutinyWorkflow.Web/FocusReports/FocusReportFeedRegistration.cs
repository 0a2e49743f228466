using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using ScrutinyWorkflow.Web.Hosting;

namespace ScrutinyWorkflow.Web.FocusReports;

public static class FocusReportFeedRegistration
{
    /// <summary>
    /// Reports that arrive without a person (the reports container, the Ombudsman's feed) become drafts; the web host
    /// looks at the feed each day at <see cref="FocusReportFeed.DailyAtUtc"/> when <c>Scrutiny:FocusReports:FeedUrl</c> is set.
    /// </summary>
    public static IHostApplicationBuilder AddFocusReportFeed(this IHostApplicationBuilder builder)
    {
        builder.AddFocusReportFeedJob();
        if (builder.Configuration.GetSection(FocusReportFeedOptions.Section).Get<FocusReportFeedOptions>()?.FeedUrl is not null)
        {
            builder.Services.AddHostedService<FocusReportFeedService>();
        }
        return builder;
    }

    /// <summary>The job alone, for a host with a scheduler of its own (the Functions app's timer trigger).</summary>
    public static IHostApplicationBuilder AddFocusReportFeedJob(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<FocusReportFeedOptions>().BindConfiguration(FocusReportFeedOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<FocusReportDrafts>();
        builder.Services.AddHttpClient<FocusReportFeed>();
        builder.Services.AddSingleton<IFocusReportsSeen>(sp => sp.GetRequiredService<IOptions<ScrutinyOptions>>().Value.IsDurable
            ? new TableFocusReportsSeen(sp.GetRequiredService<TableServiceClient>())
            : new FolderFocusReportsSeen(sp.GetRequiredService<DataFolders>()));
        return builder;
    }
}

/// <summary>The web host's schedule for the feed: once a day at the same time as the Functions app's timer.</summary>
public sealed class FocusReportFeedService(IServiceProvider services, TimeProvider time, ILogger<FocusReportFeedService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
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
