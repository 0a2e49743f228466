using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using ScrutinyWorkflow.Web.Engine;
using ScrutinyWorkflow.Web.Tests;
using ScrutinyWorkflow.Web.Tests.SignIn;

namespace ScrutinyWorkflow.Functions.Tests.Http;

/// <summary>The Functions app with Entra ID sign-in, as Azure runs it: nobody gets in without signing in but through an emailed link.</summary>
public sealed class SignInTests : IAsyncLifetime
{
    private static readonly IPAddress Internet = IPAddress.Parse("203.0.113.9");

    private readonly TemporaryFolder data = new();
    private LocalOpenIdIssuer entra = null!;
    private FunctionsWorker functions = null!;

    public async Task InitializeAsync()
    {
        // A local stand-in for the council's Entra ID tenant, speaking OpenID Connect.
        entra = await LocalOpenIdIssuer.StartAsync();
        functions = await FunctionsWorker.StartSignedInAsync(data.Path, entra);
    }

    [Theory]
    [InlineData("GET", "/api/reviews")]
    [InlineData("POST", "/api/reviews")]
    [InlineData("GET", "/api/reviews/rv-anything/audit")]
    [InlineData("POST", "/api/links/keys/rotate")]
    public async Task An_api_call_from_the_internet_with_nobody_signed_in_is_refused_and_creates_nothing(string method, string path)
    {
        var answer = await functions.SendAsync((f, r) => f.Api(r, FunctionsWorker.Durable), method, path, method == "POST" ? HttpFunctionsTests.NewReview() : null, Internet);

        Assert.Equal(StatusCodes.Status401Unauthorized, answer.Status);
        var reviews = await functions.Services.GetRequiredService<IReviewQueries>().ListAsync(new ReviewListQuery(), CancellationToken.None);
        Assert.Equal(0, reviews.Total);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/reviews/new")]
    public async Task A_page_from_the_internet_with_nobody_signed_in_sends_them_to_the_councils_sign_in(string path)
    {
        var answer = await functions.SendAsync((f, r) => f.Pages(r, FunctionsWorker.Durable), "GET", path, from: Internet);

        Assert.Equal(StatusCodes.Status302Found, answer.Status);
        Assert.StartsWith(entra.AuthorizeEndpoint, answer.Location, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_scrutiny_officer_signed_in_with_the_councils_entra_id_gets_in()
    {
        var answer = await functions.SendAsync(
            (f, r) =>
            {
                r.Headers.Authorization = "Bearer " + entra.AccessToken(TestUser.Officer);
                return f.Api(r, FunctionsWorker.Durable);
            },
            "GET", "/api/reviews", from: Internet);

        Assert.Equal(StatusCodes.Status200OK, answer.Status);
    }

    [Fact]
    public async Task An_emailed_link_is_the_one_way_in_without_signing_in()
    {
        var answer = await functions.SendAsync((f, r) => f.Respond(r, FunctionsWorker.Durable), "GET", "/respond/not-a-real-token", from: Internet);

        // Not a sign-in challenge: the link page itself answers that the link is not recognised.
        Assert.Equal(StatusCodes.Status404NotFound, answer.Status);
    }

    public async Task DisposeAsync()
    {
        await functions.DisposeAsync();
        await entra.DisposeAsync();
        data.Dispose();
    }
}
