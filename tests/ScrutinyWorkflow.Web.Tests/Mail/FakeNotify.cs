using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace ScrutinyWorkflow.Web.Tests.Mail;

/// <summary>
/// GOV.UK Notify's <c>POST /v2/notifications/email</c> on a local server: it checks the bearer JWT as Notify does
/// (HS256, signed with the key's secret, the service id as issuer, issued within 30 seconds) and answers 403
/// otherwise, 400 for an address it refuses, 201 with a notification otherwise.
/// </summary>
internal sealed class FakeNotify : IAsyncDisposable
{
    public const string ServiceId = "26785a09-ab16-4eb0-8407-a37497a57506";
    public const string Secret = "3d844edf-8d35-48ac-975b-e847b4f122b0";
    public const string ApiKey = $"scrutiny_test-{ServiceId}-{Secret}";
    public const string TemplateId = "f33517ff-2a88-4f6e-b855-c550268ce08a";

    private LocalHttpServer server = null!;

    public string BaseUrl => server.BaseUrl;

    public IReadOnlyList<ReceivedRequest> Requests => [.. server.Received];

    public List<string> Problems { get; } = [];

    public HashSet<string> Refuses { get; } = new(StringComparer.OrdinalIgnoreCase);

    public static async Task<FakeNotify> StartAsync()
    {
        var fake = new FakeNotify();
        fake.server = await LocalHttpServer.StartAsync(fake.HandleAsync);
        return fake;
    }

    public Dictionary<string, string?> Settings() => new()
    {
        ["Scrutiny:Mail:Provider"] = "Notify",
        ["Scrutiny:Mail:Notify:ApiKey"] = ApiKey,
        ["Scrutiny:Mail:Notify:TemplateId"] = TemplateId,
        ["Scrutiny:Mail:Notify:BaseUrl"] = BaseUrl,
        ["Scrutiny:Mail:RetryDelay"] = "00:00:00.050",
    };

    public ValueTask DisposeAsync() => server.DisposeAsync();

    private async Task HandleAsync(ReceivedRequest request, HttpContext context)
    {
        if (request.Method != "POST" || request.Path != "/v2/notifications/email")
        {
            context.Response.StatusCode = 404;
            return;
        }
        if (TokenProblem(request.Headers.GetValueOrDefault("Authorization") ?? "") is { } problem)
        {
            Problems.Add(problem);
            await Error(context, 403, "AuthError", problem);
            return;
        }
        var body = JsonNode.Parse(request.Body)!;
        var email = (string?)body["email_address"] ?? "";
        if (Refuses.Contains(email))
        {
            await Error(context, 400, "BadRequestError", "email_address Not a valid email address");
            return;
        }
        var id = Guid.NewGuid();
        context.Response.StatusCode = 201;
        await context.Response.WriteAsJsonAsync(new
        {
            id,
            reference = (string?)body["reference"],
            content = new { subject = (string?)body["personalisation"]?["subject"], body = (string?)body["personalisation"]?["body"], from_email = "scrutiny@notifications.service.gov.uk" },
            uri = $"{BaseUrl}/v2/notifications/{id}",
            template = new { id = TemplateId, version = 1, uri = $"{BaseUrl}/v2/template/{TemplateId}" },
        });
    }

    private static string? TokenProblem(string authorization)
    {
        if (!authorization.StartsWith("Bearer ", StringComparison.Ordinal) || authorization[7..].Split('.') is not [var header, var claims, var signature])
        {
            return "no bearer JWT";
        }
        var expected = Base64Url(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.ASCII.GetBytes($"{header}.{claims}")));
        if (signature != expected)
        {
            return "signature is not HS256 with the key's secret";
        }
        using var alg = JsonDocument.Parse(FromBase64Url(header));
        using var payload = JsonDocument.Parse(FromBase64Url(claims));
        if (alg.RootElement.GetProperty("alg").GetString() != "HS256")
        {
            return "alg is not HS256";
        }
        if (payload.RootElement.GetProperty("iss").GetString() != ServiceId)
        {
            return "iss is not the service id";
        }
        // Seconds since 1970; the client writes them with a fraction.
        var issued = DateTimeOffset.UnixEpoch.AddSeconds(payload.RootElement.GetProperty("iat").GetDouble());
        return (DateTimeOffset.UtcNow - issued).Duration() > TimeSpan.FromSeconds(30) ? "iat is not within 30 seconds" : null;
    }

    private static Task Error(HttpContext context, int status, string error, string message)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new { errors = new[] { new { error, message } }, status_code = status });
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] FromBase64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded + new string('=', (4 - (padded.Length % 4)) % 4));
    }
}
