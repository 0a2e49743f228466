using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ScrutinyWorkflow.Web.Deployment;
using ScrutinyWorkflow.Web.Hosting;
using ScrutinyWorkflow.Web.Mail;

namespace ScrutinyWorkflow.Web.Tests.Mail;

/// <summary>The product's own mail registration on a plain service collection, with these settings and a data folder.</summary>
internal static class MailServices
{
    public static ServiceProvider Build(string dataPath, IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? replace = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton(new DataFolders(dataPath));
        services.AddMail(DeploymentProfile.Read(configuration, ProductHost.WebHost));
        replace?.Invoke(services);
        return services.BuildServiceProvider();
    }

    public static IMailSender Sender(string dataPath, IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? replace = null) =>
        Build(dataPath, settings, replace).GetRequiredService<IMailSender>();
}
