using System.Diagnostics;

namespace ScrutinyWorkflow.Documents.Statements;

/// <summary>
/// Converts a Word document to PDF with LibreOffice, headless, where it is installed (<c>soffice</c> on the PATH).
/// Each conversion has a profile folder of its own, so conversions can run side by side.
/// </summary>
/// <param name="timeLimit">How long one conversion may run before it is stopped; <see cref="Timeout"/> unless given
/// (tests give a machine loaded past its cores longer).</param>
public sealed class LibreOfficePdf(string executable = "soffice", TimeSpan? timeLimit = null)
{
    /// <summary>A hung LibreOffice must not hold a request for ever; a statement converts in seconds.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    private readonly TimeSpan limit = timeLimit ?? Timeout;

    /// <summary>Whether the executable can be found, so the product can say PDF is unavailable rather than fail.</summary>
    public bool IsInstalled =>
        Path.IsPathRooted(executable)
            ? File.Exists(executable)
            : (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Any(folder => File.Exists(Path.Combine(folder, executable)));

    public async Task<byte[]> ConvertAsync(byte[] docx, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(Path.GetTempPath(), "scrutiny-pdf", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var input = Path.Combine(folder, "document.docx");
            await File.WriteAllBytesAsync(input, docx, cancellationToken);
            var start = new ProcessStartInfo(executable)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in (string[])["--headless", "--norestore", $"-env:UserInstallation=file://{Path.Combine(folder, "profile")}", "--convert-to", "pdf", "--outdir", folder, input])
            {
                start.ArgumentList.Add(argument);
            }
            using var process = Process.Start(start) ?? throw new InvalidOperationException($"{executable} did not start.");
            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var errors = process.StandardError.ReadToEndAsync(cancellationToken);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(limit);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }
            var pdf = Path.Combine(folder, "document.pdf");
            if (process.ExitCode != 0 || !File.Exists(pdf))
            {
                throw new InvalidOperationException($"LibreOffice could not convert the document (exit {process.ExitCode}): {await output} {await errors}".Trim());
            }
            return await File.ReadAllBytesAsync(pdf, cancellationToken);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
