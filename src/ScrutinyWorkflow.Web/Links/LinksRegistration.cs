using Microsoft.Extensions.Options;
using ScrutinyWorkflow.Web.Hosting;

namespace ScrutinyWorkflow.Web.Links;

public static class LinksRegistration
{
    public static IHostApplicationBuilder AddResponseLinks(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(sp => new ResponseLinks(
            ResponseLinks.LoadOrCreateKey(sp.GetRequiredService<IOptions<ScrutinyOptions>>().Value, sp.GetRequiredService<DataFolders>().Root),
            sp.GetRequiredService<IOptions<ScrutinyOptions>>()));
        return builder;
    }
}
