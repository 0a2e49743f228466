using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using ScrutinyWorkflow.Core.Reviews;
using ScrutinyWorkflow.Web.Engine;
using ScrutinyWorkflow.Web.Hosting;
using ScrutinyWorkflow.Web.Mail;
using ScrutinyWorkflow.Web.SignIn;
using SendGrid.Helpers.EventWebhook;

namespace ScrutinyWorkflow.Web.DeliveryReports;

/// <summary>
/// Delivery reports from the mail services: SendGrid's event webhook and GOV.UK Notify's delivery-receipt callback.
/// A message that bounced or was dropped marks its recipient undeliverable on the review it belongs to (its id
/// starts with the review's), and the scrutiny team is told, as when the service refuses an address outright.
/// These come from the services' servers, not a browser: each request proves itself (SendGrid's signature,
/// Notify's bearer token) before anything is read, and a forged, stale or unauthenticated one records nothing.
/// </summary>
public static class DeliveryReportsApi
{
    public const string SendGridPath = "/api/mail/sendgrid/events";
    public const string NotifyPath = "/api/mail/notify/callback";

    public const string SignatureHeader = "X-Twilio-Email-Event-Webhook-Signature";
    public const string TimestampHeader = "X-Twilio-Email-Event-Webhook-Timestamp";

    /// <summary>A signed report older (or newer) than this is refused, so a captured one cannot be replayed later.</summary>
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>Reports are small; a larger body is refused before it is read whole.</summary>
    private const int MaxBodyBytes = 1024 * 1024;

    private static readonly string[] SendGridFailures = ["bounce", "dropped"];
    private static readonly string[] NotifyFailures = ["permanent-failure", "temporary-failure", "technical-failure"];

    public static IEndpointRouteBuilder MapDeliveryReports(this IEndpointRouteBuilder app)
    {
        // As the fallback rule had them: the providers' signatures are checked too, but sign-in is not waived.
        var reports = app.MapGroup("").WithTags("Mail").RequireAuthorization(ScrutinyPolicies.Officer);
        reports.MapPost(SendGridPath, SendGridEvents);
        reports.MapPost(NotifyPath, NotifyCallback);
        return app;
    }

    private static async Task<Results<NoContent, ProblemHttpResult, NotFound>> SendGridEvents(
        HttpContext context, IOptions<MailOptions> options, IOptions<ScrutinyOptions> scrutiny, IReviewCommands commands, CouncilClock clock, TimeProvider time, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        if (options.Value.SendGrid.WebhookVerificationKey is not { Length: > 0 } key)
        {
            return TypedResults.NotFound();
        }
        if (await ReadBodyAsync(context.Request, cancellationToken) is not { } body)
        {
            return Refused(StatusCodes.Status413PayloadTooLarge, "report-too-large", "The report is larger than any SendGrid sends.");
        }
        var signature = context.Request.Headers[SignatureHeader].ToString();
        var timestamp = context.Request.Headers[TimestampHeader].ToString();
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || signature.Length == 0)
        {
            return Refused(StatusCodes.Status401Unauthorized, "unsigned-report", $"A SendGrid event report must carry the {SignatureHeader} and {TimestampHeader} headers; nothing was recorded.");
        }
        if (!Verifies(key, body, signature, timestamp))
        {
            return Refused(StatusCodes.Status401Unauthorized, "bad-signature", "The report's signature does not match the verification key (Scrutiny:Mail:SendGrid:WebhookVerificationKey); nothing was recorded.");
        }
        if (seconds > time.GetUtcNow().ToUnixTimeSeconds() + MaxClockSkew.TotalSeconds || seconds < time.GetUtcNow().ToUnixTimeSeconds() - MaxClockSkew.TotalSeconds)
        {
            return Refused(StatusCodes.Status401Unauthorized, "stale-report", $"The report was signed more than {MaxClockSkew.TotalMinutes:0} minutes from now, so it may be a replay; nothing was recorded.");
        }

        List<Bounce> bounces = [];
        try
        {
            using var json = JsonDocument.Parse(body);
            foreach (var e in json.RootElement.EnumerateArray())
            {
                if (Text(e, "event") is { } kind && SendGridFailures.Contains(kind) && Text(e, SendGridMailSender.MessageIdArg) is { } messageId && Text(e, "email") is { } email)
                {
                    bounces.Add(new(email, messageId, $"SendGrid reported \u201c{kind}\u201d{(Text(e, "reason") is { } reason ? $": {reason}" : "")}"));
                }
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return Refused(StatusCodes.Status400BadRequest, "unreadable-report", "The report is signed but is not SendGrid's JSON array of events; nothing was recorded.");
        }
        await RecordAsync(bounces, scrutiny.Value.TeamEmail, commands, clock, loggers.CreateLogger(typeof(DeliveryReportsApi)), cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Results<NoContent, ProblemHttpResult, NotFound>> NotifyCallback(
        HttpContext context, IOptions<MailOptions> options, IOptions<ScrutinyOptions> scrutiny, IReviewCommands commands, CouncilClock clock, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        if (options.Value.Notify.CallbackToken is not { Length: > 0 } token)
        {
            return TypedResults.NotFound();
        }
        var sent = context.Request.Headers[HeaderNames.Authorization].ToString();
        var expected = "Bearer " + token;
        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(sent), Encoding.UTF8.GetBytes(expected)))
        {
            return Refused(StatusCodes.Status401Unauthorized, "bad-bearer-token", "The callback's bearer token is not the one set for Notify's callbacks (Scrutiny:Mail:Notify:CallbackToken); nothing was recorded.");
        }
        if (await ReadBodyAsync(context.Request, cancellationToken) is not { } body)
        {
            return Refused(StatusCodes.Status413PayloadTooLarge, "report-too-large", "The callback is larger than any Notify sends.");
        }
        List<Bounce> bounces = [];
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            if (Text(root, "status") is { } status && NotifyFailures.Contains(status) && Text(root, "reference") is { } reference && Text(root, "to") is { } to)
            {
                bounces.Add(new(to, reference, $"GOV.UK Notify reported \u201c{status}\u201d"));
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return Refused(StatusCodes.Status400BadRequest, "unreadable-report", "The callback is not Notify's JSON delivery receipt; nothing was recorded.");
        }
        await RecordAsync(bounces, scrutiny.Value.TeamEmail, commands, clock, loggers.CreateLogger(typeof(DeliveryReportsApi)), cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>SendGrid signs the timestamp followed by the raw body, with ECDSA (P-256, SHA-256); its own library checks it.</summary>
    private static bool Verifies(string key, string body, string signature, string timestamp)
    {
        try
        {
            return new RequestValidator().VerifySignature(new RequestValidator().ConvertPublicKeyToECDSA(key), body, signature, timestamp);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException or IndexOutOfRangeException)
        {
            // A signature that is not base64 DER is as forged as one that does not verify.
            return false;
        }
    }

    private static async Task RecordAsync(List<Bounce> bounces, string team, IReviewCommands commands, CouncilClock clock, ILogger logger, CancellationToken cancellationToken)
    {
        foreach (var bounce in bounces)
        {
            // Message ids are "{review}.{version}.{n}", and a notice to the team carries one on after a slash.
            var reviewId = bounce.MessageId.Split('.', '/')[0];
            if (reviewId.Length == 0 || reviewId == bounce.MessageId)
            {
                logger.LogInformation("A delivery report names message {MessageId}, which is not one of ours.", bounce.MessageId);
                continue;
            }
            if (bounce.MessageId.EndsWith("/undeliverable", StringComparison.Ordinal) || Officer.NormaliseEmail(bounce.Email) == Officer.NormaliseEmail(team))
            {
                // A notice to the team that bounced would be followed by another notice, and another: the log says it.
                logger.LogError("The scrutiny team's notice {MessageId} could not be delivered to {Email}: {Reason}", bounce.MessageId, bounce.Email, bounce.Reason);
                continue;
            }
            var outcome = await commands.HandleAsync(reviewId, new RecordUndeliverable(bounce.Email, bounce.MessageId, bounce.Reason, clock.Now), expectedVersion: null, cancellationToken);
            if (outcome is CommandRefused refused)
            {
                logger.LogWarning("A delivery report for message {MessageId} was not recorded: {Reason}", bounce.MessageId, refused.Rejection.Message);
            }
        }
    }

    private static async Task<string?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return null;
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return null;
            }
            buffer.Write(chunk, 0, read);
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;

    private static ProblemHttpResult Refused(int status, string code, string detail) =>
        TypedResults.Problem(title: "The delivery report was refused.", detail: detail, statusCode: status, extensions: new Dictionary<string, object?> { ["code"] = code });

    private sealed record Bounce(string Email, string MessageId, string Reason);
}
