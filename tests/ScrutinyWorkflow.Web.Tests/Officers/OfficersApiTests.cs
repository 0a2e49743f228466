using System.Net;
using System.Net.Http.Json;
using ScrutinyWorkflow.Web.Officers;

namespace ScrutinyWorkflow.Web.Tests.Officers;

/// <summary>The officer picker's API, over the sample directory file.</summary>
public sealed class OfficersApiTests : IAsyncLifetime
{
    private readonly TestWorld world = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await world.DisposeAsync();

    [Fact]
    public async Task A_search_finds_officers_by_part_of_their_name_address_or_job_title_in_name_order()
    {
        var client = world.App.CreateClient();

        var byName = await client.GetFromJsonAsync<List<OfficerView>>("/api/officers?search=AN&limit=2");
        var byAddress = await client.GetFromJsonAsync<List<OfficerView>>("/api/officers?search=head.of");

        // "Performance and Data Team" is the data team's job title: found by it, and listed by name.
        Assert.Equal(["Aisha Rahman", "Children's Services Data Team"], byName!.Select(o => o.Name));
        Assert.Equal(["Siân Llewellyn"], byAddress!.Select(o => o.Name));
    }

    [Fact]
    public async Task One_officer_comes_with_their_manager_and_a_missing_one_is_404()
    {
        var client = world.App.CreateClient();

        var officer = await client.GetFromJsonAsync<OfficerView>("/api/officers/Tom.Okafor@council.example");

        Assert.Equal(new OfficerView("tom.okafor@council.example", "Tom Okafor", "Team Manager, Looked After Children", "head.of.service@council.example", null), officer);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/officers/nobody@council.example")).StatusCode);
    }
}
