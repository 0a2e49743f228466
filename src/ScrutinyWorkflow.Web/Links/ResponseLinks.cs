using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

using ScrutinyWorkflow.Web.Hosting;

namespace ScrutinyWorkflow.Web.Links;

/// <summary>
/// The secret links in request emails. A token is HMAC-SHA256(link key, review and assignment): 256 bits that
/// nobody without the key can predict, and that the product can make again for every reminder or a retried
/// email, so the token itself is never stored anywhere. The store keeps only its SHA-256, to find the
/// assignment a link was made for. A link is bound to one assignment and is refused once that assignment closes.
/// </summary>
public sealed class ResponseLinks(byte[] key, IOptions<ScrutinyOptions> options)
{
    private readonly Uri baseUrl = new(options.Value.PublicBaseUrl.TrimEnd('/') + "/");

    public string TokenFor(string reviewId, string assignmentId)
    {
        var mac = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"respond/v1/{reviewId}/{assignmentId}"));
        return Base64Url(mac);
    }

    public string HashOf(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>The response page's address, always from configuration: a request's Host header could be forged.</summary>
    public Uri UrlFor(string reviewId, string assignmentId) => new(baseUrl, "respond/" + TokenFor(reviewId, assignmentId));

    /// <summary>True when the text has the shape of a token (43 base64url characters), before any lookup.</summary>
    public static bool LooksLikeToken(string? token) =>
        token is { Length: 43 } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    /// <summary>The key from configuration, or one made once and kept in the data folder.</summary>
    public static byte[] LoadOrCreateKey(ScrutinyOptions options, string dataPath)
    {
        if (options.LinkKey is { Length: > 0 } configured)
        {
            return Convert.FromBase64String(configured);
        }
        var path = Path.Combine(dataPath, "link.key");
        // Two processes starting together must end up with one key: the first file written wins, and both read it.
        AtomicFile.Write(path, Encoding.ASCII.GetBytes(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))), replace: false);
        return Convert.FromBase64String(File.ReadAllText(path).Trim());
    }

    /// <summary>The hashes to index for the links the events create, so the index commits with them.</summary>
    public IReadOnlyList<IndexedLink> IndexFor(string reviewId, IEnumerable<Core.Reviews.ReviewEvent> events) =>
        [.. events.OfType<Core.Reviews.RequestSent>().Select(e => new IndexedLink(HashOf(TokenFor(reviewId, e.AssignmentId)), e.AssignmentId))];

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
