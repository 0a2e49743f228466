using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using ScrutinyWorkflow.Core.Statements;
using ScrutinyWorkflow.Documents.Statements;
using ScrutinyWorkflow.Testing;
using ScrutinyWorkflow.Web.Statements;

// Statement benchmark: a 60-question position statement whose answers are several paragraphs, two lists, a link and
// a table long, parsed once from Markdown and rendered to the Word appendix and the HTML view, as releasing a review
// does. Prints the median of each step and of the whole over repeated runs after a warm-up. Target: under 300 ms.
//
//   dotnet run -c Release --project benchmarks/ScrutinyWorkflow.StatementBenchmarks [-- <runs>]

const int WarmUpRuns = 5;
const double TargetMilliseconds = 300;
var runs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 30;

var statement = SampleStatements.Large(areas: 6, questionsPerArea: 10);
var html = new StatementHtml(new ServiceCollection().BuildServiceProvider(), NullLoggerFactory.Instance);
var layout = new WordLayout(Landscape: true);

#if DEBUG
Console.WriteLine("Warning: a Debug build; run with -c Release for figures worth reporting.");
#endif
Console.WriteLine($".NET {Environment.Version}, {Environment.ProcessorCount} processors, {runs} runs after {WarmUpRuns} warm-up runs");
Console.WriteLine($"{statement.Rows.Count()} questions, {statement.Rows.Count(r => r.Answer is not null)} answered, {statement.Rows.Sum(r => r.Answer?.Length ?? 0) / 1024.0:0} KB of Markdown");
Console.WriteLine();

var (parse, word, page, whole) = (new List<double>(), new List<double>(), new List<double>(), new List<double>());
var (wordBytes, htmlChars) = (0, 0);
for (var i = 0; i < WarmUpRuns + runs; i++)
{
    var total = Stopwatch.StartNew();
    var step = Stopwatch.StartNew();
    var paper = StatementPaper.From(statement, AnswerMarkdown.Parse);
    var parsed = step.Elapsed.TotalMilliseconds;
    step.Restart();
    wordBytes = StatementDocx.Write(paper, 1, layout).Length;
    var wrote = step.Elapsed.TotalMilliseconds;
    step.Restart();
    htmlChars = (await html.RenderAsync(paper)).Length;
    var rendered = step.Elapsed.TotalMilliseconds;
    if (i >= WarmUpRuns)
    {
        parse.Add(parsed);
        word.Add(wrote);
        page.Add(rendered);
        whole.Add(total.Elapsed.TotalMilliseconds);
    }
}

Console.WriteLine($"{"step",-36} {"median",10} {"min",10} {"max",10}");
Report("parse answers (Markdig)", parse);
Report($"Word appendix ({wordBytes / 1024} KB)", word);
Report($"HTML view ({htmlChars / 1024} KB)", page);
var median = Report("assemble and render, Word and HTML", whole);
Console.WriteLine(median <= TargetMilliseconds ? $"within the target of {TargetMilliseconds} ms" : $"over the target of {TargetMilliseconds} ms");
return 0;

static double Report(string name, List<double> times)
{
    times.Sort();
    var median = times.Count % 2 == 1 ? times[times.Count / 2] : (times[(times.Count / 2) - 1] + times[times.Count / 2]) / 2;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-36} {median,7:0.0} ms {times[0],7:0.0} ms {times[^1],7:0.0} ms"));
    return median;
}
