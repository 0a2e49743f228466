using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Azure.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ScrutinyWorkflow.Web.Tests.Statements;

/// <summary>
/// A small local server (Kestrel, on a free loopback port) speaking as much of Microsoft Graph's drive-item and
/// upload-session wire format as filing uses: GET a drive item by path, POST createUploadSession, PUT byte ranges to
/// the session's upload URL (202 with nextExpectedRanges, then 201 with the item), GET the upload URL for the ranges
/// still expected. It can drop the connection on a chunk, as a flaky network does, to show the upload resumes.
/// </summary>
internal sealed class FakeGraph : IAsyncDisposable
{
    public const string Token = "test-token";

    private readonly WebApplication app;
    private readonly ConcurrentDictionary<string, Session> sessions = new();
    private int chunksSeen;

    private FakeGraph(WebApplication app) => this.app = app;

    /// <summary>The library's files by their path under the drive's root.</summary>
    public ConcurrentDictionary<string, byte[]> Files { get; } = new();

    /// <summary>Which chunk PUT (1-based, counting every PUT) to drop the connection on, once; 0 for none.</summary>
    public int DropChunk { get; set; }

    public int SessionsCreated { get; private set; }

    public int ResumeQueries { get; private set; }

    public List<string> Problems { get; } = [];

    public string BaseUrl => app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/v1.0";

    public static async Task<FakeGraph> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var graph = new FakeGraph(app);
        app.Run(graph.HandleAsync);
        await app.StartAsync();
        return graph;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var path = Uri.UnescapeDataString(context.Request.Path.Value ?? "");
        if (path.StartsWith("/upload/", StringComparison.Ordinal))
        {
            await UploadAsync(context, path["/upload/".Length..]);
            return;
        }
        if (context.Request.Headers.Authorization != $"Bearer {Token}")
        {
            context.Response.StatusCode = 401;
            return;
        }
        const string Prefix = "/v1.0/sites/site-1/drives/drive-1/root:/";
        if (!path.StartsWith(Prefix, StringComparison.Ordinal))
        {
            context.Response.StatusCode = 404;
            return;
        }
        var item = path[Prefix.Length..];
        if (context.Request.Method == "POST" && item.EndsWith(":/createUploadSession", StringComparison.Ordinal))
        {
            var body = await JsonDocument.ParseAsync(context.Request.Body);
            if (body.RootElement.GetProperty("item").GetProperty("@microsoft.graph.conflictBehavior").GetString() != "fail")
            {
                Problems.Add("createUploadSession without conflictBehavior fail");
            }
            var id = Guid.NewGuid().ToString("N");
            sessions[id] = new Session(item[..^":/createUploadSession".Length]);
            SessionsCreated++;
            await context.Response.WriteAsJsonAsync(new { uploadUrl = $"{BaseUrl[..^"/v1.0".Length]}/upload/{id}", expirationDateTime = "2030-01-01T00:00:00Z", nextExpectedRanges = new[] { "0-" } });
            return;
        }
        if (context.Request.Method == "GET" && Files.ContainsKey(item))
        {
            await context.Response.WriteAsJsonAsync(new { name = item.Split('/')[^1], webUrl = WebUrl(item) });
            return;
        }
        context.Response.StatusCode = 404;
        await context.Response.WriteAsJsonAsync(new { error = new { code = "itemNotFound" } });
    }

    private async Task UploadAsync(HttpContext context, string id)
    {
        if (!sessions.TryGetValue(id, out var session))
        {
            context.Response.StatusCode = 404;
            return;
        }
        if (context.Request.Headers.Authorization.Count > 0)
        {
            Problems.Add("a token was sent to the upload URL");
        }
        if (context.Request.Method == "GET")
        {
            ResumeQueries++;
            await context.Response.WriteAsJsonAsync(new { nextExpectedRanges = new[] { $"{session.Received.Length}-" } });
            return;
        }
        // Content-Range: bytes 0-327679/1100000
        var range = context.Request.Headers.ContentRange.ToString()["bytes ".Length..].Split('-', '/');
        var (start, end, total) = (long.Parse(range[0], CultureInfo.InvariantCulture), long.Parse(range[1], CultureInfo.InvariantCulture), long.Parse(range[2], CultureInfo.InvariantCulture));
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer);
        if (Interlocked.Increment(ref chunksSeen) == DropChunk)
        {
            context.Abort();
            return;
        }
        if (start != session.Received.Length || end - start + 1 != buffer.Length)
        {
            context.Response.StatusCode = 416;
            return;
        }
        session.Received.Write(buffer.ToArray());
        if (session.Received.Length < total)
        {
            context.Response.StatusCode = 202;
            await context.Response.WriteAsJsonAsync(new { nextExpectedRanges = new[] { $"{session.Received.Length}-" } });
            return;
        }
        if (!Files.TryAdd(session.Item, session.Received.ToArray()))
        {
            context.Response.StatusCode = 409;
            return;
        }
        context.Response.StatusCode = 201;
        await context.Response.WriteAsJsonAsync(new { name = session.Item.Split('/')[^1], webUrl = WebUrl(session.Item) });
    }

    private static string WebUrl(string item) => $"https://council.sharepoint.example/sites/scrutiny/Shared%20Documents/{item}";

    private sealed record Session(string Item)
    {
        public MemoryStream Received { get; } = new();
    }
}

/// <summary>A credential that hands out the fake server's token, as managed identity would hand out a real one.</summary>
internal sealed class FakeTokenCredential : TokenCredential
{
    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        new(FakeGraph.Token, DateTimeOffset.UtcNow.AddHours(1));

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        ValueTask.FromResult(GetToken(requestContext, cancellationToken));
}
