using Azure.Core;
using Azure.Identity;

namespace ScrutinyWorkflow.Web.Deployment;

/// <summary>Who the app is to Azure: one credential for storage, SharePoint filing and telemetry, never a secret in settings.</summary>
public static class AppIdentity
{
    /// <summary>The app's managed identity in Azure (AZURE_CLIENT_ID names the user-assigned one), a developer's own sign-in locally.</summary>
    public static TokenCredential Credential() => new DefaultAzureCredential();
}
