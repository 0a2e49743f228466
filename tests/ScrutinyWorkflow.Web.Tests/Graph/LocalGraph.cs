using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using ScrutinyWorkflow.Web.Graph;
using ScrutinyWorkflow.Web.Tests.Statements;

namespace ScrutinyWorkflow.Web.Tests.Graph;

/// <summary>A user as the local Graph holds them.</summary>
internal sealed record GraphUser(string Id, string DisplayName, string? JobTitle, string Mail, string UserPrincipalName, string? ManagerId = null)
{
    /// <summary>Graph's automaticRepliesSetting for this user, as JSON; "disabled" when null.</summary>
    public JsonObject? AutomaticReplies { get; init; }
}

/// <summary>
/// Microsoft Graph v1.0 on a local server, as much as the product uses: <c>GET /users/{id or UPN}</c>,
/// <c>GET /users?$filter=mail eq '…'</c>, <c>GET /users/{id}/manager</c>, <c>GET /users/{id}/mailboxSettings</c>,
/// <c>GET /users?$search="displayName:…"</c> (paged with <c>@odata.nextLink</c>, and only with
/// <c>ConsistencyLevel: eventual</c>, as Graph insists), and <c>POST /users/{id}/sendMail</c>. 401 without the
/// bearer token, 404 in Graph's error shape, and any answers a test queues first (429 with Retry-After, 5xx).
/// </summary>
internal sealed class LocalGraph : IAsyncDisposable
{
    private readonly ConcurrentQueue<(int Status, string? RetryAfter)> answers = new();
    private LocalHttpServer server = null!;

    public string BaseUrl => server.BaseUrl + "/v1.0";

    public IReadOnlyList<ReceivedRequest> Requests => [.. server.Received];

    public ConcurrentDictionary<string, GraphUser> Users { get; } = new();

    /// <summary>Users per page of a search.</summary>
    public int PageSize { get; set; } = 2;

    public ConcurrentQueue<(string Mailbox, JsonNode Body)> Sent { get; } = new();

    public static async Task<LocalGraph> StartAsync()
    {
        var graph = new LocalGraph();
        graph.server = await LocalHttpServer.StartAsync(graph.HandleAsync);
        return graph;
    }

    public void Add(GraphUser user) => Users[user.Id] = user;

    /// <summary>The next request is answered with this status (and Retry-After, in seconds), whatever it asks.</summary>
    public void Answer(int status, string? retryAfter = null) => answers.Enqueue((status, retryAfter));

    public int Count(string pathEnd) => Requests.Count(r => r.Path.EndsWith(pathEnd, StringComparison.Ordinal));

    /// <summary>Puts the local Graph and its token in the product's place.</summary>
    public static void Use(IServiceCollection services) => services.AddSingleton(new GraphCredential(new FakeTokenCredential()));

    public Dictionary<string, string?> Settings() => new()
    {
        ["Scrutiny:Graph:BaseUrl"] = BaseUrl,
        ["Scrutiny:Graph:TenantId"] = "contoso.onmicrosoft.example",
        ["Scrutiny:Graph:ClientId"] = "00000000-0000-0000-0000-00000000c11e",
    };

    public ValueTask DisposeAsync() => server.DisposeAsync();

    private async Task HandleAsync(ReceivedRequest request, HttpContext context)
    {
        if (request.Headers.GetValueOrDefault("Authorization") != $"Bearer {FakeGraph.Token}")
        {
            await Error(context, 401, "InvalidAuthenticationToken", "Access token is empty.");
            return;
        }
        if (answers.TryDequeue(out var answer))
        {
            if (answer.RetryAfter is { } retryAfter)
            {
                context.Response.Headers.RetryAfter = retryAfter;
            }
            await Error(context, answer.Status, answer.Status == 429 ? "TooManyRequests" : "ServiceUnavailable", "Try again later.");
            return;
        }
        var segments = request.Path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        switch (request.Method, segments)
        {
            case ("GET", ["v1.0", "users"]):
                await ListUsersAsync(request, context);
                return;
            case ("GET", ["v1.0", "users", var id]) when Find(id) is { } user:
                await context.Response.WriteAsJsonAsync(Json(user));
                return;
            case ("GET", ["v1.0", "users", var id, "manager"]) when Find(id) is { ManagerId: { } managerId } && Find(managerId) is { } manager:
                var json = Json(manager);
                json["@odata.type"] = "#microsoft.graph.user";
                await context.Response.WriteAsJsonAsync(json);
                return;
            case ("GET", ["v1.0", "users", var id, "mailboxSettings"]) when Find(id) is { } user:
                await context.Response.WriteAsJsonAsync(new JsonObject
                {
                    ["automaticRepliesSetting"] = user.AutomaticReplies?.DeepClone() ?? new JsonObject { ["status"] = "disabled", ["externalAudience"] = "none" },
                    ["timeZone"] = "GMT Standard Time",
                });
                return;
            case ("POST", ["v1.0", "users", var id, "sendMail"]) when Find(id) is { } user:
                // Graph reads action parameters without regard to case; the SDK writes "Message" and "SaveToSentItems".
                Sent.Enqueue((user.Mail, JsonNode.Parse(request.Body, new JsonNodeOptions { PropertyNameCaseInsensitive = true })!));
                context.Response.StatusCode = 202;
                return;
            default:
                await Error(context, 404, "Request_ResourceNotFound", $"Resource '{request.Path}' does not exist or one of its queried reference-property objects are not present.");
                return;
        }
    }

    private GraphUser? Find(string idOrUpn) =>
        Users.TryGetValue(idOrUpn, out var user) ? user
        : Users.Values.FirstOrDefault(u => u.UserPrincipalName.Equals(idOrUpn, StringComparison.OrdinalIgnoreCase));

    private async Task ListUsersAsync(ReceivedRequest request, HttpContext context)
    {
        var query = context.Request.Query;
        IEnumerable<GraphUser> users = Users.Values.OrderBy(u => u.DisplayName, StringComparer.Ordinal);
        if (query["$filter"].ToString() is { Length: > 0 } filter)
        {
            // mail eq 'someone@council.example'
            var mail = filter.Split('\'')[1].Replace("''", "'", StringComparison.Ordinal);
            users = users.Where(u => u.Mail.Equals(mail, StringComparison.OrdinalIgnoreCase));
        }
        if (query["$search"].ToString() is { Length: > 0 } search)
        {
            if (request.Headers.GetValueOrDefault("ConsistencyLevel") != "eventual")
            {
                await Error(context, 400, "Request_UnsupportedQuery", "Request with $search query parameter only works through MSGraph with a special request header: 'ConsistencyLevel: eventual'");
                return;
            }
            // "displayName:sian" OR "mail:sian"
            var words = search.Split('"', StringSplitOptions.RemoveEmptyEntries).Where(s => s.Contains(':', StringComparison.Ordinal)).Select(s => s.Split(':', 2)[1]).ToList();
            users = users.Where(u => words.Any(w => u.DisplayName.Contains(w, StringComparison.OrdinalIgnoreCase) || u.Mail.Contains(w, StringComparison.OrdinalIgnoreCase)));
        }
        var all = users.ToList();
        var skip = int.TryParse(query["$skiptoken"], out var token) ? token : 0;
        var page = new JsonObject { ["value"] = new JsonArray([.. all.Skip(skip).Take(PageSize).Select(u => (JsonNode)Json(u))]) };
        if (skip + PageSize < all.Count)
        {
            page["@odata.nextLink"] = $"{BaseUrl}/users{QueryWithout(context.Request.Query, "$skiptoken")}&$skiptoken={skip + PageSize}";
        }
        await context.Response.WriteAsJsonAsync(page);
    }

    private static string QueryWithout(IQueryCollection query, string name) =>
        "?" + string.Join('&', query.Where(q => q.Key != name).Select(q => $"{q.Key}={Uri.EscapeDataString(q.Value.ToString())}"));

    private static JsonObject Json(GraphUser user) => new()
    {
        ["id"] = user.Id,
        ["displayName"] = user.DisplayName,
        ["jobTitle"] = user.JobTitle,
        ["mail"] = user.Mail,
        ["userPrincipalName"] = user.UserPrincipalName,
    };

    private static Task Error(HttpContext context, int status, string code, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new { error = new { code, message } }));
    }
}
