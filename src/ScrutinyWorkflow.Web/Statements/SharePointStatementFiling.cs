using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Serialization;
using Azure.Core;
using Microsoft.Extensions.Options;

namespace ScrutinyWorkflow.Web.Statements;

/// <summary>
/// Files statements in a SharePoint document library through Microsoft Graph: into the configured site, drive and
/// folder, by panel, meeting date, review and release. Each document goes up through an upload session in chunks;
/// a chunk that fails is resumed from where Graph says it has got to, not started again. A document already in the
/// library under that name is left as it is, so filing one release twice makes one document.
/// </summary>
public sealed class SharePointStatementFiling(HttpClient http, TokenCredential credential, IOptions<FilingOptions> options, ILogger<SharePointStatementFiling> logger) : IStatementFiling
{
    private const int AttemptsPerChunk = 5;
    private static readonly string[] GraphScope = ["https://graph.microsoft.com/.default"];

    private readonly SharePointOptions settings = options.Value.SharePoint;

    public async Task<string> FileAsync(FilingFolder folder, FiledDocument document, CancellationToken cancellationToken)
    {
        var item = ItemPath(folder, document.FileName);
        if (await FindAsync(item, cancellationToken) is { } existing)
        {
            return existing;
        }
        using var create = await SendAsync(HttpMethod.Post, $"{item}:/createUploadSession", cancellationToken,
            JsonContent.Create(new { item = new Dictionary<string, string> { ["@microsoft.graph.conflictBehavior"] = "fail" } }));
        create.EnsureSuccessStatusCode();
        var session = await create.Content.ReadFromJsonAsync<UploadSession>(cancellationToken)
            ?? throw new InvalidOperationException("Graph answered createUploadSession with no session.");
        return await UploadAsync(new Uri(session.UploadUrl), item, document.Content, cancellationToken);
    }

    private async Task<string> UploadAsync(Uri uploadUrl, string item, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        long next = 0;
        var failures = 0;
        while (true)
        {
            var length = (int)Math.Min(settings.ChunkBytes, content.Length - next);
            HttpResponseMessage? response = null;
            try
            {
                // The upload URL carries its own authorisation: Graph asks that no token be sent with it.
                using var chunk = new HttpRequestMessage(HttpMethod.Put, uploadUrl) { Content = new ReadOnlyMemoryContent(content.Slice((int)next, length)) };
                chunk.Content.Headers.ContentRange = new ContentRangeHeaderValue(next, next + length - 1, content.Length);
                response = await http.SendAsync(chunk, cancellationToken);
                if (response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Created)
                {
                    return (await response.Content.ReadFromJsonAsync<DriveItem>(cancellationToken))!.WebUrl;
                }
                if (response.StatusCode == HttpStatusCode.Conflict)
                {
                    // Someone filed it first (a retry of this filing): theirs stands.
                    return await FindAsync(item, cancellationToken) ?? throw new InvalidOperationException($"Graph reported a conflict for {item}, which it cannot then find.");
                }
                if (response.StatusCode == HttpStatusCode.Accepted)
                {
                    var progress = await response.Content.ReadFromJsonAsync<UploadSession>(cancellationToken);
                    next = NextExpected(progress) ?? next + length;
                    failures = 0;
                    continue;
                }
                if ((int)response.StatusCode < 500)
                {
                    response.EnsureSuccessStatusCode();
                }
                logger.LogWarning("Graph answered {Status} to a chunk of {Item}; resuming.", (int)response.StatusCode, item);
            }
            catch (HttpRequestException e) when (!cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "A chunk of {Item} did not reach Graph; resuming.", item);
            }
            finally
            {
                response?.Dispose();
            }
            if (++failures >= AttemptsPerChunk)
            {
                throw new InvalidOperationException($"Uploading {item} to SharePoint failed {failures} times at byte {next}.");
            }
            // Ask the session how far it got, and go on from there.
            await Task.Delay(TimeSpan.FromMilliseconds(200 * failures), cancellationToken);
            using var status = await http.GetAsync(uploadUrl, cancellationToken);
            status.EnsureSuccessStatusCode();
            next = NextExpected(await status.Content.ReadFromJsonAsync<UploadSession>(cancellationToken)) ?? next;
        }
    }

    private async Task<string?> FindAsync(string item, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Get, item, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<DriveItem>(cancellationToken))!.WebUrl;
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, CancellationToken cancellationToken, HttpContent? content = null)
    {
        var token = await credential.GetTokenAsync(new TokenRequestContext(GraphScope), cancellationToken);
        using var request = new HttpRequestMessage(method, new Uri(settings.GraphBaseUrl.TrimEnd('/') + path)) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Token);
        return await http.SendAsync(request, cancellationToken);
    }

    /// <summary>The drive item's address by path: <c>/sites/{site}/drives/{drive}/root:/{folder}/{release path}/{file}</c>.</summary>
    private string ItemPath(FilingFolder folder, string fileName)
    {
        IEnumerable<string> segments = [.. settings.Folder.Split('/', StringSplitOptions.RemoveEmptyEntries), .. folder.Segments, fileName];
        return $"/sites/{Uri.EscapeDataString(settings.SiteId)}/drives/{Uri.EscapeDataString(settings.DriveId)}/root:/{string.Join('/', segments.Select(Uri.EscapeDataString))}";
    }

    /// <summary>The start of the first range Graph still expects ("26-" or "26-99").</summary>
    private static long? NextExpected(UploadSession? session) =>
        session?.NextExpectedRanges is [var first, ..] && long.TryParse(first.Split('-')[0], System.Globalization.CultureInfo.InvariantCulture, out var start) ? start : null;

    private sealed record UploadSession(
        [property: JsonPropertyName("uploadUrl")] string UploadUrl,
        [property: JsonPropertyName("nextExpectedRanges")] string[]? NextExpectedRanges);

    private sealed record DriveItem([property: JsonPropertyName("webUrl")] string WebUrl);
}
