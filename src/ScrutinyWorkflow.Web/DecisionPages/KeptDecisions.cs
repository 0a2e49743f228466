using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;

namespace ScrutinyWorkflow.Web.DecisionPages;

/// <summary>The decisions read from a file on the first page: the file's name, and each decision as the check page shows it.</summary>
public sealed record KeptUpload(string FileName, IReadOnlyList<DecisionRow> Decisions);

/// <summary>
/// When the first page comes back with an error after its file was read (the pasted text beside it was no statement),
/// a browser will not send the chosen file again. So what was read from it goes back in the form, protected by the
/// host's Data Protection keys so it cannot be altered, as the Start a review page keeps a report (see KeptReports),
/// and is used when the form is sent again without a new file.
/// </summary>
public static class KeptDecisions
{
    public const string Field = "kept-decisions";

    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(12);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string Keep(IDataProtectionProvider keys, KeptUpload upload)
    {
        ArgumentNullException.ThrowIfNull(keys);
        return Protector(keys).Protect(JsonSerializer.Serialize(upload, Json), Lifetime);
    }

    /// <summary>The upload kept in the form, or null when there is none, it has lapsed, or it is not one this service kept.</summary>
    public static KeptUpload? Find(IDataProtectionProvider keys, string? token)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (string.IsNullOrWhiteSpace(token))
        {
            return null;
        }
        try
        {
            return JsonSerializer.Deserialize<KeptUpload>(Protector(keys).Unprotect(token), Json);
        }
        catch (Exception ex) when (ex is CryptographicException or JsonException or FormatException)
        {
            return null;
        }
    }

    private static ITimeLimitedDataProtector Protector(IDataProtectionProvider keys) =>
        keys.CreateProtector("ScrutinyWorkflow.DecisionPages.KeptUpload").ToTimeLimitedDataProtector();
}
