using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Identity.Web;
using Moq;
using ScrutinyWorkflow.Functions.Hosting;
using ScrutinyWorkflow.Functions.Http;
using ScrutinyWorkflow.Tests.Shared;
using ScrutinyWorkflow.Web.Mail;
using ScrutinyWorkflow.Web.Tests.SignIn;

namespace ScrutinyWorkflow.Functions.Tests;

/// <summary>A response as a test reads it.</summary>
internal sealed record Answer(int Status, string? ContentType, string Body, string? Location);

/// <summary>
/// The Functions app's services without the Functions host: the same registration its Program runs, on the embedded
/// runtime in a temporary data folder, with the sample directory, mail to .eml files and a clock the test sets. The
/// function classes are made from these services as the worker would make them.
/// </summary>
internal sealed class FunctionsWorker : IAsyncDisposable
{
    public const string PublicBaseUrl = "https://scrutiny.council.example";

    /// <summary>A working Tuesday, well before the sample review's deadline.</summary>
    public static readonly DateTimeOffset Today = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);

    private readonly IHost host;

    private FunctionsWorker(IHost host, string dataPath)
    {
        this.host = host;
        DataPath = dataPath;
    }

    public IServiceProvider Services => host.Services;

    public string DataPath { get; }

    public EmlMailbox Mailbox => new(Path.Combine(DataPath, "mail"));

    /// <summary>The binding the Durable extension would pass; unused on the embedded runtime.</summary>
    public static DurableTaskClient Durable { get; } = new Mock<DurableTaskClient>("test").Object;

    public static Dictionary<string, string?> Settings(string dataPath) => new()
    {
        ["Scrutiny:DataPath"] = dataPath,
        ["Scrutiny:DirectoryPath"] = Path.Combine(Loopback.RepositoryRoot(), "samples", "directory.json"),
        ["Scrutiny:PublicBaseUrl"] = PublicBaseUrl,
        ["Scrutiny:TeamEmail"] = "scrutiny@council.example",
        ["Scrutiny:Runner:Enabled"] = "false",
    };

    public static async Task<FunctionsWorker> StartAsync(string dataPath, IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        // The app's own folder, as the Functions host gives the worker: its wwwroot holds the pages' files. Development,
        // as Core Tools runs it on a developer's machine: the only place the worker may run without sign-in.
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, ContentRootPath = AppContext.BaseDirectory, EnvironmentName = Environments.Development });
        builder.Configuration.AddInMemoryCollection(Settings(dataPath));
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        builder.Logging.ClearProviders();
        builder.AddScrutinyFunctionsApp();
        builder.Services.Replace(ServiceDescriptor.Singleton<TimeProvider>(new FakeTimeProvider(Today)));
        services?.Invoke(builder.Services);
        var host = builder.Build();
        await host.StartAsync();
        return new FunctionsWorker(host, dataPath);
    }

    /// <summary>The worker with Entra ID sign-in against a local stand-in for the council's tenant, over these settings.</summary>
    public static Task<FunctionsWorker> StartSignedInAsync(string dataPath, LocalOpenIdIssuer entra, IReadOnlyDictionary<string, string?>? settings = null)
    {
        ArgumentNullException.ThrowIfNull(entra);
        var all = entra.Settings().ToDictionary(s => s.Key, s => (string?)s.Value);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }
        return StartAsync(dataPath, all, services =>
        {
            // The stand-in speaks https with a certificate of its own, which every client that reaches it trusts.
            services.Configure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, o => o.BackchannelHttpHandler = entra.TrustingHandler());
            services.Configure<OpenIdConnectOptions>(OpenIdConnectDefaults.AuthenticationScheme, o => o.BackchannelHttpHandler = entra.TrustingHandler());
            services.AddHttpClient(LocalOpenIdIssuer.HttpClientName).ConfigurePrimaryHttpMessageHandler(entra.TrustingHandler);
            services.Configure<AadIssuerValidatorOptions>(o => o.HttpClientName = LocalOpenIdIssuer.HttpClientName);
        });
    }

    public T Function<T>() => ActivatorUtilities.CreateInstance<T>(Services);

    /// <summary>One request through the HTTP trigger named, with a context as the ASP.NET Core integration hands it over.</summary>
    public async Task<Answer> SendAsync(Func<HttpFunctions, HttpRequest, Task> trigger, string method, string pathAndQuery, string? json = null, System.Net.IPAddress? from = null)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        await using var scope = Services.CreateAsyncScope();
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        var uri = new Uri(new Uri(PublicBaseUrl), pathAndQuery);
        context.Connection.RemoteIpAddress = from;
        context.Request.Method = method;
        context.Request.Scheme = uri.Scheme;
        context.Request.Host = new HostString(uri.Host);
        context.Request.Path = uri.AbsolutePath;
        context.Request.QueryString = new QueryString(uri.Query);
        if (json is not null)
        {
            var bytes = Encoding.UTF8.GetBytes(json);
            context.Request.ContentType = "application/json";
            context.Request.ContentLength = bytes.Length;
            context.Request.Body = new MemoryStream(bytes);
        }
        var body = new MemoryStream();
        context.Response.Body = body;
        await trigger(Function<HttpFunctions>(), context.Request);
        return new Answer(context.Response.StatusCode, context.Response.ContentType, Encoding.UTF8.GetString(body.ToArray()), context.Response.Headers.Location);
    }

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
    }
}

/// <summary>The web host itself, on the same settings and clock, to hold the Functions app's answers against.</summary>
internal sealed class WebHost(string dataPath) : WebApplicationFactory<global::Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in FunctionsWorker.Settings(dataPath))
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureServices(services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(new FakeTimeProvider(FunctionsWorker.Today))));
    }

    public async Task<Answer> SendAsync(string method, string pathAndQuery, string? json = null)
    {
        using var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri(FunctionsWorker.PublicBaseUrl) });
        using var request = new HttpRequestMessage(new HttpMethod(method), pathAndQuery);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }
        using var response = await client.SendAsync(request);
        return new Answer((int)response.StatusCode, response.Content.Headers.ContentType?.ToString(), await response.Content.ReadAsStringAsync(), response.Headers.Location?.OriginalString);
    }
}
