using System.Net;
using System.Net.Http.Json;
using AngleSharp.Html.Parser;
using ScrutinyWorkflow.Core.Calendar;
using ScrutinyWorkflow.Tests.Shared;
using ScrutinyWorkflow.Web.Mail;

namespace ScrutinyWorkflow.Web.Tests.EndToEnd;

/// <summary>
/// Two web-host processes in Durable mode on one task hub (Azurite), as a council running the host on two machines:
/// reviews started on either, answers sent to both at once; every review completes, no acknowledged answer is
/// missing, and nobody is sent any message twice.
/// </summary>
[Collection(HostsInProcesses.Name)]
[Trait("Speed", "Slow")]
public sealed class TwoHostsTests : IAsyncLifetime
{
    /// <summary>
    /// How long a step may take before the test gives up on it. A host killed mid-step holds its partitions for a lease
    /// (30 s) and its dequeued messages for their visibility timeout (1 minute) before the other host takes them, and a
    /// busy machine stretches both; a wait bound, not a timing the test asserts.
    /// </summary>
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(5);

    private const int Reviews = 30;
    private const string Head = "head.of.service@council.example";
    private const string Tom = "tom.okafor@council.example";
    private const string BedAndBreakfast = "How many are in bed and breakfast?";
    private const string Needs = "How are their needs assessed?";

    private Azurite azurite = null!;
    private readonly TemporaryFolder data = new();
    private readonly List<WebHostProcess> processes = [];
    private volatile bool secondKilled;

    public async Task InitializeAsync() => azurite = await Azurite.StartAsync();

    public async Task DisposeAsync()
    {
        foreach (var host in processes)
        {
            await host.DisposeAsync();
        }
        await azurite.DisposeAsync();
        data.Dispose();
    }

    private async Task<Uri> StartHostAsync(string linkKey)
    {
        var host = await WebHostProcess.StartAsync(
        [
            "--Scrutiny:Runtime=Durable", $"--Scrutiny:Storage:ConnectionString={azurite.ConnectionString}", "--Scrutiny:Durable:TaskHub=twohosts",
            $"--Scrutiny:DataPath={data.Path}", $"--Scrutiny:DirectoryPath={Path.Combine(ScrutinyApplication.RepositoryRoot(), "samples", "directory.json")}", $"--Scrutiny:Routing:RulesPath={Path.Combine(ScrutinyApplication.RepositoryRoot(), "samples", "routing-rules.json")}",
            $"--Scrutiny:PublicBaseUrl={ScrutinyApplication.PublicBaseUrl}", $"--Scrutiny:LinkKey={linkKey}", "--Scrutiny:TeamEmail=scrutiny@council.example", "--Scrutiny:ReceiptQuietPeriod=00:00:00",
        ], Path.Combine(data.Path, $"host-{processes.Count + 1}.log"));
        processes.Add(host);
        return host.Address;
    }

    [Fact]
    public async Task Two_hosts_on_one_task_hub_complete_every_review_with_every_answer_and_no_message_twice() =>
        await RunAsync(killSecondHostMidway: false);

    [Fact]
    public async Task When_one_of_two_hosts_is_killed_midway_the_other_finishes_every_review_with_every_acknowledged_answer() =>
        await RunAsync(killSecondHostMidway: true);

    /// <summary>
    /// Thirty reviews created and dispatched across both hosts, then every officer answering through their link at
    /// once, half on each host. When asked, the second host is killed (SIGKILL) once a quarter of the answers are in:
    /// an answer it acknowledged must still count, and a person whose page failed presses Submit again on the host
    /// still running, as they would behind a load balancer.
    /// </summary>
    private async Task RunAsync(bool killSecondHostMidway)
    {
        var linkKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        Uri[] hosts = [await StartHostAsync(linkKey), await StartHostAsync(linkKey)];
        var calendar = new WorkingCalendar();
        var deadline = calendar.AddWorkingDays(DateOnly.FromDateTime(DateTime.UtcNow), 20);
        var meeting = calendar.AddWorkingDays(deadline, 8);
        var mailbox = new EmlMailbox(Path.Combine(data.Path, "mail"));

        var ids = await Task.WhenAll(Enumerable.Range(0, Reviews).Select(async n =>
        {
            using var first = new HttpClient { BaseAddress = hosts[n % 2] };
            using var second = new HttpClient { BaseAddress = hosts[(n + 1) % 2] };
            var created = await first.PostAsJsonAsync("/api/reviews", Request(n, deadline, meeting));
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            var id = (await created.Content.ReadFromJsonAsync<Web.Reviews.CreatedReview>())!.Id;
            Assert.Equal(HttpStatusCode.Accepted, (await second.PostAsync($"/api/reviews/{id}/dispatch", Api.NoBody())).StatusCode);
            return id;
        }));

        var acknowledged = 0;
        if (killSecondHostMidway)
        {
            var quarter = new TaskCompletionSource();
            var killed = quarter.Task.ContinueWith(_ =>
            {
                secondKilled = true;
                processes[1].Kill();
            }, TaskScheduler.Default);
            await Task.WhenAll(ids.SelectMany((id, n) => new[] { (Head, n % 2, $"Answer from Siân to review {n}"), (Tom, (n + 1) % 2, $"Answer from Tom to review {n}") }
                .Select(async answer =>
                {
                    await AnswerAsync(hosts, answer.Item2, mailbox, id, answer.Item1, answer.Item3);
                    if (Interlocked.Increment(ref acknowledged) == Reviews / 2)
                    {
                        quarter.SetResult();
                    }
                })));
            await killed;
        }
        else
        {
            await Task.WhenAll(ids.SelectMany((id, n) => new[]
            {
                AnswerAsync(hosts, n % 2, mailbox, id, Head, $"Answer from Siân to review {n}"),
                AnswerAsync(hosts, (n + 1) % 2, mailbox, id, Tom, $"Answer from Tom to review {n}"),
            }));
        }

        // Under load an answer may be acknowledged before it is decided: each statement assembles once both are in.
        using var live = new HttpClient { BaseAddress = hosts[0] };
        await Task.WhenAll(ids.Select(async id =>
        {
            var status = await WaitForAsync(live, id, "assembled");
            Assert.True(status == "assembled", $"Review {id} is {status}: {await live.GetStringAsync($"/api/reviews/{id}/events")}");
            // She releases once she is told it is ready to check, as the team would: the check mail follows the
            // assembly it is about, and one sent after release would be about a statement already gone.
            Assert.True(await TeamToldAsync(mailbox, id), $"The team was not told review {id} is ready to check.");
            var released = await live.PostAsync($"/api/reviews/{id}/release", Api.NoBody());
            Assert.True(released.StatusCode == HttpStatusCode.Accepted, await released.Content.ReadAsStringAsync());
        }));

        await using var embedded = new TestWorld(DateTimeOffset.UtcNow);
        for (var n = 0; n < Reviews; n++)
        {
            Assert.Equal("completed", await WaitForAsync(live, ids[n], "completed"));
            var statement = Statement(await live.GetStringAsync($"/api/reviews/{ids[n]}/statement"));
            Assert.Equal(Statement(await EmbeddedStatementAsync(embedded.App, n, deadline, meeting)), statement);
            Assert.Contains($"Answer from Siân to review {n}", statement, StringComparison.Ordinal);
            Assert.Contains($"Answer from Tom to review {n}", statement, StringComparison.Ordinal);
        }
        // The team's check and the panel's notice go out just after the status they follow is recorded, so the last
        // few may still be on their way when the last review shows as completed.
        var mails = await MailsAsync(mailbox, Reviews * 6);
        Assert.Empty(mails.GroupBy(m => (string.Join(",", m.To), m.Subject, m.TextBody)).Where(g => g.Count() > 1).Select(g => g.Key.Subject));
        // Per review: one request to each officer, one receipt to each for their answer, the team's check, and the panel's notice.
        Assert.Equal(Reviews * 6, mails.Count);
        Assert.Equal(Reviews * 2, mails.Count(m => m.Subject.Contains("your answer was received, reference", StringComparison.Ordinal)));
    }

    /// <summary>The same review, answered the same way, on the embedded runtime.</summary>
    private static async Task<string> EmbeddedStatementAsync(ScrutinyApplication app, int n, DateOnly deadline, DateOnly meeting)
    {
        var client = app.CreateClient();
        var id = await app.CreateReviewAsync(Request(n, deadline, meeting));
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync($"/api/reviews/{id}/dispatch", Api.NoBody())).StatusCode);
        await app.RunRunnerAsync();
        Assert.Equal(HttpStatusCode.SeeOther, (await app.AnswerAsync(LinkIn(app.Mailbox.List(), id, Head), BedAndBreakfast, $"Answer from Siân to review {n}")).StatusCode);
        Assert.Equal(HttpStatusCode.SeeOther, (await app.AnswerAsync(LinkIn(app.Mailbox.List(), id, Tom), Needs, $"Answer from Tom to review {n}")).StatusCode);
        await app.RunRunnerAsync();
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync($"/api/reviews/{id}/release", Api.NoBody())).StatusCode);
        await app.RunRunnerAsync();
        return await client.GetStringAsync($"/api/reviews/{id}/statement");
    }

    /// <summary>What the panel reads: the cover and every table's rows, as text.</summary>
    private static string Statement(string html)
    {
        var document = new HtmlParser().ParseDocument(html);
        return string.Join("\n", new[] { document.QuerySelector("dl.cover")!.TextContent }
            .Concat(document.QuerySelectorAll("caption, tbody tr").Select(e => string.Join(" | ", e.Children.Select(c => c.TextContent.Trim())) is { Length: > 0 } cells ? cells : e.TextContent.Trim())));
    }

    private static object Request(int n, DateOnly deadline, DateOnly meeting) => new
    {
        focusReport = new { title = $"Careless {n}: helping to improve council services to children in care", published = "2020-12" },
        panel = new { name = "Children and Families Scrutiny Panel", email = "panel@council.example" },
        meetingDate = meeting.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        deadline = deadline.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        areas = new object[]
        {
            new { heading = "Accommodation", questions = new object[]
            {
                new { text = BedAndBreakfast, officers = new[] { Head } },
                new { text = Needs, officers = new[] { Tom } },
            } },
        },
    };

    /// <summary>
    /// Finds the officer's link in the mail written for this review, then answers through the page on the given host;
    /// when that host has been killed, on the other one, unless the answer it acknowledged is already shown there.
    /// </summary>
    private async Task AnswerAsync(Uri[] hosts, int on, EmlMailbox mailbox, string reviewId, string officer, string text)
    {
        // Dispatch is accepted before its mail is written: the request comes once the orchestration's step has sent it.
        var path = (await LinkAsync(mailbox, reviewId, officer)).PathAndQuery;
        try
        {
            await AnswerOnAsync(hosts[on], path, text);
        }
        catch (HttpRequestException) when (on == 1 && secondKilled)
        {
            await AnswerOnAsync(hosts[1 - on], path, text);
        }
    }

    private static async Task AnswerOnAsync(Uri host, string path, string text)
    {
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = host };
        var page = new HtmlParser().ParseDocument(await browser.GetStringAsync(path));
        var question = page.QuerySelector("section.question")!;
        if (question.TextContent.Contains("Answered by", StringComparison.Ordinal))
        {
            // Sent before the other host was killed, and acknowledged there or not: either way it counted.
            return;
        }
        var form = question.QuerySelector("form")!;
        var fields = form.QuerySelectorAll("input[type=hidden]").ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value")!);
        fields["answer"] = text;
        fields["action"] = "submit";
        var response = await browser.PostAsync(path, new FormUrlEncodedContent(fields));
        if (response.StatusCode != HttpStatusCode.SeeOther)
        {
            // Pressed again after the killed host had already passed it on: refused as a change after assembly, which
            // is right only if the first one counted.
            var again = new HtmlParser().ParseDocument(await browser.GetStringAsync(path));
            Assert.Contains("Answered by", again.QuerySelector("section.question")!.TextContent, StringComparison.Ordinal);
        }
    }

    /// <summary>The mail written so far, once there are at least this many messages or the patience runs out.</summary>
    private static async Task<IReadOnlyList<EmlMessage>> MailsAsync(EmlMailbox mailbox, int expected)
    {
        for (var until = DateTime.UtcNow.Add(Patience); ; await Task.Delay(250))
        {
            var mails = mailbox.List();
            if (mails.Count >= expected || DateTime.UtcNow > until)
            {
                return mails;
            }
        }
    }

    /// <summary>Whether the scrutiny team has been emailed about this review, within the patience.</summary>
    private static async Task<bool> TeamToldAsync(EmlMailbox mailbox, string reviewId)
    {
        for (var until = DateTime.UtcNow.Add(Patience); ; await Task.Delay(250))
        {
            if (mailbox.List().Any(m => m.MessageId.Contains(reviewId, StringComparison.Ordinal) && m.To.Single().Contains("scrutiny@council.example", StringComparison.Ordinal)))
            {
                return true;
            }
            if (DateTime.UtcNow > until)
            {
                return false;
            }
        }
    }

    private static async Task<Uri> LinkAsync(EmlMailbox mailbox, string reviewId, string officer)
    {
        for (var until = DateTime.UtcNow.Add(Patience); ; await Task.Delay(250))
        {
            var mails = mailbox.List();
            if (mails.Any(m => IsRequest(m, reviewId, officer)) || DateTime.UtcNow > until)
            {
                return LinkIn(mails, reviewId, officer);
            }
        }
    }

    /// <summary>The link in the request this review sent this officer.</summary>
    private static Uri LinkIn(IEnumerable<EmlMessage> mails, string reviewId, string officer)
    {
        var request = mails.SingleOrDefault(m => IsRequest(m, reviewId, officer))
            ?? throw new Xunit.Sdk.XunitException($"Review {reviewId} sent {officer} no request within {Patience.TotalSeconds} s.");
        return new Uri(ResponseLinkText.Pattern().Match(request.TextBody).Value);
    }

    /// <summary>The request, not the receipt for the officer's answer, which goes to them from the same review.</summary>
    private static bool IsRequest(EmlMessage mail, string reviewId, string officer) =>
        mail.MessageId.Contains(reviewId, StringComparison.Ordinal) && mail.To.Single().Contains(officer, StringComparison.Ordinal)
        && mail.Subject.Contains(" for you to answer by ", StringComparison.Ordinal);

    private static async Task<string> WaitForAsync(HttpClient client, string id, string status)
    {
        for (var until = DateTime.UtcNow.Add(Patience); ; await Task.Delay(250))
        {
            var review = await client.GetFromJsonAsync<Web.Reviews.ReviewView>($"/api/reviews/{id}");
            if (review!.Status == status || DateTime.UtcNow > until)
            {
                return review.Status;
            }
        }
    }
}
