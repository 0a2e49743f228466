using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using ScrutinyWorkflow.Core.Reviews;
using ScrutinyWorkflow.Web.Engine;
using ScrutinyWorkflow.Web.Engine.Embedded;
using ScrutinyWorkflow.Web.Engine.Serialization;
using ScrutinyWorkflow.Web.Engine.Storage;
using ScrutinyWorkflow.Web.Hosting;
using static ScrutinyWorkflow.EngineBenchmarks.Figures;

namespace ScrutinyWorkflow.EngineBenchmarks;

/// <summary>
/// The engine on its own: listing and memory with up to 10,000 reviews; commands/s through the product's command port
/// beside raw single-row SQLite transactions (same settings, same task and command counts, alternating in one run);
/// loading a 500-event, 300-assignment review.
/// </summary>
internal static class EngineBenchmark
{
    private const int Tasks = 64;
    private const int Commands = 20_000;
    private const int SingleStreamCommands = 6_000;
    private const int Rounds = 3;

    /// <param name="only">listing, throughput or load to run one part; all three when null.</param>
    public static async Task<int> RunAsync(string? only)
    {
        if (only is null or "listing")
        {
            await ListingAndMemoryAsync();
        }
        if (only is null or "throughput")
        {
            await ThroughputAsync();
        }
        if (only is null or "load")
        {
            await LoadTimeAsync();
        }
        return 0;
    }

    private static async Task ListingAndMemoryAsync()
    {
        Console.WriteLine();
        Console.WriteLine("Listing (IReviewQueries.ListAsync, 25 a page, median of 50), reviews of 8 questions, every other one sent:");
        Console.WriteLine($"{"reviews",8} {"first page",12} {"last page",12} {"open, first",12} {"open, last",12}");
        var folder = TemporaryFolder("listing");
        try
        {
            await using var app = await Product.StartAsync(folder);
            var commands = app.Services.GetRequiredService<IReviewCommands>();
            var queries = app.Services.GetRequiredService<IReviewQueries>();
            var clock = app.Services.GetRequiredService<CouncilClock>();
            var officers = Product.Officers(40);
            var made = 0;
            foreach (var count in new[] { 10, 100, 1_000, 10_000 })
            {
                var from = made;
                await Parallel.ForEachAsync(Enumerable.Range(from, count - from), new ParallelOptions { MaxDegreeOfParallelism = Tasks }, async (n, _) =>
                {
                    var id = $"rv-{n:D6}";
                    await Product.MustAsync(commands, id, Product.Draft(id, 8, 1, officers, clock.Now));
                    if (n % 2 == 0)
                    {
                        await Product.MustAsync(commands, id, new DispatchReview(clock.Now));
                    }
                });
                made = count;
                var last = (count + 24) / 25;
                var open = (count / 2 + 24) / 25;
                var (firstPage, lastPage) = (await Page(queries, new ReviewListQuery()), await Page(queries, new ReviewListQuery(last)));
                var (firstOpen, lastOpen) = (await Page(queries, new ReviewListQuery(1, Status: "open")), await Page(queries, new ReviewListQuery(open, Status: "open")));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{count,8} {Ms(firstPage),12} {Ms(lastPage),12} {Ms(firstOpen),12} {Ms(lastOpen),12}"));
            }
            foreach (var n in Enumerable.Range(0, made))
            {
                _ = await queries.FindAsync($"rv-{n:D6}", CancellationToken.None);
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Peak resident memory with {made:N0} reviews made, listed and each read once (also the host's other services): {PeakResidentMiB():0} MiB"));
        }
        finally
        {
            Delete(folder);
        }
    }

    private static Task<double> Page(IReviewQueries queries, ReviewListQuery query) =>
        MedianMsAsync(50, async () =>
        {
            if ((await queries.ListAsync(query, CancellationToken.None)).Reviews.Count == 0)
            {
                throw new InvalidOperationException($"Page {query.Page} is empty.");
            }
        });

    private static async Task ThroughputAsync()
    {
        var folder = TemporaryFolder("throughput");
        try
        {
            await using var app = await Product.StartAsync(Path.Combine(folder, "product"));
            var commands = app.Services.GetRequiredService<IReviewCommands>();
            var clock = app.Services.GetRequiredService<CouncilClock>();
            var officers = Product.Officers(400);
            for (var r = 0; r < 100; r++)
            {
                await Product.MustAsync(commands, $"rv-{r}", Product.Draft($"rv-{r}", 4, 1, officers, clock.Now));
                await Product.MustAsync(commands, $"rv-{r}", new DispatchReview(clock.Now));
            }
            var raw = new SqliteDatabase(Path.Combine(folder, "raw", "raw.db"));
            await using (var connection = await raw.OpenAsync(CancellationToken.None))
            await using (var create = connection.CreateCommand())
            {
                create.CommandText = "CREATE TABLE IF NOT EXISTS rows (id INTEGER PRIMARY KEY, review TEXT NOT NULL, data TEXT NOT NULL) STRICT;";
                await create.ExecuteNonQueryAsync();
            }

            async Task RawAsync(int task, int i)
            {
                await using var connection = await raw.OpenAsync(CancellationToken.None);
                await using var transaction = connection.BeginTransaction(deferred: false);
                await using var insert = connection.CreateCommand();
                insert.Transaction = transaction;
                insert.CommandText = "INSERT INTO rows (review, data) VALUES ($review, $data);";
                insert.Parameters.AddWithValue("$review", $"rv-{(i * 7 + task) % 100}");
                insert.Parameters.AddWithValue("$data", $"Draft {i} from task {task}");
                await insert.ExecuteNonQueryAsync();
                await transaction.CommitAsync();
            }
            async Task ProductAsync(int task, int i) =>
                await Product.MustAsync(commands, $"rv-{(i * 7 + task) % 100}", new SaveAnswer($"A{(i % 4) + 1}", $"Draft {i} from task {task}", clock.Now));

            // One caller at a time is the engine's own cost per command; many at once share each transaction (group commit).
            foreach (var (tasks, count) in new[] { (1, SingleStreamCommands), (Tasks, Commands) })
            {
                Console.WriteLine();
                Console.WriteLine($"Commands/s, {count:N0} commands from {tasks} {(tasks == 1 ? "task, one after another" : "tasks at once")} over 100 reviews (the product: an officer saving a draft, through IReviewCommands;");
                Console.WriteLine("raw: one INSERT of one row in its own BEGIN IMMEDIATE transaction, on a connection opened the product's way), alternating;");
                Console.WriteLine("CPU is the whole process's (every thread, the finalizer's and the collector's too) per command:");
                var (productTotal, rawTotal, productCpu, rawCpu) = (0.0, 0.0, 0.0, 0.0);
                // Round 0 warms both paths up (JIT, pools, page cache) and is not counted.
                for (var round = 0; round <= Rounds; round++)
                {
                    var rawRun = await RateAsync(tasks, count, RawAsync);
                    var productRun = await RateAsync(tasks, count, ProductAsync);
                    if (round > 0)
                    {
                        (productTotal, rawTotal) = (productTotal + productRun.PerSecond, rawTotal + rawRun.PerSecond);
                        (productCpu, rawCpu) = (productCpu + productRun.CpuMicroseconds, rawCpu + rawRun.CpuMicroseconds);
                    }
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"  {(round == 0 ? "warm-up" : $"round {round}"),-8} raw {rawRun.PerSecond,8:N0}/s {rawRun.CpuMicroseconds,6:0} µs CPU   product {productRun.PerSecond,8:N0}/s {productRun.CpuMicroseconds,6:0} µs CPU   ratio {productRun.PerSecond / rawRun.PerSecond:0.00}, CPU {rawRun.CpuMicroseconds / productRun.CpuMicroseconds:0.00}"));
                }
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {tasks} {(tasks == 1 ? "task" : "tasks")}: overall ratio (product / raw): {productTotal / rawTotal:0.00}; on CPU (raw / product): {rawCpu / productCpu:0.00} ({rawCpu / Rounds:0} µs against {productCpu / Rounds:0} µs a command)"));
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Delete(folder);
        }
    }

    /// <summary>
    /// Runs <paramref name="count"/> operations from <paramref name="tasks"/> tasks at once; gives operations a second and
    /// the process's CPU time per operation in microseconds.
    /// </summary>
    private static async Task<(double PerSecond, double CpuMicroseconds)> RateAsync(int tasks, int count, Func<int, int, Task> operation)
    {
        // A collection left over from the run before is not this run's work.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, tasks).Select(task => Task.Run(async () =>
        {
            for (var i = 0; i < count / tasks; i++)
            {
                await operation(task, i);
            }
        })));
        var elapsed = watch.Elapsed;
        // Finalizers already queued by the run are its work too (a forced collection would not be: it is left out).
        GC.WaitForPendingFinalizers();
        var used = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        var done = count / tasks * tasks;
        return (done / elapsed.TotalSeconds, used.TotalMicroseconds / done);
    }

    private static async Task LoadTimeAsync()
    {
        Console.WriteLine();
        Console.WriteLine("Loading one review of 150 questions asked of 2 officers each (300 assignments), 500 events (median of 30):");
        var folder = TemporaryFolder("load");
        try
        {
            await using var app = await Product.StartAsync(folder);
            var commands = app.Services.GetRequiredService<IReviewCommands>();
            var clock = app.Services.GetRequiredService<CouncilClock>();
            const string id = "rv-big";
            await Product.MustAsync(commands, id, Product.Draft(id, 150, 2, Product.Officers(300), clock.Now));
            await Product.MustAsync(commands, id, new DispatchReview(clock.Now));
            var version = 0L;
            for (var i = 0; version < 500; i++)
            {
                version = (await Product.MustAsync(commands, id, new SaveAnswer($"A{(i % 300) + 1}", $"Draft {i}", clock.Now))).Version;
            }

            var store = app.Services.GetRequiredService<IReviewStore>();
            var serializer = app.Services.GetRequiredService<ReviewEventSerializer>();
            var queries = app.Services.GetRequiredService<IReviewQueries>();
            var replay = await MedianMsAsync(30, async () =>
            {
                var history = (await store.LoadAsync(id, CancellationToken.None))!;
                _ = ReviewState.From(history.Events.Select(serializer.Deserialize));
            });
            var cold = await MedianMsAsync(30, async () =>
            {
                var loader = new ReviewLoader(store, serializer, NullLogger<ReviewLoader>.Instance);
                _ = await store.ReadAsync(reader => loader.LoadAsync(reader, id, CancellationToken.None), CancellationToken.None);
            });
            var warm = await MedianMsAsync(30, async () => _ = await queries.FindAsync(id, CancellationToken.None));
            var snapshot = (await store.ReadAsync(reader => reader.SnapshotAsync(id, CancellationToken.None), CancellationToken.None))!;
            var read = await MedianMsAsync(30, () => Task.FromResult(ReviewSnapshots.Read(snapshot)));
            Console.WriteLine($"  snapshot at version {snapshot.Version}: {snapshot.State.Length / 1024} KiB, read in {Ms(read)}");
            Console.WriteLine($"  version {version}: full replay of every event {Ms(replay)}; from its snapshot and the events after it {Ms(cold)}; held in memory (version checked) {Ms(warm)}");
        }
        finally
        {
            Delete(folder);
        }
    }

    private static void Delete(string folder)
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }
}
