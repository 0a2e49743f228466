using System.Diagnostics;
using System.Security.Cryptography;
using ScrutinyWorkflow.Tests.Shared;
using ScrutinyWorkflow.Web.Mail;

namespace ScrutinyWorkflow.RuntimeBenchmarks;

/// <summary>One runtime under test: the real web host as a child process, over a temporary data folder of its own.</summary>
internal sealed class HostProcess : IAsyncDisposable
{
    private readonly WebHostProcess host;
    private readonly string data;

    private HostProcess(string name, WebHostProcess host, string data)
    {
        Name = name;
        this.host = host;
        this.data = data;
    }

    public string Name { get; }

    public Uri Address => host.Address;

    /// <summary>The mail the host has sent: the officers' links are read from it.</summary>
    public EmlMailbox Mailbox => new(Path.Combine(data, "mail"));

    public static async Task<HostProcess> StartAsync(string name, string[] settings)
    {
        var data = Path.Combine(Path.GetTempPath(), "scrutiny-benchmark", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(data);
        var host = await WebHostProcess.StartAsync(new[]
        {
            "--Logging:LogLevel:Default=Warning",
            $"--Scrutiny:DataPath={data}", $"--Scrutiny:DirectoryPath={Path.Combine(Loopback.RepositoryRoot(), "samples", "directory.json")}", $"--Scrutiny:Routing:RulesPath={Path.Combine(Loopback.RepositoryRoot(), "samples", "routing-rules.json")}",
            "--Scrutiny:PublicBaseUrl=http://localhost:5080", "--Scrutiny:ReceiptQuietPeriod=00:00:00", $"--Scrutiny:LinkKey={Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))}",
            "--Scrutiny:TeamEmail=scrutiny@council.example",
        }.Concat(settings));
        return new HostProcess(name, host, data);
    }

    public async ValueTask DisposeAsync()
    {
        await host.DisposeAsync();
        try
        {
            Directory.Delete(data, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by the stopping host: the temporary folder is cleaned by the system in time.
        }
    }
}

/// <summary>Azurite comes from npm, as the test script installs it; installed here too so one command is enough.</summary>
internal static class AzuriteInstall
{
    public static async Task EnsureAsync()
    {
        var folder = Path.Combine(Loopback.RepositoryRoot(), "tools", "azurite");
        if (File.Exists(Path.Combine(folder, "node_modules", ".bin", "azurite")))
        {
            return;
        }
        Console.WriteLine("Installing Azurite with npm...");
        using var npm = Process.Start(new ProcessStartInfo("npm", "install --no-package-lock --no-audit --no-fund --loglevel=error") { WorkingDirectory = folder })
            ?? throw new InvalidOperationException("npm did not start.");
        await npm.WaitForExitAsync();
        if (npm.ExitCode != 0)
        {
            throw new InvalidOperationException($"npm install in {folder} failed with exit code {npm.ExitCode}.");
        }
    }
}
