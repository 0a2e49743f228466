using System.Text;
using ScrutinyWorkflow.Functions.Reports;
using ScrutinyWorkflow.Web.FocusReports;
using ScrutinyWorkflow.Web.Tests;

namespace ScrutinyWorkflow.Functions.Tests.Reports;

/// <summary>The blob trigger, called as the worker calls it, with a real focus report from samples/reports.</summary>
public sealed class ReportDroppedTests : IAsyncLifetime
{
    private readonly TemporaryFolder data = new();
    private FunctionsWorker worker = null!;

    public async Task InitializeAsync() => worker = await FunctionsWorker.StartAsync(data.Path);

    public async Task DisposeAsync()
    {
        await worker.DisposeAsync();
        data.Dispose();
    }

    [Fact]
    public async Task A_report_dropped_into_the_container_becomes_a_draft_and_the_team_is_emailed_a_link_to_check_it()
    {
        var (title, questions) = SampleReports.Expected("domestic-abuse");

        var outcome = await DropAsync("domestic-abuse.pdf");

        var opened = Assert.IsType<DraftOpened>(outcome);
        Assert.False(opened.AlreadyOpen);
        var review = Assert.Single(await SampleReports.ReviewsAsync(worker.Services));
        Assert.Equal(opened.ReviewId, review.Id);
        Assert.Equal("draft", review.Status);
        Assert.Equal(title, review.Title);
        Assert.Equal(questions, review.Questions);
        var mail = Assert.Single(worker.Mailbox.List());
        Assert.Contains("scrutiny@council.example", Assert.Single(mail.To), StringComparison.Ordinal);
        Assert.Contains("proposals", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains(title, mail.Subject, StringComparison.Ordinal);
        Assert.Contains($"{FunctionsWorker.PublicBaseUrl}/reviews/{opened.ReviewId}/draft", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains($"{questions} questions", mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_report_delivered_twice_opens_one_draft_and_the_team_hears_once()
    {
        var first = Assert.IsType<DraftOpened>(await DropAsync("children-in-care.pdf"));

        var second = Assert.IsType<DraftOpened>(await DropAsync("children-in-care.pdf"));

        Assert.Equal(first.ReviewId, second.ReviewId);
        Assert.True(second.AlreadyOpen);
        Assert.Single(await SampleReports.ReviewsAsync(worker.Services));
        Assert.Single(worker.Mailbox.List());
    }

    [Fact]
    public async Task A_file_that_is_not_a_report_is_refused_with_its_reason_and_nothing_is_made()
    {
        var functions = worker.Function<ReportFunctions>();
        using var content = new MemoryStream(Encoding.UTF8.GetBytes("Minutes of the last meeting. Nothing to ask anyone."));

        var outcome = await functions.ReportDropped(content, "minutes.txt", FunctionsWorker.Durable, CancellationToken.None);

        var refused = Assert.IsType<DraftRefused>(outcome);
        Assert.False(refused.TryAgain);
        Assert.False(string.IsNullOrWhiteSpace(refused.Detail));
        Assert.Empty(await SampleReports.ReviewsAsync(worker.Services));
        Assert.Empty(worker.Mailbox.List());
    }

    private async Task<DraftOutcome> DropAsync(string sample)
    {
        await using var content = File.OpenRead(SampleReports.PathOf(sample));
        return await worker.Function<ReportFunctions>().ReportDropped(content, sample, FunctionsWorker.Durable, CancellationToken.None);
    }
}
