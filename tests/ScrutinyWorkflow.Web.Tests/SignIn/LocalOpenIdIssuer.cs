using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ScrutinyWorkflow.Web.Tests.SignIn;

/// <summary>A person the issuer signs in, with their app roles.</summary>
internal sealed record TestUser(string Name, string Email, params string[] Roles)
{
    public static readonly TestUser Officer = new("Sam Patel", "sam.patel@council.example", "Scrutiny.Officer");
    public static readonly TestUser Reader = new("Rhian Evans", "rhian.evans@council.example", "Scrutiny.Reader");
    public static readonly TestUser NoRole = new("Nobody Special", "nobody@council.example");
}

/// <summary>
/// An OpenID Connect issuer shaped like Entra ID's (tenant in the path, v2.0 endpoints) on a loopback port, over https
/// with a certificate of its own, with its own RSA key: a discovery document, its keys, an authorize endpoint that
/// signs in <see cref="NextUser"/> at once and sends the code back, and a token endpoint that redeems the code
/// (checking the client secret and PKCE) for an id token. It also mints access tokens for the API tests, good or
/// deliberately bad. Its discovery document names the issuer with a <c>{tenantid}</c> template, as Entra's
/// multi-tenant endpoints do: Microsoft.Identity.Web's own issuer validator, which reads it (over https only), would
/// then take a token from any tenant, so only the product's pin to the council's tenant keeps other tenants out.
/// </summary>
internal sealed class LocalOpenIdIssuer : IAsyncDisposable
{
    public const string TenantId = "7d1c5a1e-0b0f-4c4e-9d8a-2f4f3c6b9a10";
    public const string ClientId = "4b3e9a2c-6d1f-4e8b-a7c5-0e9d8f7a6b5c";
    public const string ClientSecret = "a-test-secret-for-the-local-issuer";

    private readonly RSA rsa = RSA.Create(2048);
    private readonly X509Certificate2 certificate = SelfSigned();
    private readonly ConcurrentDictionary<string, Grant> codes = new();
    private LocalHttpServer? server;

    private sealed record Grant(TestUser User, string Tenant, string Nonce, string RedirectUri, string Challenge);

    public TestUser NextUser { get; set; } = TestUser.Officer;

    /// <summary>The tenant the next sign-in's id token comes from (another one only to show it is refused).</summary>
    public string NextTenant { get; set; } = TenantId;

    /// <summary>The name of the product's HttpClient that trusts this issuer's certificate (Microsoft.Identity.Web's issuer validator uses it).</summary>
    public const string HttpClientName = "local-openid-issuer";

    public string BaseUrl => server!.BaseUrl;

    public string Instance => BaseUrl + "/";

    public string Issuer => IssuerFor(TenantId);

    public string AuthorizeEndpoint => $"{BaseUrl}/{TenantId}/oauth2/v2.0/authorize";

    /// <summary>Redeemed codes, to show the app really went to the token endpoint.</summary>
    public int Redeemed { get; private set; }

    private SigningCredentials Signing => new(new RsaSecurityKey(rsa) { KeyId = "local-key-1" }, SecurityAlgorithms.RsaSha256);

    public static async Task<LocalOpenIdIssuer> StartAsync()
    {
        var issuer = new LocalOpenIdIssuer();
        issuer.server = await LocalHttpServer.StartAsync(issuer.HandleAsync, issuer.certificate);
        return issuer;
    }

    /// <summary>A client handler that trusts this issuer's certificate (and any the machine trusts), following no redirects by itself.</summary>
    public HttpClientHandler TrustingHandler() => new()
    {
        AllowAutoRedirect = false,
        ServerCertificateCustomValidationCallback = (_, presented, _, errors) =>
            errors == System.Net.Security.SslPolicyErrors.None || presented?.Thumbprint == certificate.Thumbprint,
    };

    /// <summary>The settings that point the product at this issuer in EntraId mode.</summary>
    public Dictionary<string, string> Settings() => new()
    {
        ["Scrutiny:SignIn:Mode"] = "EntraId",
        ["AzureAd:Instance"] = Instance,
        ["AzureAd:TenantId"] = TenantId,
        ["AzureAd:ClientId"] = ClientId,
        ["AzureAd:ClientSecret"] = ClientSecret,
    };

    /// <summary>
    /// An access token for the API; each argument spoils it in one way. <paramref name="tenant"/> makes it another
    /// tenant's token throughout (its issuer and its tid), as this issuer would sign one for a tenant it also served.
    /// </summary>
    public string AccessToken(TestUser user, string? audience = null, TimeSpan? expiresIn = null, SigningCredentials? signWith = null, string? issuer = null, string? tenant = null)
    {
        var expires = DateTime.UtcNow + (expiresIn ?? TimeSpan.FromHours(1));
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer ?? (tenant is null ? Issuer : IssuerFor(tenant)),
            Audience = audience ?? ClientId,
            IssuedAt = expires.AddHours(-2),
            NotBefore = expires.AddHours(-2),
            Expires = expires,
            Claims = Claims(user, tenant ?? TenantId),
            SigningCredentials = signWith ?? Signing,
        });
    }

    /// <summary>Another key entirely, as a forger would have.</summary>
    public static SigningCredentials ForeignKey() => new(new RsaSecurityKey(RSA.Create(2048)) { KeyId = "local-key-1" }, SecurityAlgorithms.RsaSha256);

    private string IssuerFor(string tenant) => $"{BaseUrl}/{tenant}/v2.0";

    private static Dictionary<string, object> Claims(TestUser user, string tenant) => new()
    {
        ["tid"] = tenant,
        ["oid"] = DeterministicId(user.Email),
        ["sub"] = DeterministicId(user.Email),
        ["name"] = user.Name,
        ["preferred_username"] = user.Email,
        ["roles"] = user.Roles,
        ["ver"] = "2.0",
        ["azp"] = ClientId,
    };

    private static string DeterministicId(string text) => new Guid(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, 16)).ToString();

    private async Task HandleAsync(ReceivedRequest request, HttpContext context)
    {
        var prefix = $"/{TenantId}";
        switch (request.Path)
        {
            case var p when p == $"{prefix}/v2.0/.well-known/openid-configuration":
                await context.Response.WriteAsJsonAsync(new Dictionary<string, object>
                {
                    ["issuer"] = IssuerFor("{tenantid}"),
                    ["authorization_endpoint"] = AuthorizeEndpoint,
                    ["token_endpoint"] = $"{BaseUrl}{prefix}/oauth2/v2.0/token",
                    ["end_session_endpoint"] = $"{BaseUrl}{prefix}/oauth2/v2.0/logout",
                    ["jwks_uri"] = $"{BaseUrl}{prefix}/discovery/v2.0/keys",
                    ["response_types_supported"] = new[] { "code" },
                    ["response_modes_supported"] = new[] { "query", "form_post" },
                    ["subject_types_supported"] = new[] { "pairwise" },
                    ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
                    ["scopes_supported"] = new[] { "openid", "profile", "email", "offline_access" },
                    ["code_challenge_methods_supported"] = new[] { "S256" },
                });
                break;
            case var p when p == $"{prefix}/discovery/v2.0/keys":
                var parameters = rsa.ExportParameters(false);
                await context.Response.WriteAsJsonAsync(new
                {
                    keys = new[]
                    {
                        new { kty = "RSA", use = "sig", kid = "local-key-1", alg = "RS256", n = Base64UrlEncoder.Encode(parameters.Modulus), e = Base64UrlEncoder.Encode(parameters.Exponent) },
                    },
                });
                break;
            case var p when p == $"{prefix}/oauth2/v2.0/authorize":
                Authorize(context);
                break;
            case var p when p == $"{prefix}/oauth2/v2.0/token":
                await RedeemAsync(request, context);
                break;
            default:
                context.Response.StatusCode = 404;
                break;
        }
    }

    /// <summary>Signs in the next user at once and sends the code back the way the client asked.</summary>
    private void Authorize(HttpContext context)
    {
        var query = context.Request.Query;
        if (query["client_id"] != ClientId || query["response_type"] != "code" || query["code_challenge_method"] != "S256")
        {
            context.Response.StatusCode = 400;
            return;
        }
        var code = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        codes[code] = new Grant(NextUser, NextTenant, query["nonce"].ToString(), query["redirect_uri"].ToString(), query["code_challenge"].ToString());
        var back = $"{query["redirect_uri"]}?code={Uri.EscapeDataString(code)}&state={Uri.EscapeDataString(query["state"].ToString())}";
        context.Response.Redirect(back);
    }

    private async Task RedeemAsync(ReceivedRequest request, HttpContext context)
    {
        var form = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(request.Body);
        var verifier = form.GetValueOrDefault("code_verifier").ToString();
        if (form.GetValueOrDefault("grant_type") != "authorization_code"
            || form.GetValueOrDefault("client_id") != ClientId
            || form.GetValueOrDefault("client_secret") != ClientSecret
            || !codes.TryRemove(form.GetValueOrDefault("code").ToString(), out var grant)
            || grant.RedirectUri != form.GetValueOrDefault("redirect_uri")
            || Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))) != grant.Challenge)
        {
            context.Response.StatusCode = 400;
            await context.Response.WriteAsJsonAsync(new { error = "invalid_grant" });
            return;
        }
        Redeemed++;
        var claims = Claims(grant.User, grant.Tenant);
        claims["nonce"] = grant.Nonce;
        var now = DateTime.UtcNow;
        var idToken = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = IssuerFor(grant.Tenant),
            Audience = ClientId,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddHours(1),
            Claims = claims,
            SigningCredentials = Signing,
        });
        await context.Response.WriteAsJsonAsync(new Dictionary<string, object>
        {
            ["token_type"] = "Bearer",
            ["expires_in"] = 3600,
            ["id_token"] = idToken,
            ["access_token"] = AccessToken(grant.User, tenant: grant.Tenant),
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync();
        }
        rsa.Dispose();
        certificate.Dispose();
    }

    /// <summary>A certificate for 127.0.0.1 made for this issuer alone.</summary>
    private static X509Certificate2 SelfSigned()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var made = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        // Kestrel wants the private key held the way a loaded certificate holds it.
        return X509CertificateLoader.LoadPkcs12(made.Export(X509ContentType.Pkcs12), null);
    }

}
