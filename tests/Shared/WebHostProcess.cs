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

    /// <param name="settings">Command-line settings (<c>--Scrutiny:DataPath=...</c> and so on).</param>
    /// <param name="logFile">Where the host's console output goes, or nowhere.</param>
    public static async Task<WebHostProcess> StartAsync(IEnumerable<string> settings, string? logFile = null)
    {
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        var dll = Path.Combine(Loopback.RepositoryRoot(), "src", "ScrutinyWorkflow.Web", "bin", configuration, "net10.0", "ScrutinyWorkflow.Web.dll");
        var address = new Uri($"http://127.0.0.1:{Loopback.FreePort()}");
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Path.GetDirectoryName(dll)!, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { dll, "--urls", address.ToString().TrimEnd('/') }.Concat(settings))
        {
            start.ArgumentList.Add(argument);
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("The host did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        if (logFile is not null)
        {
            _ = output.ContinueWith(text => File.WriteAllText(logFile, text.Result), TaskScheduler.Default);
        }
        var errors = process.StandardError.ReadToEndAsync();
        var host = new WebHostProcess(process, address);
        using var client = new HttpClient { BaseAddress = address };
        for (var until = DateTime.UtcNow.AddSeconds(120); ; await Task.Delay(250))
        {
            if (process.HasExited || DateTime.UtcNow > until)
            {
                var why = process.HasExited ? await errors : "it did not answer within 120 s";
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
        process.Dispose();
    }
}
