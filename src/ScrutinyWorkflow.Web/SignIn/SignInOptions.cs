using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using ScrutinyWorkflow.Web.Deployment;

namespace ScrutinyWorkflow.Web.SignIn;

/// <summary>How people sign in: the "Scrutiny:SignIn" configuration section (README, "Signing in").</summary>
public sealed class SignInOptions
{
    public const string Section = "Scrutiny:SignIn";

    /// <summary><c>Local</c> (the default: no sign-in, loopback only) or <c>EntraId</c> (the council's Entra ID).</summary>
    public SignInMode Mode { get; set; } = SignInMode.Local;

    /// <summary>Who the person at the keyboard is in <c>Local</c> mode.</summary>
    [ValidateObjectMembers]
    public LocalUserOptions LocalUser { get; set; } = new();

    /// <summary>How often the answer pages and sign-in may be used from one link or one address.</summary>
    [ValidateObjectMembers]
    public RateLimitOptions RateLimits { get; set; } = new();
}

public sealed class LocalUserOptions
{
    [Required]
    public string Name { get; set; } = "Scrutiny Officer";

    [Required, EmailAddress]
    public string Email { get; set; } = "scrutiny.officer@council.example";
}

/// <summary>
/// Per minute, in fixed windows. A link is one person's, so a few dozen posts a minute is far more than anyone types;
/// a whole council's staff can reach the host through one proxy address, so the per-address limit is generous and
/// only stops a flood.
/// </summary>
public sealed class RateLimitOptions
{
    [Range(1, 100_000)]
    public int AnswersPerLinkPerMinute { get; set; } = 30;

    [Range(1, 1_000_000)]
    public int AnswersPerAddressPerMinute { get; set; } = 1200;

    [Range(1, 100_000)]
    public int SignInsPerAddressPerMinute { get; set; } = 30;
}
