using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using ScrutinyWorkflow.Web.SignIn;

namespace ScrutinyWorkflow.Web.Tests.SignIn;

/// <summary>
/// Who may reach an endpoint is named where it is mapped: each one carries a policy or says it is open, so none is left
/// to the fallback rule, which stays a backstop for whatever a future change maps without one.
/// </summary>
public sealed class EndpointPolicyTests : IAsyncLifetime
{
    private readonly TestWorld world = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await world.DisposeAsync();

    [Fact]
    public void Every_endpoint_names_its_policy_or_says_it_is_open_to_anyone()
    {
        var endpoints = Endpoints();

        Assert.Contains(endpoints, e => e.Path == "/api/reviews/{id}/dispatch");
        Assert.Empty(endpoints.Where(e => !e.Open && e.Policies.Count == 0).Select(e => $"{e.Method} {e.Path}"));
    }

    [Fact]
    public void Readers_reach_only_reads_and_only_the_link_pages_are_open_to_anyone()
    {
        var endpoints = Endpoints();

        Assert.Contains(endpoints, e => e.Path == "/reviews/{id}/statement" && e.Policies.Contains(ScrutinyPolicies.Reader));
        Assert.Contains(endpoints, e => e.Path == "/api/reviews/{id}/dispatch" && e.Policies.Contains(ScrutinyPolicies.Officer));
        Assert.Empty(endpoints.Where(e => e.Policies.Contains(ScrutinyPolicies.Reader) && e.Method != "GET").Select(e => $"{e.Method} {e.Path}"));
        Assert.Empty(endpoints.Where(e => e.Open && !e.Path.StartsWith("/respond/", StringComparison.Ordinal)).Select(e => $"{e.Method} {e.Path}"));
    }

    private List<(string Method, string Path, bool Open, IReadOnlyList<string> Policies)> Endpoints()
    {
        using var client = world.App.CreateClient();
        return [.. world.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"]).Select(method => (
                method,
                e.RoutePattern.RawText ?? "",
                e.Metadata.GetMetadata<IAllowAnonymous>() is not null,
                (IReadOnlyList<string>)[.. e.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).OfType<string>().Where(p => p.Length > 0)])))];
    }
}
