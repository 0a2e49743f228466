using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using ScrutinyWorkflow.Web.Hosting;

namespace ScrutinyWorkflow.Web.FocusReports;

/// <summary>Which reports on the feed have been dealt with (opened as a draft, or found not to be a report).</summary>
public interface IFocusReportsSeen
{
    Task<bool> HasSeenAsync(string reportUrl, CancellationToken cancellationToken);

    /// <param name="outcome">The review it became, or why it was not one.</param>
    Task RememberAsync(string reportUrl, string outcome, CancellationToken cancellationToken);
}

/// <summary>The embedded runtime's: one small file per report in the data folder, written whole or not at all.</summary>
public sealed class FolderFocusReportsSeen(DataFolders folders) : IFocusReportsSeen
{
    private string Folder => Path.Combine(folders.Root, "focus-reports-seen");

    public Task<bool> HasSeenAsync(string reportUrl, CancellationToken cancellationToken) => Task.FromResult(File.Exists(PathOf(reportUrl)));

    public Task RememberAsync(string reportUrl, string outcome, CancellationToken cancellationToken)
    {
        AtomicFile.Write(PathOf(reportUrl), JsonSerializer.SerializeToUtf8Bytes(new { reportUrl, outcome }), replace: true);
        return Task.CompletedTask;
    }

    private string PathOf(string reportUrl) => Path.Combine(Folder, FocusReportsSeenKey.Of(reportUrl) + ".json");
}

/// <summary>The Durable runtime's (and the Functions app's): a row per report in the storage account's tables.</summary>
public sealed class TableFocusReportsSeen(TableServiceClient tables) : IFocusReportsSeen
{
    public const string TableName = "FocusReportsSeen";

    private const string Partition = "feed";

    private readonly TableClient table = tables.GetTableClient(TableName);

    public async Task<bool> HasSeenAsync(string reportUrl, CancellationToken cancellationToken)
    {
        await table.CreateIfNotExistsAsync(cancellationToken);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(Partition, FocusReportsSeenKey.Of(reportUrl), cancellationToken: cancellationToken);
        return row.HasValue;
    }

    public async Task RememberAsync(string reportUrl, string outcome, CancellationToken cancellationToken)
    {
        await table.CreateIfNotExistsAsync(cancellationToken);
        await table.UpsertEntityAsync(new TableEntity(Partition, FocusReportsSeenKey.Of(reportUrl)) { ["Url"] = reportUrl, ["Outcome"] = outcome }, TableUpdateMode.Replace, cancellationToken);
    }
}

internal static class FocusReportsSeenKey
{
    /// <summary>A URL can hold characters no file name or row key may; its hash cannot.</summary>
    public static string Of(string reportUrl) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(reportUrl)));
}
