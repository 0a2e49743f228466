using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ScrutinyWorkflow.Web.Links;

/// <summary>A key response links are signed with. A retired key still checks its links' signatures, to say they were withdrawn.</summary>
public sealed record LinkKey(string Id, byte[] Secret, DateTimeOffset? Created = null, DateTimeOffset? RetiredAt = null)
{
    public bool IsRetired => RetiredAt is not null;
}

/// <summary>
/// The keys response links are signed with, as they stand: the current one signs new links; the others still verify
/// theirs until retired, when every link signed with them is withdrawn. The first key (<c>k0</c>, <c>Scrutiny:LinkKey</c> or
/// <c>link.key</c>) also derives each person's link id, which the link index is keyed by: it must never change, but
/// retiring it as a signing key withdraws its links like any other.
/// </summary>
public sealed class LinkKeyRing
{
    public const string FirstKeyId = "k0";

    private readonly Dictionary<string, LinkKey> byId;

    public LinkKeyRing(byte[] idKey, IReadOnlyList<LinkKey> keys, string currentId)
    {
        IdKey = idKey;
        Keys = keys;
        byId = keys.ToDictionary(k => k.Id, StringComparer.Ordinal);
        Current = byId.TryGetValue(currentId, out var current) && !current.IsRetired
            ? current
            : throw new InvalidOperationException($"The current link key {currentId} is unknown or retired.");
    }

    /// <summary>A ring of the one key, current: how every installation starts.</summary>
    public static LinkKeyRing OfOneKey(byte[] idKey) => new(idKey, [new LinkKey(FirstKeyId, idKey)], FirstKeyId);

    public byte[] IdKey { get; }

    public LinkKey Current { get; }

    public IReadOnlyList<LinkKey> Keys { get; }

    public LinkKey? Find(string id) => byId.GetValueOrDefault(id);

    /// <summary>A short check value of the first key, kept beside the ring so a changed or lost <c>link.key</c> is noticed at start.</summary>
    public string IdKeyCheck => Convert.ToHexStringLower(HMACSHA256.HashData(IdKey, "scrutiny/link-key-check"u8))[..16];

    /// <summary>A new key made current; the others keep verifying their links.</summary>
    public LinkKeyRing Rotated(byte[] secret, DateTimeOffset now)
    {
        var id = "k" + (Keys.Select(k => int.TryParse(k.Id.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0).Max() + 1).ToString(CultureInfo.InvariantCulture);
        return new LinkKeyRing(IdKey, [.. Keys, new LinkKey(id, secret, now)], id);
    }

    public LinkKeyRing Retired(string id, DateTimeOffset now) =>
        new(IdKey, [.. Keys.Select(k => k.Id == id && !k.IsRetired ? k with { RetiredAt = now } : k)], Current.Id);

    public static bool IsKeyId(string? id) => id is { Length: >= 1 and <= 16 } && id.All(c => char.IsAsciiDigit(c) || char.IsAsciiLetterLower(c));

    /// <summary>The key's bytes, or null when the text is not base64 of at least 32 bytes.</summary>
    public static byte[]? Decode(string? base64)
    {
        if (string.IsNullOrWhiteSpace(base64))
        {
            return null;
        }
        var buffer = new byte[base64.Length];
        return Convert.TryFromBase64String(base64.Trim(), buffer, out var written) && written >= 32 ? buffer[..written] : null;
    }

    public static byte[] NewSecret() => RandomNumberGenerator.GetBytes(32);

    internal static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
