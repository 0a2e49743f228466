using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ScrutinyWorkflow.Web.Deployment;
using ScrutinyWorkflow.Web.Graph;
using ScrutinyWorkflow.Web.Hosting;
using ScrutinyWorkflow.Web.Mail;
using ScrutinyWorkflow.Web.Officers;
using ScrutinyWorkflow.Web.Tests.Mail;

namespace ScrutinyWorkflow.Web.Tests.Graph;

/// <summary>The Graph settings the directory and mail share: checked at start, and one client when both use it.</summary>
public sealed class GraphSettingsTests : IDisposable
{
    private readonly TemporaryFolder temp = new();

    public void Dispose() => temp.Dispose();

    private WebApplication Host(Dictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddSingleton(new DataFolders(temp.Path));
        builder.AddOfficerDirectory(DeploymentProfile.Read(builder, ProductHost.WebHost));
        builder.AddMail(DeploymentProfile.Read(builder, ProductHost.WebHost));
        LocalGraph.Use(builder.Services);
        return builder.Build();
    }

    [Theory]
    [InlineData("Scrutiny:Graph:BaseUrl", "http://graph.example/v1.0", "Scrutiny:Graph:BaseUrl 'http://graph.example/v1.0' must be an https URL")]
    [InlineData("Scrutiny:Graph:ClientSecret", "<from Key Vault>", "Scrutiny:Graph:TenantId and Scrutiny:Graph:ClientId must be set")]
    [InlineData("Scrutiny:Graph:CacheFor", "1.00:00:00", "Scrutiny:Graph:CacheFor must be between 00:00:00 and 01:00:00")]
    [InlineData("Scrutiny:Directory:Provider", "Ldap", "Scrutiny:Directory:Provider 'Ldap' must be File or Graph")]
    public void A_bad_Graph_or_directory_setting_is_named_at_start(string key, string value, string expected)
    {
        var settings = new Dictionary<string, string?> { ["Scrutiny:Directory:Provider"] = "Graph", [key] = value };
        var services = Host(settings).Services;

        var failure = Assert.ThrowsAny<OptionsValidationException>(() =>
        {
            _ = services.GetRequiredService<IOptions<DirectoryOptions>>().Value;
            _ = services.GetRequiredService<IOptions<GraphOptions>>().Value;
        });

        Assert.Contains(expected, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mail_and_the_directory_both_through_Graph_share_one_client_and_each_works()
    {
        await using var graph = await LocalGraph.StartAsync();
        graph.Add(new GraphUser("mbx-1", "Scrutiny Team", null, "scrutiny@council.example", "scrutiny@council.example"));
        var settings = graph.Settings();
        settings["Scrutiny:Directory:Provider"] = "Graph";
        settings["Scrutiny:Mail:Provider"] = "Graph";
        settings["Scrutiny:Mail:Graph:Mailbox"] = "scrutiny@council.example";
        var services = Host(settings).Services;

        await services.GetRequiredService<IMailSender>().SendAsync(Mails.Request(), CancellationToken.None);
        var officer = await services.GetRequiredService<IOfficerDirectory>().FindAsync("scrutiny@council.example", CancellationToken.None);

        Assert.Single(graph.Sent);
        Assert.Equal("Scrutiny Team", officer?.Name);
        Assert.Single(services.GetServices<Microsoft.Graph.GraphServiceClient>());
    }
}
