using System.Net.Http.Headers;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Identity.Web;

namespace ScrutinyWorkflow.Web.Tests.SignIn;

/// <summary>The product in EntraId mode, pointed at a <see cref="LocalOpenIdIssuer"/>; one per test class.</summary>
public sealed class EntraIdWorld : IAsyncLifetime
{
    internal LocalOpenIdIssuer Issuer { get; private set; } = null!;

    // The issuer's tokens and nonces carry the real time, so the product's clock starts at it.
    internal TestWorld World { get; } = new(DateTimeOffset.UtcNow);

    internal ScrutinyApplication App => World.App;

    public async Task InitializeAsync()
    {
        Issuer = await LocalOpenIdIssuer.StartAsync();
        foreach (var (key, value) in Issuer.Settings())
        {
            World.Settings[key] = value;
        }
        World.Services.Add(services =>
        {
            // The local issuer's certificate is its own: every client that reaches it trusts that certificate. Set
            // before the handlers' own post-configuration builds their back channels; https stays required.
            services.Configure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, o => o.BackchannelHttpHandler = Issuer.TrustingHandler());
            services.Configure<OpenIdConnectOptions>(OpenIdConnectDefaults.AuthenticationScheme, o => o.BackchannelHttpHandler = Issuer.TrustingHandler());
            services.AddHttpClient(LocalOpenIdIssuer.HttpClientName).ConfigurePrimaryHttpMessageHandler(Issuer.TrustingHandler);
            services.Configure<AadIssuerValidatorOptions>(o => o.HttpClientName = LocalOpenIdIssuer.HttpClientName);
        });
    }

    /// <summary>A script calling the API with this token (or none).</summary>
    internal HttpClient Api(string? token = null)
    {
        var client = App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return client;
    }

    /// <summary>A browser on the product's https address, keeping cookies and following no redirects by itself.</summary>
    internal HttpClient Browser() =>
        App.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>
    /// Signs this person in the way a browser does: the page sends it to the issuer, the issuer sends it back with a
    /// code, the product redeems the code and sets its cookie, and the page is shown. Returns the browser, signed in.
    /// </summary>
    internal async Task<HttpClient> SignInAsync(TestUser user, string page = "/")
    {
        var (browser, callback) = await GoThroughSignInAsync(user, page);
        Assert.True(callback.StatusCode == System.Net.HttpStatusCode.Redirect, $"The sign-in callback answered {callback.StatusCode}: {await callback.Content.ReadAsStringAsync()}");
        Assert.Equal(page, callback.Headers.Location!.OriginalString);
        return browser;
    }

    /// <summary>The same steps, returning the browser and what the product answered the issuer's redirect back, whatever it was.</summary>
    internal async Task<(HttpClient Browser, HttpResponseMessage Callback)> GoThroughSignInAsync(TestUser user, string page = "/")
    {
        Issuer.NextUser = user;
        var browser = Browser();
        var challenge = await browser.GetAsync(page);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, challenge.StatusCode);
        using var toIssuer = new HttpClient(Issuer.TrustingHandler());
        var approved = await toIssuer.GetAsync(challenge.Headers.Location);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, approved.StatusCode);
        return (browser, await browser.GetAsync(approved.Headers.Location!.PathAndQuery));
    }

    public async Task DisposeAsync()
    {
        await World.DisposeAsync();
        await Issuer.DisposeAsync();
    }
}
