using Microsoft.AspNetCore.Http.HttpResults;
using ScrutinyWorkflow.Core.Reviews;
using ScrutinyWorkflow.Web.SignIn;

namespace ScrutinyWorkflow.Web.Officers;

/// <summary>The directory for the pages' officer picker: people by name or address, and one officer with their manager and whether they are away.</summary>
public static class OfficersApi
{
    private const int MaxResults = 25;

    public static IEndpointRouteBuilder MapOfficersApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/officers").WithTags("Officers").RequireAuthorization(ScrutinyPolicies.Officer);

        api.MapGet("/", Search);
        api.MapGet("/{email}", Show);
        return app;
    }

    private static async Task<Ok<IReadOnlyList<OfficerView>>> Search(string? search, int? limit, IOfficerDirectory directory, CancellationToken cancellationToken)
    {
        var found = await directory.SearchAsync(search ?? "", Math.Clamp(limit ?? 10, 1, MaxResults), cancellationToken);
        return TypedResults.Ok<IReadOnlyList<OfficerView>>([.. found.Select(officer => OfficerView.Of(officer, null))]);
    }

    private static async Task<Results<Ok<OfficerView>, NotFound>> Show(string email, IOfficerDirectory directory, CancellationToken cancellationToken)
    {
        if (await directory.FindAsync(email, cancellationToken) is not { } officer)
        {
            return TypedResults.NotFound();
        }
        return TypedResults.Ok(OfficerView.Of(officer, await directory.FindAutomaticRepliesAsync(officer.Email, cancellationToken)));
    }
}

/// <summary>An officer as the API shows them; <see cref="AutomaticReplies"/> is null unless they are away (or due to be).</summary>
public sealed record OfficerView(string Email, string Name, string Designation, string? Manager, AutomaticReplies? AutomaticReplies)
{
    public static OfficerView Of(Officer officer, AutomaticReplies? away) => new(officer.Email, officer.Name, officer.Designation, officer.ManagerEmail, away);
}
