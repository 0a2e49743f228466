using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using ScrutinyWorkflow.Core.Recommendations;
using ScrutinyWorkflow.Core.Reviews;

using ScrutinyWorkflow.Web.Hosting;

namespace ScrutinyWorkflow.Web.Links;

/// <summary>What a presented link turned out to be.</summary>
public abstract record LinkCheck;

/// <summary>A link made for this person in this review, signed with a key still in use.</summary>
public sealed record LinkValid(LinkTarget Target, string KeyId) : LinkCheck;

/// <summary>A real link whose key has been retired: the person is told it was withdrawn and how to get a new one.</summary>
public sealed record LinkWithdrawn(LinkTarget Target, string KeyId) : LinkCheck;

/// <summary>Not a link this product made: mistyped, cut short, forged, or spliced from two links.</summary>
public sealed record LinkNotRecognised : LinkCheck;

/// <summary>
/// The secret links in request emails, <c>{key id}.{link id}.{signature}</c>. The link id names the person in the
/// review without saying who they are: it is SHA-256 of HMAC-SHA256(first key, review and person), what the link
/// index has always been keyed by, so links keep their index entries whatever key signs them. The signature is
/// HMAC-SHA256 (truncated to 128 bits) over the key id, link id, review and person with the key named, so a link
/// cannot be made or moved to another person or review without that key, and retiring a key withdraws every link it
/// signed. Links are made again for every reminder, so nothing secret is stored; a reminder after a rotation carries a
/// link signed with the new key. Links sent before key ids existed (43 characters, HMAC with the first key) still
/// work, as links of the first key.
/// </summary>
public sealed class ResponseLinks(LinkKeys keys, IOptions<ScrutinyOptions> options)
{
    private const int SignatureBytes = 16;
    private const int LinkIdLength = 43;
    private const int SignatureLength = 22;

    private readonly Uri baseUrl = new(options.Value.PublicBaseUrl.TrimEnd('/') + "/");

    /// <summary>Links made with one key, in memory (tools and tests).</summary>
    public ResponseLinks(byte[] key, IOptions<ScrutinyOptions> options)
        : this(new LinkKeys(key), options)
    {
    }

    /// <summary>One link per person per review: an officer's for all their questions, a manager's for an escalated officer's.</summary>
    public string TokenFor(string reviewId, Respondent respondent)
    {
        var ring = keys.Ring;
        var linkId = LinkId(ring, reviewId, respondent.Key);
        return $"{ring.Current.Id}.{linkId}.{Signature(ring.Current, linkId, reviewId, respondent.Key)}";
    }

    /// <summary>What the link index is keyed by for a token: its link id (or, for a link made before key ids, the token's own hash, the same thing).</summary>
    public string HashOf(string token) => Parse(token) is { } parts ? IndexKey(parts.LinkId) : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>The response page's address, always from configuration: a request's Host header could be forged.</summary>
    public Uri UrlFor(string reviewId, Respondent respondent) => new(baseUrl, "respond/" + TokenFor(reviewId, respondent));

    /// <summary>True when the text has the shape of a link (either form), before any lookup.</summary>
    public static bool LooksLikeToken(string? token) => IsLegacy(token) || Parse(token) is not null;

    /// <summary>Finds whom a link was made for and checks its signature and key: valid, withdrawn, or not recognised.</summary>
    public async Task<LinkCheck> CheckAsync(string? token, ILinkIndex index, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(index);
        if (!LooksLikeToken(token))
        {
            return new LinkNotRecognised();
        }
        if (await index.FindAsync(HashOf(token!), cancellationToken) is not { } target)
        {
            return new LinkNotRecognised();
        }
        var ring = keys.Ring;
        var parts = Parse(token);
        var keyId = parts?.KeyId ?? LinkKeyRing.FirstKeyId;
        if (ring.Find(keyId) is not { } key)
        {
            // A real person's link, signed with a key taken out of configuration altogether: withdrawn, as if retired.
            return new LinkWithdrawn(target, keyId);
        }
        var expected = parts is { } p ? Signature(key, p.LinkId, target.ReviewId, target.RespondentKey) : LegacyToken(key.Secret, target.ReviewId, target.RespondentKey);
        var presented = parts?.Signature ?? token!;
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(presented)))
        {
            return new LinkNotRecognised();
        }
        return key.IsRetired ? new LinkWithdrawn(target, keyId) : new LinkValid(target, keyId);
    }

    /// <summary>
    /// The index entries for the links the events create, so the index commits with them: an officer's when they
    /// are first asked something, a manager's when an officer's questions are escalated to them. Keyed by link id,
    /// which no key rotation changes.
    /// </summary>
    public IReadOnlyList<IndexedLink> IndexFor(string reviewId, IEnumerable<ReviewEvent> events, ReviewState before)
    {
        var ring = keys.Ring;
        return [.. events.SelectMany(e => e switch
            {
                RequestSent r => [new Respondent(r.OfficerEmail)],
                Escalated { ManagerEmail: { } manager } x => [new Respondent(manager, before.FindAssignment(x.AssignmentId)?.OfficerEmail ?? "")],
                // The owner of a recommendation or remedy uses the same one link per review, and so does a manager it is escalated to.
                FollowUpChanged { Change: RecommendationRecorded recorded } => [new Respondent(recorded.Owner.Email)],
                FollowUpChanged { Change: OwnerChanged changed } => [new Respondent(changed.To.Email)],
                FollowUpChanged { Change: UpdateEscalated { ManagerEmail: { } manager } } f => [new Respondent(manager, OwnerAt(f.FollowUpId, events, before))],
                _ => Array.Empty<Respondent>(),
            })
            .Where(r => r.OnBehalfOf is not "")
            .Distinct()
            .Select(r => new IndexedLink(IndexKey(LinkId(ring, reviewId, r.Key)), r.Key))];
    }

    /// <summary>Who owns a follow-up when it is escalated: as recorded before these events, or by one of them.</summary>
    private static string OwnerAt(string followUpId, IEnumerable<ReviewEvent> events, ReviewState before) =>
        events.OfType<FollowUpChanged>().Where(f => f.FollowUpId == followUpId).Select(f => f.Change switch
        {
            RecommendationRecorded r => r.Owner.Email,
            OwnerChanged o => o.To.Email,
            _ => null,
        }).LastOrDefault(email => email is not null)
        ?? before.FollowUps.GetValueOrDefault(followUpId)?.Owner?.Email
        ?? "";

    private static string LinkId(LinkKeyRing ring, string reviewId, string respondentKey) =>
        Base64Url(SHA256.HashData(Encoding.UTF8.GetBytes(LegacyToken(ring.IdKey, reviewId, respondentKey))));

    /// <summary>A link as made before key ids: HMAC-SHA256 with the first key. Its SHA-256 is the link id.</summary>
    private static string LegacyToken(byte[] key, string reviewId, string respondentKey) =>
        Base64Url(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"respond/v2/{reviewId}/{respondentKey}")));

    private static string Signature(LinkKey key, string linkId, string reviewId, string respondentKey) =>
        Base64Url(HMACSHA256.HashData(key.Secret, Encoding.UTF8.GetBytes($"respond/v3/{key.Id}/{linkId}/{reviewId}/{respondentKey}"))[..SignatureBytes]);

    private static string IndexKey(string linkId) => Convert.ToHexStringLower(FromBase64Url(linkId));

    private static bool IsLegacy(string? token) => token is { Length: LinkIdLength } && token.All(IsBase64Url);

    private static (string KeyId, string LinkId, string Signature)? Parse(string? token)
    {
        var parts = token?.Split('.');
        return parts is [var keyId, var linkId, var signature]
            && LinkKeyRing.IsKeyId(keyId)
            && linkId.Length == LinkIdLength && linkId.All(IsBase64Url)
            && signature.Length == SignatureLength && signature.All(IsBase64Url)
            ? (keyId, linkId, signature)
            : null;
    }

    private static bool IsBase64Url(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_';

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] FromBase64Url(string text) =>
        Convert.FromBase64String(text.Replace('-', '+').Replace('_', '/') + new string('=', (4 - (text.Length % 4)) % 4));
}
