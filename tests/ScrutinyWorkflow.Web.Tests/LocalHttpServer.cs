using System.Collections.Concurrent;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ScrutinyWorkflow.Web.Tests;

/// <summary>A request as a local server received it.</summary>
internal sealed record ReceivedRequest(string Method, string Path, string Query, IReadOnlyDictionary<string, string> Headers, string Body);

/// <summary>
/// Kestrel on a free loopback port, answering with a handler a test's fake service gives it, and keeping every
/// request it received (in order) for the test to read. The fakes of SendGrid, Notify and Graph stand on it.
/// </summary>
internal sealed class LocalHttpServer : IAsyncDisposable
{
    private readonly WebApplication app;

    private LocalHttpServer(WebApplication app) => this.app = app;

    public ConcurrentQueue<ReceivedRequest> Received { get; } = new();

    public string BaseUrl => app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

    /// <param name="certificate">When given, the server speaks https with it, for a fake whose clients insist on https.</param>
    public static async Task<LocalHttpServer> StartAsync(Func<ReceivedRequest, HttpContext, Task> handle, X509Certificate2? certificate = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        if (certificate is null)
        {
            builder.WebHost.UseUrls("http://127.0.0.1:0");
        }
        else
        {
            builder.WebHost.UseKestrelHttpsConfiguration();
            builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureHttpsDefaults(https => https.ServerCertificate = certificate));
            builder.WebHost.UseUrls("https://127.0.0.1:0");
        }
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new LocalHttpServer(app);
        app.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var request = new ReceivedRequest(context.Request.Method, Uri.UnescapeDataString(context.Request.Path.Value ?? ""), Uri.UnescapeDataString(context.Request.QueryString.Value ?? ""), context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase), await reader.ReadToEndAsync());
            server.Received.Enqueue(request);
            try
            {
                await handle(request, context);
            }
            catch (Exception e) when (!context.Response.HasStarted)
            {
                // A fake's own mistake, shown to the test rather than lost in a bare 500.
                context.Response.StatusCode = 500;
                await context.Response.WriteAsync($"the local server failed: {e}");
            }
        });
        await app.StartAsync();
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
