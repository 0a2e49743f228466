using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using ScrutinyWorkflow.Web.Hosting;
using ScrutinyWorkflow.Web.Statements;

namespace ScrutinyWorkflow.Functions.Hosting;

/// <summary>
/// The storage account, as <c>Scrutiny:Storage</c> names it: by <c>AccountName</c> with the app's managed identity in
/// Azure (no key anywhere), or by <c>ConnectionString</c> locally (Azurite).
/// </summary>
public static class AccountStorage
{
    public static TableServiceClient Tables(StorageOptions storage, TokenCredential credential) =>
        storage.ConnectionString is { Length: > 0 } connection ? new TableServiceClient(connection)
            : new TableServiceClient(Endpoint(storage, "table"), credential);

    public static BlobServiceClient Blobs(StorageOptions storage, TokenCredential credential) =>
        storage.ConnectionString is { Length: > 0 } connection ? new BlobServiceClient(connection)
            : new BlobServiceClient(Endpoint(storage, "blob"), credential);

    /// <summary>
    /// Statements filed to Blob Storage reach the account by managed identity when only its name is given; the web
    /// host's registration (a connection string) stands otherwise.
    /// </summary>
    public static IHostApplicationBuilder AddAccountStorage(this IHostApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection(ScrutinyOptions.Section).Get<ScrutinyOptions>() ?? new ScrutinyOptions();
        var filing = builder.Configuration.GetSection(FilingOptions.Section).Get<FilingOptions>() ?? new FilingOptions();
        var blobTarget = filing.Target is { Length: > 0 } named ? named.Equals("Blob", StringComparison.OrdinalIgnoreCase) : settings.IsDurable;
        if (blobTarget && settings.Storage.ConnectionString is not { Length: > 0 } && filing.Blob.ConnectionString is not { Length: > 0 } && settings.Storage.AccountName is { Length: > 0 })
        {
            builder.Services.AddSingleton<IStatementFiling>(sp => new BlobStatementFiling(
                Blobs(sp.GetRequiredService<IOptions<ScrutinyOptions>>().Value.Storage, Credential()).GetBlobContainerClient(sp.GetRequiredService<IOptions<FilingOptions>>().Value.Blob.Container)));
        }
        return builder;
    }

    /// <summary>The app's managed identity in Azure (AZURE_CLIENT_ID names the user-assigned one), a developer's sign-in locally.</summary>
    public static TokenCredential Credential() => new DefaultAzureCredential();

    private static Uri Endpoint(StorageOptions storage, string service) =>
        new($"https://{storage.AccountName}.{service}.core.windows.net");
}
