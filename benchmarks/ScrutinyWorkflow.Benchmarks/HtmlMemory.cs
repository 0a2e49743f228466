using System.Diagnostics;
using System.Globalization;
using System.Text;
using ScrutinyWorkflow.Documents;

namespace ScrutinyWorkflow.Benchmarks;

/// <summary>
/// Issue 23, finding 2: two 40 MB web pages uploaded at once took the host to 1.7 GB. Reads two such pages at once, as
/// two uploads would (the product lets two ingestions run together), and prints the process's peak working set and
/// the bytes allocated, with what each read came to. Run in a process of its own, so the peak is this run's alone:
///
///   dotnet run -c Release --project benchmarks/ScrutinyWorkflow.Benchmarks -- html-memory
/// </summary>
internal static class HtmlMemory
{
    private const int PageBytes = 40 * 1024 * 1024;

    public static async Task<int> RunAsync()
    {
        var page = Page(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Samples", "adult-social-care-charging.html")));
        var before = Process.GetCurrentProcess().PeakWorkingSet64;
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 2).Select(n => Task.Run(() =>
            ReportIngestion.Ingest(new MemoryStream(page, writable: false), $"upload-{n}.html", IngestionLimits.Default, CancellationToken.None))));

        using var process = Process.GetCurrentProcess();
        process.Refresh();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"two {page.Length / (1024.0 * 1024):0} MB web pages read at once in {clock.Elapsed.TotalSeconds:0.0} s: peak working set {process.PeakWorkingSet64 / (1024.0 * 1024):0} MB (before reading {before / (1024.0 * 1024):0} MB, the two pages' bytes {2 * page.Length / (1024.0 * 1024):0} MB of it held by the benchmark), allocated {(GC.GetTotalAllocatedBytes(precise: true) - allocated) / (1024.0 * 1024):0} MB"));
        foreach (var outcome in outcomes)
        {
            Console.WriteLine($"  {outcome switch { IngestionRejected r => $"refused: {r.Code}: {r.Title}", Ingested i => $"read: {i.Report.Areas.Sum(a => a.Questions.Count)} questions", var other => other.GetType().Name }}");
        }
        return 0;
    }

    /// <summary>The sample report's page with its body padded to 40 MB by paragraphs of a long appendix, as a saved page with everything in it might be.</summary>
    private static byte[] Page(string sample)
    {
        var bodyEnd = sample.LastIndexOf("</body>", StringComparison.OrdinalIgnoreCase);
        var padding = new StringBuilder(PageBytes);
        for (var n = 0; padding.Length < PageBytes - sample.Length; n++)
        {
            padding.Append(CultureInfo.InvariantCulture, $"<p>Appendix paragraph {n}: the council's figures for this quarter, set out at length as published.</p>\n");
        }
        return Encoding.UTF8.GetBytes(sample[..bodyEnd] + padding + sample[bodyEnd..]);
    }
}
