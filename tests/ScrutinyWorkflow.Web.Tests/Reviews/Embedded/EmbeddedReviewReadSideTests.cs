using Microsoft.Extensions.DependencyInjection;
using ScrutinyWorkflow.Core.Reviews;
using ScrutinyWorkflow.Web.Links;
using ScrutinyWorkflow.Web.Reviews;

namespace ScrutinyWorkflow.Web.Tests.Reviews.Embedded;

/// <summary>The embedded runtime's read side (its SQLite store, through the engine that writes it): the read-side contract.</summary>
public sealed class EmbeddedReviewReadSideTests : ReviewReadSideContract, IAsyncLifetime
{
    private readonly TestWorld world = new();

    protected override IReviewQueries Queries => world.App.Services.GetRequiredService<IReviewQueries>();

    protected override ILinkIndex Index => world.App.Services.GetRequiredService<ILinkIndex>();

    protected override ResponseLinks Links => world.App.Services.GetRequiredService<ResponseLinks>();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await world.DisposeAsync();

    /// <summary>Through the embedded engine's command port, which decides and appends in one transaction.</summary>
    protected override async Task ApplyAsync(string reviewId, IReadOnlyList<ReviewCommand> commands)
    {
        var port = world.App.Services.GetRequiredService<IReviewCommands>();
        foreach (var command in commands)
        {
            Assert.IsType<CommandApplied>(await port.HandleAsync(reviewId, command, expectedVersion: null, CancellationToken.None));
        }
    }
}
