using Microsoft.AspNetCore.Http.HttpResults;
using ScrutinyWorkflow.Web.Hosting;
using ScrutinyWorkflow.Web.SignIn;

namespace ScrutinyWorkflow.Web.Links;

/// <summary>A link key as the API shows it: never its secret.</summary>
public sealed record LinkKeyView(string Id, string State, DateTimeOffset? Created, DateTimeOffset? Retired);

/// <summary>
/// The response links' keys, for the scrutiny team's administrator: list them, make a new key current (links already
/// sent keep working), or retire one (every link signed with it is withdrawn; a reminder sends a fresh one).
/// </summary>
public static class LinksApi
{
    public const string KeysInConfiguration = "link-keys-in-configuration";
    public const string CurrentKey = "link-key-current";

    public static IEndpointRouteBuilder MapLinksApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/links/keys").WithTags("Links").RequireAuthorization(ScrutinyPolicies.Officer);

        api.MapGet("/", List);
        api.MapPost("/", Rotate);
        api.MapPost("/{keyId}/retire", Retire);
        return app;
    }

    private static Ok<IReadOnlyList<LinkKeyView>> List(LinkKeys keys) => TypedResults.Ok(Views(keys.Ring));

    private static Results<Created<LinkKeyView>, ProblemHttpResult> Rotate(LinkKeys keys, CouncilClock clock)
    {
        if (!keys.KeptInDataFolder)
        {
            return InConfiguration();
        }
        var key = keys.Rotate(clock.Now);
        return TypedResults.Created($"/api/links/keys/{key.Id}", View(keys.Ring, key));
    }

    private static Results<Ok<IReadOnlyList<LinkKeyView>>, ProblemHttpResult> Retire(string keyId, LinkKeys keys, CouncilClock clock)
    {
        if (!keys.KeptInDataFolder)
        {
            return InConfiguration();
        }
        return keys.Retire(keyId, clock.Now) switch
        {
            RetireOutcome.Unknown => TypedResults.Problem(title: $"There is no link key {keyId}.", statusCode: StatusCodes.Status404NotFound,
                extensions: new Dictionary<string, object?> { ["code"] = "unknown-link-key" }),
            RetireOutcome.Current => TypedResults.Problem(title: $"Link key {keyId} signs new links.",
                detail: "Make a new key current first (POST /api/links/keys), then retire this one.", statusCode: StatusCodes.Status409Conflict,
                extensions: new Dictionary<string, object?> { ["code"] = CurrentKey }),
            _ => TypedResults.Ok(Views(keys.Ring)),
        };
    }

    private static ProblemHttpResult InConfiguration() => TypedResults.Problem(
        title: "The link keys come from configuration.",
        detail: "Rotate by adding a key to Scrutiny:Links:Keys and naming it in Scrutiny:Links:CurrentKeyId; retire by listing a key in Scrutiny:Links:RetiredKeyIds (in Key Vault), then restart.",
        statusCode: StatusCodes.Status409Conflict,
        extensions: new Dictionary<string, object?> { ["code"] = KeysInConfiguration });

    private static IReadOnlyList<LinkKeyView> Views(LinkKeyRing ring) => [.. ring.Keys.Select(k => View(ring, k))];

    private static LinkKeyView View(LinkKeyRing ring, LinkKey key) => new(
        key.Id,
        key.IsRetired ? "retired" : key.Id == ring.Current.Id ? "current" : "verifying",
        key.Created,
        key.RetiredAt == DateTimeOffset.MinValue ? null : key.RetiredAt);
}
