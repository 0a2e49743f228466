using System.Text;
using System.Text.Json;
using ScrutinyWorkflow.Web.Hosting;

namespace ScrutinyWorkflow.Web.Links;

/// <summary>What came of retiring a key.</summary>
public enum RetireOutcome
{
    Retired,
    AlreadyRetired,
    Unknown,
    Current,
}

/// <summary>
/// The link key ring in use, and where it is kept: the data folder (<c>link.key</c> for the first key, <c>link-keys.json</c>
/// for the keys made since and which are retired), rotated and retired through the API; or configuration
/// (<see cref="LinksOptions"/>, from Key Vault in Azure), which only a change of configuration rotates. Every rotation
/// and retirement is logged, by key id: a key or a token never reaches a log.
/// </summary>
public sealed class LinkKeys
{
    public const string RingFileName = "link-keys.json";

    private readonly Lock changing = new();
    private readonly string? ringFile;
    private readonly ILogger logger;
    private volatile LinkKeyRing ring;

    private LinkKeys(LinkKeyRing ring, string? ringFile, ILogger logger) => (this.ring, this.ringFile, this.logger) = (ring, ringFile, logger);

    /// <summary>One key, in memory: for tools and tests that make links without a data folder.</summary>
    public LinkKeys(byte[] key)
        : this(LinkKeyRing.OfOneKey(key), null, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance)
    {
    }

    public LinkKeyRing Ring => ring;

    /// <summary>Whether the ring is kept in the data folder, so the API may rotate and retire keys (not when they come from configuration).</summary>
    public bool KeptInDataFolder => ringFile is not null;

    public static LinkKeys Load(ScrutinyOptions options, LinksOptions links, string dataPath, ILogger<LinkKeys> logger)
    {
        var idKey = FirstKey(options, dataPath);
        LinkKeys keys;
        if (links.Keys.Count > 0)
        {
            var retired = links.RetiredKeyIds.ToHashSet(StringComparer.Ordinal);
            var configured = links.Keys.Select(k => new LinkKey(k.Key, LinkKeyRing.Decode(k.Value)!));
            var all = new[] { new LinkKey(LinkKeyRing.FirstKeyId, idKey) }.Concat(configured)
                .Select(k => retired.Contains(k.Id) ? k with { RetiredAt = DateTimeOffset.MinValue } : k)
                .ToList();
            keys = new LinkKeys(new LinkKeyRing(idKey, all, links.CurrentKeyId!), null, logger);
        }
        else
        {
            var file = Path.Combine(dataPath, RingFileName);
            var ring = File.Exists(file) ? RingFile.Read(file, idKey) : LinkKeyRing.OfOneKey(idKey);
            if (!File.Exists(file))
            {
                // Written at first start, so a link.key lost or replaced later is noticed rather than breaking every link.
                AtomicFile.Write(file, RingFile.Write(ring), replace: false);
                ring = RingFile.Read(file, idKey);
            }
            keys = new LinkKeys(ring, file, logger);
        }
        var now = keys.Ring;
        logger.LogInformation("Response links are signed with key {Current}; keys still verifying: {Verifying}; retired: {Retired} (kept in {Where}).",
            now.Current.Id, string.Join(", ", now.Keys.Where(k => !k.IsRetired && k.Id != now.Current.Id).Select(k => k.Id)),
            string.Join(", ", now.Keys.Where(k => k.IsRetired).Select(k => k.Id)), keys.KeptInDataFolder ? "the data folder" : "configuration");
        return keys;
    }

    /// <summary>Makes a new key current. Links made with the others keep working until their key is retired.</summary>
    public LinkKey Rotate(DateTimeOffset now)
    {
        lock (changing)
        {
            var before = ring;
            var after = before.Rotated(LinkKeyRing.NewSecret(), now);
            Save(after);
            logger.LogWarning("Link key {New} made current in place of {Old}: new links are signed with it; links made with {Old} still work until it is retired.",
                after.Current.Id, before.Current.Id, before.Current.Id);
            return after.Current;
        }
    }

    /// <summary>Retires a key: every link signed with it is withdrawn (its page says so), and people are sent fresh ones by reminders.</summary>
    public RetireOutcome Retire(string id, DateTimeOffset now)
    {
        lock (changing)
        {
            var before = ring;
            switch (before.Find(id))
            {
                case null:
                    return RetireOutcome.Unknown;
                case { IsRetired: true }:
                    return RetireOutcome.AlreadyRetired;
                case var key when key.Id == before.Current.Id:
                    return RetireOutcome.Current;
            }
            Save(before.Retired(id, now));
            logger.LogWarning("Link key {KeyId} retired: every response link signed with it is withdrawn.", id);
            return RetireOutcome.Retired;
        }
    }

    private void Save(LinkKeyRing next)
    {
        if (ringFile is null)
        {
            throw new InvalidOperationException("The link keys come from configuration: rotate or retire them there (Scrutiny:Links).");
        }
        AtomicFile.Write(ringFile, RingFile.Write(next), replace: true);
        ring = next;
    }

    /// <summary>The first key, from configuration or made once and kept in the data folder.</summary>
    private static byte[] FirstKey(ScrutinyOptions options, string dataPath)
    {
        if (options.LinkKey is { Length: > 0 } configured)
        {
            return Convert.FromBase64String(configured);
        }
        var path = Path.Combine(dataPath, "link.key");
        // Two processes starting together must end up with one key: the first file written wins, and both read it.
        AtomicFile.Write(path, Encoding.ASCII.GetBytes(Convert.ToBase64String(LinkKeyRing.NewSecret())), replace: false);
        return Convert.FromBase64String(File.ReadAllText(path).Trim());
    }

    /// <summary><c>link-keys.json</c>: the keys made since the first (which stays in <c>link.key</c>), which is current, and which are retired.</summary>
    private static class RingFile
    {
        private sealed record Entry(string Id, string? Secret, DateTimeOffset? Created, DateTimeOffset? Retired);

        private sealed record Content(string IdKeyCheck, string Current, List<Entry> Keys);

        private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

        public static byte[] Write(LinkKeyRing ring) => JsonSerializer.SerializeToUtf8Bytes(new Content(
            ring.IdKeyCheck,
            ring.Current.Id,
            [.. ring.Keys.Select(k => new Entry(k.Id, k.Id == LinkKeyRing.FirstKeyId ? null : Convert.ToBase64String(k.Secret), k.Created, k.RetiredAt))]), Json);

        public static LinkKeyRing Read(string path, byte[] idKey)
        {
            Content content;
            try
            {
                content = JsonSerializer.Deserialize<Content>(File.ReadAllBytes(path), Json) ?? throw new JsonException("empty");
            }
            catch (JsonException ex)
            {
                throw new InvalidOperationException($"{path} is not a link key ring this product wrote ({ex.Message}). Restore it from a backup.", ex);
            }
            var ring = LinkKeyRing.OfOneKey(idKey);
            if (content.IdKeyCheck != ring.IdKeyCheck)
            {
                throw new InvalidOperationException(
                    $"The first link key (Scrutiny:LinkKey or link.key beside {path}) is not the one this data's response links were made with, so every link " +
                    "already sent would stop working. Restore the original key. To withdraw links, retire keys instead (POST /api/links/keys/{id}/retire; see README).");
            }
            var keys = content.Keys.Select(e => new LinkKey(e.Id, e.Id == LinkKeyRing.FirstKeyId ? idKey : LinkKeyRing.Decode(e.Secret)
                ?? throw new InvalidOperationException($"{path}: key {e.Id} is not base64 of at least 32 bytes. Restore the file from a backup."), e.Created, e.Retired)).ToList();
            return new LinkKeyRing(idKey, keys, content.Current);
        }
    }
}
