using NetArchTest.Rules;
using ScrutinyWorkflow.Core.Reviews;
using ScrutinyWorkflow.Web.Hosting;

namespace ScrutinyWorkflow.Web.Tests.Architecture;

/// <summary>
/// The shape the code keeps as it grows: a core that knows only the base class library, and host folders (one per
/// capability) whose dependencies never go round in a circle, so each can be read, changed and replaced on its own.
/// </summary>
public sealed class ArchitectureTests
{
    private const string WebRoot = "ScrutinyWorkflow.Web";

    [Fact]
    public void The_core_references_no_assembly_but_the_base_class_library()
    {
        // The shared framework's own folder holds exactly the BCL: anything the core references from elsewhere is a package.
        var frameworkFolder = System.Runtime.InteropServices.RuntimeEnvironment.GetRuntimeDirectory();

        var outside = typeof(ReviewDecider).Assembly.GetReferencedAssemblies()
            .Where(reference => !File.Exists(Path.Combine(frameworkFolder, reference.Name + ".dll")))
            .Select(reference => reference.Name);

        Assert.Empty(outside);
    }

    [Fact]
    public void The_core_does_no_io_and_reads_no_clock_or_random_numbers()
    {
        var result = Types.InAssembly(typeof(ReviewDecider).Assembly)
            .ShouldNot().HaveDependencyOnAny("System.IO", "System.Net", "System.Data", "System.Threading.Tasks", "System.TimeProvider", "System.Random", "System.Security.Cryptography", "Microsoft")
            .GetResult();

        Assert.True(result.IsSuccessful, "Core types reach for I/O, a clock or randomness: " + string.Join(", ", result.FailingTypeNames ?? []));
    }

    [Fact]
    public void No_folder_of_the_host_depends_on_a_folder_that_depends_on_it()
    {
        var graph = FolderDependencies();

        var cycle = FindCycle(graph);

        Assert.True(cycle is null, $"Host folders depend on each other in a circle: {string.Join(" -> ", cycle ?? [])}.");
    }

    [Fact]
    public void The_folder_check_sees_the_dependencies_that_are_there()
    {
        // Guards the check above against passing because it found nothing at all.
        var graph = FolderDependencies();

        Assert.Contains("Links", graph["Responses"]);
        Assert.Contains("Reviews", graph["Responses"]);
        Assert.Contains("Hosting", graph["Reviews"]);
        Assert.DoesNotContain("Reviews", graph["Links"]);
    }

    [Fact]
    public void The_deployment_is_decided_from_configuration_alone_before_any_capability_is_registered()
    {
        // The profile is read first and handed to every AddX, so it may use no folder that it configures.
        var graph = FolderDependencies();

        Assert.Empty(graph["Deployment"]);
        Assert.Contains("Deployment", graph["Mail"]);
        Assert.Contains("Deployment", graph["SignIn"]);
    }

    [Fact]
    public void The_engine_uses_none_of_the_pages_nor_the_api_nor_what_its_effects_go_through()
    {
        // The engine is what both hosts and its own tests run: people's ways in (pages, the API, uploads) sit on top of
        // its ports, never under them.
        var graph = FolderDependencies();

        Assert.Empty(graph["Engine"].Intersect(PeoplesWaysIn));
        // Nor what its effects go through: the carrier behind its port does that, so the statement's pages can use it.
        Assert.Empty(graph["Engine"].Intersect(["Effects", "Mail", "Notifications", "Statements"]));
        Assert.Contains("Engine", graph["Reviews"]);
        Assert.Contains("Engine", graph["Effects"]);
    }

    [Fact]
    public void Pages_and_the_api_reach_the_engine_only_through_its_ports()
    {
        // Which runtime runs is the deployment's choice: a page that named one would work on that one alone.
        var result = Types.InAssembly(typeof(ScrutinyOptions).Assembly)
            .That().ResideInNamespaceMatching($@"^{WebRoot.Replace(".", @"\.", StringComparison.Ordinal)}\.({string.Join("|", PeoplesWaysIn)})(\..*)?$")
            .ShouldNot().HaveDependencyOnAny($"{WebRoot}.Engine.Embedded", $"{WebRoot}.Engine.Storage", $"{WebRoot}.Engine.Durable")
            .GetResult();

        Assert.True(result.IsSuccessful, "A page or API type uses one runtime's own types: " + string.Join(", ", result.FailingTypeNames ?? []));
    }

    /// <summary>The folders through which people and their scripts reach the product.</summary>
    private static readonly string[] PeoplesWaysIn = ["Reviews", "ReviewPages", "Home", "Responses", "Pages", "FocusReports"];

    [Fact]
    public void Only_the_composition_and_the_hosts_know_every_capability()
    {
        // Folders are capabilities; the composition (ScrutinyProduct, in the root namespace) is the one type that names
        // them all, so a folder that reached for the composition would depend on everything.
        var result = Types.InAssembly(typeof(ScrutinyOptions).Assembly)
            .That().ResideInNamespaceStartingWith(WebRoot + ".")
            .ShouldNot().HaveDependencyOn(typeof(ScrutinyProduct).FullName!)
            .GetResult();

        Assert.True(result.IsSuccessful, "A capability's folder uses the product's composition: " + string.Join(", ", result.FailingTypeNames ?? []));
    }

    /// <summary>Each top-level folder of the host (a namespace under ScrutinyWorkflow.Web) and the folders it uses.</summary>
    private static Dictionary<string, HashSet<string>> FolderDependencies()
    {
        var assembly = typeof(ScrutinyOptions).Assembly;
        var folders = assembly.GetTypes()
            .Select(t => t.Namespace)
            .Where(ns => ns is not null && ns.StartsWith(WebRoot + ".", StringComparison.Ordinal))
            .Select(ns => ns!.Split('.')[2])
            .ToHashSet();
        var graph = folders.ToDictionary(f => f, _ => new HashSet<string>());
        foreach (var from in folders)
        {
            foreach (var to in folders.Where(f => f != from))
            {
                var uses = !Types.InAssembly(assembly)
                    .That().ResideInNamespace($"{WebRoot}.{from}")
                    .ShouldNot().HaveDependencyOn($"{WebRoot}.{to}")
                    .GetResult().IsSuccessful;
                if (uses)
                {
                    graph[from].Add(to);
                }
            }
        }
        return graph;
    }

    private static List<string>? FindCycle(Dictionary<string, HashSet<string>> graph)
    {
        var done = new HashSet<string>();
        var path = new List<string>();
        foreach (var start in graph.Keys.Order(StringComparer.Ordinal))
        {
            if (Visit(start) is { } cycle)
            {
                return cycle;
            }
        }
        return null;

        List<string>? Visit(string folder)
        {
            if (path.IndexOf(folder) is var at and >= 0)
            {
                return [.. path[at..], folder];
            }
            if (!done.Add(folder))
            {
                return null;
            }
            path.Add(folder);
            foreach (var next in graph[folder].Order(StringComparer.Ordinal))
            {
                if (Visit(next) is { } cycle)
                {
                    return cycle;
                }
            }
            path.RemoveAt(path.Count - 1);
            return null;
        }
    }
}
