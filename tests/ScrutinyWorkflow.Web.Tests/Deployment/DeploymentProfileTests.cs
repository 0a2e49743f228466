using Microsoft.Extensions.Configuration;
using ScrutinyWorkflow.Web.Deployment;

namespace ScrutinyWorkflow.Web.Tests.Deployment;

/// <summary>The deployment is decided once, from configuration, and an unsafe one is refused before anything is registered.</summary>
public sealed class DeploymentProfileTests
{
    private static DeploymentProfile Read(ProductHost host, bool isDevelopment, params (string Key, string Value)[] settings) =>
        DeploymentProfile.Read(
            new ConfigurationBuilder().AddInMemoryCollection(settings.ToDictionary(s => s.Key, s => (string?)s.Value)).Build(), host, isDevelopment);

    [Fact]
    public void With_nothing_set_it_is_the_embedded_product_on_one_machine()
    {
        var profile = Read(ProductHost.WebHost, isDevelopment: false);

        Assert.Equal(
            (ProductHost.WebHost, false, ReviewRuntime.Embedded, new StorageAccount(null, null), SignInMode.Local, MailProvider.Outbox, DirectoryProvider.File, FilingTarget.Folder),
            (profile.Host, profile.InAzure, profile.Runtime, profile.Storage, profile.SignIn, profile.Mail, profile.Directory, profile.Filing));
        Assert.True(profile.RunsBackgroundJobs);
        Assert.Empty(profile.Problems());
    }

    [Fact]
    public void Each_choice_is_read_whatever_its_case_and_filing_defaults_to_blob_on_the_durable_runtime()
    {
        var profile = Read(
            ProductHost.FunctionsWorker, isDevelopment: false,
            ("Scrutiny:Runtime", "durable"), ("Scrutiny:Storage:AccountName", "stscrutiny"), ("Scrutiny:SignIn:Mode", "ENTRAID"),
            ("Scrutiny:Mail:Provider", "notify"), ("Scrutiny:Directory:Provider", "Graph"));

        Assert.Equal(ReviewRuntime.Durable, profile.Runtime);
        Assert.Equal(new StorageAccount(null, "stscrutiny"), profile.Storage);
        Assert.Equal(SignInMode.EntraId, profile.SignIn);
        Assert.Equal(MailProvider.Notify, profile.Mail);
        Assert.Equal(DirectoryProvider.Graph, profile.Directory);
        Assert.Equal(FilingTarget.Blob, profile.Filing);
        Assert.False(profile.RunsBackgroundJobs);
        Assert.Empty(profile.Problems());
    }

    [Theory]
    [InlineData(ProductHost.WebHost, true)]
    [InlineData(ProductHost.WebHost, false)]
    [InlineData(ProductHost.FunctionsWorker, true)]
    [InlineData(ProductHost.FunctionsWorker, false)]
    public void Local_sign_in_is_refused_in_azure_whatever_the_host_and_environment(ProductHost host, bool isDevelopment)
    {
        var profile = Read(host, isDevelopment, (DeploymentProfile.AzureInstanceVariable, "a1b2c3"));

        var problem = Assert.Single(profile.Problems());
        Assert.Contains("Scrutiny:SignIn:Mode is Local", problem, StringComparison.Ordinal);
        Assert.Contains("EntraId", problem, StringComparison.Ordinal);
        var refusal = Assert.Throws<InvalidOperationException>(() => profile.ThrowIfUnsafe());
        Assert.Contains(problem, refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Local_sign_in_in_the_functions_worker_is_refused_outside_development_and_allowed_on_a_developers_machine()
    {
        var production = Read(ProductHost.FunctionsWorker, isDevelopment: false);
        var development = Read(ProductHost.FunctionsWorker, isDevelopment: true);

        Assert.Contains("AZURE_FUNCTIONS_ENVIRONMENT=Development", Assert.Single(production.Problems()), StringComparison.Ordinal);
        Assert.Empty(development.Problems());
    }

    [Fact]
    public void The_web_host_on_a_machine_of_its_own_may_run_without_sign_in_in_production()
    {
        // Its own checks keep it on loopback and answering loopback names only.
        Assert.Empty(Read(ProductHost.WebHost, isDevelopment: false).Problems());
    }

    [Fact]
    public void Entra_id_sign_in_in_azure_is_a_deployment_that_starts()
    {
        var profile = Read(ProductHost.FunctionsWorker, isDevelopment: false, (DeploymentProfile.AzureInstanceVariable, "a1b2c3"), ("Scrutiny:SignIn:Mode", "EntraId"));

        Assert.True(profile.InAzure);
        Assert.Empty(profile.Problems());
        Assert.Same(profile, profile.ThrowIfUnsafe());
    }

    [Theory]
    [InlineData("Scrutiny:Runtime", "Cloud", "Embedded, Durable")]
    [InlineData("Scrutiny:SignIn:Mode", "Anyone", "Local, EntraId")]
    [InlineData("Scrutiny:SignIn:Mode", "1", "Local, EntraId")]
    [InlineData("Scrutiny:Mail:Provider", "Pigeon", "Outbox, SendGrid, Graph, Notify, Smtp")]
    [InlineData("Scrutiny:Directory:Provider", "Ldap", "File, Graph")]
    [InlineData("Scrutiny:Filing:Target", "Fax", "Folder, Blob, SharePoint")]
    public void A_choice_no_deployment_has_is_refused_naming_the_setting_and_what_it_may_be(string key, string value, string choices)
    {
        var profile = Read(ProductHost.WebHost, isDevelopment: true, (key, value));

        Assert.Equal($"{key} '{value}' must be one of {choices}.", Assert.Single(profile.Problems()));
    }
}
