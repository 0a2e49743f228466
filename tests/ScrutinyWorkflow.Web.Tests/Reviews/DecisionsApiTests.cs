using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using ScrutinyWorkflow.Web.Tests.EndToEnd;

namespace ScrutinyWorkflow.Web.Tests.Reviews;

/// <summary>A month's decisions sent to the JSON API: a remedy's kind is read from the names the README lists, never guessed.</summary>
public sealed class DecisionsApiTests
{
    /// <summary>The scenario's five decisions, the first decision's second remedy (the payment) given this kind.</summary>
    private static JsonNode WithPaymentKind(string? kind)
    {
        var request = JsonSerializer.SerializeToNode(BetweenFocusReportsScenario.Decisions("Audit and Governance Panel", "audit.panel@council.example"))!;
        var payment = request["decisions"]![0]!["remedies"]![1]!.AsObject();
        payment.Remove("kind");
        if (kind is not null)
        {
            payment["kind"] = kind;
        }
        return request;
    }

    private static async Task<int> ReviewCountAsync(TestWorld world) =>
        (await world.App.CreateClient().GetFromJsonAsync<Web.Reviews.ReviewListView>("/api/reviews"))!.Total;

    [Fact]
    public async Task An_unknown_remedy_kind_is_a_400_problem_naming_the_remedy_and_the_kinds_accepted_and_nothing_is_created()
    {
        await using var world = new TestWorld(DateTimeOffset.UtcNow);
        var response = await world.App.CreateClient().PostAsJsonAsync("/api/reviews/decisions", WithPaymentKind("refund"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(["decisions[0].remedies[1].kind"], errors.EnumerateObject().Select(p => p.Name));
        var message = errors.GetProperty("decisions[0].remedies[1].kind")[0].GetString()!;
        Assert.All(new[] { "refund", "apology", "payment", "procedure", "training", "other" }, word => Assert.Contains(word, message, StringComparison.Ordinal));
        Assert.Equal(0, await ReviewCountAsync(world));
    }

    [Fact]
    public async Task A_remedy_without_a_kind_is_refused_rather_than_filed_as_other()
    {
        await using var world = new TestWorld(DateTimeOffset.UtcNow);
        var response = await world.App.CreateClient().PostAsJsonAsync("/api/reviews/decisions", WithPaymentKind(null));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.StartsWith("Say what kind of remedy", errors.GetProperty("decisions[0].remedies[1].kind")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await ReviewCountAsync(world));
    }

    [Theory]
    [InlineData("Financial redress", "payment")]
    [InlineData("other", "other")]
    [InlineData(" PAYMENT ", "payment")]
    public async Task A_kind_the_README_names_or_its_longer_form_is_recorded_as_that_kind(string given, string recorded)
    {
        await using var world = new TestWorld(DateTimeOffset.UtcNow);
        var response = await world.App.CreateClient().PostAsJsonAsync("/api/reviews/decisions", WithPaymentKind(given));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var review = await world.App.GetReviewAsync((await response.Content.ReadFromJsonAsync<Web.Reviews.CreatedReview>())!.Id);
        Assert.Equal(recorded, review.Decisions![0].Remedies[1].Kind);
    }
}
