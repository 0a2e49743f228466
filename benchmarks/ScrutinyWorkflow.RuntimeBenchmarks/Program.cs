using System.Diagnostics;
using System.Globalization;
using ScrutinyWorkflow.RuntimeBenchmarks;
using ScrutinyWorkflow.Tests.Shared;

// The two runtimes side by side, in one run on one machine: the embedded runtime (SQLite, one process) and the Durable
// runtime (Durable Task orchestrations on the Azure Storage backend, here Azurite). Both are the real web host, run as
// child processes and driven over loopback HTTP through the officers' answer pages, as people use them.
//
//   dotnet run -c Release --project benchmarks/ScrutinyWorkflow.RuntimeBenchmarks [-- <answers timed one by one>]
//
// It reports: the time from pressing Submit to the answer being taken (page GET and POST, one officer at a time);
// commands per second with eight officers saving drafts at once, on eight reviews and on one; and, for the Durable
// runtime, the storage transactions one 30-question review costs through its whole life, counted from Azurite's
// access log, beside what the task hub's polling costs when nothing happens.

var answersTimed = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20;
const int Browsers = 8;
const int CommandsPerRun = 240;

#if DEBUG
Console.WriteLine("Warning: a Debug build; run with -c Release for figures worth reporting.");
#endif
Console.WriteLine($".NET {Environment.Version}, {Environment.ProcessorCount} processors, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
await AzuriteInstall.EnsureAsync();
await using var azurite = await Azurite.StartAsync(countRequests: true);
await using var embedded = await HostProcess.StartAsync("embedded", []);
await using var durable = await HostProcess.StartAsync("durable",
[
    "--Scrutiny:Runtime=Durable", $"--Scrutiny:Storage:ConnectionString={azurite.ConnectionString}", "--Scrutiny:Durable:TaskHub=benchmark",
]);

var results = new List<(string Runtime, Timings Latency, double AcrossReviews, double OneReview)>();
foreach (var host in new[] { embedded, durable })
{
    Console.WriteLine($"\n{host.Name}: answering {answersTimed} questions one at a time...");
    var latency = await Workloads.AnswerOneByOneAsync(host, answersTimed);
    Console.WriteLine($"{host.Name}: {CommandsPerRun} draft saves by {Browsers} officers on {Browsers} reviews...");
    var acrossReviews = await Workloads.CommandsPerSecondAsync(host, Browsers, CommandsPerRun, sameReview: false);
    Console.WriteLine($"{host.Name}: {CommandsPerRun} draft saves by {Browsers} officers on one review...");
    var oneReview = await Workloads.CommandsPerSecondAsync(host, Browsers, CommandsPerRun, sameReview: true);
    results.Add((host.Name, latency, acrossReviews, oneReview));
}

// At rest: the work above left to drain (hand-offs, orchestrations setting their timers, the engine's polling backing
// off up to Scrutiny:Durable:MaxPollingSeconds), judged by the requests themselves: half-minutes are counted until one
// costs no less than nine tenths of the one before it, i.e. stopped falling (at most ten of them), then a minute counted.
Console.WriteLine("\nThe task hub at rest: settling until two half-minutes cost the same, then a minute counted...");
var settled = azurite.Requests.Total;
var settling = 0;
for (long previous = long.MaxValue; settling < 10; settling++)
{
    await Task.Delay(TimeSpan.FromSeconds(30));
    var window = azurite.Requests.Total - settled;
    settled = azurite.Requests.Total;
    if (previous != long.MaxValue && window >= previous * 0.9)
    {
        break;
    }
    previous = window;
}
Console.WriteLine($"  settled after {settling + 1} half-minutes");
var idleFrom = azurite.Requests;
var idleClock = Stopwatch.StartNew();
await Task.Delay(TimeSpan.FromMinutes(1));
var idle = azurite.Requests - idleFrom;
var idleSeconds = idleClock.Elapsed.TotalSeconds;

Console.WriteLine("One 30-question review through its whole life on the Durable runtime...");
var lifeFrom = azurite.Requests;
var lifeClock = Stopwatch.StartNew();
await Workloads.WholeReviewAsync(durable, questions: 30);
var life = azurite.Requests - lifeFrom;
var lifeSeconds = lifeClock.Elapsed.TotalSeconds;
var polling = idle.Total / idleSeconds * lifeSeconds;

const int Listed = 1_000;
Console.WriteLine($"The review list's first page with {Listed} reviews, on each runtime...");
var listings = new List<(string Runtime, Timings Latency)>();
foreach (var host in new[] { embedded, durable })
{
    listings.Add((host.Name, await Workloads.ListingAsync(host, Listed, timed: 20)));
}

Console.WriteLine();
Console.WriteLine($"{"runtime",-10} {"answer p50",11} {"p95",9} {"cmds/s 8 reviews",17} {"cmds/s 1 review",16}");
foreach (var (runtime, latency, across, one) in results)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{runtime,-10} {latency.Median,8:0} ms {latency.P95,6:0} ms {across,17:0.0} {one,16:0.0}"));
}
var (embeddedRow, durableRow) = (results[0], results[1]);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"durable / embedded: answer p50 x{durableRow.Latency.Median / embeddedRow.Latency.Median:0.0}, commands/s x{durableRow.AcrossReviews / embeddedRow.AcrossReviews:0.00} (8 reviews), x{durableRow.OneReview / embeddedRow.OneReview:0.00} (1 review)"));
foreach (var (runtime, latency) in listings)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{runtime,-10} GET /api/reviews with {Listed}+ reviews: p50 {latency.Median:0.0} ms, p95 {latency.P95:0.0} ms"));
}
Console.WriteLine();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"Storage transactions, one 30-question review ({lifeSeconds:0} s from create to completed): {life.Total} in all (queue {life.Queue}, table {life.Table}, blob {life.Blob})"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"  of which the task hub's polling at rest would have made about {polling:0} ({idle.Total / idleSeconds:0.0}/s: queue {idle.Queue}, table {idle.Table}, blob {idle.Blob} in {idleSeconds:0} s);"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"  so about {life.Total - polling:0} are the review's own, and an idle host costs about {idle.Total / idleSeconds * 3600:0} an hour."));
return 0;
