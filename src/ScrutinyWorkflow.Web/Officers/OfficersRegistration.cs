using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using ScrutinyWorkflow.Web.Deployment;
using ScrutinyWorkflow.Web.Graph;
using ScrutinyWorkflow.Web.Hosting;

namespace ScrutinyWorkflow.Web.Officers;

public static class OfficersRegistration
{
    /// <summary>The officer directory, as <c>Scrutiny:Directory:Provider</c> says: a file (the default) or the council's Entra ID through Microsoft Graph.</summary>
    public static IHostApplicationBuilder AddOfficerDirectory(this IHostApplicationBuilder builder, DeploymentProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        builder.Services.AddOptions<DirectoryOptions>().BindConfiguration(DirectoryOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        if (profile.Directory == DirectoryProvider.Graph)
        {
            builder.Services.AddGraphClient();
            builder.Services.AddMemoryCache();
            builder.Services.AddSingleton<IOfficerDirectory, GraphOfficerDirectory>();
            return builder;
        }

        builder.Services.AddOptions<ScrutinyOptions>().Validate(
            o => !string.IsNullOrWhiteSpace(o.DirectoryPath),
            "Scrutiny:DirectoryPath must name the officer directory file (.json or .csv) when Scrutiny:Directory:Provider is File (the default); or set the provider to Graph.");
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

    /// <summary>
    /// How often (minutes) the web host reads open officers' automatic replies again, so someone who turns on "out of
    /// office" after dispatch has their chasers go to their manager; 0 turns it off. The Functions app reads them hourly.
    /// </summary>
    public int AwayRefreshMinutes { get; set; } = 60;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Provider.Equals("File", StringComparison.OrdinalIgnoreCase) && !Provider.Equals("Graph", StringComparison.OrdinalIgnoreCase))
        {
            yield return new ValidationResult($"Scrutiny:Directory:Provider '{Provider}' must be File or Graph.", [nameof(Provider)]);
        }
        if (AwayRefreshMinutes is < 0 or > 1440)
        {
            yield return new ValidationResult("Scrutiny:Directory:AwayRefreshMinutes must be between 0 (off) and 1440 (once a day).", [nameof(AwayRefreshMinutes)]);
        }
    }
}
