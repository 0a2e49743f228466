using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using ScrutinyWorkflow.Tests.Shared;
using ScrutinyWorkflow.Web.Deployment;
using ScrutinyWorkflow.Web.Hosting;
using ScrutinyWorkflow.Web.SignIn;
using ScrutinyWorkflow.Web.Tests.EndToEnd;

namespace ScrutinyWorkflow.Web.Tests.SignIn;

/// <summary>Local mode: nobody signs in, so the host must listen on this machine's loopback only.</summary>
public sealed class LocalSignInTests
{
    [Theory]
    [InlineData("urls", "http://0.0.0.0:5080", "http://0.0.0.0:5080")]
    [InlineData("urls", "http://*:5080", "http://*:5080")]
    [InlineData("urls", "http://+:5080", "http://+:5080")]
    [InlineData("urls", "http://[::]:5080", "http://[::]:5080")]
    [InlineData("urls", "http://192.168.1.20:5080", "http://192.168.1.20:5080")]
    [InlineData("urls", "http://127.0.0.1:5080;https://scrutiny.council.example:443", "https://scrutiny.council.example:443")]
    [InlineData("Kestrel:Endpoints:Web:Url", "http://0.0.0.0:8080", "Kestrel:Endpoints:Web:Url")]
    public async Task Local_mode_refuses_to_start_on_an_address_other_machines_can_reach(string key, string value, string named)
    {
        using var folder = new TemporaryFolder();
        await using var host = Host(folder.Path, (key, value));

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
        Assert.Contains("Scrutiny:SignIn:Mode", error.Message, StringComparison.Ordinal);
        Assert.Contains("localhost", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Local_mode_stops_the_host_when_code_makes_it_listen_beyond_loopback()
    {
        using var folder = new TemporaryFolder();
        await using var host = Host(folder.Path, configure: builder => builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Any, 0)));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync());

        Assert.Contains("0.0.0.0", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:0")]
    [InlineData("http://[::1]:0")]
    public async Task Local_mode_starts_on_loopback(string url)
    {
        using var folder = new TemporaryFolder();
        await using var host = Host(folder.Path, ("urls", url));

        await host.StartAsync();
        await host.StopAsync();
    }

    [Fact]
    public async Task EntraId_mode_without_its_app_registration_stops_the_host_naming_what_is_missing()
    {
        using var folder = new TemporaryFolder();
        await using var host = Host(folder.Path, ("Scrutiny:SignIn:Mode", "EntraId"), ("AzureAd:Instance", "https://login.microsoftonline.com/"), ("AzureAd:TenantId", "common"));

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("AzureAd:ClientId", error.Message, StringComparison.Ordinal);
        Assert.Contains("AzureAd:ClientSecret", error.Message, StringComparison.Ordinal);
        Assert.Contains("not \"common\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_sign_in_mode_that_does_not_exist_stops_the_host_naming_the_setting()
    {
        using var folder = new TemporaryFolder();

        var error = Assert.ThrowsAny<InvalidOperationException>(() => Host(folder.Path, ("Scrutiny:SignIn:Mode", "Anyone")));

        Assert.Contains("Scrutiny:SignIn:Mode", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task On_loopback_pages_and_api_need_no_sign_in_and_every_request_is_the_local_scrutiny_officer()
    {
        using var folder = new TemporaryFolder();
        var port = Loopback.FreePort();
        await using var app = new ScrutinyApplication(folder.Path, new(DateTimeOffset.UtcNow), new Dictionary<string, string>
        {
            ["urls"] = $"http://127.0.0.1:{port}",
            ["Scrutiny:SignIn:LocalUser:Name"] = "Alex Morgan",
            ["Scrutiny:SignIn:LocalUser:Email"] = "alex.morgan@council.example",
        });
        app.UseKestrel();
        app.StartServer();
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

        var created = await client.PostAsJsonAsync("/api/reviews", AssuranceReviewScenario.Request());
        var home = await client.GetAsync("/");
        var me = await client.GetFromJsonAsync<JsonElement>("/api/signed-in");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Equal("Alex Morgan", me.GetProperty("name").GetString());
        Assert.Equal("alex.morgan@council.example", me.GetProperty("email").GetString());
        Assert.True(me.GetProperty("mayChange").GetBoolean());
    }

    [Theory]
    [InlineData("attacker.example")]
    [InlineData("attacker.example:5080")]
    [InlineData("127.0.0.1.attacker.example")]
    [InlineData("localhost.attacker.example")]
    [InlineData("192.168.1.20")]
    public async Task Local_mode_refuses_a_request_addressed_to_another_site_and_it_changes_nothing(string host)
    {
        // A page on another site that points its own name at 127.0.0.1 (DNS rebinding) reaches the loopback host, but
        // its requests still name that site.
        await using var world = new TestWorld();
        var client = world.App.CreateClient();
        using var create = new HttpRequestMessage(HttpMethod.Post, "/api/reviews") { Content = JsonContent.Create(AssuranceReviewScenario.Request()) };
        create.Headers.Host = host;
        using var read = new HttpRequestMessage(HttpMethod.Get, "/api/reviews");
        read.Headers.Host = host;

        var created = await client.SendAsync(create);
        var listed = await client.SendAsync(read);

        Assert.Equal(HttpStatusCode.BadRequest, created.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, listed.StatusCode);
        Assert.Contains("localhost", await listed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var reviews = await client.GetFromJsonAsync<JsonElement>("/api/reviews");
        Assert.Equal(0, reviews.GetProperty("total").GetInt32());
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("localhost:5080")]
    [InlineData("LOCALHOST:5080")]
    [InlineData("127.0.0.1:5080")]
    [InlineData("127.3.4.5")]
    [InlineData("[::1]:5080")]
    [InlineData("scrutiny.council.example")]
    public async Task Local_mode_answers_requests_addressed_to_a_loopback_name_or_the_public_address(string host)
    {
        await using var world = new TestWorld();
        using var read = new HttpRequestMessage(HttpMethod.Get, "/api/reviews");
        read.Headers.Host = host;

        var listed = await world.App.CreateClient().SendAsync(read);

        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
    }

    [Fact]
    public async Task The_local_officer_has_a_documented_default()
    {
        await using var world = new TestWorld();

        var me = await world.App.CreateClient().GetFromJsonAsync<JsonElement>("/api/signed-in");

        Assert.Equal(new LocalUserOptions().Name, me.GetProperty("name").GetString());
        Assert.Equal("scrutiny.officer@council.example", me.GetProperty("email").GetString());
    }

    /// <summary>A plain host with the product's registrations (WebApplicationFactory can hide a failed start's message).</summary>
    private static WebApplication Host(string dataPath, params (string Key, string Value)[] settings) => Host(dataPath, null, settings);

    private static WebApplication Host(string dataPath, Action<WebApplicationBuilder>? configure, params (string Key, string Value)[] settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = dataPath, EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["urls"] = "http://127.0.0.1:0",
            ["Scrutiny:DataPath"] = dataPath,
            ["Scrutiny:DirectoryPath"] = Path.Combine(ScrutinyApplication.RepositoryRoot(), "samples", "directory.json"),
            ["Scrutiny:PublicBaseUrl"] = ScrutinyApplication.PublicBaseUrl,
            ["Scrutiny:TeamEmail"] = "scrutiny@council.example",
        });
        builder.Configuration.AddInMemoryCollection(settings.ToDictionary(s => s.Key, s => (string?)s.Value));
        builder.AddScrutinyHosting();
        builder.AddSignIn(DeploymentProfile.Read(builder, ProductHost.WebHost).ThrowIfUnsafe());
        configure?.Invoke(builder);
        var app = builder.Build();
        app.UseScrutinyHosting();
        app.UseSignIn();
        return app;
    }
}
