using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using AngleSharp.Html.Parser;
using MimeKit;
using ScrutinyWorkflow.Tests.Shared;
using static ScrutinyWorkflow.EngineBenchmarks.Figures;

namespace ScrutinyWorkflow.EngineBenchmarks;

/// <summary>
/// Officers at the real form: the product's own build runs as its own process on a loopback port with default
/// settings (runner on, 15 s poll), and 300 officers each open their link (GET) and then all submit at once (POST),
/// first on one review, then spread over 100 reviews. Every POST must be answered 303 (no failures), and every answer
/// must be in the review's events exactly once. Reports p50/p99 of the POSTs, the time from dispatch to the last
/// request email, and the host's peak memory.
/// </summary>
internal static class LoadTest
{
    private const int Officers = 300;
    private static readonly TimeSpan PhaseLimit = TimeSpan.FromMinutes(3);

    public static async Task<int> RunAsync()
    {
        var folder = TemporaryFolder("load-test");
        var port = FreePort();
        var baseUrl = $"http://127.0.0.1:{port}";
        WriteDirectory(Path.Combine(folder, "directory.json"));
        using var host = StartHost(folder, baseUrl);
        try
        {
            using var api = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = PhaseLimit };
            await WaitForAsync(async () => (await TryGetAsync(api, "/")) == HttpStatusCode.OK, "the host to start");

            // A warm-up the size of one team, so the figures are of a host that has served a form before, as a running one has.
            Console.WriteLine();
            Console.WriteLine("Warm-up: 30 officers, one review (not counted):");
            var (warm, _) = await ScenarioAsync(api, host, folder, baseUrl, officerCount: 30, reviews: 1, firstOfficer: 2 * Officers);
            Console.WriteLine();
            Console.WriteLine($"{Officers} officers, one review of {Officers} questions (one each):");
            var (big, bigCpu) = await ScenarioAsync(api, host, folder, baseUrl, Officers, reviews: 1, firstOfficer: 0);
            Console.WriteLine();
            Console.WriteLine($"{Officers} officers over 100 reviews of 3 questions (one each):");
            var (small, smallCpu) = await ScenarioAsync(api, host, folder, baseUrl, Officers, reviews: 100, firstOfficer: Officers);
            var failed = !(warm && big && small);
            Console.WriteLine();
            // The figure that says whether a request's work grows with its review: the same answers, one big review against small ones.
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Host CPU a request, 300-question review against 3-question reviews: {bigCpu.Post:0} µs against {smallCpu.Post:0} µs ({bigCpu.Post / smallCpu.Post:0.00}x); with its receipt written: {bigCpu.WithReceipt:0} µs against {smallCpu.WithReceipt:0} µs ({bigCpu.WithReceipt / smallCpu.WithReceipt:0.00}x)"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Host peak resident memory: {PeakResidentMiB(host.Id):0} MiB"));
            return failed ? 1 : 0;
        }
        finally
        {
            host.Kill(entireProcessTree: true);
            await host.WaitForExitAsync();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<(bool Passed, (double Post, double WithReceipt) CpuMicroseconds)> ScenarioAsync(
        HttpClient api, Process host, string folder, string baseUrl, int officerCount, int reviews, int firstOfficer)
    {
        var perReview = officerCount / reviews;
        var now = DateTimeOffset.Now;
        var (deadline, meeting) = Dates(now);
        var ids = new List<string>();
        var offset = firstOfficer;
        for (var r = 0; r < reviews; r++)
        {
            var response = await api.PostAsJsonAsync("/api/reviews", new
            {
                focusReport = new { title = "Careless: helping to improve council services to children in care", published = "2020-12" },
                panel = new { name = "Children and Families Scrutiny Panel", email = "panel@council.example" },
                meetingDate = meeting.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                deadline = deadline.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                areas = Enumerable.Range(0, perReview).Chunk(10).Select((chunk, a) => new
                {
                    heading = $"Area {a + 1}",
                    questions = chunk.Select(q => new { text = $"Question {q + 1}: how is every child seen in time?", officers = new[] { Email(offset + (r * perReview) + q) } }),
                }),
            });
            response.EnsureSuccessStatusCode();
            ids.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!);
        }

        var mailFolder = Path.Combine(folder, "data", "mail");
        var before = Directory.Exists(mailFolder) ? Directory.GetFiles(mailFolder).Length : 0;
        var dispatched = Stopwatch.StartNew();
        foreach (var id in ids)
        {
            // A command with no body is still JSON: the API takes no other content type.
            (await api.PostAsync($"/api/reviews/{id}/dispatch", new StringContent("", System.Text.Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
        }
        // The folder is made with the first message, which a busy machine may not have written yet.
        await WaitForAsync(() => Task.FromResult(Directory.Exists(mailFolder) && Directory.GetFiles(mailFolder).Length - before >= officerCount), "every request email");
        var lastEmail = dispatched.Elapsed;
        Console.WriteLine($"  dispatch to the last of {officerCount} request emails (default settings): {Ms(lastEmail.TotalMilliseconds)}");

        var emails = Enumerable.Range(offset, officerCount).Select(Email).ToHashSet(StringComparer.Ordinal);
        // The count above may include another scenario's late email to the scrutiny team; the links say for certain.
        await WaitForAsync(() => Task.FromResult(Links(mailFolder, emails, baseUrl).Count == officerCount), "every officer's link");
        var officers = Links(mailFolder, emails, baseUrl).Select(link => new Officer(link.Key, link.Value)).ToList();
        try
        {
            return await AnswerAsync(api, host, mailFolder, ids, perReview, officers, officerCount);
        }
        finally
        {
            officers.ForEach(o => o.Dispose());
        }
    }

    private static async Task<(bool, (double, double))> AnswerAsync(
        HttpClient api, Process host, string mailFolder, List<string> ids, int perReview, List<Officer> officers, int officerCount)
    {
        if (officers.Count != officerCount)
        {
            Console.WriteLine($"  FAILED: found {officers.Count} links, expected {officerCount}.");
            return (false, default);
        }
        await Task.WhenAll(officers.Select(o => o.OpenAsync()));
        var receipts = new Receipts(mailFolder, officers.Select(o => o.Email));
        var cpuBefore = HostCpu(host);
        var posted = Stopwatch.StartNew();
        var results = await Task.WhenAll(officers.Select(o => o.SubmitAsync()));
        var all = posted.Elapsed;
        var cpuPosts = HostCpu(host) - cpuBefore;
        // Each answer's receipt is mailed after the 303 (by the runner, from the outbox): part of what an answer costs.
        // Counted by who they went to: each fully answered review also mails its statement to the team, which a count
        // of new files took for receipts, ending the small reviews' window with a hundred receipts still to write.
        await WaitForAsync(() => Task.FromResult(receipts.AllWritten()), "every receipt");
        var cpuReceipts = HostCpu(host) - cpuBefore;
        var cpu = (cpuPosts.TotalMicroseconds / officerCount, cpuReceipts.TotalMicroseconds / officerCount);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  host CPU a request: {cpu.Item1:0} µs over the POSTs; {cpu.Item2:0} µs until every receipt was written"));

        var failures = results.Where(r => r.Status != HttpStatusCode.SeeOther).ToList();
        var latencies = results.Select(r => r.Milliseconds).ToList();
        Console.WriteLine($"  {results.Length} submissions at once: {results.Length - failures.Count} answered 303, {failures.Count} failed" +
            (failures.Count > 0 ? $" ({string.Join(", ", failures.GroupBy(f => f.Status).Select(g => $"{g.Count()} x {(int)g.Key}"))})" : ""));
        Console.WriteLine($"  POST latency p50 {Ms(Percentile(latencies, 0.5))}, p99 {Ms(Percentile(latencies, 0.99))}, max {Ms(latencies.Max())}; all done in {Ms(all.TotalMilliseconds)}");

        var stored = 0;
        var once = true;
        foreach (var id in ids)
        {
            var events = await api.GetFromJsonAsync<JsonElement>($"/api/reviews/{id}/events");
            var submitted = events.EnumerateArray().Where(e => e.GetProperty("type").GetString() == "answer-submitted")
                .Select(e => e.GetProperty("data").GetProperty("questionId").GetString()!).ToList();
            stored += submitted.Count;
            once &= submitted.Count == submitted.Distinct().Count() && submitted.Count == perReview;
        }
        Console.WriteLine($"  answers stored: {stored} of {officerCount}, each once: {(once ? "yes" : "NO")}");
        return (failures.Count == 0 && once && stored == officerCount, cpu);
    }

    /// <summary>The host's CPU time so far, every thread's (user and system), read afresh from /proc.</summary>
    private static TimeSpan HostCpu(Process host)
    {
        host.Refresh();
        return host.TotalProcessorTime;
    }

    /// <summary>
    /// The receipts written since it was made: the new messages to these officers (their request emails were written
    /// before), each file read once, when it first appears.
    /// </summary>
    private sealed class Receipts(string mailFolder, IEnumerable<string> officers)
    {
        private readonly HashSet<string> seen = [.. Directory.GetFiles(mailFolder, "*.eml")];
        private readonly HashSet<string> waiting = new(officers, StringComparer.Ordinal);

        public bool AllWritten()
        {
            foreach (var file in Directory.GetFiles(mailFolder, "*.eml"))
            {
                if (seen.Add(file))
                {
                    using var message = MimeMessage.Load(file);
                    waiting.ExceptWith(message.To.Mailboxes.Select(m => m.Address));
                }
            }
            return waiting.Count == 0;
        }
    }

    /// <summary>One officer with a browser of their own (the form's antiforgery cookie), and the time their submission took.</summary>
    private sealed class Officer(string email, string link) : IDisposable
    {
        private readonly HttpClient browser = new(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { Timeout = PhaseLimit };
        private Dictionary<string, string> form = [];

        public string Email => email;

        public string Answer => $"The answer from {email}: every child is seen within five working days.";

        public async Task OpenAsync()
        {
            var page = new HtmlParser().ParseDocument(await browser.GetStringAsync(new Uri(link)));
            // The question's own form ("Continue" leads to the check page, whose "Submit" posts these same fields).
            var submit = page.QuerySelectorAll("form").First(f => f.QuerySelector("button[value=check]") is not null);
            form = submit.QuerySelectorAll("input[type=hidden]").ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? "");
            form["answer"] = Answer;
            form["action"] = "submit";
        }

        public async Task<(HttpStatusCode Status, double Milliseconds)> SubmitAsync()
        {
            var watch = Stopwatch.StartNew();
            try
            {
                using var response = await browser.PostAsync(new Uri(link), new FormUrlEncodedContent(form));
                return (response.StatusCode, watch.Elapsed.TotalMilliseconds);
            }
            catch (HttpRequestException)
            {
                return (0, watch.Elapsed.TotalMilliseconds);
            }
        }

        public void Dispose() => browser.Dispose();
    }

    /// <summary>Each of these officers' links, read from their request emails as the officer would.</summary>
    private static Dictionary<string, string> Links(string mailFolder, HashSet<string> emails, string baseUrl)
    {
        var links = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in Directory.GetFiles(mailFolder, "*.eml"))
        {
            using var message = MimeMessage.Load(file);
            var to = message.To.Mailboxes.Single().Address;
            if (emails.Contains(to) && ResponseLinkText.Pattern().Match(message.TextBody ?? "") is { Success: true } match && match.Value.StartsWith(baseUrl, StringComparison.Ordinal))
            {
                links[to] = match.Value;
            }
        }
        return links;
    }

    private static string Email(int n) => $"officer{n + 1}@council.example";

    private static void WriteDirectory(string path) =>
        File.WriteAllText(path, JsonSerializer.Serialize(Enumerable.Range(0, (Officers * 2) + 30).Select(n => new
        {
            email = Email(n),
            name = $"Officer {n + 1}",
            designation = "Service Manager",
            manager = (string?)null,
        })));

    private static Process StartHost(string folder, string baseUrl)
    {
#if DEBUG
        const string configuration = "Debug";
#else
        const string configuration = "Release";
#endif
        var bin = Path.Combine(RepositoryRoot(), "src", "ScrutinyWorkflow.WebHost", "bin", configuration, "net10.0");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = bin,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[]
        {
            Path.Combine(bin, "ScrutinyWorkflow.WebHost.dll"), "--urls", baseUrl,
            $"--Scrutiny:DataPath={Path.Combine(folder, "data")}", $"--Scrutiny:DirectoryPath={Path.Combine(folder, "directory.json")}", "--Scrutiny:Routing:RulesPath=",
            // Each answer's receipt goes at once, as its own message: part of what an answer costs.
            $"--Scrutiny:PublicBaseUrl={baseUrl}", "--Logging:LogLevel:Default=Warning", "--Scrutiny:ReceiptQuietPeriod=00:00:00",
            // Hundreds of officers answer from one address here, where a council's come from many.
            "--Scrutiny:SignIn:RateLimits:AnswersPerAddressPerMinute=1000000",
        })
        {
            start.ArgumentList.Add(argument);
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("The host did not start.");
        process.OutputDataReceived += (_, e) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                Console.Error.WriteLine($"  host: {e.Data}");
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task<HttpStatusCode?> TryGetAsync(HttpClient client, string path)
    {
        try
        {
            using var response = await client.GetAsync(path);
            return response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    private static async Task WaitForAsync(Func<Task<bool>> done, string what)
    {
        var limit = Stopwatch.StartNew();
        while (!await done())
        {
            if (limit.Elapsed > PhaseLimit)
            {
                throw new TimeoutException($"Gave up waiting for {what} after {PhaseLimit}.");
            }
            await Task.Delay(20);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
