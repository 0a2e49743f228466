using System.Text;
using Azure;
using Azure.Data.Tables;
using ScrutinyWorkflow.Web.Hosting;

namespace ScrutinyWorkflow.Web.Mail;

/// <summary>Which message ids a mail service has accepted: on this host's data folder, or shared by every host.</summary>
public interface ISentMailRecord
{
    Task<bool> HasAsync(string messageId, CancellationToken cancellationToken);

    Task RecordAsync(string messageId, CancellationToken cancellationToken);
}

/// <summary>
/// Makes a mail service that cannot recognise a repeat (SendGrid, Graph, Notify, an SMTP relay) idempotent per
/// message id: each id delivered is recorded, and an id already recorded is not sent again.
/// </summary>
/// <remarks>
/// The record is written after the service accepted the message, so a crash between the two sends it once more
/// on the retry: at least once, never lost. Every adapter also hands the service the id (SendGrid's custom_args,
/// Notify's reference, the Message-ID header), so delivery reports and the recipient's mail client can match it.
/// </remarks>
public sealed class OnceOnlyMailSender(IMailSender service, ISentMailRecord record) : IMailSender
{
    public async Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mail);
        if (await record.HasAsync(mail.MessageId, cancellationToken))
        {
            return;
        }
        await service.SendAsync(mail, cancellationToken);
        await record.RecordAsync(mail.MessageId, cancellationToken);
    }
}

/// <summary>The embedded runtime's record: a file per message id in the data folder's <c>delivered-mail/</c>.</summary>
public sealed class FolderSentMailRecord(string folder) : ISentMailRecord
{
    public Task<bool> HasAsync(string messageId, CancellationToken cancellationToken) => Task.FromResult(File.Exists(PathOf(messageId)));

    public Task RecordAsync(string messageId, CancellationToken cancellationToken)
    {
        AtomicFile.Write(PathOf(messageId), Encoding.UTF8.GetBytes(messageId), replace: false);
        return Task.CompletedTask;
    }

    private string PathOf(string messageId) => Path.Combine(folder, EmlFolder.FileNameFor(messageId));
}

/// <summary>
/// The Durable runtime's record, shared by every host on the storage account: one row per message id in the
/// <c>deliveredmail</c> table, so a message one host sent is not sent again by another that picks up its effect.
/// </summary>
public sealed class TableSentMailRecord(TableServiceClient tables) : ISentMailRecord
{
    public const string Table = "deliveredmail";
    private const string Partition = "mail";

    private readonly Lazy<Task<TableClient>> table = new(async () =>
    {
        var client = tables.GetTableClient(Table);
        await client.CreateIfNotExistsAsync();
        return client;
    });

    public async Task<bool> HasAsync(string messageId, CancellationToken cancellationToken) =>
        (await (await table.Value).GetEntityIfExistsAsync<TableEntity>(Partition, RowKey(messageId), ["PartitionKey"], cancellationToken)).HasValue;

    public async Task RecordAsync(string messageId, CancellationToken cancellationToken)
    {
        try
        {
            await (await table.Value).AddEntityAsync(new TableEntity(Partition, RowKey(messageId)) { ["MessageId"] = messageId }, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // Another host recorded it first: the message went, which is all the record says.
        }
    }

    /// <summary>Row keys may not hold '/', '\', '#' or '?', which message ids may; escaping keeps them readable and distinct.</summary>
    private static string RowKey(string messageId) => Uri.EscapeDataString(messageId);
}
