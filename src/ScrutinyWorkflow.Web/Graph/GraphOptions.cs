using System.ComponentModel.DataAnnotations;

namespace ScrutinyWorkflow.Web.Graph;

/// <summary>
/// The "Scrutiny:Graph" section: how the product signs in to the council's Microsoft 365 (Entra ID) as an
/// application, for the officer directory and mail through Graph. A client secret or a certificate when set;
/// otherwise managed identity in Azure (a developer's own sign-in locally).
/// </summary>
public sealed class GraphOptions : IValidatableObject
{
    public const string Section = "Scrutiny:Graph";

    public static readonly string[] DefaultScopes = ["https://graph.microsoft.com/.default"];

    public string BaseUrl { get; set; } = "https://graph.microsoft.com/v1.0";

    public string? TenantId { get; set; }

    public string? ClientId { get; set; }

    /// <summary>From Key Vault, never from a file in the repository.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>A PEM or unprotected .pfx file with the certificate and its key, for certificate sign-in instead of a secret.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>How long a directory answer is trusted before Graph is asked again.</summary>
    public TimeSpan CacheFor { get; set; } = TimeSpan.FromMinutes(10);

    public bool UsesSecret => !string.IsNullOrWhiteSpace(ClientSecret);

    public bool UsesCertificate => !string.IsNullOrWhiteSpace(CertificatePath);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Uri.TryCreate(BaseUrl, UriKind.Absolute, out var uri) || !(uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback)))
        {
            yield return new ValidationResult($"Scrutiny:Graph:BaseUrl '{BaseUrl}' must be an https URL (https://graph.microsoft.com/v1.0).", [nameof(BaseUrl)]);
        }
        if ((UsesSecret || UsesCertificate) && (string.IsNullOrWhiteSpace(TenantId) || string.IsNullOrWhiteSpace(ClientId)))
        {
            yield return new ValidationResult("Scrutiny:Graph:TenantId and Scrutiny:Graph:ClientId must be set to sign in with a client secret or certificate.", [nameof(TenantId)]);
        }
        if (UsesSecret && UsesCertificate)
        {
            yield return new ValidationResult("Set Scrutiny:Graph:ClientSecret or Scrutiny:Graph:CertificatePath, not both.", [nameof(ClientSecret)]);
        }
        if (CacheFor < TimeSpan.Zero || CacheFor > TimeSpan.FromHours(1))
        {
            yield return new ValidationResult("Scrutiny:Graph:CacheFor must be between 00:00:00 and 01:00:00: directory answers are kept for minutes, not for ever.", [nameof(CacheFor)]);
        }
    }
}
