using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace ScrutinyWorkflow.Web.SignIn;

/// <summary>
/// Local mode's "sign-in": every request is the scrutiny officer named in Scrutiny:SignIn:LocalUser, with the same
/// claim names Entra ID's tokens carry, so everything downstream reads one kind of person.
/// </summary>
internal sealed class LocalSignIn(
    IOptionsMonitor<AuthenticationSchemeOptions> schemes, ILoggerFactory logger, UrlEncoder encoder, IOptions<SignInOptions> options)
    : AuthenticationHandler<AuthenticationSchemeOptions>(schemes, logger, encoder)
{
    public const string SchemeName = "Local";

    private readonly AuthenticationTicket ticket = Ticket(options.Value.LocalUser);

    protected override Task<AuthenticateResult> HandleAuthenticateAsync() => Task.FromResult(AuthenticateResult.Success(ticket));

    private static AuthenticationTicket Ticket(LocalUserOptions user)
    {
        var identity = new ClaimsIdentity(
            [new Claim("name", user.Name), new Claim("preferred_username", user.Email), new Claim("roles", ScrutinyRoles.Officer)],
            SchemeName, nameType: "name", roleType: "roles");
        return new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName);
    }
}
