using System.Globalization;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace ScrutinyWorkflow.Web.Statements;

/// <summary>
/// Files statements in an Azure Blob Storage container (one per council), by panel, meeting date, review and release.
/// A blob is written only if none has that name, so nothing filed is ever overwritten and a retried filing leaves
/// the first copy; each carries its content type and metadata saying which review, panel and meeting it is for.
/// </summary>
public sealed class BlobStatementFiling(BlobContainerClient container) : IStatementFiling
{
    public async Task<string> FileAsync(FilingFolder folder, FiledDocument document, CancellationToken cancellationToken)
    {
        if (Path.GetFileName(document.FileName) != document.FileName || document.FileName.Length == 0)
        {
            throw new ArgumentException("File names must be plain names.", nameof(document));
        }
        await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        var blob = container.GetBlobClient($"{folder.Path}/{document.FileName}");
        try
        {
            await blob.UploadAsync(BinaryData.FromBytes(document.Content), new BlobUploadOptions
            {
                HttpHeaders = new BlobHttpHeaders { ContentType = document.ContentType },
                Metadata = Metadata(folder),
                Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
            }, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            // Already filed for this release: that copy stands.
        }
        return blob.Uri.AbsoluteUri;
    }

    /// <summary>Blob metadata values are ASCII: names people typed are percent-encoded.</summary>
    private static Dictionary<string, string> Metadata(FilingFolder folder) => new()
    {
        ["review"] = Uri.EscapeDataString(folder.ReviewId),
        ["panel"] = Uri.EscapeDataString(folder.Panel),
        ["meetingdate"] = folder.MeetingDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["releasedat"] = folder.ReleasedAt.ToString("O", CultureInfo.InvariantCulture),
    };
}
