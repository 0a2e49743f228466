using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ScrutinyWorkflow.Core.Reviews;
using ScrutinyWorkflow.Web.Engine;
using ScrutinyWorkflow.Web.Engine.Embedded;
using ScrutinyWorkflow.Web.Reviews;
using static ScrutinyWorkflow.Web.Tests.EndToEnd.AssuranceReviewScenario;

namespace ScrutinyWorkflow.Web.Tests.Engine;

/// <summary>A store another process keeps locked past every retry is the service being busy: 503 and Retry-After, never a 500, and nobody's text lost.</summary>
public sealed class BusyStoreTests : IAsyncLifetime
{
    private readonly TestWorld world = new();
    private readonly BusyReviewCommands.Switch busy = new();

    public BusyStoreTests() => world.Services.Add(services =>
        services.Replace(ServiceDescriptor.Singleton<IReviewCommands>(sp => new BusyReviewCommands(sp.GetRequiredService<EmbeddedReviewEngine>(), busy))));

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await world.DisposeAsync();

    [Fact]
    public async Task A_command_the_busy_store_could_not_record_is_a_503_with_retry_after_and_can_be_sent_again()
    {
        var id = await world.App.CreateReviewAsync(Request());
        busy.On = true;

        var response = await world.App.CreateClient().PostAsync($"/api/reviews/{id}/dispatch", Api.NoBody());

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(ReviewBusyExceptionHandler.RetryAfterSeconds), response.Headers.RetryAfter?.Delta);
        Assert.Contains("\"code\":\"busy\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("draft", (await world.App.GetReviewAsync(id)).Status);
        busy.On = false;
        Assert.Equal(HttpStatusCode.Accepted, (await world.App.CreateClient().PostAsync($"/api/reviews/{id}/dispatch", Api.NoBody())).StatusCode);
    }

    [Fact]
    public async Task An_answer_the_busy_store_could_not_record_comes_back_on_the_page_with_a_503_and_a_request_to_press_again()
    {
        await CreateAndDispatchAsync(world.App);
        await SendRequestsAsync(world.App);
        busy.On = true;

        var response = await world.App.AnswerAsync(world.App.LinkFor(Tom, Q2), Q2, "Every presentation goes to the MASH.");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
        var page = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        Assert.Contains("press the button again", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains(page.QuerySelectorAll("textarea"), t => t.TextContent == "Every presentation goes to the MASH.");
    }

    /// <summary>The engine's command port, which says the store is busy while its switch is on.</summary>
    private sealed class BusyReviewCommands(IReviewCommands engine, BusyReviewCommands.Switch busy) : IReviewCommands
    {
        public sealed class Switch
        {
            public bool On { get; set; }
        }

        public Task<CommandOutcome> HandleAsync(string reviewId, ReviewCommand command, long? expectedVersion, CancellationToken cancellationToken) =>
            busy.On
                ? throw new ReviewBusyException(new TimeoutException("Another process held the write lock."))
                : engine.HandleAsync(reviewId, command, expectedVersion, cancellationToken);
    }
}
