using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using ScrutinyWorkflow.Functions.Reports;
using ScrutinyWorkflow.Tests.Shared;
using ScrutinyWorkflow.Web.FocusReports;
using ScrutinyWorkflow.Web.Tests;

namespace ScrutinyWorkflow.Functions.Tests.Reports;

/// <summary>
/// The daily feed job through the timer trigger, against a local server speaking Atom and serving real reports:
/// each case is handled, and nothing is left half made (no draft without its message, nothing remembered that
/// should be tried again).
/// </summary>
public sealed class FocusReportFeedTests : IAsyncLifetime
{
    private readonly TemporaryFolder data = new();
    private LocalHttpServer server = null!;
    private string feed = "";
    private FunctionsWorker worker = null!;

    public async Task InitializeAsync()
    {
        server = await LocalHttpServer.StartAsync(ServeAsync);
        worker = await FunctionsWorker.StartAsync(data.Path, new Dictionary<string, string?> { ["Scrutiny:FocusReports:FeedUrl"] = server.BaseUrl + "/feed.atom" });
    }

    public async Task DisposeAsync()
    {
        await worker.DisposeAsync();
        await server.DisposeAsync();
        data.Dispose();
    }

    [Fact]
    public async Task A_new_report_on_the_feed_is_downloaded_opened_as_a_draft_and_the_team_told()
    {
        feed = Atom(("Safe to ask", "/reports/domestic-abuse.pdf"));

        var check = await RunAsync();

        Assert.Null(check.Problem);
        var opened = Assert.Single(check.Opened);
        var review = Assert.Single(await SampleReports.ReviewsAsync(worker.Services));
        Assert.Equal(opened.ReviewId, review.Id);
        Assert.Equal(SampleReports.Expected("domestic-abuse").Title, review.Title);
        Assert.Contains(opened.ReviewId, Assert.Single(worker.Mailbox.List()).TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_report_seen_on_an_earlier_day_is_neither_downloaded_nor_opened_again()
    {
        feed = Atom(("Safe to ask", "/reports/domestic-abuse.pdf"));
        await RunAsync();
        feed = Atom(("Careless", "/reports/children-in-care.pdf"), ("Safe to ask", "/reports/domestic-abuse.pdf"));

        var check = await RunAsync();

        Assert.Equal(1, check.AlreadySeen);
        Assert.Single(check.Opened);
        Assert.Equal(2, (await SampleReports.ReviewsAsync(worker.Services)).Count);
        Assert.Equal(2, worker.Mailbox.List().Count);
        Assert.Single(server.Received, r => r.Path == "/reports/domestic-abuse.pdf");
    }

    [Fact]
    public async Task A_feed_that_is_down_is_reported_and_nothing_is_made_or_remembered()
    {
        var down = ActivatorUtilities.CreateInstance<FocusReportFeed>(worker.Services,
            Microsoft.Extensions.Options.Options.Create(new FocusReportFeedOptions { FeedUrl = new Uri($"http://127.0.0.1:{Loopback.FreePort()}/feed.atom") }));

        var check = await down.CheckAsync(CancellationToken.None);

        Assert.NotNull(check.Problem);
        Assert.Empty(check.Opened);
        Assert.Empty(await SampleReports.ReviewsAsync(worker.Services));
        Assert.Empty(worker.Mailbox.List());
        Assert.False(Directory.Exists(Path.Combine(data.Path, "focus-reports-seen")));
    }

    [Fact]
    public async Task A_feed_answering_an_error_or_a_report_that_cannot_be_downloaded_leaves_both_to_try_again()
    {
        feed = "";
        var failing = await RunAsync();
        feed = Atom(("Gone", "/reports/missing.pdf"));

        var missing = await RunAsync();
        var again = await RunAsync();

        Assert.Contains("503", failing.Problem, StringComparison.Ordinal);
        Assert.Single(missing.Failed);
        Assert.Single(again.Failed);
        Assert.Equal(0, again.AlreadySeen);
        Assert.Empty(await SampleReports.ReviewsAsync(worker.Services));
    }

    [Fact]
    public async Task A_malformed_feed_is_reported_and_nothing_is_made_or_remembered()
    {
        feed = "<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><title>Safe to ask</title><link href=\"/reports/domestic-abuse.pdf\"/>";

        var check = await RunAsync();

        Assert.NotNull(check.Problem);
        Assert.Empty(check.Opened);
        Assert.DoesNotContain(server.Received, r => r.Path.StartsWith("/reports/", StringComparison.Ordinal));
        Assert.Empty(await SampleReports.ReviewsAsync(worker.Services));
        Assert.Empty(worker.Mailbox.List());
    }

    [Fact]
    public async Task A_feed_with_a_document_type_declaration_is_refused_rather_than_expanded()
    {
        feed = "<?xml version=\"1.0\"?><!DOCTYPE feed [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]><feed xmlns=\"http://www.w3.org/2005/Atom\"><title>&b;</title></feed>";

        var check = await RunAsync();

        Assert.NotNull(check.Problem);
        Assert.Empty(await SampleReports.ReviewsAsync(worker.Services));
    }

    [Fact]
    public async Task A_link_to_a_file_that_is_not_a_report_is_refused_remembered_and_not_fetched_again()
    {
        feed = Atom(("Our logo", "/reports/logo.png"));

        var check = await RunAsync();
        var next = await RunAsync();

        Assert.Contains("/reports/logo.png", Assert.Single(check.Refused), StringComparison.Ordinal);
        Assert.Empty(check.Opened);
        Assert.Equal(1, next.AlreadySeen);
        Assert.Single(server.Received, r => r.Path == "/reports/logo.png");
        Assert.Empty(await SampleReports.ReviewsAsync(worker.Services));
        Assert.Empty(worker.Mailbox.List());
    }

    private Task<FeedCheck> RunAsync() => worker.Function<ReportFunctions>().DailyFeed(new Microsoft.Azure.Functions.Worker.TimerInfo(), FunctionsWorker.Durable, CancellationToken.None);

    private static string Atom(params (string Title, string Path)[] entries) =>
        "<?xml version=\"1.0\" encoding=\"utf-8\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Focus reports</title><id>urn:lgsco:focus</id><updated>2026-11-30T06:00:00Z</updated>"
        + string.Concat(entries.Select((e, i) => $"<entry><title>{WebUtility.HtmlEncode(e.Title)}</title><id>urn:lgsco:focus:{i}</id><updated>2026-11-30T06:00:00Z</updated><link rel=\"alternate\" href=\"{e.Path}\"/></entry>"))
        + "</feed>";

    private async Task ServeAsync(ReceivedRequest request, HttpContext context)
    {
        switch (request.Path)
        {
            case "/feed.atom" when feed.Length == 0:
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                break;
            case "/feed.atom":
                context.Response.ContentType = "application/atom+xml";
                await context.Response.WriteAsync(feed);
                break;
            case "/reports/logo.png":
                context.Response.ContentType = "image/png";
                await context.Response.Body.WriteAsync(Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="));
                break;
            case var path when path.StartsWith("/reports/", StringComparison.Ordinal) && File.Exists(SampleReports.PathOf(path["/reports/".Length..])):
                context.Response.ContentType = "application/pdf";
                await context.Response.SendFileAsync(SampleReports.PathOf(path["/reports/".Length..]));
                break;
            default:
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                break;
        }
    }
}
