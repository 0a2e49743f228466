using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.AspNetCore.StaticAssets;
using Microsoft.Extensions.DependencyInjection;
using ScrutinyWorkflow.Web.Hosting;
using ScrutinyWorkflow.Web.Tests.EndToEnd;

namespace ScrutinyWorkflow.Web.Tests.SignIn;

/// <summary>EntraId mode against a local OpenID Connect issuer: who may reach what, by cookie and by bearer token.</summary>
public sealed class EntraIdSignInTests(EntraIdWorld entra) : IClassFixture<EntraIdWorld>
{
    [Fact]
    public async Task Every_route_but_the_link_pages_and_assets_needs_sign_in_with_api_calls_answered_401_and_pages_sent_to_sign_in()
    {
        var routes = Routes(entra.App.Services);
        Assert.Contains(routes, r => r.Path.StartsWith("/api/reviews", StringComparison.Ordinal) && r.Method == "POST");
        Assert.Contains(routes, r => r.Path.StartsWith("/respond/", StringComparison.Ordinal));

        var wrong = new List<string>();
        foreach (var (method, path, isPublic, contentType) in routes)
        {
            var response = await entra.Api().SendAsync(Anonymous(method, path, contentType));
            var location = response.Headers.Location?.ToString() ?? "";
            var asked = response.StatusCode == HttpStatusCode.Unauthorized
                || (response.StatusCode == HttpStatusCode.Redirect && location.StartsWith(entra.Issuer.AuthorizeEndpoint, StringComparison.Ordinal));
            var expected = isPublic ? !asked
                : path.StartsWith("/api/", StringComparison.Ordinal) ? response.StatusCode == HttpStatusCode.Unauthorized
                : response.StatusCode == HttpStatusCode.Redirect && location.StartsWith(entra.Issuer.AuthorizeEndpoint, StringComparison.Ordinal);
            if (!expected)
            {
                wrong.Add($"{method} {path}: {(int)response.StatusCode} {location}");
            }
        }

        Assert.True(wrong.Count == 0, "These routes answered an anonymous request wrongly:\n" + string.Join("\n", wrong));
    }

    [Fact]
    public async Task An_officer_with_a_bearer_token_can_create_and_read_a_review()
    {
        var api = entra.Api(entra.Issuer.AccessToken(TestUser.Officer));

        var created = await api.PostAsJsonAsync("/api/reviews", AssuranceReviewScenario.Request());
        var list = await api.GetAsync("/api/reviews");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
    }

    [Fact]
    public async Task A_reader_can_read_reviews_and_statements_but_change_nothing_and_read_nothing_else()
    {
        var id = await CreateReviewAsync();
        var reader = entra.Api(entra.Issuer.AccessToken(TestUser.Reader));

        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/api/reviews")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/api/reviews/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/api/reviews/{id}/events")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.PostAsJsonAsync("/api/reviews", AssuranceReviewScenario.Request())).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.PostAsync($"/api/reviews/{id}/dispatch", Api.NoBody())).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.GetAsync("/api/officers?search=a")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.GetAsync("/mail")).StatusCode);
        Assert.Equal("draft", await StatusAsync(id));
    }

    [Fact]
    public async Task Someone_signed_in_with_no_app_role_is_refused()
    {
        var nobody = entra.Api(entra.Issuer.AccessToken(TestUser.NoRole));

        var response = await nobody.GetAsync("/api/reviews");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    public static TheoryData<string> SpoiltTokens() => ["expired", "signed by another key", "for another audience", "from another issuer"];

    [Theory]
    [MemberData(nameof(SpoiltTokens))]
    public async Task A_spoilt_token_is_refused(string spoilt)
    {
        var issuer = entra.Issuer;
        var token = spoilt switch
        {
            "expired" => issuer.AccessToken(TestUser.Officer, expiresIn: TimeSpan.FromMinutes(-30)),
            "signed by another key" => issuer.AccessToken(TestUser.Officer, signWith: LocalOpenIdIssuer.ForeignKey()),
            "for another audience" => issuer.AccessToken(TestUser.Officer, audience: "api://another-app"),
            _ => issuer.AccessToken(TestUser.Officer, issuer: $"{issuer.BaseUrl}/00000000-0000-0000-0000-000000000001/v2.0"),
        };

        var read = await entra.Api(token).GetAsync("/api/reviews");
        var write = await entra.Api(token).PostAsJsonAsync("/api/reviews", AssuranceReviewScenario.Request());

        Assert.Equal(HttpStatusCode.Unauthorized, read.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, write.StatusCode);
        Assert.Contains("Bearer", read.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    /// <summary>A tenant other than the council's, on the same issuer.</summary>
    private const string AnotherTenant = "3f2b8c1d-9e4a-4b7f-8c6d-1a2b3c4d5e6f";

    [Fact]
    public async Task A_token_another_tenant_was_issued_is_refused_though_its_key_issuer_and_tenant_claim_agree()
    {
        // Signed with the issuer's own key, its iss and tid both naming the other tenant: the issuer's template takes it.
        var token = entra.Issuer.AccessToken(TestUser.Officer, tenant: AnotherTenant);

        var read = await entra.Api(token).GetAsync("/api/reviews");
        var write = await entra.Api(token).PostAsJsonAsync("/api/reviews", AssuranceReviewScenario.Request());

        Assert.Equal(HttpStatusCode.Unauthorized, read.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, write.StatusCode);
    }

    [Fact]
    public async Task A_sign_in_that_comes_back_from_another_tenant_leaves_nobody_signed_in()
    {
        entra.Issuer.NextTenant = AnotherTenant;
        try
        {
            var (browser, callback) = await entra.GoThroughSignInAsync(TestUser.Officer);

            Assert.False(callback.StatusCode == HttpStatusCode.Redirect && callback.Headers.Location?.OriginalString == "/",
                "The sign-in from another tenant was taken and the page shown.");
            Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/signed-in")).StatusCode);
            Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/")).StatusCode);
        }
        finally
        {
            entra.Issuer.NextTenant = LocalOpenIdIssuer.TenantId;
        }
    }

    [Fact]
    public async Task An_officer_signs_in_through_the_issuer_and_the_pages_know_who_she_is()
    {
        var redeemedBefore = entra.Issuer.Redeemed;

        var browser = await entra.SignInAsync(TestUser.Officer);
        var home = await browser.GetAsync("/");
        var me = await browser.GetFromJsonAsync<JsonElement>("/api/signed-in");

        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Equal(redeemedBefore + 1, entra.Issuer.Redeemed);
        Assert.Equal("Sam Patel", me.GetProperty("name").GetString());
        Assert.Equal("sam.patel@council.example", me.GetProperty("email").GetString());
        Assert.True(me.GetProperty("mayChange").GetBoolean());
    }

    [Fact]
    public async Task A_reader_signed_in_to_the_pages_can_look_but_her_posts_and_other_pages_are_forbidden()
    {
        var id = await CreateReviewAsync();
        var browser = await entra.SignInAsync(TestUser.Reader);

        var look = await browser.GetAsync($"/api/reviews/{id}");
        var change = await browser.PostAsync($"/api/reviews/{id}/dispatch", Api.NoBody());
        var sentMail = await browser.GetAsync("/mail");
        var me = await browser.GetFromJsonAsync<JsonElement>("/api/signed-in");

        Assert.Equal(HttpStatusCode.OK, look.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, change.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, sentMail.StatusCode);
        Assert.False(me.GetProperty("mayChange").GetBoolean());
        Assert.Equal("draft", await StatusAsync(id));
    }

    [Fact]
    public async Task A_signed_in_officers_cookie_does_not_let_another_site_change_a_review()
    {
        var id = await CreateReviewAsync();
        var browser = await entra.SignInAsync(TestUser.Officer);

        var forged = await browser.SendAsync(FromSite(id, "https://evil.example", "cross-site"));
        var statusAfterForgery = await StatusAsync(id);
        var own = await browser.SendAsync(FromSite(id, "https://localhost", "same-origin"));

        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Contains("cross-site-request", await forged.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("draft", statusAfterForgery);
        Assert.Equal(HttpStatusCode.Accepted, own.StatusCode);
    }

    private static HttpRequestMessage FromSite(string id, string origin, string site)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/reviews/{id}/dispatch") { Content = Api.NoBody() };
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Sec-Fetch-Site", site);
        return request;
    }

    [Fact]
    public async Task An_officers_link_page_opens_without_an_account()
    {
        var response = await entra.Api().GetAsync("/respond/" + new string('A', 43));

        Assert.NotEqual(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.NotEqual(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("text/html", response.Content.Headers.ContentType?.ToString() ?? "", StringComparison.Ordinal);
    }

    /// <summary>Every route the app maps, whoever added it, with a sample path and whether it is meant to be open.</summary>
    internal static List<(string Method, string Path, bool IsPublic, string ContentType)> Routes(IServiceProvider services) =>
        [.. services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(method => (
                    method,
                    Sample(e.RoutePattern),
                    e.Metadata.GetMetadata<StaticAssetDescriptor>() is not null || Sample(e.RoutePattern).StartsWith("/respond/", StringComparison.Ordinal),
                    e.Metadata.GetMetadata<RequestContentType>()?.MediaType ?? "")))
            .Distinct()];

    private static string Sample(RoutePattern pattern) =>
        "/" + string.Join("/", pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternSeparatorPart separator => separator.Content,
            RoutePatternParameterPart { Name: "token" } => new string('A', 43),
            RoutePatternParameterPart { Name: "id" } => "rv-sample",
            RoutePatternParameterPart { Name: "email" } => "head.of.service@council.example",
            _ => "sample",
        }))));

    private static HttpRequestMessage Anonymous(string method, string path, string contentType)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method is "POST" or "PUT" or "PATCH" or "DELETE")
        {
            // What each kind of route takes, so only sign-in stands in the way.
            request.Content = contentType == "multipart/form-data" ? new MultipartFormDataContent { { new StringContent("x"), "panelName" } }
                : path.StartsWith("/api/", StringComparison.Ordinal) ? new StringContent("{}", Encoding.UTF8, "application/json")
                : new FormUrlEncodedContent([]);
        }
        return request;
    }

    private async Task<string> CreateReviewAsync()
    {
        var response = await entra.Api(entra.Issuer.AccessToken(TestUser.Officer)).PostAsJsonAsync("/api/reviews", AssuranceReviewScenario.Request());
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<Web.Reviews.CreatedReview>())!.Id;
    }

    private async Task<string> StatusAsync(string id) =>
        (await entra.Api(entra.Issuer.AccessToken(TestUser.Officer)).GetFromJsonAsync<Web.Reviews.ReviewView>($"/api/reviews/{id}"))!.Status;
}
