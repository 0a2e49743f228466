using System.ComponentModel.DataAnnotations;

namespace ScrutinyWorkflow.Web.Links;

/// <summary>
/// The keys response links are signed with, when they come from configuration (Key Vault in Azure, where every host
/// must share them): <c>Scrutiny:Links:Keys:{id}</c> (base64 of 32+ random bytes each), the one new links are made
/// with, and those retired. Left empty, the keys live in the data folder and are rotated through the API.
/// </summary>
public sealed class LinksOptions : IValidatableObject
{
    public const string Section = "Scrutiny:Links";

    public Dictionary<string, string> Keys { get; set; } = [];

    public string? CurrentKeyId { get; set; }

    public List<string> RetiredKeyIds { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Keys.Count == 0)
        {
            if (CurrentKeyId is not null || RetiredKeyIds.Count > 0)
            {
                yield return new ValidationResult("Scrutiny:Links:CurrentKeyId and RetiredKeyIds need the keys they name in Scrutiny:Links:Keys.", [nameof(Keys)]);
            }
            yield break;
        }
        foreach (var (id, key) in Keys)
        {
            if (!LinkKeyRing.IsKeyId(id) || id == LinkKeyRing.FirstKeyId)
            {
                yield return new ValidationResult($"Scrutiny:Links:Keys:{id}: a key id is 1 to 16 lower-case letters and digits, and not '{LinkKeyRing.FirstKeyId}' (that is Scrutiny:LinkKey or link.key).", [nameof(Keys)]);
            }
            else if (LinkKeyRing.Decode(key) is null)
            {
                yield return new ValidationResult($"Scrutiny:Links:Keys:{id} must be base64 of at least 32 random bytes.", [nameof(Keys)]);
            }
        }
        if (CurrentKeyId is null || (CurrentKeyId != LinkKeyRing.FirstKeyId && !Keys.ContainsKey(CurrentKeyId)))
        {
            yield return new ValidationResult("Scrutiny:Links:CurrentKeyId must name one of Scrutiny:Links:Keys (or k0), the key new links are made with.", [nameof(CurrentKeyId)]);
        }
        else if (RetiredKeyIds.Contains(CurrentKeyId))
        {
            yield return new ValidationResult($"Scrutiny:Links:CurrentKeyId {CurrentKeyId} is retired: make another key current first.", [nameof(CurrentKeyId)]);
        }
        foreach (var retired in RetiredKeyIds.Where(r => r != LinkKeyRing.FirstKeyId && !Keys.ContainsKey(r)))
        {
            yield return new ValidationResult($"Scrutiny:Links:RetiredKeyIds names {retired}, which is not in Scrutiny:Links:Keys: keep a retired key's entry, so its links say they were withdrawn.", [nameof(RetiredKeyIds)]);
        }
    }
}
