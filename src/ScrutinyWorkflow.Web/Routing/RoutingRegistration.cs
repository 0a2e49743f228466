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

    /// <summary>The rules file (JSON), relative to the content root; blank leaves new drafts' questions with nobody proposed.</summary>
    public string? RulesPath { get; set; }
}

/// <summary>Proposes officers for a new draft's questions that name nobody, each with the rule that chose them; nothing when routing is off.</summary>
public sealed class DraftRouting(QuestionRouter? router)
{
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
            var path = sp.GetRequiredService<IOptions<RoutingOptions>>().Value.RulesPath;
            return new DraftRouting(string.IsNullOrWhiteSpace(path)
                ? null
                : RoutingRulesFile.Load(Path.GetFullPath(Path.Combine(builder.Environment.ContentRootPath, path))));
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
                throw new InvalidDataException($"{sp.GetRequiredService<IOptions<RoutingOptions>>().Value.RulesPath}: the routing rules name {string.Join(", ", unknown)}, not in the officer directory. Add them to the directory or change the rules.");
            }
        }));
        return builder;
    }
}
