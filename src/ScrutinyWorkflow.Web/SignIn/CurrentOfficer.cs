using System.Security.Claims;

namespace ScrutinyWorkflow.Web.SignIn;

/// <summary>The person signed in: shown as "Signed in as" on pages and recorded as who acted.</summary>
public sealed record SignedInOfficer(string Name, string Email, bool MayChange);

/// <summary>Who is signed in to this request, in either sign-in mode; null on an officer's link page in EntraId mode, where nobody is.</summary>
public interface ICurrentOfficer
{
    SignedInOfficer? SignedIn { get; }
}

/// <summary>Reads the claims both modes give: Entra ID's tokens, and the local user's, which use the same claim names.</summary>
internal sealed class ClaimsCurrentOfficer(IHttpContextAccessor accessor) : ICurrentOfficer
{
    public SignedInOfficer? SignedIn => accessor.HttpContext?.User is { Identity.IsAuthenticated: true } user ? From(user) : null;

    public static SignedInOfficer From(ClaimsPrincipal user)
    {
        var email = First(user, "preferred_username", "email", "upn", ClaimTypes.Email, ClaimTypes.Upn) ?? "";
        var name = First(user, "name", ClaimTypes.Name) ?? user.Identity?.Name ?? email;
        return new SignedInOfficer(name, email, ScrutinyRoles.Has(user, ScrutinyRoles.Officer));
    }

    private static string? First(ClaimsPrincipal user, params string[] types) =>
        types.Select(user.FindFirst).FirstOrDefault(c => !string.IsNullOrWhiteSpace(c?.Value))?.Value;
}
