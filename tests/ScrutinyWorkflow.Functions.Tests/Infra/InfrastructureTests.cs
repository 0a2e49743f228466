using System.Reflection;
using System.Text.Json;

namespace ScrutinyWorkflow.Functions.Tests.Infra;

/// <summary>
/// The Bicep in infra/ compiles and lints cleanly with every linter rule an error, the app's identity is granted each
/// role on one resource only, and every choice the template offers (mail provider, filing target) gives the app every
/// setting that choice needs, read from what a deployment with that choice would make (<c>bicep snapshot</c>).
/// </summary>
[Trait("Speed", "Slow")]
public sealed class InfrastructureTests
{
    private const string BlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
    private const string QueueDataContributor = "974c5e8b-45b9-4653-ba55-5f855dd0fb88";
    private const string TableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";
    private const string KeyVaultSecretsUser = "4633458b-17de-408a-b874-0445c86b69e6";
    private const string KeyVaultCryptoUser = "12338af0-0e69-4776-bea7-57ae8d297424";
    private const string MonitoringMetricsPublisher = "3913510d-42f4-4e42-8a64-420c390055eb";

    /// <summary>The linter rules of the compiler the tests run (infra/bicepconfig.json names each of them).</summary>
    private const string BicepVersion = "0.49.2";
    private const int BicepLinterRules = 54;

    private const string SignInClientId = "11111111-2222-3333-4444-555555555555";
    private const string TeamEmail = "scrutiny@council.example";

    /// <summary>The parameters every deployment needs; a choice's own come after.</summary>
    internal static readonly string[] Required =
    [
        "name = 'scrutiny'",
        "councilName = 'Testshire County Council'",
        $"teamEmail = '{TeamEmail}'",
        $"signInClientId = '{SignInClientId}'",
    ];

    /// <summary>Each mail provider the template offers, with the parameters a council choosing it sets.</summary>
    public static TheoryData<string, string[]> MailChoices => new()
    {
        { "Graph", [] },
        { "SendGrid", [] },
        { "Notify", ["notifyTemplateId = 'f33517ff-2a88-4f6e-b855-c550268ce08a'", "notifyReplyToId = '8e222534-7f05-4972-86e3-17c5d9f894e2'"] },
        { "Smtp", ["smtpHost = 'relay.council.example'", "smtpUserName = 'scrutiny'"] },
    };

    /// <summary>Each filing target the template offers, with the parameters a council choosing it sets.</summary>
    public static TheoryData<string, string[]> FilingChoices => new()
    {
        { "Blob", [] },
        { "SharePoint", ["sharePointSiteId = 'council.sharepoint.com,1,2'", "sharePointDriveId = 'b!drive'", "sharePointFolder = 'Scrutiny/Position statements'"] },
    };

    [Theory]
    [InlineData("build", "main.bicep")]
    [InlineData("build-params", "main.bicepparam")]
    public void The_templates_compile_with_no_error_or_warning(string command, string file)
    {
        var build = Bicep.Build(command, file);

        Assert.True(build.ExitCode == 0, build.Messages);
        Assert.Equal("", build.Messages.Trim());
        Assert.NotEmpty(build.Output);
    }

    [Theory]
    [InlineData("main.bicep")]
    [InlineData("main.bicepparam")]
    public void The_templates_pass_the_linter_with_every_rule_an_error(string file)
    {
        var lint = Bicep.Lint(file);

        Assert.True(lint.ExitCode == 0, lint.Messages);
        Assert.Equal("", lint.Messages.Trim());
    }

    [Fact]
    public void The_linter_configuration_turns_on_every_rule_of_the_compiler_at_level_error()
    {
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(Bicep.Infra, "bicepconfig.json")));
        var core = config.RootElement.GetProperty("analyzers").GetProperty("core");
        var rules = core.GetProperty("rules").EnumerateObject().ToList();
        var package = typeof(Bicep).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "BicepPackage").Value!;

        // Another compiler may bring rules of its own: list them in bicepconfig.json, then change the version here.
        Assert.Equal(BicepVersion, Path.GetFileName(package.TrimEnd('/', '\\')));
        Assert.True(core.GetProperty("enabled").GetBoolean());
        Assert.Equal(BicepLinterRules, rules.Count);
        Assert.All(rules, rule => Assert.Equal("error", rule.Value.GetProperty("level").GetString()));
    }

    [Fact]
    public void Every_role_is_granted_on_the_storage_account_the_key_vault_its_key_or_application_insights_and_never_the_resource_group()
    {
        var template = Bicep.Template();
        var assignments = template.GetProperty("resources").EnumerateArray().Where(r => r.GetProperty("type").GetString() == "Microsoft.Authorization/roleAssignments").ToList();

        var scopes = assignments.ToDictionary(a => Role(a, template), a => a.TryGetProperty("scope", out var scope) ? scope.GetString()! : "the resource group");

        Assert.Equal(
            new Dictionary<string, string>
            {
                [BlobDataOwner] = "Microsoft.Storage/storageAccounts",
                [QueueDataContributor] = "Microsoft.Storage/storageAccounts",
                [TableDataContributor] = "Microsoft.Storage/storageAccounts",
                [KeyVaultSecretsUser] = "Microsoft.KeyVault/vaults",
                [KeyVaultCryptoUser] = "Microsoft.KeyVault/vaults/keys",
                [MonitoringMetricsPublisher] = "Microsoft.Insights/components",
            }.OrderBy(p => p.Key, StringComparer.Ordinal),
            scopes.ToDictionary(p => p.Key, p => ResourceType(p.Value)).OrderBy(p => p.Key, StringComparer.Ordinal));
    }

    [Fact]
    public void The_app_runs_on_flex_consumption_as_dotnet_10_isolated_with_storage_by_identity_and_no_secret_in_its_settings()
    {
        var resources = Deployment.Value;
        var plan = Single(resources, "Microsoft.Web/serverfarms");
        var app = Single(resources, "Microsoft.Web/sites").GetProperty("properties");
        var storage = Single(resources, "Microsoft.Storage/storageAccounts").GetProperty("properties");
        var settings = Settings(resources);

        Assert.Equal("FlexConsumption", plan.GetProperty("sku").GetProperty("tier").GetString());
        Assert.Equal("dotnet-isolated", app.GetProperty("functionAppConfig").GetProperty("runtime").GetProperty("name").GetString());
        Assert.Equal("10.0", app.GetProperty("functionAppConfig").GetProperty("runtime").GetProperty("version").GetString());
        Assert.False(storage.GetProperty("allowSharedKeyAccess").GetBoolean());
        Assert.Equal("managedidentity", settings["AzureWebJobsStorage__credential"]);
        Assert.All(settings.Values, value =>
        {
            Assert.DoesNotContain("AccountKey", value, StringComparison.Ordinal);
            Assert.DoesNotContain("listKeys", value, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void The_storage_account_holds_the_reports_statements_and_data_protection_containers_and_the_template_gives_the_app_url()
    {
        var containers = Deployment.Value.Where(r => Type(r) == "Microsoft.Storage/storageAccounts/blobServices/containers").Select(r => r.GetProperty("name").GetString()!.Split('/')[^1]);

        Assert.Equal(["app-package", "dataprotection", "reports", "statements"], containers.Order(StringComparer.Ordinal));
        Assert.Contains("defaultHostName", Bicep.Template().GetProperty("outputs").GetProperty("appUrl").GetProperty("value").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void People_sign_in_with_the_councils_entra_id_through_the_app_registration_whose_secret_is_in_key_vault()
    {
        var settings = Settings(Deployment.Value);

        Assert.Equal("EntraId", settings["Scrutiny__SignIn__Mode"]);
        Assert.Equal(Bicep.TenantId, settings["AzureAd__TenantId"]);
        Assert.Equal(SignInClientId, settings["AzureAd__ClientId"]);
        Assert.NotEmpty(settings["AzureAd__Instance"]);
        AssertSecret("SignInClientSecret", settings["AzureAd__ClientSecret"]);
        AssertSecret("LinkKey", settings["Scrutiny__LinkKey"]);
    }

    [Fact]
    public void Data_protection_keys_go_to_their_container_wrapped_by_an_rsa_key_in_the_vault_named_without_its_version()
    {
        var resources = Deployment.Value;
        var key = Single(resources, "Microsoft.KeyVault/vaults/keys");
        var settings = Settings(resources);

        Assert.EndsWith("/dataprotection", key.GetProperty("name").GetString(), StringComparison.Ordinal);
        Assert.Equal("RSA", key.GetProperty("properties").GetProperty("kty").GetString());
        Assert.Equal(2048, key.GetProperty("properties").GetProperty("keySize").GetInt32());
        Assert.Equal("dataprotection", settings["Scrutiny__DataProtection__BlobContainer"]);
        Assert.Contains("/keys/dataprotection'", settings["Scrutiny__DataProtection__KeyUri"], StringComparison.Ordinal);
        Assert.EndsWith(".keyUri]", settings["Scrutiny__DataProtection__KeyUri"], StringComparison.Ordinal);
    }

    [Fact]
    public void Telemetry_is_sent_as_the_identity_and_officers_are_read_from_entra_id_as_it()
    {
        var settings = Settings(Deployment.Value);
        var clientId = settings["AZURE_CLIENT_ID"];

        Assert.Contains("userAssignedIdentities/", clientId, StringComparison.Ordinal);
        Assert.Contains("Authorization=AAD", settings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"], StringComparison.Ordinal);
        Assert.Contains(clientId[1..^1], settings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"], StringComparison.Ordinal);
        Assert.NotEmpty(settings["APPLICATIONINSIGHTS_CONNECTION_STRING"]);
        Assert.Equal("Graph", settings["Scrutiny__Directory__Provider"]);
        Assert.Equal(Bicep.TenantId, settings["Scrutiny__Graph__TenantId"]);
        Assert.Equal(clientId, settings["Scrutiny__Graph__ClientId"]);
    }

    [Fact]
    public void The_choices_tested_here_are_every_choice_the_template_offers()
    {
        var parameters = Bicep.Template().GetProperty("parameters");

        Assert.Equal(MailChoices.Select(c => (string)c[0]).Order(StringComparer.Ordinal), Allowed(parameters, "mailProvider"));
        Assert.Equal(FilingChoices.Select(c => (string)c[0]).Order(StringComparer.Ordinal), Allowed(parameters, "filingTarget"));
    }

    [Theory]
    [MemberData(nameof(MailChoices))]
    public void Each_mail_provider_gets_every_setting_the_app_needs_for_it(string provider, string[] parameters)
    {
        var settings = Settings(Bicep.Snapshot([.. Required, $"mailProvider = '{provider}'", .. parameters]));

        Assert.Equal(provider, settings["Scrutiny__Mail__Provider"]);
        Assert.Equal("EntraId", settings["Scrutiny__SignIn__Mode"]);
        var own = settings.Keys.Where(k => k.StartsWith("Scrutiny__Mail__", StringComparison.Ordinal) && k is not "Scrutiny__Mail__Provider" and not "Scrutiny__Mail__CouncilName").Order(StringComparer.Ordinal).ToList();
        switch (provider)
        {
            case "Graph":
                Assert.Equal(["Scrutiny__Mail__Graph__Mailbox"], own);
                Assert.Equal(TeamEmail, settings["Scrutiny__Mail__Graph__Mailbox"]);
                break;
            case "SendGrid":
                Assert.Equal(["Scrutiny__Mail__SendGrid__ApiKey"], own);
                AssertSecret("SendGridApiKey", settings["Scrutiny__Mail__SendGrid__ApiKey"]);
                break;
            case "Notify":
                Assert.Equal(["Scrutiny__Mail__Notify__ApiKey", "Scrutiny__Mail__Notify__ReplyToId", "Scrutiny__Mail__Notify__TemplateId"], own);
                AssertSecret("NotifyApiKey", settings["Scrutiny__Mail__Notify__ApiKey"]);
                Assert.Equal("f33517ff-2a88-4f6e-b855-c550268ce08a", settings["Scrutiny__Mail__Notify__TemplateId"]);
                Assert.Equal("8e222534-7f05-4972-86e3-17c5d9f894e2", settings["Scrutiny__Mail__Notify__ReplyToId"]);
                break;
            case "Smtp":
                Assert.Equal(["Scrutiny__Mail__Smtp__Host", "Scrutiny__Mail__Smtp__Password", "Scrutiny__Mail__Smtp__Port", "Scrutiny__Mail__Smtp__StartTls", "Scrutiny__Mail__Smtp__UserName"], own);
                Assert.Equal("relay.council.example", settings["Scrutiny__Mail__Smtp__Host"]);
                Assert.Equal("587", settings["Scrutiny__Mail__Smtp__Port"]);
                Assert.Equal("true", settings["Scrutiny__Mail__Smtp__StartTls"]);
                Assert.Equal("scrutiny", settings["Scrutiny__Mail__Smtp__UserName"]);
                AssertSecret("SmtpPassword", settings["Scrutiny__Mail__Smtp__Password"]);
                break;
            default:
                Assert.Fail($"No expectation for the mail provider {provider}.");
                break;
        }
    }

    [Fact]
    public void A_relay_that_trusts_the_app_gets_neither_user_name_nor_password_and_notify_without_a_reply_to_keeps_the_services_default()
    {
        var smtp = Settings(Bicep.Snapshot([.. Required, "mailProvider = 'Smtp'", "smtpHost = 'relay.council.example'", "smtpPort = 25", "smtpStartTls = false"]));
        var notify = Settings(Bicep.Snapshot([.. Required, "mailProvider = 'Notify'", "notifyTemplateId = 'f33517ff-2a88-4f6e-b855-c550268ce08a'"]));

        Assert.Equal("25", smtp["Scrutiny__Mail__Smtp__Port"]);
        Assert.Equal("false", smtp["Scrutiny__Mail__Smtp__StartTls"]);
        Assert.DoesNotContain("Scrutiny__Mail__Smtp__UserName", smtp.Keys);
        Assert.DoesNotContain("Scrutiny__Mail__Smtp__Password", smtp.Keys);
        Assert.DoesNotContain("Scrutiny__Mail__Notify__ReplyToId", notify.Keys);
    }

    [Theory]
    [MemberData(nameof(FilingChoices))]
    public void Each_filing_target_gets_every_setting_the_app_needs_for_it(string target, string[] parameters)
    {
        var settings = Settings(Bicep.Snapshot([.. Required, $"filingTarget = '{target}'", .. parameters]));

        Assert.Equal(target, settings["Scrutiny__Filing__Target"]);
        var own = settings.Keys.Where(k => k.StartsWith("Scrutiny__Filing__", StringComparison.Ordinal) && k != "Scrutiny__Filing__Target").Order(StringComparer.Ordinal).ToList();
        switch (target)
        {
            case "Blob":
                Assert.Equal(["Scrutiny__Filing__Blob__Container"], own);
                Assert.Equal("statements", settings["Scrutiny__Filing__Blob__Container"]);
                Assert.NotEmpty(settings["Scrutiny__Storage__AccountName"]);
                break;
            case "SharePoint":
                Assert.Equal(["Scrutiny__Filing__SharePoint__DriveId", "Scrutiny__Filing__SharePoint__Folder", "Scrutiny__Filing__SharePoint__SiteId"], own);
                Assert.Equal("council.sharepoint.com,1,2", settings["Scrutiny__Filing__SharePoint__SiteId"]);
                Assert.Equal("b!drive", settings["Scrutiny__Filing__SharePoint__DriveId"]);
                Assert.Equal("Scrutiny/Position statements", settings["Scrutiny__Filing__SharePoint__Folder"]);
                Assert.Contains("userAssignedIdentities/", settings["AZURE_CLIENT_ID"], StringComparison.Ordinal);
                break;
            default:
                Assert.Fail($"No expectation for the filing target {target}.");
                break;
        }
    }

    [Fact]
    public void The_focus_report_feed_is_set_only_with_an_address_and_a_report_that_arrives_unattended_has_its_panel_and_meeting()
    {
        var without = Settings(Deployment.Value);
        var with = Settings(Bicep.Snapshot([.. Required, "focusReportFeedUrl = 'https://ombudsman.example/focus-reports.atom'", "focusReportPanelEmail = 'democratic.services@council.example'"]));

        Assert.DoesNotContain("Scrutiny__FocusReports__FeedUrl", without.Keys);
        Assert.Equal(TeamEmail, without["Scrutiny__FocusReports__PanelEmail"]);
        Assert.Equal("https://ombudsman.example/focus-reports.atom", with["Scrutiny__FocusReports__FeedUrl"]);
        Assert.Equal("democratic.services@council.example", with["Scrutiny__FocusReports__PanelEmail"]);
        Assert.Equal("Overview and Scrutiny Committee", with["Scrutiny__FocusReports__PanelName"]);
        Assert.Equal("8", with["Scrutiny__FocusReports__WeeksToMeeting"]);
        Assert.Equal("00:01:00", with["Scrutiny__FocusReports__DownloadTimeout"]);
    }

    /// <summary>A deployment with the defaults: Graph mail, Blob filing, no feed.</summary>
    private static readonly Lazy<IReadOnlyList<JsonElement>> Deployment = new(() => Bicep.Snapshot(Required));

    private static string Type(JsonElement resource) => resource.GetProperty("type").GetString()!;

    private static JsonElement Single(IEnumerable<JsonElement> resources, string type) => resources.Single(r => Type(r) == type);

    /// <summary>The Function App's settings by name; a value Azure fills in at deployment stays its expression.</summary>
    internal static Dictionary<string, string> Settings(IEnumerable<JsonElement> resources) =>
        Single(resources, "Microsoft.Web/sites").GetProperty("properties").GetProperty("siteConfig").GetProperty("appSettings").EnumerateArray()
            .ToDictionary(s => s.GetProperty("name").GetString()!, s => s.GetProperty("value").GetString()!);

    /// <summary>A Key Vault reference by the secret's URI to the named secret in the template's vault, resolved as the app starts.</summary>
    private static void AssertSecret(string secret, string value)
    {
        Assert.StartsWith("[format('@Microsoft.KeyVault(SecretUri={0}secrets/{1})', reference('", value, StringComparison.Ordinal);
        Assert.Contains("Microsoft.KeyVault/vaults/kv-", value, StringComparison.Ordinal);
        Assert.EndsWith($".vaultUri, '{secret}')]", value, StringComparison.Ordinal);
    }

    private static IEnumerable<string> Allowed(JsonElement parameters, string name) =>
        parameters.GetProperty(name).GetProperty("allowedValues").EnumerateArray().Select(v => v.GetString()!).Order(StringComparer.Ordinal);

    /// <summary>The role's id, from "[subscriptionResourceId('...roleDefinitions', variables('roles').name)]" and the variable.</summary>
    private static string Role(JsonElement assignment, JsonElement template)
    {
        var definition = assignment.GetProperty("properties").GetProperty("roleDefinitionId").GetString()!;
        var name = definition[(definition.LastIndexOf('.') + 1)..^2];
        return template.GetProperty("variables").GetProperty("roles").GetProperty(name).GetString()!;
    }

    /// <summary>The resource type a scope expression names: "[resourceId('Microsoft.Storage/storageAccounts', ...)]".</summary>
    private static string ResourceType(string scope) =>
        scope.StartsWith("[resourceId('", StringComparison.Ordinal) ? scope.Split('\'')[1] : scope;
}
