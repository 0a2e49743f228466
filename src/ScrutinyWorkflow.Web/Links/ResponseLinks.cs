using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using ScrutinyWorkflow.Core.Reviews;

using ScrutinyWorkflow.Web.Hosting;

namespace ScrutinyWorkflow.Web.Links;

/// <summary>
/// The secret links in request emails. A token is HMAC-SHA256(link key, review and person): 256 bits that
/// nobody without the key can predict, and that the product can make again for every reminder or a retried
/// email, so the token itself is never stored anywhere. The store keeps only its SHA-256, to find the
/// person a link was made for. A link shows that person's questions in the review, and takes answers to those still open.
/// </summary>
public sealed class ResponseLinks(byte[] key, IOptions<ScrutinyOptions> options)
{
    private readonly Uri baseUrl = new(options.Value.PublicBaseUrl.TrimEnd('/') + "/");

    /// <summary>One link per person per review: an officer's for all their questions, a manager's for an escalated officer's.</summary>
    public string TokenFor(string reviewId, Respondent respondent)
    {
        var mac = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"respond/v2/{reviewId}/{respondent.Key}"));
        return Base64Url(mac);
    }

    public string HashOf(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>The response page's address, always from configuration: a request's Host header could be forged.</summary>
    public Uri UrlFor(string reviewId, Respondent respondent) => new(baseUrl, "respond/" + TokenFor(reviewId, respondent));

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

    /// <summary>
    /// The hashes to index for the links the events create, so the index commits with them: an officer's when they
    /// are first asked something, a manager's when an officer's questions are escalated to them.
    /// </summary>
    public IReadOnlyList<IndexedLink> IndexFor(string reviewId, IEnumerable<ReviewEvent> events, ReviewState before) =>
        [.. events.SelectMany(e => e switch
            {
                RequestSent r => [new Respondent(r.OfficerEmail)],
                Escalated { ManagerEmail: { } manager } x => [new Respondent(manager, before.FindAssignment(x.AssignmentId)?.OfficerEmail ?? "")],
                _ => Array.Empty<Respondent>(),
            })
            .Where(r => r.OnBehalfOf is not "")
            .Distinct()
            .Select(r => new IndexedLink(HashOf(TokenFor(reviewId, r)), r.Key))];

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
