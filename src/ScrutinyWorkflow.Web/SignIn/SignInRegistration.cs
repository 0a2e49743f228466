using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using ScrutinyWorkflow.Web.Deployment;

namespace ScrutinyWorkflow.Web.SignIn;

/// <summary>
/// Who may reach what, as Scrutiny:SignIn:Mode says (README, "Signing in"): <c>Local</c> (the default) makes every
/// request the local scrutiny officer and listens on loopback only; <c>EntraId</c> signs people in with the council's
/// Entra ID. In both, each feature names the policy of its route groups (<see cref="ScrutinyPolicies"/>), one fallback
/// rule (<see cref="AccessRule"/>) guards anything mapped without one, and the anonymous ways in are rate limited.
/// </summary>
public static class SignInRegistration
{
    public static IHostApplicationBuilder AddSignIn(this IHostApplicationBuilder builder, DeploymentProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        builder.Services.AddOptions<SignInOptions>()
            .BindConfiguration(SignInOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<SignInOptions>, SignInSettingsCheck>();
        if (profile.SignIn == SignInMode.EntraId)
        {
            EntraIdSignIn.Add(builder);
        }
        else
        {
            builder.Services.AddAuthentication(LocalSignIn.SchemeName).AddScheme<AuthenticationSchemeOptions, LocalSignIn>(LocalSignIn.SchemeName, null);
            // Configuration can name an address; code can too, so the addresses Kestrel really took are checked as well.
            builder.Services.AddHostedService<LoopbackOnly>();
            builder.Services.AddSingleton<LoopbackHostsOnly>();
        }
        var everyEndpoint = new AuthorizationPolicyBuilder().AddRequirements(new AccessRule()).Build();
        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(everyEndpoint)
            .SetDefaultPolicy(everyEndpoint)
            .AddPolicy(ScrutinyPolicies.Officer, policy => policy.RequireAuthenticatedUser()
                .RequireAssertion(context => ScrutinyRoles.Has(context.User, ScrutinyRoles.Officer)))
            .AddPolicy(ScrutinyPolicies.Reader, policy => policy.RequireAuthenticatedUser()
                .RequireAssertion(context => ScrutinyRoles.Has(context.User, ScrutinyRoles.Officer) || ScrutinyRoles.Has(context.User, ScrutinyRoles.Reader)))
            .AddPolicy(SignInEndpoints.AnyoneSignedIn, policy => policy.RequireAuthenticatedUser());
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped<ICurrentOfficer, ClaimsCurrentOfficer>();
        RateLimits.Add(builder);
        return builder;
    }

    /// <summary>Before antiforgery, whose tokens name the signed-in person, and before every endpoint.</summary>
    public static IApplicationBuilder UseSignIn(this IApplicationBuilder app)
    {
        if (app.ApplicationServices.GetService<LoopbackHostsOnly>() is { } loopbackHosts)
        {
            app.Use(loopbackHosts.InvokeAsync);
        }
        // The limiter first, so the sign-in callback (answered by the authentication middleware itself) is limited too.
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }

    public static IEndpointRouteBuilder MapSignIn(this IEndpointRouteBuilder app)
    {
        SignInEndpoints.Map(app);
        return app;
    }
}
