using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using ScrutinyWorkflow.Core.Calendar;
using ScrutinyWorkflow.Tests.Shared;

namespace ScrutinyWorkflow.RuntimeBenchmarks;

/// <summary>Median and 95th percentile of a set of timings, in milliseconds.</summary>
internal sealed record Timings(double Median, double P95)
{
    public static Timings Of(List<double> milliseconds)
    {
        milliseconds.Sort();
        return new(milliseconds[milliseconds.Count / 2], milliseconds[(int)Math.Ceiling(milliseconds.Count * 0.95) - 1]);
    }
}

/// <summary>What the benchmark asks of a host, the way people do it: the API for the scrutiny officer, the emailed pages for the officers.</summary>
internal static class Workloads
{
    private static readonly string[] Officers =
    [
        "head.of.service@council.example", "tom.okafor@council.example", "priya.shah@council.example", "james.whitfield@council.example",
        "niamh.oconnor@council.example", "fiona.macleod@council.example", "eleanor.hughes@council.example", "owen.price@council.example",
    ];

    /// <summary>Each question answered in turn, each timed from opening the officer's page to the answer being taken.</summary>
    public static async Task<Timings> AnswerOneByOneAsync(HostProcess host, int answers)
    {
        var questions = Enumerable.Range(1, answers).Select(i => ($"Question {i}: how does the council know it works?", Officers[i % Officers.Length])).ToList();
        var id = await StartReviewAsync(host, "Answer latency", questions);
        var times = new List<double>(answers);
        foreach (var (text, officer) in questions)
        {
            var link = await LinkAsync(host, id, officer);
            using var browser = new Browser(host.Address);
            var watch = Stopwatch.StartNew();
            await browser.OpenAsync(link);
            var status = await browser.SendAsync(link, text, "submit", $"Answered: {text}");
            times.Add(watch.Elapsed.TotalMilliseconds);
            Expect(status, text);
        }
        return Timings.Of(times);
    }

    /// <summary>
    /// Officers saving drafts at once, each on their own question: on as many reviews as officers (the engine's work
    /// spread out), or all on one review (every command for one stream). Commands per second over the whole run.
    /// </summary>
    public static async Task<double> CommandsPerSecondAsync(HostProcess host, int browsers, int commands, bool sameReview)
    {
        var officers = Officers.Take(browsers).ToList();
        var work = new List<(string ReviewId, string Officer, string Question)>();
        if (sameReview)
        {
            var questions = officers.Select((officer, i) => ($"Question {i + 1}: who checks the plan is followed?", officer)).ToList();
            var id = await StartReviewAsync(host, "Commands on one review", questions);
            work.AddRange(questions.Select(q => (id, q.Item2, q.Item1)));
        }
        else
        {
            foreach (var officer in officers)
            {
                const string Question = "Question 1: who checks the plan is followed?";
                work.Add((await StartReviewAsync(host, $"Commands for {officer}", [(Question, officer)]), officer, Question));
            }
        }

        var pages = new List<(Browser Browser, string Link, string Question)>();
        foreach (var (reviewId, officer, question) in work)
        {
            var link = await LinkAsync(host, reviewId, officer);
            var browser = new Browser(host.Address);
            await browser.OpenAsync(link);
            pages.Add((browser, link, question));
        }
        var each = commands / browsers;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(pages.Select(async page =>
        {
            for (var n = 1; n <= each; n++)
            {
                Expect(await page.Browser.SendAsync(page.Link, page.Question, "draft", $"Draft {n.ToString(CultureInfo.InvariantCulture)} of the answer."), page.Question);
            }
        }));
        var seconds = watch.Elapsed.TotalSeconds;
        pages.ForEach(page => page.Browser.Dispose());
        return each * browsers / seconds;
    }

    /// <summary>A review of the given size from creation to its statement reaching the panel: every question answered, then released.</summary>
    public static async Task WholeReviewAsync(HostProcess host, int questions)
    {
        var asked = Enumerable.Range(1, questions).Select(i => ($"Question {i}: what has changed since the report?", Officers[i % 6])).ToList();
        var id = await StartReviewAsync(host, "A whole review", asked);
        foreach (var group in asked.GroupBy(q => q.Item2))
        {
            var link = await LinkAsync(host, id, group.Key);
            using var browser = new Browser(host.Address);
            await browser.OpenAsync(link);
            foreach (var (text, _) in group)
            {
                Expect(await browser.SendAsync(link, text, "submit", $"Answered: {text}"), text);
            }
        }
        using var api = new HttpClient { BaseAddress = host.Address };
        await WaitForAsync(api, id, "assembled");
        var released = await api.PostAsync($"/api/reviews/{id}/release", NoBody());
        if (released.StatusCode != HttpStatusCode.Accepted)
        {
            throw new InvalidOperationException($"Release was refused: {await released.Content.ReadAsStringAsync()}");
        }
        await WaitForAsync(api, id, "completed");
    }

    /// <summary>
    /// The review list's first page with <paramref name="reviews"/> reviews on the host (drafts, created eight at a
    /// time), timed <paramref name="timed"/> times one after another after one untimed warm-up.
    /// </summary>
    public static async Task<Timings> ListingAsync(HostProcess host, int reviews, int timed)
    {
        using var api = new HttpClient { BaseAddress = host.Address };
        var calendar = new WorkingCalendar();
        var deadline = calendar.AddWorkingDays(DateOnly.FromDateTime(DateTime.UtcNow), 20);
        await Parallel.ForEachAsync(Enumerable.Range(1, reviews), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (n, token) =>
        {
            var created = await api.PostAsJsonAsync("/api/reviews", new
            {
                focusReport = new { title = $"Listed review {n}", published = "2020-12" },
                panel = new { name = "Children and Families Scrutiny Panel", email = "panel@council.example" },
                meetingDate = calendar.AddWorkingDays(deadline, 8).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                deadline = deadline.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                areas = new[] { new { heading = "Area", questions = new[] { new { text = "What has changed?", officers = new[] { Officers[n % 6] } } } } },
            }, token);
            if (created.StatusCode != HttpStatusCode.Created)
            {
                throw new InvalidOperationException($"Review {n} was refused: {await created.Content.ReadAsStringAsync(token)}");
            }
        });
        (await api.GetAsync("/api/reviews")).EnsureSuccessStatusCode();
        var times = new List<double>();
        for (var i = 0; i < timed; i++)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            (await api.GetAsync("/api/reviews")).EnsureSuccessStatusCode();
            times.Add(clock.Elapsed.TotalMilliseconds);
        }
        return Timings.Of(times);
    }

    private static async Task<string> StartReviewAsync(HostProcess host, string title, IReadOnlyList<(string Text, string Officer)> questions)
    {
        var calendar = new WorkingCalendar();
        var deadline = calendar.AddWorkingDays(DateOnly.FromDateTime(DateTime.UtcNow), 20);
        var areas = questions.Chunk(10).Select((chunk, i) => new
        {
            heading = $"Area {i + 1}",
            questions = chunk.Select(q => new { text = q.Text, officers = new[] { q.Officer } }),
        });
        using var api = new HttpClient { BaseAddress = host.Address };
        var created = await api.PostAsJsonAsync("/api/reviews", new
        {
            focusReport = new { title, published = "2020-12" },
            panel = new { name = "Children and Families Scrutiny Panel", email = "panel@council.example" },
            meetingDate = calendar.AddWorkingDays(deadline, 8).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            deadline = deadline.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            areas,
        });
        if (created.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"The review was refused: {await created.Content.ReadAsStringAsync()}");
        }
        var id = (await created.Content.ReadFromJsonAsync<Created>())!.Id;
        var dispatched = await api.PostAsync($"/api/reviews/{id}/dispatch", NoBody());
        if (dispatched.StatusCode != HttpStatusCode.Accepted)
        {
            throw new InvalidOperationException($"Dispatch was refused: {await dispatched.Content.ReadAsStringAsync()}");
        }
        return id;
    }

    /// <summary>The officer's link, from the request the review sent them (sent once the engine has carried out the dispatch).</summary>
    private static async Task<string> LinkAsync(HostProcess host, string reviewId, string officer)
    {
        for (var until = DateTime.UtcNow.AddMinutes(3); DateTime.UtcNow < until; await Task.Delay(200))
        {
            var request = host.Mailbox.List().FirstOrDefault(m => m.MessageId.Contains(reviewId, StringComparison.Ordinal) && m.To.Any(t => t.Contains(officer, StringComparison.Ordinal)));
            if (request is not null)
            {
                return new Uri(ResponseLinkText.Pattern().Match(request.TextBody).Value).PathAndQuery;
            }
        }
        throw new InvalidOperationException($"Review {reviewId} sent {officer} no request within 3 minutes.");
    }

    private static async Task WaitForAsync(HttpClient api, string id, string status)
    {
        for (var until = DateTime.UtcNow.AddMinutes(3); DateTime.UtcNow < until; await Task.Delay(200))
        {
            if ((await api.GetFromJsonAsync<ReviewStatus>($"/api/reviews/{id}"))!.Status == status)
            {
                return;
            }
        }
        throw new InvalidOperationException($"Review {id} was not {status} within 3 minutes.");
    }

    /// <summary>A command with nothing to say is still JSON: the API takes no other content type.</summary>
    private static StringContent NoBody() => new("", System.Text.Encoding.UTF8, "application/json");

    private static void Expect(HttpStatusCode status, string question)
    {
        if (status != HttpStatusCode.SeeOther)
        {
            throw new InvalidOperationException($"The answer to \"{question}\" was not taken: HTTP {(int)status}.");
        }
    }

    private sealed record Created(string Id);

    private sealed record ReviewStatus(string Status);

    /// <summary>One person's browser on their answer page: its cookie, and the form under each question.</summary>
    private sealed class Browser(Uri address) : IDisposable
    {
        private readonly HttpClient client = new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = address };
        private IHtmlDocument? page;

        public async Task OpenAsync(string link) =>
            page = new HtmlParser().ParseDocument(await client.GetStringAsync(link));

        /// <summary>Fills in the answer under this question and presses the button for <paramref name="action"/>.</summary>
        public async Task<HttpStatusCode> SendAsync(string link, string question, string action, string text)
        {
            var section = page!.QuerySelectorAll("section.question").First(s => s.QuerySelector("h2")?.TextContent == question);
            // "Submit" is pressed on the check page after "Continue"; the question's own form carries the same fields.
            var form = section.QuerySelectorAll("form").First(f => f.QuerySelector($"button[value={(action == "submit" ? "check" : action)}]") is not null);
            var fields = form.QuerySelectorAll("input[type=hidden]").ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? "");
            fields["answer"] = text;
            fields["action"] = action;
            using var response = await client.PostAsync(link, new FormUrlEncodedContent(fields));
            return response.StatusCode;
        }

        public void Dispose() => client.Dispose();
    }
}
