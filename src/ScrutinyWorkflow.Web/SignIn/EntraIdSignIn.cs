using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Identity.Web;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace ScrutinyWorkflow.Web.SignIn;

/// <summary>
/// EntraId mode: people sign in to pages with OpenID Connect (a cookie keeps them signed in) and scripts call the API
/// with a bearer token, both through Microsoft.Identity.Web from the "AzureAd" section. The pages' own scripts call the
/// API with the cookie. An API call nobody signed in to is answered 401, never redirected to a sign-in page.
/// </summary>
internal static class EntraIdSignIn
{
    /// <summary>Who is asking: a bearer token when one is sent, else the sign-in cookie.</summary>
    private const string Authenticate = "Scrutiny.Authenticate";

    /// <summary>What to do with nobody (or the wrong person): 401/403 on the API, the sign-in page or 403 on pages.</summary>
    private const string Challenge = "Scrutiny.Challenge";

    private static readonly TimeSpan SignedInFor = TimeSpan.FromHours(24);

    public static void Add(IHostApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(SignInSettingsCheck.EntraSection);
        var authentication = builder.Services.AddAuthentication(options =>
        {
            options.DefaultScheme = Authenticate;
            options.DefaultChallengeScheme = Challenge;
            options.DefaultForbidScheme = Challenge;
            options.DefaultSignInScheme = CookieAuthenticationDefaults.AuthenticationScheme;
        });
        authentication.AddMicrosoftIdentityWebApp(section, OpenIdConnectDefaults.AuthenticationScheme, CookieAuthenticationDefaults.AuthenticationScheme);
        authentication.AddMicrosoftIdentityWebApi(section, JwtBearerDefaults.AuthenticationScheme);
        authentication.AddPolicyScheme(Authenticate, "Bearer token or sign-in cookie", options => options.ForwardDefaultSelector = context =>
            context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                ? JwtBearerDefaults.AuthenticationScheme
                : CookieAuthenticationDefaults.AuthenticationScheme);
        authentication.AddPolicyScheme(Challenge, "401 on the API, sign-in on pages", options => options.ForwardDefaultSelector = context =>
            IsApi(context.Request) ? JwtBearerDefaults.AuthenticationScheme : OpenIdConnectDefaults.AuthenticationScheme);

        // A valid token with no app role is someone known but not allowed: the access rule answers 403, rather than
        // Microsoft.Identity.Web refusing it as unauthenticated.
        builder.Services.Configure<MicrosoftIdentityOptions>(JwtBearerDefaults.AuthenticationScheme, options => options.AllowWebApiToBeAuthorizedByACL = true);

        // Only the council's own tenant issues tokens we accept (the app registration is single-tenant).
        var issuers = Issuers(section);
        builder.Services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, options =>
        {
            options.TokenValidationParameters.IssuerValidator = null;
            options.TokenValidationParameters.ValidIssuers = issuers;
        });
        builder.Services.PostConfigure<OpenIdConnectOptions>(OpenIdConnectDefaults.AuthenticationScheme, options =>
        {
            options.TokenValidationParameters.IssuerValidator = null;
            options.TokenValidationParameters.ValidIssuers = issuers;
            // The code comes back in a top-level GET (PKCE and the state cookie protect it), not a form posted from the
            // sign-in site, which the cross-site check would rightly refuse like any other site's form.
            options.ResponseType = OpenIdConnectResponseType.Code;
            options.ResponseMode = OpenIdConnectResponseMode.Query;
        });
        builder.Services.PostConfigure<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme, options =>
        {
            // A long working day without being signed out (GOV.UK: no timeout shorter than 20 hours).
            options.ExpireTimeSpan = SignedInFor;
            options.SlidingExpiration = true;
            options.Cookie.SecurePolicy = CookieSecurePolicy.Always;
            options.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });
    }

    public static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments("/api");

    private static string[] Issuers(IConfigurationSection section)
    {
        var instance = (section["Instance"] ?? "").TrimEnd('/');
        var tenant = section["TenantId"];
        return [$"{instance}/{tenant}/v2.0", $"https://sts.windows.net/{tenant}/"];
    }
}
