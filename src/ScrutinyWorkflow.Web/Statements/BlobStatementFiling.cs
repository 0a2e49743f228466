using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace ScrutinyWorkflow.Web.Statements;

/// <summary>
/// Files statements in an Azure Blob Storage container, one folder per review. Filing the same review and name again
/// overwrites the blob, so a retried filing leaves one copy; the location is the blob's address.
/// </summary>
public sealed class BlobStatementFiling(BlobContainerClient container) : IStatementFiling
{
    public async Task<string> FileAsync(string reviewId, string fileName, string contentType, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        if (Path.GetFileName(reviewId) != reviewId || Path.GetFileName(fileName) != fileName || reviewId.Length == 0 || fileName.Length == 0)
        {
            throw new ArgumentException("Review ids and file names must be plain names.");
        }
        await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        var blob = container.GetBlobClient($"{reviewId}/{fileName}");
        await blob.UploadAsync(BinaryData.FromBytes(content), new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = contentType } }, cancellationToken);
        return blob.Uri.AbsoluteUri;
    }
}
