using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using ScrutinyWorkflow.Core.Reviews;

namespace ScrutinyWorkflow.Web.ReviewPages;

/// <summary>A focus report read on the Start page: its file's name, and what was read from it.</summary>
public sealed record KeptReport(string FileName, string? Title, YearMonth? Published, IReadOnlyList<AreaInput> Areas);

/// <summary>
/// When the Start page comes back with an error (a date refused, a panel address mistyped), a browser will not send the
/// chosen file again, and choosing it again is easy to forget. So what was read from the report goes back in the form,
/// protected by the host's Data Protection keys (shared by every instance) so it cannot be altered, and is used when the
/// form is sent again without a new file. Nothing is stored on the server; a kept report lapses after a working day.
/// </summary>
public static class KeptReports
{
    public const string Field = "kept-report";

    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(12);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string Keep(IDataProtectionProvider keys, KeptReport report)
    {
        ArgumentNullException.ThrowIfNull(keys);
        return Protector(keys).Protect(JsonSerializer.Serialize(report, Json), Lifetime);
    }

    /// <summary>The report kept in the form, or null when there is none, it has lapsed, or it is not one this service kept.</summary>
    public static KeptReport? Find(IDataProtectionProvider keys, string? token)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (string.IsNullOrWhiteSpace(token))
        {
            return null;
        }
        try
        {
            return JsonSerializer.Deserialize<KeptReport>(Protector(keys).Unprotect(token), Json);
        }
        catch (Exception ex) when (ex is CryptographicException or JsonException or FormatException)
        {
            return null;
        }
    }

    private static ITimeLimitedDataProtector Protector(IDataProtectionProvider keys) =>
        keys.CreateProtector("ScrutinyWorkflow.ReviewPages.KeptReport").ToTimeLimitedDataProtector();
}
