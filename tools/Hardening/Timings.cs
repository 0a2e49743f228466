using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using ScrutinyWorkflow.Tests.Shared;

namespace ScrutinyWorkflow.Hardening;

/// <summary>
/// Two timings through the real host as a process, for docs/benchmarks.md: from uploading a focus report to the last
/// request email, and how long a small review's request waits with and without a thousand-officer review sent just
/// before it (the runner's fairness).
/// </summary>
internal static class Timings
{
    private const int BigReviewOfficers = 1000;

    /// <summary>Upload the 16-question sample, name an officer for each question, dispatch, and wait for every request.</summary>
    public static async Task UploadToRequestsAsync(string root, int runs)
    {
        await using var host = await HostUnderTest.StartAsync(Path.Combine(root, "upload"), new DateTimeOffset(2026, 12, 14, 10, 0, 0, TimeSpan.Zero));
        var report = await File.ReadAllBytesAsync(Path.Combine(Loopback.RepositoryRoot(), "samples", "reports", "children-in-care.pdf"));
        string[] officers = [HostUnderTest.Head, HostUnderTest.Tom, HostUnderTest.Data];
        var drafted = new List<double>();
        var dispatched = new List<double>();
        var mailed = new List<double>();
        for (var run = 0; run <= runs; run++)
        {
            var clock = Stopwatch.StartNew();
            using var uploader = host.Client();
            var token = (await uploader.GetFromJsonAsync<Web.FocusReports.UploadToken>("/api/reviews/from-report"))!;
            uploader.DefaultRequestHeaders.Add(token.HeaderName, token.Token);
            using var form = new MultipartFormDataContent
            {
                { new StringContent("Children and Families Scrutiny Panel"), "panelName" }, { new StringContent("panel@council.example"), "panelEmail" },
                { new StringContent("2027-01-20"), "meetingDate" }, { new StringContent("2027-01-08"), "deadline" },
                { new ByteArrayContent(report), "file", "children-in-care.pdf" },
            };
            var created = await uploader.PostAsync("/api/reviews/from-report", form);
            var review = await created.Content.ReadFromJsonAsync<Web.Reviews.ReviewView>() ?? throw new InvalidOperationException("The upload made no draft.");
            var toDraft = clock.Elapsed.TotalMilliseconds;
            var n = 0;
            var areas = review.Areas.Select(a => new { heading = a.Heading, questions = a.Questions.Select(q => new { id = q.Id, text = q.Text, officers = new[] { officers[n++ % officers.Length] } }).ToArray() }).ToArray();
            (await uploader.PutAsJsonAsync($"/api/reviews/{review.Id}/questions", new { areas })).EnsureSuccessStatusCode();
            (await uploader.PostAsync($"/api/reviews/{review.Id}/dispatch", new StringContent("", System.Text.Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
            var toDispatch = clock.Elapsed.TotalMilliseconds;
            await MailAsync(host, review.Id, Math.Min(n, officers.Length));
            if (run > 0)
            {
                // The first run warms the host up and is not counted.
                drafted.Add(toDraft);
                dispatched.Add(toDispatch);
                mailed.Add(clock.Elapsed.TotalMilliseconds);
            }
        }
        Console.WriteLine($"Upload to requests (children-in-care.pdf, {report.Length / 1024} KiB, median of {runs} after a warm-up):");
        Console.WriteLine(Invariant($"  upload read and drafted (201): {Median(drafted):0} ms; questions assigned and dispatched (202): {Median(dispatched):0} ms; every request email written: {Median(mailed):0} ms"));
    }

    /// <summary>A small review's dispatch to its request email, alone and right after a thousand-officer review's dispatch.</summary>
    public static async Task FairnessAsync(string root, int runs)
    {
        var folder = Path.Combine(root, "fairness");
        Directory.CreateDirectory(folder);
        var directory = Path.Combine(folder, "directory.csv");
        await File.WriteAllLinesAsync(directory, ["email,name,designation,manager", "small.review@council.example,Sam Small,Service Manager,",
            .. Enumerable.Range(0, BigReviewOfficers).Select(n => $"officer{n:0000}@council.example,Officer {n},Service Manager,")]);
        await using var host = await HostUnderTest.StartAsync(Path.Combine(folder, "host"), new DateTimeOffset(2026, 12, 14, 10, 0, 0, TimeSpan.Zero), directory);
        var alone = new List<double>();
        var behindBig = new List<double>();
        var bigLast = new List<double>();
        await SmallReviewAsync(host); // warm-up
        for (var run = 0; run < runs; run++)
        {
            alone.Add(await SmallReviewAsync(host));
            var big = await host.CreateReviewAsync(CorpusTarget.Review($"Every service {run}", Enumerable.Range(0, BigReviewOfficers).Select(n => ($"Question {n}?", $"officer{n:0000}@council.example"))));
            var clock = Stopwatch.StartNew();
            await host.PostJsonAsync($"/api/reviews/{big}/dispatch");
            behindBig.Add(await SmallReviewAsync(host));
            await MailAsync(host, big, BigReviewOfficers);
            bigLast.Add(clock.Elapsed.TotalMilliseconds);
        }
        Console.WriteLine(Invariant($"Runner fairness (median of {runs}): a one-question review's dispatch to its request email alone {Median(alone):0} ms; dispatched just after a {BigReviewOfficers:N0}-officer review {Median(behindBig):0} ms (that review's last request email {Median(bigLast):0} ms after its dispatch)"));
    }

    private static async Task<double> SmallReviewAsync(HostUnderTest host)
    {
        var id = await host.CreateReviewAsync(CorpusTarget.Review("One question", [("Is this quick?", "small.review@council.example")]));
        var clock = Stopwatch.StartNew();
        await host.PostJsonAsync($"/api/reviews/{id}/dispatch");
        await MailAsync(host, id, 1);
        return clock.Elapsed.TotalMilliseconds;
    }

    /// <summary>Waits until the mail folder holds this many messages for the review (their file names start with its id).</summary>
    private static async Task MailAsync(HostUnderTest host, string reviewId, int count)
    {
        var mail = Path.Combine(host.DataPath, "mail");
        for (var until = DateTime.UtcNow.AddMinutes(2); Directory.Exists(mail) ? Directory.EnumerateFiles(mail, reviewId + "*.eml").Count() < count : true; await Task.Delay(5))
        {
            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"Review {reviewId} did not send {count} messages within two minutes.");
            }
        }
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
