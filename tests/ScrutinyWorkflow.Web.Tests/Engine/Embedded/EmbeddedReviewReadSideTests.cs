using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using ScrutinyWorkflow.Core.Reviews;
using ScrutinyWorkflow.Web.Engine;
using ScrutinyWorkflow.Web.Engine.Storage;
using ScrutinyWorkflow.Web.Hosting;
using ScrutinyWorkflow.Web.Links;

namespace ScrutinyWorkflow.Web.Tests.Engine.Embedded;

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

    [Fact]
    public async Task A_file_from_before_the_list_kept_what_needs_her_is_brought_forward_with_every_row_made_again_at_start()
    {
        await ApplyAsync("rv-old", Opened("rv-old", At(14), new DeclineQuestion("A1", null, [], "Not mine", At(15))));
        var database = world.App.Services.GetRequiredService<DataFolders>().Database;
        await using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Pooling = false }.ToString()))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            // The file as the fourth version of the schema left it: no kinds, and no count of what needs her.
            command.CommandText = "ALTER TABLE review_list DROP COLUMN kind; ALTER TABLE review_list DROP COLUMN follow_ups; ALTER TABLE review_list DROP COLUMN declines; ALTER TABLE review_list DROP COLUMN unreachable; PRAGMA user_version = 3;";
            await command.ExecuteNonQueryAsync();
        }

        await world.RestartAsync();

        var row = Assert.Single((await Queries.ListAsync(new ReviewListQuery(), CancellationToken.None)).Reviews);
        Assert.Equal(("rv-old", 1, 0), (row.Id, row.Declines, row.Unreachable));
    }

    [Fact]
    public async Task A_file_from_before_the_list_kept_kinds_is_brought_forward_with_each_lines_kind_and_follow_ups_made_again_at_start()
    {
        await ApplyAsync("rv-focus", Opened("rv-focus", At(14)));
        await ApplyAsync("rv-month", DecisionsSent("rv-month", At(15)));
        var database = world.App.Services.GetRequiredService<DataFolders>().Database;
        await using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Pooling = false }.ToString()))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = $"ALTER TABLE review_list DROP COLUMN kind; ALTER TABLE review_list DROP COLUMN follow_ups; PRAGMA user_version = {SqliteSchema.LatestVersion - 1};";
            await command.ExecuteNonQueryAsync();
        }

        await world.RestartAsync();

        var rows = (await Queries.ListAsync(new ReviewListQuery(), CancellationToken.None)).Reviews;
        Assert.Equal([("rv-month", "decisions", 1), ("rv-focus", "focus-report", 0)], rows.Select(r => (r.Id, r.Kind, r.FollowUps)));
    }
}
