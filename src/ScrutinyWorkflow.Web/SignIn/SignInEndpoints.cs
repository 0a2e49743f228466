using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;
using ScrutinyWorkflow.Web.Deployment;

namespace ScrutinyWorkflow.Web.SignIn;

/// <summary>Who is signed in (for the pages' scripts and for scripts), and signing out.</summary>
internal static class SignInEndpoints
{
    public const string SignedInPath = "/api/signed-in";
    public const string SignOutPath = "/sign-out";

    /// <summary>Anyone signed in, whatever their role, may ask who they are.</summary>
    public const string AnyoneSignedIn = "Scrutiny.AnyoneSignedIn";

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet(SignedInPath, (ICurrentOfficer officer) => TypedResults.Ok(officer.SignedIn)).RequireAuthorization(AnyoneSignedIn).WithTags("Sign-in");
        app.MapPost(SignOutPath, SignOut).RequireAuthorization(AnyoneSignedIn).WithTags("Sign-in");
    }

    private static IResult SignOut(IOptions<SignInOptions> options) => options.Value.Mode == SignInMode.EntraId
        ? TypedResults.SignOut(new AuthenticationProperties { RedirectUri = "/" },
            [CookieAuthenticationDefaults.AuthenticationScheme, OpenIdConnectDefaults.AuthenticationScheme])
        // Nobody signs in locally, so there is nothing to leave.
        : TypedResults.Redirect("/");
}
