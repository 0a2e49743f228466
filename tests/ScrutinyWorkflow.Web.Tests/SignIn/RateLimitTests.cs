using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;

namespace ScrutinyWorkflow.Web.Tests.SignIn;

/// <summary>
/// The answer pages and sign-in are limited per link and per client address; past a limit the answer is 429 with
/// Retry-After, and other links and other addresses go on as before. The client address is set on each request the
/// way a connection would give it.
/// </summary>
public sealed class RateLimitTests
{
    private static readonly string LinkA = "/respond/" + new string('A', 43);
    private static readonly string LinkB = "/respond/" + new string('B', 43);

    [Fact]
    public async Task One_link_is_limited_to_its_answers_a_minute_and_other_links_are_unaffected()
    {
        await using var world = new TestWorld(DateTimeOffset.UtcNow);
        world.Settings["Scrutiny:SignIn:RateLimits:AnswersPerLinkPerMinute"] = "3";
        var server = world.App.Server;

        var first = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            first.Add((await PostAsync(server, LinkA, "10.0.0.1")).Response.StatusCode);
        }
        var refused = await PostAsync(server, LinkA, "10.0.0.1");
        var underTheSameLink = await PostAsync(server, LinkA + "/questions/q-1", "10.0.0.1");
        var otherLink = await PostAsync(server, LinkB, "10.0.0.1");

        Assert.DoesNotContain(StatusCodes.Status429TooManyRequests, first);
        await AssertTooManyAsync(refused);
        await AssertTooManyAsync(underTheSameLink);
        Assert.NotEqual(StatusCodes.Status429TooManyRequests, otherLink.Response.StatusCode);
    }

    [Fact]
    public async Task One_address_is_limited_across_links_and_other_addresses_are_unaffected()
    {
        await using var world = new TestWorld(DateTimeOffset.UtcNow);
        world.Settings["Scrutiny:SignIn:RateLimits:AnswersPerAddressPerMinute"] = "4";
        var server = world.App.Server;

        for (var i = 0; i < 4; i++)
        {
            Assert.NotEqual(StatusCodes.Status429TooManyRequests, (await PostAsync(server, $"/respond/{i}{new string('C', 42)}", "10.0.0.1")).Response.StatusCode);
        }
        var refused = await PostAsync(server, LinkA, "10.0.0.1");
        var elsewhere = await PostAsync(server, LinkA, "10.0.0.2");

        await AssertTooManyAsync(refused);
        Assert.NotEqual(StatusCodes.Status429TooManyRequests, elsewhere.Response.StatusCode);
    }

    [Fact]
    public async Task Reading_a_link_page_is_not_limited_by_posting_to_it()
    {
        await using var world = new TestWorld(DateTimeOffset.UtcNow);
        world.Settings["Scrutiny:SignIn:RateLimits:AnswersPerLinkPerMinute"] = "1";
        var server = world.App.Server;

        await PostAsync(server, LinkA, "10.0.0.1");
        await AssertTooManyAsync(await PostAsync(server, LinkA, "10.0.0.1"));
        var read = await server.SendAsync(c =>
        {
            c.Request.Method = "GET";
            c.Request.Path = LinkA;
            c.Connection.RemoteIpAddress = IPAddress.Parse("10.0.0.1");
        });

        Assert.NotEqual(StatusCodes.Status429TooManyRequests, read.Response.StatusCode);
    }

    [Fact]
    public async Task Sign_in_is_limited_per_address_and_other_addresses_are_unaffected()
    {
        var entra = new EntraIdWorld();
        await entra.InitializeAsync();
        try
        {
            entra.World.Settings["Scrutiny:SignIn:RateLimits:SignInsPerAddressPerMinute"] = "2";
            var server = entra.App.Server;

            var first = new List<int>();
            for (var i = 0; i < 2; i++)
            {
                first.Add((await SignInCallbackAsync(server, "10.0.0.7")).Response.StatusCode);
            }
            var refused = await SignInCallbackAsync(server, "10.0.0.7");
            var elsewhere = await SignInCallbackAsync(server, "10.0.0.8");

            Assert.DoesNotContain(StatusCodes.Status429TooManyRequests, first);
            await AssertTooManyAsync(refused, keepsAnswer: false);
            Assert.NotEqual(StatusCodes.Status429TooManyRequests, elsewhere.Response.StatusCode);
        }
        finally
        {
            await entra.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_caller_asking_for_json_past_the_limit_gets_a_problem_naming_when_to_try_again()
    {
        await using var world = new TestWorld(DateTimeOffset.UtcNow);
        world.Settings["Scrutiny:SignIn:RateLimits:AnswersPerLinkPerMinute"] = "1";
        var server = world.App.Server;

        await PostAsync(server, LinkA, "10.0.0.1");
        await AssertTooManyProblemAsync(await PostAsync(server, LinkA, "10.0.0.1", accept: "application/json"));
    }

    private static Task<HttpContext> PostAsync(TestServer server, string path, string address, string? accept = null) => server.SendAsync(c =>
    {
        if (accept is not null)
        {
            c.Request.Headers.Accept = accept;
        }
        c.Request.Method = "POST";
        c.Request.Path = path;
        c.Request.ContentType = "application/x-www-form-urlencoded";
        c.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes("answer=An+answer&action=draft"));
        c.Connection.RemoteIpAddress = IPAddress.Parse(address);
    });

    /// <summary>The sign-in callback, as a browser coming back from the issuer (with a code the product never asked for).</summary>
    private static Task<HttpContext> SignInCallbackAsync(TestServer server, string address) => server.SendAsync(c =>
    {
        c.Request.Method = "GET";
        c.Request.Scheme = "https";
        c.Request.Path = "/signin-oidc";
        c.Request.QueryString = new QueryString("?code=made-up&state=made-up");
        c.Connection.RemoteIpAddress = IPAddress.Parse(address);
    });

    /// <summary>A page on the layout saying when to try again, and keeping the text the refused form carried.</summary>
    private static async Task AssertTooManyAsync(HttpContext refused, bool keepsAnswer = true)
    {
        Assert.Equal(StatusCodes.Status429TooManyRequests, refused.Response.StatusCode);
        var retryAfter = int.Parse(refused.Response.Headers.RetryAfter.ToString(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 60);
        Assert.StartsWith("text/html", refused.Response.ContentType, StringComparison.Ordinal);
        // It shows back what was typed, so no browser or proxy may keep a copy.
        Assert.Equal("no-store", refused.Response.Headers.CacheControl.ToString());
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await new StreamReader(refused.Response.Body).ReadToEndAsync());
        Assert.StartsWith("Error: Too many attempts", page.Title, StringComparison.Ordinal);
        Assert.Contains($"Try again in {retryAfter} seconds", page.QuerySelector(".govuk-error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(keepsAnswer ? "An answer" : null, page.QuerySelector("textarea#kept")?.TextContent);
    }

    private static async Task AssertTooManyProblemAsync(HttpContext refused)
    {
        Assert.Equal(StatusCodes.Status429TooManyRequests, refused.Response.StatusCode);
        var retryAfter = int.Parse(refused.Response.Headers.RetryAfter.ToString(), System.Globalization.CultureInfo.InvariantCulture);
        var problem = JsonDocument.Parse(await new StreamReader(refused.Response.Body).ReadToEndAsync()).RootElement;
        Assert.Equal("too-many-requests", problem.GetProperty("code").GetString());
        Assert.Contains($"Try again in {retryAfter} seconds", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
