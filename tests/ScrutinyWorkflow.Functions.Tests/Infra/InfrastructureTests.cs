using System.Reflection;
using System.Text.Json;

namespace ScrutinyWorkflow.Functions.Tests.Infra;

/// <summary>
/// The Bicep in infra/ compiles and lints cleanly with every linter rule an error, and the app's identity is granted each
/// role on one resource only.
/// </summary>
public sealed class InfrastructureTests
{
    private const string BlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
    private const string QueueDataContributor = "974c5e8b-45b9-4653-ba55-5f855dd0fb88";
    private const string TableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";
    private const string KeyVaultSecretsUser = "4633458b-17de-408a-b874-0445c86b69e6";
    private const string MonitoringMetricsPublisher = "3913510d-42f4-4e42-8a64-420c390055eb";

    /// <summary>The linter rules of the compiler the tests run (infra/bicepconfig.json names each of them).</summary>
    private const string BicepVersion = "0.49.2";
    private const int BicepLinterRules = 54;

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
    public void Every_role_is_granted_on_the_storage_account_the_key_vault_or_application_insights_and_never_the_resource_group()
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
                [MonitoringMetricsPublisher] = "Microsoft.Insights/components",
            }.OrderBy(p => p.Key, StringComparer.Ordinal),
            scopes.ToDictionary(p => p.Key, p => ResourceType(p.Value)).OrderBy(p => p.Key, StringComparer.Ordinal));
    }

    [Fact]
    public void The_app_runs_on_flex_consumption_as_dotnet_10_isolated_with_storage_by_identity_and_no_secret_in_its_settings()
    {
        var resources = Resources().ToList();
        var plan = resources.Single(r => r.GetProperty("type").GetString() == "Microsoft.Web/serverfarms");
        var app = resources.Single(r => r.GetProperty("type").GetString() == "Microsoft.Web/sites").GetProperty("properties");
        var settings = app.GetProperty("siteConfig").GetProperty("appSettings").GetRawText();
        var storage = resources.Single(r => r.GetProperty("type").GetString() == "Microsoft.Storage/storageAccounts").GetProperty("properties");

        Assert.Equal("FlexConsumption", plan.GetProperty("sku").GetProperty("tier").GetString());
        Assert.Equal("dotnet-isolated", app.GetProperty("functionAppConfig").GetProperty("runtime").GetProperty("name").GetString());
        Assert.Equal("10.0", app.GetProperty("functionAppConfig").GetProperty("runtime").GetProperty("version").GetString());
        Assert.False(storage.GetProperty("allowSharedKeyAccess").GetBoolean());
        Assert.Contains("AzureWebJobsStorage__accountName", settings, StringComparison.Ordinal);
        Assert.DoesNotContain("AccountKey", settings, StringComparison.Ordinal);
        Assert.DoesNotContain("listKeys", settings, StringComparison.Ordinal);
        Assert.Contains("@Microsoft.KeyVault(VaultName=", settings, StringComparison.Ordinal);
    }

    [Fact]
    public void The_storage_account_holds_the_reports_and_statements_containers_and_the_template_gives_the_app_url()
    {
        var template = Bicep.Template();
        var containers = template.GetProperty("resources").EnumerateArray()
            .Single(r => r.GetProperty("type").GetString() == "Microsoft.Storage/storageAccounts/blobServices/containers");

        Assert.Contains("'reports'", containers.GetRawText(), StringComparison.Ordinal);
        Assert.Contains("'statements'", containers.GetRawText(), StringComparison.Ordinal);
        Assert.Contains("defaultHostName", template.GetProperty("outputs").GetProperty("appUrl").GetProperty("value").GetString(), StringComparison.Ordinal);
    }

    private static IEnumerable<JsonElement> Resources() => Bicep.Template().GetProperty("resources").EnumerateArray();

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
