using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.Options;
using Microsoft.Graph;
using Microsoft.Kiota.Authentication.Azure;

namespace ScrutinyWorkflow.Web.Graph;

/// <summary>One Graph client for the product: its sign-in from settings, its HTTP client with retries and backoff (429 with Retry-After, 5xx, timeouts).</summary>
public static class GraphRegistration
{
    public const string HttpClientName = "Graph";

    public static IServiceCollection AddGraphClient(this IServiceCollection services)
    {
        // Mail and the directory may both use Graph: one client, one set of retries.
        if (services.Any(s => s.ServiceType == typeof(GraphServiceClient)))
        {
            return services;
        }
        services.AddOptions<GraphOptions>().BindConfiguration(GraphOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddHttpClient(HttpClientName).AddStandardResilienceHandler();
        services.TryAddGraphCredential();
        services.AddSingleton(sp =>
        {
            var baseUrl = sp.GetRequiredService<IOptions<GraphOptions>>().Value.BaseUrl.TrimEnd('/');
            // The token goes only to the configured Graph host, never to a host a response names.
            var signIn = new AzureIdentityAuthenticationProvider(sp.GetRequiredService<GraphCredential>().Credential, [new Uri(baseUrl).Host], scopes: GraphOptions.DefaultScopes);
            return new GraphServiceClient(sp.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName), signIn, baseUrl);
        });
        return services;
    }

    private static void TryAddGraphCredential(this IServiceCollection services)
    {
        if (services.Any(s => s.ServiceType == typeof(GraphCredential)))
        {
            return;
        }
        services.AddSingleton(sp => new GraphCredential(Credential(sp.GetRequiredService<IOptions<GraphOptions>>().Value)));
    }

    private static TokenCredential Credential(GraphOptions options) =>
        options.UsesSecret ? new ClientSecretCredential(options.TenantId, options.ClientId, options.ClientSecret)
        : options.UsesCertificate ? new ClientCertificateCredential(options.TenantId, options.ClientId, options.CertificatePath, new ClientCertificateCredentialOptions())
        : new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = options.ClientId, TenantId = options.TenantId });
}

/// <summary>The sign-in Graph calls use; tests put a local one in its place.</summary>
public sealed record GraphCredential(TokenCredential Credential);
