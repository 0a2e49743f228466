using System.Text;
using System.Xml.Linq;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace ScrutinyWorkflow.Web.SharedKeys;

/// <summary>
/// The Data Protection key ring as one XML blob that every instance reads and adds to. An addition is written only
/// over the version it read (its ETag), so two instances adding keys at once both keep theirs: the loser reads again.
/// </summary>
internal sealed class BlobKeyRing(BlobContainerClient container) : IXmlRepository
{
    public const string BlobName = "keys.xml";

    private readonly BlobClient blob = container.GetBlobClient(BlobName);

    public IReadOnlyCollection<XElement> GetAllElements() => [.. Read().Ring.Elements()];

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        // Data Protection's own interface is synchronous; it calls this rarely (a new key every 90 days).
        container.CreateIfNotExists();
        while (true)
        {
            var (ring, etag) = Read();
            ring.Add(new XElement(element));
            var conditions = etag is { } known ? new BlobRequestConditions { IfMatch = known } : new BlobRequestConditions { IfNoneMatch = ETag.All };
            try
            {
                blob.Upload(new BinaryData(Encoding.UTF8.GetBytes(ring.ToString(SaveOptions.DisableFormatting))), new BlobUploadOptions { Conditions = conditions });
                return;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412)
            {
                // Another instance wrote first; its key is kept and this one is added to the ring it wrote.
            }
        }
    }

    private (XElement Ring, ETag? ETag) Read()
    {
        try
        {
            var content = blob.DownloadContent().Value;
            return (XElement.Parse(content.Content.ToString()), content.Details.ETag);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return (new XElement("repository"), null);
        }
    }
}
