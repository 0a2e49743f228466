using Microsoft.Extensions.Options;
using ScrutinyWorkflow.Web.Hosting;

namespace ScrutinyWorkflow.Web.Links;

public static class LinksRegistration
{
    public static IHostApplicationBuilder AddResponseLinks(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<LinksOptions>().BindConfiguration(LinksOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton(sp => LinkKeys.Load(
            sp.GetRequiredService<IOptions<ScrutinyOptions>>().Value,
            sp.GetRequiredService<IOptions<LinksOptions>>().Value,
            sp.GetRequiredService<DataFolders>().Root,
            sp.GetRequiredService<ILogger<LinkKeys>>()));
        builder.Services.AddSingleton(sp => new ResponseLinks(sp.GetRequiredService<LinkKeys>(), sp.GetRequiredService<IOptions<ScrutinyOptions>>()));
        // A lost or replaced first key would break every link already sent: the host says so at start instead.
        builder.Services.AddSingleton<IHostedService>(sp => new StartupCheck(_ =>
        {
            sp.GetRequiredService<LinkKeys>();
            return Task.CompletedTask;
        }));
        return builder;
    }
}
