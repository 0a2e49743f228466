using Microsoft.Extensions.Options;
using ScrutinyWorkflow.Web.Hosting;

namespace ScrutinyWorkflow.Web.Officers;

public static class OfficersRegistration
{
    public static WebApplicationBuilder AddOfficerDirectory(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IOfficerDirectory>(sp =>
        {
            var path = sp.GetRequiredService<IOptions<ScrutinyOptions>>().Value.DirectoryPath;
            return FileOfficerDirectory.Load(Path.GetFullPath(Path.Combine(builder.Environment.ContentRootPath, path)));
        });

        // Resolving the directory at start-up reads and checks the file, so a mistake in it stops the app with the
        // line to fix instead of failing the first escalation weeks later.
        builder.Services.AddSingleton<IHostedService>(sp => new StartupCheck(_ =>
        {
            sp.GetRequiredService<IOfficerDirectory>();
            return Task.CompletedTask;
        }));
        return builder;
    }
}
