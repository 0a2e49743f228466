using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ScrutinyWorkflow.Tests.Shared;

/// <summary>
/// Azurite, the Azure Storage emulator from npm (installed by the test script into tools/azurite), started on free
/// loopback ports over a temporary folder, and stopped with everything it wrote.
/// </summary>
internal sealed class Azurite : IAsyncDisposable
{
    // Azurite's documented development account: public, and accepted by nothing but the emulator.
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly Process process;
    private readonly string folder;
    private long blobRequests;
    private long queueRequests;
    private long tableRequests;

    private Azurite(Process process, string folder, int blob, int queue, int table)
    {
        this.process = process;
        this.folder = folder;
        ConnectionString =
            $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};" +
            $"BlobEndpoint=http://127.0.0.1:{blob}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{queue}/devstoreaccount1;TableEndpoint=http://127.0.0.1:{table}/devstoreaccount1;";
    }

    public string ConnectionString { get; }

    /// <summary>Requests served so far by service, counted from Azurite's access log (only when started to count them).</summary>
    public StorageRequests Requests => new(Interlocked.Read(ref blobRequests), Interlocked.Read(ref queueRequests), Interlocked.Read(ref tableRequests));

    /// <param name="countRequests">Keep Azurite's access log and count its lines by service: what a council would pay for.</param>
    public static async Task<Azurite> StartAsync(bool countRequests = false)
    {
        var executable = Path.Combine(Loopback.RepositoryRoot(), "tools", "azurite", "node_modules", ".bin", "azurite");
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException($"Azurite is not installed at {executable}: run ./scripts/test.sh, which installs it with npm.");
        }
        // A port the system said was free can be taken by another test's process before Azurite binds it; then Azurite
        // stops at once saying so, and three new ports are tried (a bounded number of times).
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StartOnFreePortsAsync(executable, countRequests);
            }
            catch (PortTakenException) when (attempt < 10)
            {
            }
        }
    }

    private sealed class PortTakenException(string message) : InvalidOperationException(message);

    private static async Task<Azurite> StartOnFreePortsAsync(string executable, bool countRequests)
    {
        var folder = Path.Combine(Path.GetTempPath(), "scrutiny-azurite", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var (blob, queue, table) = (Loopback.FreePort(), Loopback.FreePort(), Loopback.FreePort());
        var start = new ProcessStartInfo(executable)
        {
            ArgumentList =
            {
                "--skipApiVersionCheck", "--loose", "--disableTelemetry",
                "--location", folder,
                "--blobHost", "127.0.0.1", "--blobPort", blob.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--queueHost", "127.0.0.1", "--queuePort", queue.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--tableHost", "127.0.0.1", "--tablePort", table.ToString(System.Globalization.CultureInfo.InvariantCulture),
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (!countRequests)
        {
            start.ArgumentList.Add("--silent");
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("Azurite did not start.");
        var azurite = new Azurite(process, folder, blob, queue, table);
        process.OutputDataReceived += (_, line) => azurite.Count(line.Data);
        process.BeginOutputReadLine();
        // A ceiling for a loaded machine, not an expected time: Azurite listens within seconds when the machine is quiet.
        var until = DateTime.UtcNow.AddMinutes(5);
        while (!(Listening(blob) && Listening(queue) && Listening(table)))
        {
            if (process.HasExited || DateTime.UtcNow > until)
            {
                var error = process.HasExited ? await process.StandardError.ReadToEndAsync() : "it did not listen within five minutes";
                await azurite.DisposeAsync();
                throw error.Contains("EADDRINUSE", StringComparison.Ordinal)
                    ? new PortTakenException($"Azurite did not start: {error}")
                    : new InvalidOperationException($"Azurite did not start: {error}");
            }
            await Task.Delay(100);
        }
        return azurite;
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
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by the dying process: the temp folder is cleaned by the system in time.
        }
    }

    /// <summary>
    /// One access-log line, <c>127.0.0.1 - - [date] "GET /devstoreaccount1/path HTTP/1.1" 200 -</c>, put to its service
    /// by the shape of its path: queue messages and the task hub's queues, table entities and batches, else blobs.
    /// </summary>
    private void Count(string? line)
    {
        var start = line?.IndexOf('"', StringComparison.Ordinal) ?? -1;
        if (line is null || start < 0 || !line.Contains(" /devstoreaccount1", StringComparison.Ordinal))
        {
            return;
        }
        var path = line[start..];
        if (path.Contains("/messages", StringComparison.Ordinal) || path.Contains("-control-", StringComparison.Ordinal) || path.Contains("-workitems", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref queueRequests);
        }
        else if (path.Contains('(') || path.Contains("/Tables", StringComparison.Ordinal) || path.Contains("$batch", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref tableRequests);
        }
        else
        {
            Interlocked.Increment(ref blobRequests);
        }
    }

    private static bool Listening(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}

/// <summary>Storage requests by service; each is one billable transaction on a real account.</summary>
internal sealed record StorageRequests(long Blob, long Queue, long Table)
{
    public long Total => Blob + Queue + Table;

    public static StorageRequests operator -(StorageRequests after, StorageRequests before) =>
        new(after.Blob - before.Blob, after.Queue - before.Queue, after.Table - before.Table);
}
