using System.Diagnostics;
using System.Text.Json;
using ScrutinyWorkflow.Tests.Shared;

namespace ScrutinyWorkflow.Functions.Tests.Publishing;

/// <summary>
/// The Functions app as CI publishes it (<c>dotnet publish -c Release</c>), for the tests that read what the Functions
/// host would read: functions.metadata, extensions.json and host.json. scripts/test.sh publishes it once before the
/// tests and names the folder in SCRUTINY_FUNCTIONS_PUBLISHED (with the publish's output beside it); run alone, the
/// tests publish it themselves.
/// </summary>
public sealed class PublishedApp : IDisposable
{
    public const string PublishedVariable = "SCRUTINY_FUNCTIONS_PUBLISHED";

    private readonly bool ours;

    public PublishedApp()
    {
        if (Environment.GetEnvironmentVariable(PublishedVariable) is { Length: > 0 } published)
        {
            Folder = published;
            Output = File.ReadAllText(published + ".log");
            ExitCode = File.Exists(Path.Combine(published, "functions.metadata")) ? 0 : 1;
            return;
        }
        ours = true;
        Folder = Path.Combine(Path.GetTempPath(), "scrutiny-functions-publish", Guid.NewGuid().ToString("N"));
        var project = Path.Combine(Loopback.RepositoryRoot(), "functions", "ScrutinyWorkflow.Functions.csproj");
        var start = new ProcessStartInfo("dotnet", ["publish", project, "-c", "Release", "-o", Folder, "--nologo", "-v", "quiet"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var publish = Process.Start(start)!;
        var output = publish.StandardOutput.ReadToEndAsync();
        var errors = publish.StandardError.ReadToEndAsync();
        // A ceiling for a loaded machine, not an expected time: a build shares the cores with every other test running.
        if (!publish.WaitForExit(TimeSpan.FromMinutes(20)))
        {
            publish.Kill(entireProcessTree: true);
            throw new TimeoutException("dotnet publish of the Functions app took over twenty minutes.");
        }
        Output = output.Result + errors.Result;
        ExitCode = publish.ExitCode;
    }

    public string Folder { get; }

    public string Output { get; }

    public int ExitCode { get; }

    public JsonElement Read(string fileName) => JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, fileName))).RootElement;

    public void Dispose()
    {
        if (ours && Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }
    }
}
