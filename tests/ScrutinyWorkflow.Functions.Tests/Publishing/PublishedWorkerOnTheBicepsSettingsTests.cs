using System.Security.Cryptography;
using System.Text.RegularExpressions;
using ScrutinyWorkflow.Functions.Tests.Infra;
using ScrutinyWorkflow.Web.Deployment;
using ScrutinyWorkflow.Web.Tests;

namespace ScrutinyWorkflow.Functions.Tests.Publishing;

/// <summary>
/// The published worker started with exactly the app settings a deployment of infra/ gives it, for each mail provider
/// and filing target the template offers, as Azure would start it: every start-up check passes and it calls the
/// Functions host. What Azure fills in at deployment (Key Vault references, the identity's client id, the telemetry
/// connection) is given a value of the right form; nothing else is added or taken away.
/// </summary>
[Trait("Speed", "Slow")]
public sealed partial class PublishedWorkerOnTheBicepsSettingsTests(PublishedApp app) : IClassFixture<PublishedApp>
{
    public static TheoryData<string> Choices => new()
    {
        "mailProvider = 'Graph'",
        "mailProvider = 'SendGrid'",
        "mailProvider = 'Notify'|notifyTemplateId = 'f33517ff-2a88-4f6e-b855-c550268ce08a'",
        "mailProvider = 'Smtp'|smtpHost = 'relay.council.example'|smtpUserName = 'scrutiny'",
        "mailProvider = 'Smtp'|smtpHost = 'relay.council.example'|smtpPort = 25|smtpStartTls = false",
        "filingTarget = 'SharePoint'|sharePointSiteId = 'council.sharepoint.com,1,2'|sharePointDriveId = 'b!drive'",
        "focusReportFeedUrl = 'https://ombudsman.example/focus-reports.atom'",
    };

    [Theory]
    [MemberData(nameof(Choices))]
    public async Task The_worker_passes_every_start_up_check_on_the_settings_the_bicep_gives_it(string choice)
    {
        Assert.True(app.ExitCode == 0, app.Output);
        using var data = new TemporaryFolder();
        var settings = InfrastructureTests.Settings(Bicep.Snapshot([.. InfrastructureTests.Required, .. choice.Split('|')]))
            .ToDictionary(s => s.Key, s => Resolve(s.Key, s.Value));
        // The instance's own disk, where the template names /tmp/scrutiny; and the mark of an Azure instance.
        settings["Scrutiny__DataPath"] = data.Path;
        settings[DeploymentProfile.AzureInstanceVariable] = "0123abcd";

        var run = await PublishedWorker.RunAsync(app.Folder, settings);

        Assert.True(run.ReachedTheFunctionsHost, run.Output);
        Assert.Equal("EntraId", settings["Scrutiny__SignIn__Mode"]);
    }

    /// <summary>A setting as the platform hands it to the worker once the deployment has run.</summary>
    private static string Resolve(string key, string value)
    {
        if (!value.StartsWith('['))
        {
            return value;
        }
        if (SecretReference().Match(value) is { Success: true } secret)
        {
            return secret.Groups[1].Value switch
            {
                "SignInClientSecret" => "the-app-registrations-client-secret",
                "LinkKey" => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
                "SendGridApiKey" => "SG.a-sendgrid-api-key",
                "NotifyApiKey" => $"scrutiny-{Guid.NewGuid()}-{Guid.NewGuid()}",
                "SmtpPassword" => "the-relays-password",
                var other => throw new InvalidOperationException($"{key} refers to the Key Vault secret {other}, which this test does not know a value for."),
            };
        }
        return key switch
        {
            "AZURE_CLIENT_ID" or "AzureWebJobsStorage__clientId" or "Scrutiny__Graph__ClientId" => "2b8c4d6e-0f1a-4b3c-9d5e-7f9a1b3c5d7e",
            "APPLICATIONINSIGHTS_CONNECTION_STRING" => "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://uksouth-1.in.applicationinsights.azure.com/",
            "APPLICATIONINSIGHTS_AUTHENTICATION_STRING" => "ClientId=2b8c4d6e-0f1a-4b3c-9d5e-7f9a1b3c5d7e;Authorization=AAD",
            "Scrutiny__DataProtection__KeyUri" => "https://kv-scrutiny.vault.azure.net/keys/dataprotection",
            "AzureAd__Instance" => "https://login.microsoftonline.com/",
            _ => throw new InvalidOperationException($"{key} is set to {value}, which Azure fills in at deployment and this test does not know a value for."),
        };
    }

    [GeneratedRegex(@"^\[format\('@Microsoft\.KeyVault\(SecretUri=\{0\}secrets/\{1\}\)', reference\(.*\)\.vaultUri, '([A-Za-z0-9-]+)'\)\]$")]
    private static partial Regex SecretReference();
}
