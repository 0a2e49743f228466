using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using ScrutinyWorkflow.Web.Mail;

namespace ScrutinyWorkflow.RuntimeBenchmarks;

/// <summary>The real web host as a child process on a loopback port, over a temporary data folder of its own.</summary>
internal sealed class HostProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly string data;

    private HostProcess(string name, Process process, string data, Uri address)
    {
        Name = name;
        this.process = process;
        this.data = data;
        Address = address;
    }

    public string Name { get; }

    public Uri Address { get; }

    /// <summary>The mail the host has sent: the officers' links are read from it.</summary>
    public EmlMailbox Mailbox => new(Path.Combine(data, "mail"));

    public static async Task<HostProcess> StartAsync(string name, string[] settings)
    {
        var root = RepositoryRoot();
        // The host built beside this benchmark, in the same configuration.
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        var dll = Path.Combine(root, "src", "ScrutinyWorkflow.Web", "bin", configuration, "net10.0", "ScrutinyWorkflow.Web.dll");
        var data = Path.Combine(Path.GetTempPath(), "scrutiny-benchmark", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(data);
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Path.GetDirectoryName(dll)!, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[]
        {
            dll, "--urls", $"http://127.0.0.1:{port}", "--Logging:LogLevel:Default=Warning",
            $"--Scrutiny:DataPath={data}", $"--Scrutiny:DirectoryPath={Path.Combine(root, "samples", "directory.json")}",
            "--Scrutiny:PublicBaseUrl=http://localhost:5080", $"--Scrutiny:LinkKey={Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))}",
            "--Scrutiny:TeamEmail=scrutiny@council.example",
        }.Concat(settings))
        {
            start.ArgumentList.Add(argument);
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("The host did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        var errors = process.StandardError.ReadToEndAsync();
        var host = new HostProcess(name, process, data, new Uri($"http://127.0.0.1:{port}"));
        using var client = new HttpClient { BaseAddress = host.Address };
        for (var until = DateTime.UtcNow.AddSeconds(120); ; await Task.Delay(250))
        {
            if (process.HasExited || DateTime.UtcNow > until)
            {
                throw new InvalidOperationException($"The {name} host did not start: {(process.HasExited ? await errors : "no answer within 120 s")}");
            }
            try
            {
                if ((await client.GetAsync("/")).IsSuccessStatusCode)
                {
                    return host;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process.Dispose();
        try
        {
            Directory.Delete(data, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by the stopping host: the temporary folder is cleaned by the system in time.
        }
    }

    public static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "ScrutinyWorkflow.sln")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new InvalidOperationException("Cannot find the repository root.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>Azurite comes from npm, as the test script installs it; installed here too so one command is enough.</summary>
internal static class AzuriteInstall
{
    public static async Task EnsureAsync()
    {
        var folder = Path.Combine(HostProcess.RepositoryRoot(), "tools", "azurite");
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
