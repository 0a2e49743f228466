using System.Diagnostics;

namespace ScrutinyWorkflow.Tests.Shared;

/// <summary>
/// The real web host, as built beside the caller in the same configuration (Debug or Release), in a child process on
/// a free loopback port with the settings given; ready once its home page answers.
/// </summary>
internal sealed class WebHostProcess : IAsyncDisposable
{
    private readonly Process process;

    private WebHostProcess(Process process, Uri address)
    {
        this.process = process;
        Address = address;
    }

    public Uri Address { get; }

    public bool HasExited => process.HasExited;

    /// <summary>The process id, for reading its memory from <c>/proc</c>.</summary>
    public int Id => process.Id;

    /// <summary>Completes once the host's console output is in the log file (after it has exited).</summary>
    private Task logged = Task.CompletedTask;

    /// <param name="settings">Command-line settings (<c>--Scrutiny:DataPath=...</c> and so on).</param>
    /// <param name="logFile">Where the host's console output goes, or nowhere.</param>
    /// <param name="environment">Environment variables for the host (its temp folder, say), over this process's.</param>
    public static async Task<WebHostProcess> StartAsync(IEnumerable<string> settings, string? logFile = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        var dll = Path.Combine(Loopback.RepositoryRoot(), "src", "ScrutinyWorkflow.WebHost", "bin", configuration, "net10.0", "ScrutinyWorkflow.WebHost.dll");
        var address = new Uri($"http://127.0.0.1:{Loopback.FreePort()}");
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Path.GetDirectoryName(dll)!, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { dll, "--urls", address.ToString().TrimEnd('/') }.Concat(settings))
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("The host did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        var host = new WebHostProcess(process, address);
        if (logFile is not null)
        {
            host.logged = output.ContinueWith(text => File.WriteAllText(logFile, text.Result), TaskScheduler.Default);
        }
        using var client = new HttpClient { BaseAddress = address };
        // A ceiling for a loaded machine, not an expected time: the host answers within seconds when the machine is quiet.
        for (var until = DateTime.UtcNow.AddMinutes(10); ; await Task.Delay(250))
        {
            if (process.HasExited || DateTime.UtcNow > until)
            {
                var why = process.HasExited ? await errors : "it did not answer within ten minutes";
                await host.DisposeAsync();
                throw new InvalidOperationException($"The host did not start: {why}");
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

    /// <summary>SIGKILL, as a crashed machine would stop it: nothing it had not finished is finished.</summary>
    public void Kill() => process.Kill(entireProcessTree: true);

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        await logged;
        process.Dispose();
    }
}
