using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using ScrutinyWorkflow.Tests.Shared;
using ScrutinyWorkflow.Web.Tests;

namespace ScrutinyWorkflow.Functions.Tests.Infra;

/// <summary>What the Bicep compiler said about one file, and what it made.</summary>
internal sealed record BicepBuild(int ExitCode, string Messages, string Output);

/// <summary>The Bicep compiler from its NuGet package (restored with this project), run on the files in infra/.</summary>
internal static class Bicep
{
    /// <summary>Where <see cref="Snapshot"/> pretends to deploy: the values the template reads from its scope.</summary>
    public const string SubscriptionId = "00000000-0000-0000-0000-00000000000a";

    public const string TenantId = "00000000-0000-0000-0000-00000000000b";

    public const string ResourceGroup = "rg-scrutiny";

    public static string Infra => Path.Combine(Loopback.RepositoryRoot(), "infra");

    public static BicepBuild Build(string command, string file) => Run(Infra, command, Path.Combine(Infra, file), "--stdout");

    /// <summary>The linter alone, with the rules and levels infra/bicepconfig.json sets.</summary>
    public static BicepBuild Lint(string file) => Run(Infra, "lint", Path.Combine(Infra, file));

    private static readonly Lazy<JsonElement> Compiled = new(() => JsonDocument.Parse(Build("build", "main.bicep").Output).RootElement);

    /// <summary>main.bicep as ARM JSON, compiled once for the tests that read it.</summary>
    public static JsonElement Template() => Compiled.Value;

    /// <summary>
    /// The resources a deployment of main.bicep with these parameter lines would make, each expression evaluated that
    /// can be before anything exists (<c>bicep snapshot</c>); a value only Azure knows (an identity's client id, a
    /// vault's address) stays an expression naming where it comes from.
    /// </summary>
    public static IReadOnlyList<JsonElement> Snapshot(params string[] parameters)
    {
        using var folder = new TemporaryFolder();
        // A parameters file must name its template by a relative path.
        var template = Path.GetRelativePath(folder.Path, Path.Combine(Infra, "main.bicep")).Replace('\\', '/');
        var file = folder.Combine("choice.bicepparam");
        File.WriteAllLines(file, [$"using '{template}'", .. parameters.Select(p => $"param {p}")]);
        var run = Run(folder.Path, "snapshot", file, "--mode", "overwrite", "--subscription-id", SubscriptionId, "--tenant-id", TenantId, "--resource-group", ResourceGroup, "--location", "uksouth");
        if (run.ExitCode != 0 || run.Messages.Trim().Length > 0)
        {
            throw new InvalidOperationException($"bicep snapshot failed ({run.ExitCode}): {run.Messages}");
        }
        using var snapshot = JsonDocument.Parse(File.ReadAllText(folder.Combine("choice.snapshot.json")));
        return [.. snapshot.RootElement.GetProperty("predictedResources").EnumerateArray().Select(r => r.Clone())];
    }

    private static BicepBuild Run(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo(Compiler(), arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
        };
        using var bicep = Process.Start(start)!;
        var output = bicep.StandardOutput.ReadToEndAsync();
        var messages = bicep.StandardError.ReadToEndAsync();
        // A ceiling for a loaded machine, not an expected time: a compile takes seconds when the machine is quiet.
        if (!bicep.WaitForExit(TimeSpan.FromMinutes(10)))
        {
            bicep.Kill();
            throw new TimeoutException($"bicep {string.Join(' ', arguments)} took over ten minutes.");
        }
        return new BicepBuild(bicep.ExitCode, messages.Result, output.Result);
    }

    private static string Compiler()
    {
        var package = typeof(Bicep).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "BicepPackage").Value!;
        var compiler = Path.Combine(package, "tools", "bicep");
        // NuGet unpacks the native program without its execute bit.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(compiler, File.GetUnixFileMode(compiler) | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        }
        return compiler;
    }
}
