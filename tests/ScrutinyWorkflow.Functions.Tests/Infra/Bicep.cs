using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using ScrutinyWorkflow.Tests.Shared;

namespace ScrutinyWorkflow.Functions.Tests.Infra;

/// <summary>What the Bicep compiler said about one file, and what it made.</summary>
internal sealed record BicepBuild(int ExitCode, string Messages, string Output);

/// <summary>The Bicep compiler from its NuGet package (restored with this project), run on the files in infra/.</summary>
internal static class Bicep
{
    public static string Infra => Path.Combine(Loopback.RepositoryRoot(), "infra");

    public static BicepBuild Build(string command, string file)
    {
        var start = new ProcessStartInfo(Compiler(), [command, Path.Combine(Infra, file), "--stdout"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Infra,
        };
        using var bicep = Process.Start(start)!;
        var output = bicep.StandardOutput.ReadToEndAsync();
        var messages = bicep.StandardError.ReadToEndAsync();
        // A ceiling for a loaded machine, not an expected time: a compile takes seconds when the machine is quiet.
        if (!bicep.WaitForExit(TimeSpan.FromMinutes(10)))
        {
            bicep.Kill();
            throw new TimeoutException($"bicep {command} {file} took over ten minutes.");
        }
        return new BicepBuild(bicep.ExitCode, messages.Result, output.Result);
    }

    private static readonly Lazy<JsonElement> Compiled = new(() => JsonDocument.Parse(Build("build", "main.bicep").Output).RootElement);

    /// <summary>main.bicep as ARM JSON, compiled once for the tests that read it.</summary>
    public static JsonElement Template() => Compiled.Value;

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
