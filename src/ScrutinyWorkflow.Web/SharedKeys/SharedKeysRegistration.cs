using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ScrutinyWorkflow.Web.Deployment;

namespace ScrutinyWorkflow.Web.SharedKeys;

public static class SharedKeysRegistration
{
    /// <summary>The application name every instance protects data under, so one instance reads what another wrote.</summary>
    public const string ApplicationName = "ScrutinyWorkflow";

    /// <summary>
    /// Data Protection (sign-in cookies, antiforgery tokens) with keys every instance shares: in the storage account's
    /// blob container and wrapped by a Key Vault key, as <c>Scrutiny:DataProtection</c> says. With neither set, the
    /// keys stay on this machine, as one machine needs.
    /// </summary>
    public static IHostApplicationBuilder AddSharedKeys(this IHostApplicationBuilder builder, DeploymentProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        builder.Services.AddOptions<SharedKeysOptions>().BindConfiguration(SharedKeysOptions.Section)
            .Validate(o => o.BlobContainer is not { Length: > 0 } || profile.Storage.IsNamed, "Scrutiny:DataProtection:BlobContainer needs the storage account named in Scrutiny:Storage (ConnectionString, or AccountName in Azure).")
            .Validate(o => o.KeyUri is null || (o.KeyUri.IsAbsoluteUri && (o.KeyUri.Scheme == Uri.UriSchemeHttps || o.KeyUri.IsLoopback)), "Scrutiny:DataProtection:KeyUri must be the https address of a Key Vault key.")
            .ValidateOnStart();
        builder.Services.AddDataProtection().SetApplicationName(ApplicationName);
        builder.Services.AddHttpClient<KeyVaultKeyWrap>();
        builder.Services.TryAddSingleton(_ => AppIdentity.Credential());
        builder.Services.AddOptions<KeyManagementOptions>().Configure<IServiceProvider>((keys, services) =>
        {
            var options = services.GetRequiredService<IOptions<SharedKeysOptions>>().Value;
            if (options.BlobContainer is { Length: > 0 } container && profile.Storage.IsNamed)
            {
                keys.XmlRepository = new BlobKeyRing(profile.Storage.Blobs().GetBlobContainerClient(container));
            }
            if (options.KeyUri is { } keyUri)
            {
                keys.XmlEncryptor = new KeyVaultXmlEncryptor(services.GetRequiredService<KeyVaultKeyWrap>(), keyUri);
            }
        });
        return builder;
    }
}
