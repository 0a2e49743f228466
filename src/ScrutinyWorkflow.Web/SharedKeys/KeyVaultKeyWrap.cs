using System.Buffers.Text;
using System.Text.Json.Serialization;
using Azure.Core;

namespace ScrutinyWorkflow.Web.SharedKeys;

/// <summary>
/// Key Vault's wrapkey and unwrapkey operations (REST, API 7.4), as the app's identity: a key in the vault wraps a
/// small secret without ever leaving it. The Azure SDK's Keys client is not on the package feed this project builds
/// from, and these two calls are all the key ring needs.
/// </summary>
internal sealed class KeyVaultKeyWrap(HttpClient http, TokenCredential credential)
{
    private const string Algorithm = "RSA-OAEP-256";
    private const string ApiVersion = "7.4";
    private static readonly TokenRequestContext Scope = new(["https://vault.azure.net/.default"]);

    /// <summary>The wrapped secret and the key's full id (with its version), which unwrapping needs after the key rotates.</summary>
    public (Uri KeyId, byte[] Wrapped) Wrap(Uri keyUri, byte[] secret)
    {
        var result = Call(new Uri(keyUri.AbsoluteUri.TrimEnd('/') + "/wrapkey?api-version=" + ApiVersion), secret);
        return (new Uri(result.Kid ?? throw new InvalidDataException($"Key Vault's wrapkey answer for {keyUri} names no key.")), Base64Url.DecodeFromChars(result.Value));
    }

    public byte[] Unwrap(Uri keyId, byte[] wrapped) =>
        Base64Url.DecodeFromChars(Call(new Uri(keyId.AbsoluteUri.TrimEnd('/') + "/unwrapkey?api-version=" + ApiVersion), wrapped).Value);

    // Data Protection asks synchronously, and rarely: once per key, when the key ring is first read or a key is made.
    private KeyOperationResult Call(Uri operation, byte[] value)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, operation)
        {
            Content = JsonContent.Create(new KeyOperation(Algorithm, Base64Url.EncodeToString(value))),
        };
        request.Headers.Authorization = new("Bearer", credential.GetToken(Scope, CancellationToken.None).Token);
        using var response = http.Send(request);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException(
                $"Key Vault refused {operation.GetLeftPart(UriPartial.Path)} ({(int)response.StatusCode}): the app's identity needs the Key Vault Crypto User role on the key (README, \"Running in Azure\").");
        }
        using var body = response.Content.ReadAsStream();
        return System.Text.Json.JsonSerializer.Deserialize<KeyOperationResult>(body)
            ?? throw new InvalidDataException($"Key Vault answered {operation.GetLeftPart(UriPartial.Path)} with no body.");
    }

    private sealed record KeyOperation([property: JsonPropertyName("alg")] string Alg, [property: JsonPropertyName("value")] string Value);

    private sealed record KeyOperationResult([property: JsonPropertyName("kid")] string? Kid, [property: JsonPropertyName("value")] string Value);
}
