using ScrutinyWorkflow.Tests.Shared;
using ScrutinyWorkflow.Web.Deployment;
using ScrutinyWorkflow.Web.Tests;

namespace ScrutinyWorkflow.Functions.Tests.Publishing;

/// <summary>The published worker, started with a deployment's settings: it starts only where someone must sign in.</summary>
[Trait("Speed", "Slow")]
public sealed class PublishedWorkerTests(PublishedApp app) : IClassFixture<PublishedApp>, IDisposable
{
    private readonly TemporaryFolder data = new();

    /// <summary>What every deployment sets, whatever sign-in it has (the sample directory is the app's own file here).</summary>
    private Dictionary<string, string> Settings(params (string Key, string Value)[] more)
    {
        var settings = new Dictionary<string, string>
        {
            ["Scrutiny__DataPath"] = data.Path,
            ["Scrutiny__DirectoryPath"] = Path.Combine(Loopback.RepositoryRoot(), "samples", "directory.json"),
            ["Scrutiny__PublicBaseUrl"] = "https://scrutiny-fn.azurewebsites.net",
            ["Scrutiny__TeamEmail"] = "scrutiny@council.example",
        };
        foreach (var (key, value) in more)
        {
            settings[key] = value;
        }
        return settings;
    }

    private static readonly (string, string)[] EntraId =
    [
        ("Scrutiny__SignIn__Mode", "EntraId"),
        ("AzureAd__Instance", "https://login.microsoftonline.com/"),
        ("AzureAd__TenantId", "6f1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"),
        ("AzureAd__ClientId", "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"),
        ("AzureAd__ClientSecret", "from-key-vault"),
    ];

    [Fact]
    public async Task In_azure_with_no_sign_in_settings_the_worker_refuses_to_start_and_says_what_to_set()
    {
        Assert.True(app.ExitCode == 0, app.Output);

        var run = await PublishedWorker.RunAsync(app.Folder, Settings((DeploymentProfile.AzureInstanceVariable, "0123abcd")));

        Assert.NotEqual(0, run.ExitCode);
        Assert.False(run.ReachedTheFunctionsHost, run.Output);
        Assert.Contains("This deployment cannot start", run.Output, StringComparison.Ordinal);
        Assert.Contains("Scrutiny:SignIn:Mode to EntraId", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Outside_development_the_worker_refuses_to_start_without_sign_in_even_off_azure()
    {
        Assert.True(app.ExitCode == 0, app.Output);

        var run = await PublishedWorker.RunAsync(app.Folder, Settings());

        Assert.False(run.ReachedTheFunctionsHost, run.Output);
        Assert.Contains("AZURE_FUNCTIONS_ENVIRONMENT=Development", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_azure_with_entra_id_sign_in_the_worker_passes_every_start_up_check_and_calls_the_functions_host()
    {
        Assert.True(app.ExitCode == 0, app.Output);

        var run = await PublishedWorker.RunAsync(app.Folder, Settings([(DeploymentProfile.AzureInstanceVariable, "0123abcd"), .. EntraId]));

        Assert.True(run.ReachedTheFunctionsHost, run.Output);
        Assert.DoesNotContain("OptionsValidationException", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("FileNotFoundException", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task On_a_developers_machine_the_worker_may_run_without_sign_in()
    {
        Assert.True(app.ExitCode == 0, app.Output);

        var run = await PublishedWorker.RunAsync(app.Folder, Settings(("AZURE_FUNCTIONS_ENVIRONMENT", "Development")));

        Assert.True(run.ReachedTheFunctionsHost, run.Output);
    }

    public void Dispose() => data.Dispose();
}
