using System.Security.Claims;

namespace ScrutinyWorkflow.Web.SignIn;

/// <summary>The app roles of the council's app registration (README, "Signing in").</summary>
public static class ScrutinyRoles
{
    /// <summary>The scrutiny team: everything.</summary>
    public const string Officer = "Scrutiny.Officer";

    /// <summary>People who may read reviews and their statements, and change nothing.</summary>
    public const string Reader = "Scrutiny.Reader";

    /// <summary>Entra ID puts app roles in "roles"; the token handlers may map it to the framework's role claim.</summary>
    public static bool Has(ClaimsPrincipal user, string role) =>
        user.IsInRole(role) || user.HasClaim("roles", role) || user.HasClaim(ClaimTypes.Role, role);
}
