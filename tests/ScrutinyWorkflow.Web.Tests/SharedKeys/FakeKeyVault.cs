using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;
using Azure.Core;
using Microsoft.AspNetCore.Http;

namespace ScrutinyWorkflow.Web.Tests.SharedKeys;

/// <summary>
/// Key Vault's key operations as its REST API speaks them (POST {key}/wrapkey and {key}/{version}/unwrapkey, JSON with
/// base64url values, RSA-OAEP-256), over one RSA key that never leaves this class, on a local server.
/// </summary>
internal sealed class FakeKeyVault : IAsyncDisposable
{
    public const string KeyName = "dataprotection";
    public const string Version = "8f0c2d4e6a8b4c1d9e3f5a7b9c1d3e5f";

    private readonly RSA key = RSA.Create(2048);
    private LocalHttpServer? server;

    /// <summary>Refuse every operation with 403, as Key Vault does for an identity without a role on the key.</summary>
    public bool Forbidden { get; set; }

    public int Operations => server!.Received.Count;

    public IEnumerable<ReceivedRequest> Received => server!.Received;

    public Uri KeyUri => new($"{server!.BaseUrl}/keys/{KeyName}");

    public static async Task<FakeKeyVault> StartAsync()
    {
        var vault = new FakeKeyVault();
        vault.server = await LocalHttpServer.StartAsync(vault.HandleAsync);
        return vault;
    }

    private async Task HandleAsync(ReceivedRequest request, HttpContext context)
    {
        if (Forbidden || !request.Headers.TryGetValue("Authorization", out var authorization) || authorization != $"Bearer {FakeCredential.Token}")
        {
            context.Response.StatusCode = Forbidden ? 403 : 401;
            return;
        }
        var operation = request.Path.Split('/')[^1];
        var expected = operation == "wrapkey" ? $"/keys/{KeyName}/wrapkey" : $"/keys/{KeyName}/{Version}/unwrapkey";
        if (request.Method != "POST" || request.Path != expected || request.Query != "?api-version=7.4")
        {
            context.Response.StatusCode = 404;
            return;
        }
        using var body = JsonDocument.Parse(request.Body);
        if (body.RootElement.GetProperty("alg").GetString() != "RSA-OAEP-256")
        {
            context.Response.StatusCode = 400;
            return;
        }
        var value = Base64Url.DecodeFromChars(body.RootElement.GetProperty("value").GetString());
        var result = operation == "wrapkey" ? key.Encrypt(value, RSAEncryptionPadding.OaepSHA256) : key.Decrypt(value, RSAEncryptionPadding.OaepSHA256);
        await context.Response.WriteAsJsonAsync(new Dictionary<string, string>
        {
            ["kid"] = $"{server!.BaseUrl}/keys/{KeyName}/{Version}",
            ["value"] = Base64Url.EncodeToString(result),
        });
    }

    public async ValueTask DisposeAsync()
    {
        await server!.DisposeAsync();
        key.Dispose();
    }
}

/// <summary>The app's identity, as far as a fake vault can tell: one fixed token.</summary>
internal sealed class FakeCredential : TokenCredential
{
    public const string Token = "token-for-the-apps-identity";

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        requestContext.Scopes.SequenceEqual(["https://vault.azure.net/.default"])
            ? new AccessToken(Token, DateTimeOffset.UtcNow.AddHours(1))
            : throw new InvalidOperationException($"A token was asked for {string.Join(' ', requestContext.Scopes)}, not Key Vault.");

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        ValueTask.FromResult(GetToken(requestContext, cancellationToken));
}
