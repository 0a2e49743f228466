using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using ScrutinyWorkflow.Functions.Reviews;
using ScrutinyWorkflow.Web.FocusReports;

namespace ScrutinyWorkflow.Functions.Reports;

/// <summary>Focus reports that arrive without a person: dropped into the reports container, or found on the Ombudsman's feed.</summary>
public sealed class ReportFunctions(FocusReportDrafts drafts, FocusReportFeed feed, IServiceProvider services, ILogger<ReportFunctions> logger)
{
    public const string ReportsContainer = "reports";

    /// <summary>
    /// Flex Consumption delivers blob triggers through Event Grid (the storage account's events, subscribed to this
    /// function's blobs_extension endpoint): see README.
    /// </summary>
    [Function("ReportDropped")]
    public Task<DraftOutcome> ReportDropped(
        [BlobTrigger(ReportsContainer + "/{name}", Source = BlobTriggerSource.EventGrid, Connection = "AzureWebJobsStorage")] Stream content,
        string name,
        [DurableClient] DurableTaskClient durable,
        CancellationToken cancellationToken)
    {
        Use(durable);
        return drafts.OpenAsync($"blob:{ReportsContainer}/{name}", content, name, cancellationToken);
    }

    [Function("FocusReportFeed")]
    public async Task<FeedCheck> DailyFeed(
        [TimerTrigger(FocusReportFeed.DailySchedule)] TimerInfo timer,
        [DurableClient] DurableTaskClient durable,
        CancellationToken cancellationToken)
    {
        Use(durable);
        var check = await feed.CheckAsync(cancellationToken);
        logger.LogInformation("Focus report feed: {Opened} opened, {Seen} seen before, {Refused} not reports, {Failed} to try again. {Problem}",
            check.Opened.Count, check.AlreadySeen, check.Refused.Count, check.Failed.Count, check.Problem);
        return check;
    }

    private void Use(DurableTaskClient durable) => (services.GetService(typeof(DurableClientSlot)) as DurableClientSlot)?.Use(durable);
}
