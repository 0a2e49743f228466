using System.ComponentModel.DataAnnotations;

namespace ScrutinyWorkflow.Web.Statements;

/// <summary>The "Scrutiny:Statement" section: how the committee papers are written and sent.</summary>
public sealed class StatementOptions : IValidatableObject
{
    public const string Section = "Scrutiny:Statement";

    /// <summary>The appendix number the position statement has in the agenda pack.</summary>
    [Range(1, 99)]
    public int AppendixNumber { get; set; } = 1;

    /// <summary>Whose report the cover report is ("Director of Governance"); blank leaves it for the author.</summary>
    public string ReportOf { get; set; } = "";

    /// <summary>The contact the cover report names; the scrutiny team when blank.</summary>
    public string ContactName { get; set; } = "";

    public string ContactEmail { get; set; } = "";

    /// <summary>A council Word template (.dotx) for styles, header and footer, relative to the content root.</summary>
    public string? TemplatePath { get; set; }

    /// <summary>The largest total of Word attachments the panel's email carries; above it, the email links to them.</summary>
    [Range(0, 100L * 1024 * 1024)]
    public long MaxAttachmentBytes { get; set; } = 10L * 1024 * 1024;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (TemplatePath is { Length: > 0 } template && !template.EndsWith(".dotx", StringComparison.OrdinalIgnoreCase) && !template.EndsWith(".docx", StringComparison.OrdinalIgnoreCase))
        {
            yield return new ValidationResult($"Scrutiny:Statement:TemplatePath '{template}' must be a Word template (.dotx) or document (.docx).", [nameof(TemplatePath)]);
        }
    }
}

/// <summary>The "Scrutiny:Filing" section: where released statements are filed.</summary>
public sealed class FilingOptions : IValidatableObject
{
    public const string Section = "Scrutiny:Filing";

    /// <summary>"Folder" (the data folder), "Blob" (Azure Blob Storage) or "SharePoint" (a document library through Microsoft Graph); by default Folder on the embedded runtime and Blob on the Durable one.</summary>
    public string? Target { get; set; }

    public BlobFilingOptions Blob { get; set; } = new();

    public SharePointOptions SharePoint { get; set; } = new();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Target is { Length: > 0 } target && !new[] { "Folder", "Blob", "SharePoint" }.Contains(target, StringComparer.OrdinalIgnoreCase))
        {
            yield return new ValidationResult($"Scrutiny:Filing:Target '{target}' must be Folder, Blob or SharePoint.", [nameof(Target)]);
        }
        if (!System.Text.RegularExpressions.Regex.IsMatch(Blob.Container, "^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$"))
        {
            yield return new ValidationResult($"Scrutiny:Filing:Blob:Container '{Blob.Container}' must be 3 to 63 lower-case letters, digits and single hyphens.", [nameof(Blob)]);
        }
        if (string.Equals(Target, "SharePoint", StringComparison.OrdinalIgnoreCase))
        {
            if (string.IsNullOrWhiteSpace(SharePoint.SiteId) || string.IsNullOrWhiteSpace(SharePoint.DriveId))
            {
                yield return new ValidationResult("Scrutiny:Filing:SharePoint:SiteId and DriveId must name the document library when filing to SharePoint.", [nameof(SharePoint)]);
            }
            if (!Uri.TryCreate(SharePoint.GraphBaseUrl, UriKind.Absolute, out var graph) || (graph.Scheme != Uri.UriSchemeHttps && !graph.IsLoopback))
            {
                yield return new ValidationResult($"Scrutiny:Filing:SharePoint:GraphBaseUrl '{SharePoint.GraphBaseUrl}' must be an https URL.", [nameof(SharePoint)]);
            }
            if (SharePoint.ChunkBytes <= 0 || SharePoint.ChunkBytes % SharePointOptions.ChunkMultiple != 0 || SharePoint.ChunkBytes > 60L * 1024 * 1024)
            {
                yield return new ValidationResult($"Scrutiny:Filing:SharePoint:ChunkBytes must be a multiple of {SharePointOptions.ChunkMultiple} (320 KiB), at most 60 MiB, as Graph requires.", [nameof(SharePoint)]);
            }
        }
    }
}

public sealed class BlobFilingOptions
{
    /// <summary>The storage account; the Durable runtime's (Scrutiny:Storage:ConnectionString) when blank.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The council's container.</summary>
    public string Container { get; set; } = "statements";
}

public sealed class SharePointOptions
{
    public const int ChunkMultiple = 320 * 1024;

    public string SiteId { get; set; } = "";

    public string DriveId { get; set; } = "";

    /// <summary>The folder in the library statements go under ("Scrutiny/Position statements").</summary>
    public string Folder { get; set; } = "";

    public string GraphBaseUrl { get; set; } = "https://graph.microsoft.com/v1.0";

    /// <summary>The size of each upload-session chunk (Graph wants multiples of 320 KiB).</summary>
    public long ChunkBytes { get; set; } = 10 * ChunkMultiple;
}
