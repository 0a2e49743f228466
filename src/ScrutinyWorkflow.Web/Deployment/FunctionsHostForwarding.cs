using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace ScrutinyWorkflow.Web.Deployment;

/// <summary>
/// In the Functions app every request reaches the worker from the Functions host on the same instance, so the worker
/// sees each caller as a loopback address: per-address rate limits would count the whole internet as one caller, and
/// the loopback-only pages would open to anyone. The platform's front end names the caller in X-Forwarded-For and the
/// host passes it on, so that one entry, the last, is believed when (and only when) the request came from the host.
/// </summary>
internal static class FunctionsHostForwarding
{
    public static ForwardedHeadersOptions Options()
    {
        var options = new ForwardedHeadersOptions
        {
            ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto,
            // One hop: the entry the platform wrote, never one a caller wrote before it.
            ForwardLimit = 1,
            RequireHeaderSymmetry = false,
        };
        options.KnownIPNetworks.Clear();
        options.KnownProxies.Clear();
        options.KnownProxies.Add(IPAddress.Loopback);
        options.KnownProxies.Add(IPAddress.IPv6Loopback);
        return options;
    }
}
