namespace ScrutinyWorkflow.Web.SignIn;

/// <summary>
/// The named policies each feature puts on its route groups, so who may reach an endpoint is read where it is mapped
/// (README, "Signing in"). Anything mapped without one falls back to <see cref="AccessRule"/>, as a backstop.
/// </summary>
public static class ScrutinyPolicies
{
    /// <summary>The scrutiny team: everything.</summary>
    public const string Officer = "Scrutiny.Officer";

    /// <summary>Reading reviews and their statements (the dashboard, the review and statement pages, the reviews API): readers and the team.</summary>
    public const string Reader = "Scrutiny.Reader";
}
