using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using ScrutinyWorkflow.Web.Graph;
using ScrutinyWorkflow.Web.Hosting;

namespace ScrutinyWorkflow.Web.Officers;

public static class OfficersRegistration
{
    /// <summary>The officer directory, as <c>Scrutiny:Directory:Provider</c> says: a file (the default) or the council's Entra ID through Microsoft Graph.</summary>
    public static IHostApplicationBuilder AddOfficerDirectory(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<DirectoryOptions>().BindConfiguration(DirectoryOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var provider = builder.Configuration.GetSection(DirectoryOptions.Section).Get<DirectoryOptions>()?.Provider ?? "File";
        if (provider.Equals("Graph", StringComparison.OrdinalIgnoreCase))
        {
            builder.Services.AddGraphClient();
            builder.Services.AddMemoryCache();
            builder.Services.AddSingleton<IOfficerDirectory, GraphOfficerDirectory>();
            return builder;
        }

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

/// <summary>The "Scrutiny:Directory" section: where officers are looked up.</summary>
public sealed class DirectoryOptions : IValidatableObject
{
    public const string Section = "Scrutiny:Directory";

    /// <summary>"File" (Scrutiny:DirectoryPath, the default) or "Graph" (Entra ID, signed in as Scrutiny:Graph says).</summary>
    public string Provider { get; set; } = "File";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Provider.Equals("File", StringComparison.OrdinalIgnoreCase) && !Provider.Equals("Graph", StringComparison.OrdinalIgnoreCase))
        {
            yield return new ValidationResult($"Scrutiny:Directory:Provider '{Provider}' must be File or Graph.", [nameof(Provider)]);
        }
    }
}
