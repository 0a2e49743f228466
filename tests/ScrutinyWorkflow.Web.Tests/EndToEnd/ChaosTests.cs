using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AngleSharp.Html.Parser;
using ScrutinyWorkflow.Core.Calendar;
using ScrutinyWorkflow.Tests.Shared;
using ScrutinyWorkflow.Web.Tests.Mail;
using Xunit.Abstractions;

namespace ScrutinyWorkflow.Web.Tests.EndToEnd;

/// <summary>
/// Three web hosts in Durable mode on one task hub (Azurite), mail through a local SendGrid. Officers answer at once,
/// on the same reviews and across reviews, each submission through a host picked at random; meanwhile two of the hosts
/// are SIGKILLed at random moments (mid-request, mid-delivery, mid-step) and started again. At the end every
/// acknowledged answer is in its review exactly once, the statement prints the last one recorded, no message id went
/// to SendGrid twice, no id named two messages, and every review completed.
/// Each officer has <see cref="AnswersEach"/> questions on each review. The short run is part of the suite; <c>scripts/chaos.sh</c> runs it long (SCRUTINY_CHAOS_* below) and keeps the figures.
/// </summary>
[Collection(HostsInProcesses.Name)]
[Trait("Speed", "Slow")]
public sealed class ChaosTests(ITestOutputHelper output) : IAsyncLifetime
{
    /// <summary>A ceiling for one thing to happen on a loaded machine (a lease moves in 30 s), never an expected time.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(5);

    private const string Head = "head.of.service@council.example";
    private const string Tom = "tom.okafor@council.example";
    private const string Team = "scrutiny@council.example";

    private static readonly int Reviews = Setting("SCRUTINY_CHAOS_REVIEWS", 6);
    private static readonly int AnswersEach = Setting("SCRUTINY_CHAOS_ANSWERS", 2);
    private static readonly int Kills = Setting("SCRUTINY_CHAOS_KILLS", 4);

    private readonly TemporaryFolder data = new();
    private readonly string linkKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
    private readonly WebHostProcess?[] hosts = new WebHostProcess?[3];
    private readonly List<WebHostProcess> stopped = [];
    private Azurite azurite = null!;
    private FakeSendGrid sendGrid = null!;
    private int started;

    public async Task InitializeAsync()
    {
        azurite = await Azurite.StartAsync();
        sendGrid = await FakeSendGrid.StartAsync();
    }

    public async Task DisposeAsync()
    {
        foreach (var host in hosts.OfType<WebHostProcess>().Concat(stopped))
        {
            await host.DisposeAsync();
        }
        await sendGrid.DisposeAsync();
        await azurite.DisposeAsync();
        data.Dispose();
    }

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;

    private async Task<WebHostProcess> StartHostAsync()
    {
        var n = Interlocked.Increment(ref started);
        var settings = new List<string>
        {
            "--Scrutiny:Runtime=Durable", $"--Scrutiny:Storage:ConnectionString={azurite.ConnectionString}", "--Scrutiny:Durable:TaskHub=chaos",
            $"--Scrutiny:DataPath={Path.Combine(data.Path, $"host-{n}")}",
            $"--Scrutiny:DirectoryPath={Path.Combine(ScrutinyApplication.RepositoryRoot(), "samples", "directory.json")}",
            $"--Scrutiny:Routing:RulesPath={Path.Combine(ScrutinyApplication.RepositoryRoot(), "samples", "routing-rules.json")}",
            $"--Scrutiny:PublicBaseUrl={ScrutinyApplication.PublicBaseUrl}", $"--Scrutiny:LinkKey={linkKey}", $"--Scrutiny:TeamEmail={Team}", "--Scrutiny:ReceiptQuietPeriod=00:00:00",
        };
        settings.AddRange(sendGrid.Settings().Select(s => $"--{s.Key}={s.Value}"));
        return await WebHostProcess.StartAsync(settings, Path.Combine(data.Path, $"host-{n}.log"));
    }

    [Fact]
    public async Task Hosts_killed_at_random_moments_lose_no_acknowledged_answer_record_none_twice_and_send_no_message_twice()
    {
        for (var i = 0; i < hosts.Length; i++)
        {
            hosts[i] = await StartHostAsync();
        }
        var calendar = new WorkingCalendar();
        var deadline = calendar.AddWorkingDays(DateOnly.FromDateTime(DateTime.UtcNow), 20);
        var meeting = calendar.AddWorkingDays(deadline, 8);
        var ids = new List<string>();
        for (var n = 0; n < Reviews; n++)
        {
            var created = await OnAnyHostAsync(client => client.PostAsJsonAsync("/api/reviews", Request(n, deadline, meeting)));
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            var id = (await created.Content.ReadFromJsonAsync<Web.Reviews.CreatedReview>())!.Id;
            Assert.Equal(HttpStatusCode.Accepted, (await OnAnyHostAsync(client => client.PostAsync($"/api/reviews/{id}/dispatch", Api.NoBody()))).StatusCode);
            ids.Add(id);
        }

        // The answers, and meanwhile the kills: hosts 2 and 3 in turn, each started again once killed.
        var acknowledged = new ConcurrentBag<(string ReviewId, string Officer, string Text)>();
        var answering = Task.WhenAll(ids.SelectMany(id => new[] { Head, Tom }.Select(officer => AnswerAllAsync(id, officer, acknowledged))));
        var kills = 0;
        while (kills < Kills || !answering.IsCompleted)
        {
            await Task.WhenAny(answering, Task.Delay(Random.Shared.Next(300, 2_500)));
            if (kills >= Kills)
            {
                continue;
            }
            var victim = 1 + (kills % 2);
            var host = hosts[victim]!;
            hosts[victim] = null;
            host.Kill();
            stopped.Add(host);
            kills++;
            hosts[victim] = await StartHostAsync();
        }
        await answering;

        // Every question answered, each statement is assembled; once the team is told it is ready she releases it.
        foreach (var id in ids)
        {
            Assert.Equal("assembled", await StatusAsync(id, "assembled"));
            Assert.True(await EventuallyAsync(() => Sent().Any(m => m.Id.Contains(id, StringComparison.Ordinal) && m.To == Team)), $"The team was never told {id} is ready to check.");
            var released = await OnAnyHostAsync(client => client.PostAsync($"/api/reviews/{id}/release", Api.NoBody()));
            Assert.True(released.StatusCode == HttpStatusCode.Accepted, await released.Content.ReadAsStringAsync());
        }

        var lost = new List<string>();
        var twice = new List<string>();
        foreach (var id in ids)
        {
            Assert.Equal("completed", await StatusAsync(id, "completed"));
            var trail = JsonNode.Parse(await OnAnyHostAsync(client => client.GetStringAsync($"/api/reviews/{id}/events")))!.AsArray();
            var recorded = trail.Where(e => (string?)e!["type"] is "answer-submitted" or "answer-amended").Select(e => e!["data"]?["text"]?.GetValue<string>()).OfType<string>().Where(t => t.StartsWith("Answer ", StringComparison.Ordinal)).ToList();
            foreach (var answer in acknowledged.Where(a => a.ReviewId == id))
            {
                var times = recorded.Count(t => t == answer.Text);
                (times == 0 ? lost : times > 1 ? twice : []).Add($"{id} {answer.Officer}: {answer.Text}");
            }
            // The statement prints each officer's last recorded answer.
            var statement = new HtmlParser().ParseDocument(await OnAnyHostAsync(client => client.GetStringAsync($"/api/reviews/{id}/statement"))).Body!.TextContent;
            foreach (var officer in new[] { "Siân", "Tom" })
            {
                for (var n = 1; n <= AnswersEach; n++)
                {
                    var last = recorded.LastOrDefault(t => t.StartsWith($"Answer {n} from {officer} ", StringComparison.Ordinal));
                    Assert.True(last is not null && statement.Contains(last, StringComparison.Ordinal), $"{id}'s statement lacks {officer}'s answer {n} ({last}).");
                }
            }
        }

        // Every review's panel notice is the last of its mail; once all are in, what SendGrid got is complete.
        Assert.True(await EventuallyAsync(() => ids.All(id => Sent().Any(m => m.Id.Contains(id, StringComparison.Ordinal) && m.Subject.StartsWith("Position statement", StringComparison.Ordinal)))));
        var sent = Sent();
        var sentTwice = sent.GroupBy(m => m.Id).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        var sharedIds = sent.GroupBy(m => m.Id).Where(g => g.Select(m => (m.To, m.Subject)).Distinct().Count() > 1).Select(g => g.Key).ToList();
        var figures = $"reviews: {Reviews}; hosts: 3; SIGKILLs: {kills}; acknowledged answers: {acknowledged.Count}; lost: {lost.Count}; recorded twice: {twice.Count}; " +
            $"messages sent: {sent.Count}; message ids sent twice: {sentTwice.Count}; ids naming two messages: {sharedIds.Count}; reviews completed: {ids.Count}";
        output.WriteLine(figures);
        if (Environment.GetEnvironmentVariable("SCRUTINY_CHAOS_REPORT") is { Length: > 0 } report)
        {
            await File.WriteAllTextAsync(report, figures + Environment.NewLine);
        }
        Assert.True(lost.Count == 0, "Acknowledged but lost: " + string.Join("; ", lost));
        Assert.True(twice.Count == 0, "Recorded twice: " + string.Join("; ", twice));
        Assert.True(sentTwice.Count == 0, "Sent twice: " + string.Join(", ", sentTwice));
        Assert.Empty(sharedIds);
        Assert.Equal(Kills, kills);
    }

    /// <summary>
    /// One officer's answers to their questions, one after another; a submission whose host died before answering is
    /// pressed again (with a new text, to tell the two apart) on whichever host answers, as behind a load balancer.
    /// </summary>
    private async Task AnswerAllAsync(string reviewId, string officer, ConcurrentBag<(string, string, string)> acknowledged)
    {
        var path = await LinkAsync(reviewId, officer);
        var name = officer == Head ? "Siân" : "Tom";
        var attempt = 0;
        for (var n = 1; n <= AnswersEach; n++)
        {
            while (true)
            {
                var text = $"Answer {n} from {name} to {reviewId}, attempt {++attempt}.";
                var answered = await TrySubmitAsync(path, QuestionText(name, n), text);
                if (answered == Submitted.Acknowledged)
                {
                    acknowledged.Add((reviewId, officer, text));
                }
                if (answered != Submitted.HostDied)
                {
                    break;
                }
            }
        }
    }

    private enum Submitted
    {
        Acknowledged,
        AlreadyCounted,
        HostDied,
    }

    /// <summary>What came of pressing Submit: acknowledged, or the host died on the way (the person presses again).</summary>
    private async Task<Submitted> TrySubmitAsync(string path, string question, string text)
    {
        var host = LiveHost();
        try
        {
            using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = host };
            var section = Section(await browser.GetStringAsync(path), question);
            var fields = section.QuerySelector("form")!.QuerySelectorAll("input[type=hidden]").ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value")!);
            fields["answer"] = text;
            fields["action"] = "submit";
            var response = await browser.PostAsync(path, new FormUrlEncodedContent(fields));
            if (response.StatusCode == HttpStatusCode.SeeOther)
            {
                return Submitted.Acknowledged;
            }
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
            {
                return Submitted.HostDied;
            }
            // Refused as a change after assembly: right only when an earlier press, unacknowledged, was recorded and
            // was the answer that completed the review.
            Assert.Contains("Answered by", Section(await browser.GetStringAsync(path), question).TextContent, StringComparison.Ordinal);
            return Submitted.AlreadyCounted;
        }
        catch (HttpRequestException)
        {
            return Submitted.HostDied;
        }
    }

    private static AngleSharp.Dom.IElement Section(string page, string question) =>
        new HtmlParser().ParseDocument(page).QuerySelectorAll("section.question").Single(q => q.TextContent.Contains(question, StringComparison.Ordinal));

    private static string QuestionText(string officer, int n) => $"Question {n} for {officer}: how many are in bed and breakfast?";

    /// <summary>A host that is up now (host 1 is never killed, so there always is one).</summary>
    private Uri LiveHost()
    {
        var live = hosts.OfType<WebHostProcess>().ToList();
        return live[Random.Shared.Next(live.Count)].Address;
    }

    private async Task<T> OnAnyHostAsync<T>(Func<HttpClient, Task<T>> call)
    {
        for (var until = DateTime.UtcNow + Patience; ; await Task.Delay(200))
        {
            using var client = new HttpClient { BaseAddress = LiveHost() };
            try
            {
                return await call(client);
            }
            catch (HttpRequestException) when (DateTime.UtcNow < until)
            {
                // That host was killed under the request: the next try goes to one that is up.
            }
        }
    }

    private async Task<string> StatusAsync(string id, string status)
    {
        var seen = "";
        await EventuallyAsync(async () => (seen = (await OnAnyHostAsync(client => client.GetFromJsonAsync<Web.Reviews.ReviewView>($"/api/reviews/{id}")))!.Status) == status);
        return seen;
    }

    private static async Task<bool> EventuallyAsync(Func<Task<bool>> done)
    {
        for (var until = DateTime.UtcNow + Patience; ; await Task.Delay(250))
        {
            if (await done())
            {
                return true;
            }
            if (DateTime.UtcNow > until)
            {
                return false;
            }
        }
    }

    private static Task<bool> EventuallyAsync(Func<bool> done) => EventuallyAsync(() => Task.FromResult(done()));

    private sealed record SentMessage(string Id, string To, string Subject, string Text);

    /// <summary>What SendGrid accepted, in order.</summary>
    private List<SentMessage> Sent() =>
    [
        .. sendGrid.Requests.Where(r => r.Path == "/v3/mail/send").Select(r => JsonNode.Parse(r.Body)!).Select(m => new SentMessage(
            (string)(m["custom_args"] ?? m["personalizations"]![0]!["custom_args"])!["message_id"]!,
            (string)m["personalizations"]![0]!["to"]![0]!["email"]!,
            (string)(m["subject"] ?? m["personalizations"]![0]!["subject"])!,
            m["content"]!.AsArray().Select(c => (string)c!["value"]!).First())),
    ];

    /// <summary>The path of the link in the request this review sent this officer.</summary>
    private async Task<string> LinkAsync(string reviewId, string officer)
    {
        SentMessage? request = null;
        Assert.True(await EventuallyAsync(() => (request = Sent().FirstOrDefault(m =>
            m.Id.Contains(reviewId, StringComparison.Ordinal) && m.To == officer && m.Subject.Contains(" for you to answer by ", StringComparison.Ordinal))) is not null),
            $"Review {reviewId} sent {officer} no request.");
        return new Uri(ResponseLinkText.Pattern().Match(request!.Text).Value).PathAndQuery;
    }

    private static object Request(int n, DateOnly deadline, DateOnly meeting) => new
    {
        focusReport = new { title = $"Careless {n}: helping to improve council services to children in care", published = "2020-12" },
        panel = new { name = "Children and Families Scrutiny Panel", email = "panel@council.example" },
        meetingDate = meeting.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        deadline = deadline.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        areas = new object[]
        {
            new
            {
                heading = "Accommodation",
                questions = Enumerable.Range(1, AnswersEach).SelectMany(q => new object[]
                {
                    new { text = QuestionText("Siân", q), officers = new[] { Head } },
                    new { text = QuestionText("Tom", q), officers = new[] { Tom } },
                }).ToArray(),
            },
        },
    };
}
