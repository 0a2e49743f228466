using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using ScrutinyWorkflow.Core.Reviews;
using ScrutinyWorkflow.Functions.Tests.Http;
using ScrutinyWorkflow.Web.Tests;
using ScrutinyWorkflow.Workflow;

namespace ScrutinyWorkflow.Functions.Tests.Telemetry;

/// <summary>Our own spans appear, named after what they did, around each command a review is sent and each effect.</summary>
public sealed class ReviewSpanTests : IAsyncLifetime, IDisposable
{
    private readonly TemporaryFolder data = new();
    private readonly ConcurrentQueue<Activity> spans = new();
    private readonly ActivityListener listener;
    private FunctionsWorker worker = null!;

    public ReviewSpanTests()
    {
        listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == ReviewTelemetry.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
    }

    public async Task InitializeAsync() => worker = await FunctionsWorker.StartAsync(data.Path);

    public async Task DisposeAsync() => await worker.DisposeAsync();

    public void Dispose()
    {
        listener.Dispose();
        data.Dispose();
    }

    [Fact]
    public async Task A_command_sent_through_the_api_and_an_effect_carried_out_each_leave_a_span_with_the_review_id()
    {
        var created = await worker.SendAsync((f, r) => f.Api(r, FunctionsWorker.Durable), "POST", "/api/reviews", HttpFunctionsTests.NewReview());
        var id = System.Text.Json.JsonDocument.Parse(created.Body).RootElement.GetProperty("id").GetString()!;
        var review = (await worker.Services.GetRequiredService<Web.Engine.IReviewQueries>().FindAsync(id, CancellationToken.None))!;
        var question = review.State.Questions.First();
        await worker.Services.GetRequiredService<Web.Engine.IEffectCarrier>().DeliverAsync(id, review.State, $"{id}.test.1", new SendWithdrawalNotice("tom.okafor@council.example", question.QuestionId), CancellationToken.None);

        var command = Assert.Single(spans, s => s.DisplayName == "command DraftReview" && (string?)s.GetTagItem("scrutiny.review_id") == id);
        Assert.Equal(ActivityStatusCode.Unset, command.Status);
        var effect = Assert.Single(spans, s => s.DisplayName == "effect SendWithdrawalNotice");
        Assert.Equal(id, effect.GetTagItem("scrutiny.review_id"));
        Assert.Equal($"{id}.test.1", effect.GetTagItem("scrutiny.effect_id"));
    }
}
