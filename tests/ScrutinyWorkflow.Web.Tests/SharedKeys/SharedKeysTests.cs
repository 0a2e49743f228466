using Azure.Core;
using Azure.Storage.Blobs;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ScrutinyWorkflow.Tests.Shared;
using ScrutinyWorkflow.Web.Deployment;
using ScrutinyWorkflow.Web.SharedKeys;

namespace ScrutinyWorkflow.Web.Tests.SharedKeys;

/// <summary>
/// Several instances serve one council: a form or sign-in cookie one instance protected is read by another, because
/// they share one key ring in the storage account, each key wrapped by the council's Key Vault key.
/// </summary>
public sealed class SharedKeysTests : IAsyncLifetime
{
    private const string Container = "dataprotection";

    private Azurite azurite = null!;
    private FakeKeyVault vault = null!;

    public async Task InitializeAsync()
    {
        azurite = await Azurite.StartAsync();
        vault = await FakeKeyVault.StartAsync();
    }

    /// <summary>One instance's services, from the settings a deployment gives it.</summary>
    private IHost Instance(bool wrapped = true)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Scrutiny:Storage:ConnectionString"] = azurite.ConnectionString,
            ["Scrutiny:DataProtection:BlobContainer"] = Container,
            ["Scrutiny:DataProtection:KeyUri"] = wrapped ? vault.KeyUri.AbsoluteUri : null,
        });
        builder.AddSharedKeys(DeploymentProfile.Read(builder, ProductHost.FunctionsWorker));
        builder.Services.Replace(ServiceDescriptor.Singleton<TokenCredential>(new FakeCredential()));
        return builder.Build();
    }

    private static IDataProtector Protector(IHost instance) => instance.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("antiforgery");

    private string KeyRing() =>
        new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient(Container).GetBlobClient(BlobKeyRing.BlobName).DownloadContent().Value.Content.ToString();

    [Fact]
    public void What_one_instance_protects_another_reads()
    {
        using var first = Instance();
        using var second = Instance();

        var token = Protector(first).Protect("a form's token");

        Assert.Equal("a form's token", Protector(second).Unprotect(token));
    }

    [Fact]
    public void The_key_ring_in_storage_holds_each_key_only_wrapped_by_the_vault()
    {
        using var instance = Instance();

        Protector(instance).Protect("anything");

        var ring = KeyRing();
        Assert.Contains("<encryptedKey", ring, StringComparison.Ordinal);
        Assert.Contains($"/keys/{FakeKeyVault.KeyName}/{FakeKeyVault.Version}", ring, StringComparison.Ordinal);
        Assert.DoesNotContain("<masterKey", ring, StringComparison.Ordinal);
        Assert.Contains(vault.Received, r => r.Path.EndsWith("/wrapkey", StringComparison.Ordinal));
    }

    [Fact]
    public void Without_a_vault_key_the_ring_is_shared_but_not_wrapped()
    {
        // The control for the test above: the key material is in the ring, readable, when nothing wraps it.
        using var instance = Instance(wrapped: false);

        Protector(instance).Protect("anything");

        Assert.Contains("<masterKey", KeyRing(), StringComparison.Ordinal);
        Assert.Equal(0, vault.Operations);
    }

    [Fact]
    public void A_new_instance_after_a_restart_reads_what_an_old_one_protected()
    {
        string token;
        using (var before = Instance())
        {
            token = Protector(before).Protect("a sign-in cookie");
        }

        using var after = Instance();

        Assert.Equal("a sign-in cookie", Protector(after).Unprotect(token));
        Assert.Contains(vault.Received, r => r.Path.EndsWith("/unwrapkey", StringComparison.Ordinal));
    }

    [Fact]
    public void An_identity_the_vault_refuses_gets_an_error_that_names_the_role_it_needs()
    {
        using var instance = Instance();
        vault.Forbidden = true;

        var error = Assert.ThrowsAny<Exception>(() => Protector(instance).Protect("anything"));

        Assert.Contains("Key Vault Crypto User", error.ToString(), StringComparison.Ordinal);
    }

    public async Task DisposeAsync()
    {
        await vault.DisposeAsync();
        await azurite.DisposeAsync();
    }
}
