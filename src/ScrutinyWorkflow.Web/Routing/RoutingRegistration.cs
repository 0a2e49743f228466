using Microsoft.Extensions.Options;
using ScrutinyWorkflow.Core.Reviews;
using ScrutinyWorkflow.Core.Routing;
using ScrutinyWorkflow.Web.Hosting;
using ScrutinyWorkflow.Web.Officers;

namespace ScrutinyWorkflow.Web.Routing;

/// <summary>The "Scrutiny:Routing" section: the rules file that proposes who answers each question of a new draft.</summary>
public sealed class RoutingOptions
{
    public const string Section = "Scrutiny:Routing";

    /// <summary>The file that holds the rules beside a directory file, used when <see cref="RulesPath"/> is not set.</summary>
    public const string BesideTheDirectory = "routing-rules.json";

    /// <summary>
    /// The rules file (JSON), relative to the content root; blank ("") leaves new drafts' questions with nobody
    /// proposed. Not set: the <see cref="BesideTheDirectory"/> file in the directory file's folder, if there is one,
    /// so the samples' rules go with the samples' directory and a council's own directory brings its own rules or none.
    /// </summary>
    public string? RulesPath { get; set; }

    /// <summary>The rules file in use, as a full path, or null for none.</summary>
    public string? RulesFile(string contentRoot, string? directoryFile) => RulesPath switch
    {
        null when directoryFile is { Length: > 0 } => Path.Combine(Path.GetDirectoryName(Path.GetFullPath(Path.Combine(contentRoot, directoryFile)))!, BesideTheDirectory) is var beside && File.Exists(beside) ? beside : null,
        null => null,
        var path when string.IsNullOrWhiteSpace(path) => null,
        var path => Path.GetFullPath(Path.Combine(contentRoot, path)),
    };
}

/// <summary>Proposes officers for a new draft's questions that name nobody, each with the rule that chose them; nothing when routing is off.</summary>
public sealed class DraftRouting(QuestionRouter? router, string? file = null)
{
    /// <summary>The rules file the router was read from; null when routing is off.</summary>
    public string? File { get; } = file;

    public IReadOnlyList<AreaInput> Propose(IReadOnlyList<AreaInput> areas) => router?.Propose(areas) ?? areas;

    /// <summary>Everyone the rules can propose.</summary>
    public IEnumerable<string> Everyone => router?.Everyone() ?? [];
}

public static class RoutingRegistration
{
    public static IHostApplicationBuilder AddQuestionRouting(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RoutingOptions>().BindConfiguration(RoutingOptions.Section);
        builder.Services.AddSingleton(sp =>
        {
            // The directory file names the folder the rules may sit beside; a directory in Entra ID names none.
            var directoryFile = sp.GetRequiredService<IOptions<DirectoryOptions>>().Value.Provider.Equals("File", StringComparison.OrdinalIgnoreCase)
                ? sp.GetRequiredService<IOptions<ScrutinyOptions>>().Value.DirectoryPath
                : null;
            var file = sp.GetRequiredService<IOptions<RoutingOptions>>().Value.RulesFile(builder.Environment.ContentRootPath, directoryFile);
            return new DraftRouting(file is null ? null : RoutingRulesFile.Load(file), file);
        });

        // Reading the rules at start stops the host on a mistake in them; with the directory file, so does a rule
        // naming someone the directory does not know (Entra ID is asked only when a draft is made).
        builder.Services.AddSingleton<IHostedService>(sp => new StartupCheck(async cancellationToken =>
        {
            var routing = sp.GetRequiredService<DraftRouting>();
            if (sp.GetRequiredService<IOfficerDirectory>() is not FileOfficerDirectory directory)
            {
                return;
            }
            var unknown = new List<string>();
            foreach (var email in routing.Everyone)
            {
                if (await directory.FindAsync(email, cancellationToken) is null)
                {
                    unknown.Add(email);
                }
            }
            if (unknown.Count > 0)
            {
                throw new InvalidDataException($"{routing.File}: the routing rules name {string.Join(", ", unknown)}, not in the officer directory. Add them to the directory or change the rules.");
            }
        }));
        return builder;
    }
}
