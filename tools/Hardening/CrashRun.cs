using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using AngleSharp.Html.Parser;
using ScrutinyWorkflow.Tests.Shared;
using ScrutinyWorkflow.Web.Mail;

namespace ScrutinyWorkflow.Hardening;

/// <summary>What the crash test found, beside the crash-free run of the same inputs.</summary>
internal sealed record CrashReport(
    int Reviews,
    int Kills,
    int Acknowledged,
    IReadOnlyList<string> Missing,
    IReadOnlyList<string> DifferentStatements,
    IReadOnlyList<string> MailedTwice,
    IReadOnlyList<string> MailDifferences,
    int Mails,
    TimeSpan CalmTook,
    TimeSpan CrashTook)
{
    public bool Passed => Missing.Count == 0 && DifferentStatements.Count == 0 && MailedTwice.Count == 0 && MailDifferences.Count == 0;

    public IEnumerable<string> Lines()
    {
        yield return $"reviews: {Reviews}; SIGKILLs: {Kills}; acknowledged answers: {Acknowledged}; mails: {Mails}";
        yield return $"statements different from the crash-free run: {DifferentStatements.Count}{List(DifferentStatements)}";
        yield return $"acknowledged answers missing from their statement: {Missing.Count}{List(Missing)}";
        yield return $"messages sent twice: {MailedTwice.Count}{List(MailedTwice)}";
        yield return $"messages unlike the crash-free run's: {MailDifferences.Count}{List(MailDifferences)}";
        yield return $"crash-free run {CalmTook.TotalSeconds:0} s, run with kills {CrashTook.TotalSeconds:0} s";
    }

    private static string List(IReadOnlyList<string> items) => items.Count == 0 ? "" : " (" + string.Join("; ", items.Take(5)) + (items.Count > 5 ? "; ..." : "") + ")";
}

/// <summary>
/// The crash test. The same reviews are run twice on the real host with a clock file: once without interruption, and
/// once with the host SIGKILLed at random moments (mid-request, or while the runner is sending mail) and started again
/// on the same data, at least <see cref="Kills"/> times. Each review asks three officers; answers come on the 16th of
/// December and the 4th of January through the emailed links, reminders and escalations go out as the clock moves, the
/// deadline passes, and the scrutiny officer releases every statement. A person whose request failed does what a person
/// would: sends it again once the service answers (checking first whether it counted). Afterwards every statement must
/// equal the crash-free one, every answer the host acknowledged (303) must be in its statement, and the mail must be
/// the crash-free run's, nobody's message twice.
/// </summary>
internal sealed class CrashRun(int reviews, int kills, int seed)
{
    private const string Head = HostUnderTest.Head;
    private const string Tom = HostUnderTest.Tom;
    private const string Data = HostUnderTest.Data;

    public int Reviews { get; } = reviews;

    public int Kills { get; } = kills;

    /// <summary>Whether the host is also killed once after each move of the clock, while its runner sends what fell due.</summary>
    public bool KillWhileChasing { get; init; } = true;

    public async Task<CrashReport> RunAsync(string root, Action<string>? progress = null)
    {
        // Kills among the scenario's requests, spread at random; with KillWhileChasing, more land on the runner's work.
        var random = new Random(seed);
        var killAt = Enumerable.Range(0, Reviews * 6).OrderBy(_ => random.Next()).Take(Kills).ToHashSet();
        // The two runs side by side, each on its own host, data and clock: nothing is shared but the inputs.
        var calmRun = new Scenario(this, Path.Combine(root, "calm"), new HashSet<int>(), seed, progress).RunAsync();
        var crashRun = new Scenario(this, Path.Combine(root, "crash"), killAt, seed, progress).RunAsync();
        var calm = await calmRun;
        var crashed = await crashRun;

        var different = Enumerable.Range(0, Reviews).Where(n => calm.Statements[n] != crashed.Statements[n]).Select(n => $"review {n}").ToList();
        var missing = crashed.Acknowledged.Where(a => !crashed.Statements[a.Review].Contains(a.Text, StringComparison.Ordinal)).Select(a => $"review {a.Review}: {a.Text}").ToList();
        var twice = crashed.Mails.GroupBy(m => m).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        var unlike = calm.Mails.Except(crashed.Mails).Select(m => "missing: " + m).Concat(crashed.Mails.Except(calm.Mails).Select(m => "extra: " + m)).ToList();
        return new CrashReport(Reviews, crashed.Kills, crashed.Acknowledged.Count, missing, different, twice, unlike, crashed.Mails.Count, calm.Took, crashed.Took);
    }

    private sealed record Outcome(IReadOnlyList<string> Statements, IReadOnlyList<string> Mails, IReadOnlyList<(int Review, string Text)> Acknowledged, int Kills, TimeSpan Took);

    /// <summary>One run of the reviews; with kill points, the host is killed as those requests are made.</summary>
    private sealed class Scenario(CrashRun run, string root, IReadOnlySet<int> killAt, int seed, Action<string>? progress)
    {
        private readonly Random random = new(seed + 1);
        private readonly List<(int Review, string Text)> acknowledged = [];
        private HostUnderTest host = null!;
        private Task restarting = Task.CompletedTask;
        private int requests;
        private int kills;

        public async Task<Outcome> RunAsync()
        {
            var took = Stopwatch.StartNew();
            host = await HostUnderTest.StartAsync(root, Uk(2026, 12, 14, 10, 0));
            try
            {
                var ids = new string[run.Reviews];
                for (var n = 0; n < run.Reviews; n++)
                {
                    ids[n] = await CreateAsync(n);
                    var id = ids[n];
                    await RequestAsync(async client => (await client.PostAsync($"/api/reviews/{id}/dispatch", Json(""))).StatusCode is HttpStatusCode.Accepted or HttpStatusCode.Conflict ? id : null);
                }
                Progress("created and dispatched");

                await MoveClockAsync(Uk(2026, 12, 16, 11, 0));
                for (var n = 0; n < run.Reviews; n++)
                {
                    await AnswerAsync(ids[n], n, Head, $"Siân's answer to review {n}.");
                    if (n % 2 == 0)
                    {
                        await AnswerAsync(ids[n], n, Tom, $"Tom's answer to review {n}.");
                    }
                }
                Progress("first answers");

                await MoveClockAsync(Uk(2026, 12, 31, 9, 5));
                await MoveClockAsync(Uk(2027, 1, 4, 14, 0));
                for (var n = 0; n < run.Reviews; n++)
                {
                    if (n % 4 == 1)
                    {
                        await AnswerAsync(ids[n], n, Tom, $"Tom's late answer to review {n}, after his reminder.");
                    }
                    if (n % 5 != 0)
                    {
                        await AnswerAsync(ids[n], n, Data, $"The data team's answer to review {n}:\n\n- one\n- two");
                    }
                }
                Progress("answers after reminders");

                await MoveClockAsync(Uk(2027, 1, 8, 9, 5));
                await MoveClockAsync(Uk(2027, 1, 9, 0, 5));
                await WaitForAsync(ids, "assembled");
                await MoveClockAsync(Uk(2027, 1, 11, 10, 0));
                foreach (var id in ids)
                {
                    await RequestAsync(async client => (await client.PostAsync($"/api/reviews/{id}/release", Json(""))).StatusCode is HttpStatusCode.Accepted
                        || (await ReviewStatusAsync(client, id)) is "released" or "filed" or "completed" ? id : null);
                }
                await WaitForAsync(ids, "completed");
                await QuietAsync();
                Progress("released and completed");

                var statements = new List<string>();
                foreach (var id in ids)
                {
                    statements.Add(await RequestAsync(async client => StatementText(await client.GetStringAsync($"/api/reviews/{id}/statement"))));
                }
                var mails = host.Mails().Select(m => Normalised(m, ids)).Order(StringComparer.Ordinal).ToList();
                return new Outcome(statements, mails, acknowledged, kills, took.Elapsed);
            }
            finally
            {
                await restarting;
                await host.DisposeAsync();
            }
        }

        /// <summary>Creates review n; when the answer was lost, looks for it in the list before creating it again.</summary>
        private Task<string> CreateAsync(int n) => RequestAsync(async client =>
        {
            var title = Title(n);
            var listed = await client.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/reviews?pageSize=200&sort=title");
            if (listed.GetProperty("reviews").EnumerateArray().FirstOrDefault(r => r.GetProperty("title").GetString() == title) is { ValueKind: System.Text.Json.JsonValueKind.Object } found)
            {
                return found.GetProperty("id").GetString()!;
            }
            var response = await client.PostAsJsonAsync("/api/reviews", Review(title));
            return response.StatusCode == HttpStatusCode.Created ? (await response.Content.ReadFromJsonAsync<Web.Reviews.CreatedReview>())!.Id : null;
        });

        /// <summary>
        /// Answers through the emailed link, as the officer would: the page first; if it already shows the answer (sent
        /// before a crash), that is enough; an answer is acknowledged when the page redirects (303).
        /// </summary>
        private async Task AnswerAsync(string id, int n, string officer, string text)
        {
            var link = await LinkAsync(id, officer);
            await RequestAsync(async _ =>
            {
                using var form = await host.OpenFormAsync(link, 0);
                var page = await form.Browser.GetStringAsync(link);
                var shown = WebUtility.HtmlDecode(page);
                if (shown.Contains(text.Split('\n')[0], StringComparison.Ordinal) && shown.Contains("Answered by", StringComparison.Ordinal))
                {
                    return text;
                }
                var response = await form.SendAsync(text);
                if (response.StatusCode == HttpStatusCode.SeeOther)
                {
                    acknowledged.Add((n, text.Split('\n')[0]));
                    return text;
                }
                return null;
            });
        }

        private async Task<string> LinkAsync(string id, string officer)
        {
            // A ceiling for a loaded machine, not an expected time, as every wait below: the runner sends within seconds.
            for (var until = DateTime.UtcNow.AddMinutes(5); ; await Task.Delay(200))
            {
                var request = host.Mails().FirstOrDefault(m => m.MessageId.Contains(id, StringComparison.Ordinal) && m.To.Single().Contains(officer, StringComparison.Ordinal) && ResponseLinkText.Pattern().IsMatch(m.TextBody));
                if (request is not null)
                {
                    return new Uri(ResponseLinkText.Pattern().Match(request.TextBody).Value).AbsolutePath;
                }
                if (DateTime.UtcNow > until)
                {
                    throw new TimeoutException($"Review {id} sent {officer} no request within five minutes.");
                }
            }
        }

        /// <summary>Moves the clock, lets the runner do what falls due (sometimes killing it midway), and waits for quiet.</summary>
        private async Task MoveClockAsync(DateTimeOffset to)
        {
            host.SetClock(to);
            if (killAt.Count > 0 && run.KillWhileChasing)
            {
                await restarting;
                restarting = KillAndStartAsync(random.Next(1_500));
            }
            await QuietAsync();
        }

        /// <summary>Waits until the mail folder has not changed for two seconds (the runner polls every second).</summary>
        private async Task QuietAsync()
        {
            await restarting;
            var seen = -1;
            for (var since = Stopwatch.StartNew(); since.Elapsed < TimeSpan.FromSeconds(2); await Task.Delay(200))
            {
                var now = host.Mails().Count;
                if (now != seen)
                {
                    seen = now;
                    since.Restart();
                }
            }
        }

        private async Task WaitForAsync(IEnumerable<string> ids, string status)
        {
            foreach (var id in ids)
            {
                var until = DateTime.UtcNow.AddMinutes(5);
                while (await RequestAsync(async client => await ReviewStatusAsync(client, id)) != status && DateTime.UtcNow < until)
                {
                    await Task.Delay(250);
                }
            }
        }

        /// <summary>
        /// One request as a person makes it: tried until it gets an answer it can use (a non-null result), through every
        /// restart. When the request is one of the kill points, the host is killed a few milliseconds into it.
        /// </summary>
        private async Task<T> RequestAsync<T>(Func<HttpClient, Task<T?>> send) where T : class
        {
            if (killAt.Contains(requests++))
            {
                await restarting;
                restarting = KillAndStartAsync(random.Next(40));
            }
            for (var until = DateTime.UtcNow.AddMinutes(10); ; await Task.Delay(100))
            {
                try
                {
                    using var client = host.Client();
                    if (await send(client) is { } result)
                    {
                        return result;
                    }
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or InvalidOperationException or IOException && DateTime.UtcNow < until)
                {
                    // The host is down or being started: wait for it, as a person tries again.
                    await restarting;
                }
            }
        }

        private async Task KillAndStartAsync(int afterMilliseconds)
        {
            await Task.Delay(afterMilliseconds);
            await host.KillAsync();
            kills++;
            await host.StartAgainAsync();
        }

        private void Progress(string what) => progress?.Invoke($"{(killAt.Count > 0 ? "with kills" : "crash-free")}: {what} ({kills} kills so far)");
    }

    private static async Task<string?> ReviewStatusAsync(HttpClient client, string id) =>
        (await client.GetFromJsonAsync<Web.Reviews.ReviewView>($"/api/reviews/{id}"))?.Status;

    private static StringContent Json(string body) => new(body, System.Text.Encoding.UTF8, "application/json");

    private static string Title(int n) => $"Crash review {n:000}: helping to improve council services to children in care";

    private static object Review(string title) => new
    {
        focusReport = new { title, published = "2020-12" },
        panel = new { name = "Children and Families Scrutiny Panel", email = "panel@council.example" },
        meetingDate = "2027-01-20",
        deadline = "2027-01-08",
        areas = new object[]
        {
            new { heading = "Accommodation", questions = new object[]
            {
                new { text = "How many are in bed and breakfast?", officers = new[] { Head } },
                new { text = "How are their needs assessed?", officers = new[] { Tom } },
            } },
            new { heading = "Care leavers", questions = new object[] { new { text = "How many have a pathway plan?", officers = new[] { Data } } } },
        },
    };

    private static DateTimeOffset Uk(int year, int month, int day, int hour, int minute) => new(year, month, day, hour, minute, 0, TimeSpan.Zero);

    /// <summary>What the panel reads: the cover and every table's rows, as text.</summary>
    private static string StatementText(string html)
    {
        var document = new HtmlParser().ParseDocument(html);
        return string.Join("\n", new[] { document.QuerySelector("dl.cover")?.TextContent ?? "" }
            .Concat(document.QuerySelectorAll("caption, tbody tr").Select(e => string.Join(" | ", e.Children.Select(c => c.TextContent.Trim())))));
    }

    /// <summary>A message as the person reads it, with the review's id as its number and links as one word (ids and keys differ between runs).</summary>
    private static string Normalised(EmlMessage mail, string[] ids)
    {
        var text = $"{string.Join(",", mail.To)} | {mail.Subject} | {mail.TextBody}";
        for (var n = 0; n < ids.Length; n++)
        {
            // A receipt's reference spells the id in capitals.
            text = text.Replace(ids[n], $"review-{n}", StringComparison.Ordinal).Replace(ids[n].ToUpperInvariant(), $"REVIEW-{n}", StringComparison.Ordinal);
        }
        return ResponseLinkText.Pattern().Replace(text, "<link>");
    }
}
