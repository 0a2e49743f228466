using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace ScrutinyWorkflow.Web.SignIn;

/// <summary>
/// Where the host listens, as far as Local mode cares: every address must be this machine's loopback, or anyone who can
/// reach the machine would be the scrutiny officer.
/// </summary>
internal static class LoopbackAddresses
{
    /// <summary>The addresses configuration asks for: <c>urls</c> (ASPNETCORE_URLS, --urls) and Kestrel's endpoints.</summary>
    public static IReadOnlyList<(string Address, string Source)> Configured(IConfiguration configuration)
    {
        var addresses = new List<(string, string)>();
        foreach (var url in (configuration["urls"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            addresses.Add((url, "urls (ASPNETCORE_URLS or --urls)"));
        }
        foreach (var endpoint in configuration.GetSection("Kestrel:Endpoints").GetChildren())
        {
            if (endpoint["Url"] is { Length: > 0 } url)
            {
                addresses.Add((url, $"Kestrel:Endpoints:{endpoint.Key}:Url"));
            }
        }
        return addresses;
    }

    /// <summary>The addresses the server really listens on, once it has started (code can add endpoints configuration does not show).</summary>
    public static IReadOnlyList<(string Address, string Source)> Listening(IServer server) =>
        [.. (server.Features.Get<IServerAddressesFeature>()?.Addresses ?? []).Select(address => (address, "the server's own endpoints"))];

    /// <summary>Why the host must not start, naming the first address that is not loopback; null when all are.</summary>
    public static string? Refusal(IReadOnlyList<(string Address, string Source)> addresses) =>
        addresses.FirstOrDefault(a => !IsLoopback(a.Address)) is ({ } address, { } source)
            ? $"{SignInOptions.Section}:Mode is Local, where nobody signs in and every request is the scrutiny officer, so the host " +
              $"listens only on this machine's loopback; but it is set to listen on {address} (from {source}). Listen on " +
              "http://localhost:<port> or http://127.0.0.1:<port> (ASPNETCORE_URLS), or set Scrutiny:SignIn:Mode to EntraId so people " +
              "sign in with their council account (README, \"Signing in\")."
            : null;

    public static bool IsLoopback(string address)
    {
        BindingAddress parsed;
        try
        {
            parsed = BindingAddress.Parse(address);
        }
        catch (FormatException)
        {
            return false;
        }
        if (parsed.IsUnixPipe || parsed.IsNamedPipe)
        {
            // A socket file is usually put behind a proxy that the network reaches.
            return false;
        }
        return IsLoopbackName(parsed.Host);
    }

    /// <summary>A host name that can only mean this machine: <c>localhost</c> or a loopback address, bracketed or not.</summary>
    public static bool IsLoopbackName(string host)
    {
        var name = host.Trim('[', ']');
        return string.Equals(name, "localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(name, out var ip) && IPAddress.IsLoopback(ip));
    }
}
