using System.Globalization;
using ScrutinyWorkflow.Hardening;

// The hardening runs, each against the real web host in a child process (built beside this tool, same configuration):
//
//   dotnet run -c Release --project tools/Hardening -- corpus [--short]
//       the hostile corpus: every case's status and message, whether the host kept serving, its peak memory against
//       the bound, anything half-made left behind, and any secret in its log; exits 1 unless all hold
//   dotnet run -c Release --project tools/Hardening -- crash [--reviews 100] [--kills 50] [--seed 1]
//       the crash test: reviews on a fake clock, the host SIGKILLed at random moments and restarted; every statement
//       compared with a crash-free run, every acknowledged answer looked for, every person's mail counted
//
//   dotnet run -c Release --project tools/Hardening -- timings [--runs 5]
//       upload to request emails, and a small review's request alone and behind a thousand-officer review
//
// Each prints its figures; scripts/benchmarks.sh puts them in docs/benchmarks.md.

var mode = args.FirstOrDefault() ?? "corpus";
int Option(string name, int fallback) => Array.IndexOf(args, name) is var at and >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
var root = Path.Combine(Path.GetTempPath(), "scrutiny-hardening", Guid.NewGuid().ToString("N"));
Directory.CreateDirectory(root);
try
{
    switch (mode)
    {
        case "corpus":
            {
                var cases = args.Contains("--short") ? HostileCorpus.Short() : HostileCorpus.Full();
                Console.WriteLine($"Hostile corpus: {cases.Count} cases against the real host...");
                var report = await CorpusRun.RunAsync(cases, root, args.Contains("--verbose") ? Console.WriteLine : null);
                foreach (var line in report.Lines())
                {
                    Console.WriteLine(line);
                }
                return report.Passed ? 0 : 1;
            }
        case "crash":
            {
                var run = new CrashRun(Option("--reviews", 100), Option("--kills", 50), Option("--seed", 1)) { KillWhileChasing = !args.Contains("--requests-only") };
                Console.WriteLine($"Crash test: {run.Reviews} reviews, at least {run.Kills} SIGKILLs...");
                var report = await run.RunAsync(root, Console.WriteLine);
                foreach (var line in report.Lines())
                {
                    Console.WriteLine(line);
                }
                return report.Passed ? 0 : 1;
            }
        case "timings":
            await Timings.UploadToRequestsAsync(root, Option("--runs", 5));
            await Timings.FairnessAsync(root, Option("--runs", 5));
            return 0;
        default:
            Console.Error.WriteLine("Usage: corpus [--short] [--verbose] | crash [--reviews n] [--kills n] [--seed n] [--requests-only] | timings [--runs n]");
            return 2;
    }
}
finally
{
    if (!args.Contains("--keep"))
    {
        Directory.Delete(root, recursive: true);
    }
    else
    {
        Console.WriteLine($"Kept {root}");
    }
}
