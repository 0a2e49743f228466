using Microsoft.Extensions.Options;
using ScrutinyWorkflow.Web.Deployment;

namespace ScrutinyWorkflow.Web.SignIn;

/// <summary>
/// Checked before the host listens. In <c>Local</c> mode nobody signs in, so the host must be reachable only from this
/// machine; in <c>EntraId</c> mode the app registration's settings must all be there.
/// </summary>
internal sealed class SignInSettingsCheck(IConfiguration configuration) : IValidateOptions<SignInOptions>
{
    public const string EntraSection = "AzureAd";

    private static readonly string[] Required = ["Instance", "TenantId", "ClientId"];

    public ValidateOptionsResult Validate(string? name, SignInOptions options) => options.Mode switch
    {
        SignInMode.Local => LoopbackAddresses.Refusal(LoopbackAddresses.Configured(configuration)) is { } refusal
            ? ValidateOptionsResult.Fail(refusal)
            : ValidateOptionsResult.Success,
        SignInMode.EntraId => CheckEntraId(),
        _ => ValidateOptionsResult.Fail($"{SignInOptions.Section}:Mode must be Local or EntraId."),
    };

    private ValidateOptionsResult CheckEntraId()
    {
        var section = configuration.GetSection(EntraSection);
        var missing = Required
            .Where(key => string.IsNullOrWhiteSpace(section[key]))
            .Select(key => $"{EntraSection}:{key}")
            .ToList();
        if (string.IsNullOrWhiteSpace(section["ClientSecret"]) && !section.GetSection("ClientCredentials").GetChildren().Any())
        {
            missing.Add($"{EntraSection}:ClientSecret (or {EntraSection}:ClientCredentials)");
        }
        var failures = missing.Select(key => $"{SignInOptions.Section}:Mode is EntraId but {key} is not set; see the README, \"Signing in\".").ToList();
        if (section["TenantId"] is "common" or "organizations" or "consumers")
        {
            failures.Add($"{EntraSection}:TenantId must be the council's own tenant id, not \"{section["TenantId"]}\": only the council's own accounts may sign in.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
