using System.Diagnostics;

namespace ScrutinyWorkflow.Functions.Tests.Publishing;

/// <summary>What the published worker printed, and how it ended.</summary>
internal sealed record WorkerRun(int ExitCode, string Output)
{
    /// <summary>
    /// The worker's last step of starting is to call the Functions host back over gRPC; with no host here that call is
    /// refused. Reaching it means every check of settings, files and sign-in before it passed.
    /// </summary>
    public bool ReachedTheFunctionsHost =>
        Output.Contains("GrpcWorkerClient", StringComparison.Ordinal) && Output.Contains("Connection refused", StringComparison.Ordinal);
}

/// <summary>
/// The published Functions worker started as the Functions host starts it (its folder as the working directory, its
/// settings as environment variables, the host's address on its command line), with the host's address a closed port.
/// </summary>
internal static class PublishedWorker
{
    /// <summary>A ceiling for a loaded machine, not an expected time: a worker starts and fails in seconds.</summary>
    private static readonly TimeSpan Ceiling = TimeSpan.FromMinutes(5);

    public static async Task<WorkerRun> RunAsync(string folder, IReadOnlyDictionary<string, string> settings)
    {
        var closedPort = ScrutinyWorkflow.Tests.Shared.Loopback.FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[]
        {
            Path.Combine(folder, "ScrutinyWorkflow.Functions.dll"),
            "--functions-uri", $"http://127.0.0.1:{closedPort}/",
            "--functions-worker-id", Guid.NewGuid().ToString(),
            "--functions-request-id", Guid.NewGuid().ToString(),
            "--functions-grpc-max-message-length", "2147483647",
        })
        {
            start.ArgumentList.Add(argument);
        }
        // Nothing of the test run's own environment decides how the worker starts.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("Scrutiny", StringComparison.OrdinalIgnoreCase) || k.StartsWith("AzureAd", StringComparison.OrdinalIgnoreCase) || k.StartsWith("WEBSITE_", StringComparison.Ordinal) || k.StartsWith("AZURE_FUNCTIONS_", StringComparison.Ordinal) || k.StartsWith("DOTNET_ENVIRONMENT", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(key);
        }
        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }
        using var worker = Process.Start(start)!;
        var output = worker.StandardOutput.ReadToEndAsync();
        var errors = worker.StandardError.ReadToEndAsync();
        using var ceiling = new CancellationTokenSource(Ceiling);
        try
        {
            await worker.WaitForExitAsync(ceiling.Token);
        }
        catch (OperationCanceledException)
        {
            worker.Kill(entireProcessTree: true);
            throw new TimeoutException($"The published worker neither started nor stopped within {Ceiling}: {await output}{await errors}");
        }
        return new WorkerRun(worker.ExitCode, await output + await errors);
    }
}
