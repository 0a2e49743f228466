using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace ScrutinyWorkflow.Web.Tests.Mail;

/// <summary>
/// SendGrid's v3 <c>POST /v3/mail/send</c> on a local server: 401 without the test key, 202 by default, or the
/// answers a test queues (a status, a body, a Retry-After).
/// </summary>
internal sealed class FakeSendGrid : IAsyncDisposable
{
    public const string ApiKey = "SG.test-key";

    private readonly ConcurrentQueue<(int Status, string Body, string? RetryAfter)> answers = new();
    private LocalHttpServer server = null!;

    public string BaseUrl => server.BaseUrl;

    public IReadOnlyList<ReceivedRequest> Requests => [.. server.Received];

    /// <summary>Addresses answered with SendGrid's 400 for a bad recipient.</summary>
    public HashSet<string> Refuses { get; } = new(StringComparer.OrdinalIgnoreCase);

    public static async Task<FakeSendGrid> StartAsync()
    {
        var fake = new FakeSendGrid();
        fake.server = await LocalHttpServer.StartAsync(fake.HandleAsync);
        return fake;
    }

    public void Answer(int status, string body = "", string? retryAfter = null) => answers.Enqueue((status, body, retryAfter));

    public Dictionary<string, string?> Settings() => new()
    {
        ["Scrutiny:Mail:Provider"] = "SendGrid",
        ["Scrutiny:Mail:SendGrid:ApiKey"] = ApiKey,
        ["Scrutiny:Mail:SendGrid:BaseUrl"] = BaseUrl,
        ["Scrutiny:Mail:RetryDelay"] = "00:00:00.050",
    };

    public ValueTask DisposeAsync() => server.DisposeAsync();

    private async Task HandleAsync(ReceivedRequest request, HttpContext context)
    {
        if (request.Method != "POST" || request.Path != "/v3/mail/send")
        {
            context.Response.StatusCode = 404;
            return;
        }
        if (request.Headers.GetValueOrDefault("Authorization") != $"Bearer {ApiKey}")
        {
            context.Response.StatusCode = 401;
            await context.Response.WriteAsync("""{"errors":[{"field":null,"message":"The provided authorization grant is invalid, expired, or revoked","help":null}]}""");
            return;
        }
        if (answers.TryDequeue(out var answer))
        {
            context.Response.StatusCode = answer.Status;
            if (answer.RetryAfter is { } retryAfter)
            {
                context.Response.Headers.RetryAfter = retryAfter;
            }
            await context.Response.WriteAsync(answer.Body);
            return;
        }
        var to = JsonNode.Parse(request.Body)!["personalizations"]![0]!["to"]!.AsArray().Select(t => (string)t!["email"]!).ToList();
        var refused = to.FindIndex(Refuses.Contains);
        if (refused >= 0)
        {
            context.Response.StatusCode = 400;
            await context.Response.WriteAsync($$"""{"errors":[{"message":"Does not contain a valid address.","field":"personalizations.0.to.{{refused}}.email","help":"http://sendgrid.com/docs/API_Reference/Web_API_v3/Mail/errors.html#message.personalizations.to"}]}""");
            return;
        }
        context.Response.StatusCode = 202;
    }
}
