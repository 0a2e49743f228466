using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ScrutinyWorkflow.Web.Tests.Pages;

/// <summary>Which endpoints the framework checks for an antiforgery token: every form's, and no JSON API's.</summary>
public sealed class FormTokenTests : IAsyncLifetime
{
    private readonly TestWorld world = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await world.DisposeAsync();

    [Fact]
    public void Every_form_post_asks_the_framework_for_its_token_check_and_no_json_api_endpoint_does()
    {
        using var client = world.App.CreateClient();
        var writes = world.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Any(m => m is "POST" or "PUT" or "PATCH" or "DELETE") == true)
            .Select(e => (Path: e.RoutePattern.RawText!, Checked: e.Metadata.GetMetadata<IAntiforgeryMetadata>()?.RequiresValidation == true))
            .ToList();
        static bool IsForm(string path) =>
            path.StartsWith("/reviews", StringComparison.Ordinal) || path.StartsWith("/respond", StringComparison.Ordinal) || path == "/api/reviews/from-report";

        Assert.Contains(writes, w => w.Path == "/respond/{token}");
        Assert.Contains(writes, w => w.Path == "/reviews/{id}/dispatch");
        Assert.Empty(writes.Where(w => IsForm(w.Path) && !w.Checked).Select(w => w.Path));
        Assert.Empty(writes.Where(w => w.Path.StartsWith("/api/", StringComparison.Ordinal) && !IsForm(w.Path) && w.Checked).Select(w => w.Path));
    }
}
