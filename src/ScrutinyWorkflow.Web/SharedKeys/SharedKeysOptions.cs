namespace ScrutinyWorkflow.Web.SharedKeys;

/// <summary>
/// The "Scrutiny:DataProtection" section: where the keys that protect sign-in cookies and form tokens are kept when
/// several instances serve one council, so a form rendered by one instance can be posted to another.
/// </summary>
public sealed class SharedKeysOptions
{
    public const string Section = "Scrutiny:DataProtection";

    /// <summary>A blob container in the storage account (Scrutiny:Storage) that holds the key ring; blank keeps keys on this machine.</summary>
    public string? BlobContainer { get; set; }

    /// <summary>A Key Vault key (its URI, with or without a version) that wraps every key in the ring; blank leaves them unwrapped.</summary>
    public Uri? KeyUri { get; set; }
}
