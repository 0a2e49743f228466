using System.Diagnostics;
using System.Globalization;
using ScrutinyWorkflow.Benchmarks;
using ScrutinyWorkflow.Documents;
using ScrutinyWorkflow.Documents.Tests.Corpus;

// Report ingestion benchmark: reads each sample focus report (and a 40-page PDF) end to end, as the upload endpoint
// does, then the hostile inputs (small files built to make a careless reader take time in the square of their size),
// and prints the median time over repeated runs after a warm-up, and the median processor time (the process's, user and
// kernel): on a shared machine a run's wall time carries the other work, its processor time much less. Last, the
// 40-page PDFs' medians over the 16-question sample's, the ratio issue 25 sets a target for; and the corpus of other
// producers' documents (tests/ScrutinyWorkflow.Documents.Tests/TestData/corpus) read once each and scored per producer.
//
//   dotnet run -c Release --project benchmarks/ScrutinyWorkflow.Benchmarks [-- <runs per input> [<name filter>]]
//   dotnet run -c Release --project benchmarks/ScrutinyWorkflow.Benchmarks -- html-memory   (two 40 MB web pages at once)
//
// A Stopwatch loop rather than BenchmarkDotNet: whole-document parses take milliseconds to a second, so a warm-up
// and the median of a few dozen runs are steady, and the whole run stays within a couple of minutes.

if (args is ["html-memory"])
{
    return await HtmlMemory.RunAsync();
}

const int WarmUpRuns = 3;
const double TargetSecondsForFortyPages = 1.0;
var runs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 25;
var filter = args.Length > 1 ? args[1] : "";
var budget = TimeSpan.FromSeconds(20);

var folder = Path.Combine(AppContext.BaseDirectory, "Samples");
var files = Directory.GetFiles(folder).Order(StringComparer.Ordinal).ToList();
if (files.Count == 0)
{
    Console.Error.WriteLine($"No sample reports in {folder}.");
    return 1;
}

#if DEBUG
Console.WriteLine("Warning: a Debug build; run with -c Release for figures worth reporting.");
#endif
Console.WriteLine($".NET {Environment.Version}, {Environment.ProcessorCount} processors, {runs} runs per input after {WarmUpRuns} warm-up runs");
Console.WriteLine();
Console.WriteLine($"{"input",-36} {"size",8} {"areas",5} {"qs",4} {"median",10} {"min",10} {"max",10} {"cpu",10}");

var samples = files.Select(file =>
{
    var bytes = File.ReadAllBytes(file);
    var name = Path.GetFileName(file);
    return new BenchmarkInput(name, bytes.Length, () => Ingest(bytes, name));
});

var failed = false;
var medians = new Dictionary<string, (double Wall, double Cpu)>();
foreach (var input in samples.Concat(HostileInputs.All()).Where(input => input.Name.Contains(filter, StringComparison.Ordinal)))
{
    object outcome = null!;
    for (var i = 0; i < Math.Min(WarmUpRuns, runs - 1); i++)
    {
        outcome = input.Run();
    }

    var times = new List<double>(runs);
    var processorTimes = new List<double>(runs);
    var started = Stopwatch.StartNew();
    while (times.Count < runs && (times.Count < Math.Min(5, runs) || started.Elapsed < budget))
    {
        var processor = Environment.CpuUsage.TotalTime;
        var watch = Stopwatch.StartNew();
        outcome = input.Run();
        times.Add(watch.Elapsed.TotalMilliseconds);
        processorTimes.Add((Environment.CpuUsage.TotalTime - processor).TotalMilliseconds);
    }
    var median = Median(times);
    var cpu = Median(processorTimes);
    medians[input.Name] = (median, cpu);

    var (areas, questions) = outcome is Ingested ingested ? (ingested.Report.Areas.Count, ingested.Report.QuestionCount) : (0, 0);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{input.Name,-36} {input.Bytes / 1024.0,6:0} KB {areas,5} {questions,4} {median,7:0.0} ms {times[0],7:0.0} ms {times[^1],7:0.0} ms {cpu,7:0.0} ms"));
    if (input.Hostile)
    {
        // A hostile input is meant to be refused or read plainly; what matters is that it comes back quickly.
        Console.WriteLine($"  outcome: {Describe(outcome)}");
    }
    else if (outcome is IngestionRejected rejected)
    {
        Console.WriteLine($"  rejected: {rejected.Code}: {rejected.Detail}");
        failed = true;
    }
    if (input.Name.Contains("40-pages", StringComparison.Ordinal) && median > TargetSecondsForFortyPages * 1000)
    {
        Console.WriteLine($"  over the target of {TargetSecondsForFortyPages} s for a 40-page report");
    }
}

const string Sample = "children-in-care.pdf";
foreach (var (name, report) in medians.Where(pair => pair.Key.StartsWith("benchmark-40-pages", StringComparison.Ordinal)))
{
    if (medians.TryGetValue(Sample, out var sample))
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name} over {Sample}: {report.Wall / sample.Wall:0.0}x the median time, {report.Cpu / sample.Cpu:0.0}x the processor time"));
    }
}

Console.WriteLine();
var corpus = Path.Combine(AppContext.BaseDirectory, "Corpus");
var scores = CorpusDocuments.All(corpus).Select(file =>
{
    var outcome = Ingest(File.ReadAllBytes(Path.Combine(corpus, file)), file);
    return (Producer: CorpusDocuments.Producer(file), Score: CorpusScore.Of(CorpusDocuments.ExpectedFor(corpus, file), (outcome as Ingested)?.Report));
}).ToList();
Console.WriteLine($"{"corpus producer",-24} {"docs",4} {"questions right",16} {"areas right",12} {"spurious",8}");
foreach (var producer in scores.GroupBy(score => score.Producer).Append(scores.GroupBy(_ => "all producers").Single()))
{
    var total = CorpusScore.Sum(producer.Select(score => score.Score));
    Console.WriteLine($"{producer.Key,-24} {producer.Count(),4} {$"{total.QuestionsRight} / {total.Questions}",16} {$"{total.AreasRight} / {total.Areas}",12} {total.Spurious,8}");
}
return failed ? 1 : 0;

static double Median(List<double> values)
{
    values.Sort();
    return values.Count % 2 == 1 ? values[values.Count / 2] : (values[(values.Count / 2) - 1] + values[values.Count / 2]) / 2;
}

static IngestionOutcome Ingest(byte[] bytes, string name)
{
    using var stream = new MemoryStream(bytes, writable: false);
    return ReportIngestion.Ingest(stream, name, IngestionLimits.Default);
}

static string Describe(object outcome) => outcome switch
{
    Ingested ingested => $"ingested ({ingested.Format})",
    IngestionRejected rejected => $"rejected: {rejected.Code}",
    _ => outcome.ToString() ?? "",
};
