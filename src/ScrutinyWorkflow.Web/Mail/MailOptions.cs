using System.ComponentModel.DataAnnotations;

namespace ScrutinyWorkflow.Web.Mail;

/// <summary>The "Scrutiny:Mail" section: which service carries the mail, and its settings.</summary>
public sealed class MailOptions : IValidatableObject
{
    public const string Section = "Scrutiny:Mail";

    public static readonly string[] Providers = ["Outbox", "SendGrid", "Graph", "Notify", "Smtp"];

    /// <summary>"Outbox" (a folder of .eml files, the embedded default), "SendGrid", "Graph", "Notify" or "Smtp".</summary>
    public string Provider { get; set; } = "Outbox";

    /// <summary>The sender of every message; the scrutiny team's address (Scrutiny:TeamEmail) when blank.</summary>
    public string? From { get; set; }

    /// <summary>The first wait before a transient failure (429, 5xx, timeout) is tried again; later waits grow.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The council's name, in every message so officers can tell it is their own council writing.</summary>
    public string CouncilName { get; set; } = "the council";

    /// <summary>A folder holding the council's own copy of every message template (see samples/templates); blank for the defaults shipped with the app.</summary>
    public string? TemplatesPath { get; set; }

    public SendGridMailOptions SendGrid { get; set; } = new();

    public GraphMailOptions Graph { get; set; } = new();

    public NotifyMailOptions Notify { get; set; } = new();

    public SmtpMailOptions Smtp { get; set; } = new();

    public bool Is(string provider) => Provider.Equals(provider, StringComparison.OrdinalIgnoreCase);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Providers.Contains(Provider, StringComparer.OrdinalIgnoreCase))
        {
            yield return Problem($"Scrutiny:Mail:Provider '{Provider}' must be one of {string.Join(", ", Providers)}.");
        }
        if (From is { Length: > 0 } from && !Core.Reviews.EmailAddress.IsValid(from))
        {
            yield return Problem($"Scrutiny:Mail:From '{from}' is not an email address.");
        }
        if (RetryDelay <= TimeSpan.Zero || RetryDelay > TimeSpan.FromMinutes(1))
        {
            yield return Problem("Scrutiny:Mail:RetryDelay must be more than zero and at most a minute.");
        }
        if (Is("SendGrid"))
        {
            if (string.IsNullOrWhiteSpace(SendGrid.ApiKey))
            {
                yield return Problem("Scrutiny:Mail:SendGrid:ApiKey must be set to send through SendGrid (an API key with Mail Send permission, from Key Vault).");
            }
            if (!IsServiceUrl(SendGrid.BaseUrl))
            {
                yield return Problem($"Scrutiny:Mail:SendGrid:BaseUrl '{SendGrid.BaseUrl}' must be an https URL.");
            }
        }
        if (Is("Graph") && !Core.Reviews.EmailAddress.IsValid(Graph.Mailbox ?? ""))
        {
            yield return Problem("Scrutiny:Mail:Graph:Mailbox must be the shared mailbox's address to send through Microsoft Graph.");
        }
        if (Is("Notify"))
        {
            if (!NotifyMailOptions.IsApiKey(Notify.ApiKey))
            {
                yield return Problem("Scrutiny:Mail:Notify:ApiKey must be a GOV.UK Notify API key (its name, then the service id and the secret, each a UUID, joined by hyphens).");
            }
            if (!Guid.TryParse(Notify.TemplateId, out _))
            {
                yield return Problem("Scrutiny:Mail:Notify:TemplateId must be the id (a UUID) of the Notify email template whose subject is ((subject)) and body ((body)).");
            }
            if (!IsServiceUrl(Notify.BaseUrl))
            {
                yield return Problem($"Scrutiny:Mail:Notify:BaseUrl '{Notify.BaseUrl}' must be an https URL.");
            }
        }
        if (SendGrid.WebhookVerificationKey is { Length: > 0 } key && !IsVerificationKey(key))
        {
            yield return Problem("Scrutiny:Mail:SendGrid:WebhookVerificationKey must be the event webhook's verification key as SendGrid shows it (a base64 ECDSA public key).");
        }
        if (Notify.CallbackToken is { Length: > 0 and < 10 })
        {
            yield return Problem("Scrutiny:Mail:Notify:CallbackToken must be at least 10 characters, as Notify requires.");
        }
        if (Is("Smtp"))
        {
            if (string.IsNullOrWhiteSpace(Smtp.Host))
            {
                yield return Problem("Scrutiny:Mail:Smtp:Host must name the council's mail relay to send by SMTP.");
            }
            if (Smtp.Port is < 1 or > 65535)
            {
                yield return Problem($"Scrutiny:Mail:Smtp:Port {Smtp.Port} must be between 1 and 65535.");
            }
            if (string.IsNullOrEmpty(Smtp.UserName) != string.IsNullOrEmpty(Smtp.Password))
            {
                yield return Problem("Scrutiny:Mail:Smtp:UserName and Password must be set together (or neither, for a relay that trusts the host).");
            }
        }
    }

    // Plain http only to this machine, for a local test server; anything else must be https, as the API key rides on it.
    private static bool IsServiceUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback));

    private static bool IsVerificationKey(string key)
    {
        try
        {
            new SendGrid.Helpers.EventWebhook.RequestValidator().ConvertPublicKeyToECDSA(key);
            return true;
        }
        catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException or IndexOutOfRangeException)
        {
            return false;
        }
    }

    private static ValidationResult Problem(string message) => new(message, [nameof(Provider)]);
}

public sealed class SendGridMailOptions
{
    public string? ApiKey { get; set; }

    public string BaseUrl { get; set; } = "https://api.sendgrid.com";

    /// <summary>The event webhook's verification key (base64, from SendGrid's Mail Settings, Signed Event Webhook); unset leaves the webhook off.</summary>
    public string? WebhookVerificationKey { get; set; }
}

public sealed class GraphMailOptions
{
    /// <summary>The shared mailbox mail is sent from (the app needs Mail.Send, limited to it by an application access policy).</summary>
    public string? Mailbox { get; set; }

    /// <summary>Whether Graph keeps a copy in the mailbox's Sent Items, so the team can see what went.</summary>
    public bool SaveToSentItems { get; set; } = true;
}

public sealed class NotifyMailOptions
{
    public string? ApiKey { get; set; }

    /// <summary>The email template: subject "((subject))", body "((body))"; see README.</summary>
    public string? TemplateId { get; set; }

    /// <summary>A reply-to address set up in Notify (its id); the service's default when blank.</summary>
    public string? ReplyToId { get; set; }

    public string BaseUrl { get; set; } = "https://api.notifications.service.gov.uk";

    /// <summary>The bearer token set for Notify's delivery-receipt callback (at least 10 characters); unset leaves the callback off.</summary>
    public string? CallbackToken { get; set; }

    /// <summary>"{key name}-{service id}-{secret}", the service id and secret each a UUID.</summary>
    public static bool IsApiKey(string? key) =>
        key is { Length: > 74 } && Guid.TryParseExact(key[^73..^37], "D", out _) && key[^37] == '-' && Guid.TryParseExact(key[^36..], "D", out _);
}

public sealed class SmtpMailOptions
{
    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    /// <summary>Upgrade the connection with STARTTLS before anything is sent (required when true).</summary>
    public bool StartTls { get; set; } = true;

    public string? UserName { get; set; }

    public string? Password { get; set; }
}
