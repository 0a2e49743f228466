using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using ScrutinyWorkflow.Core.Recommendations;
using ScrutinyWorkflow.Core.Reviews;
using ScrutinyWorkflow.Core.Tests.Reviews;
using ScrutinyWorkflow.Web.Engine.Embedded;
using ScrutinyWorkflow.Web.Engine.Serialization;
using ScrutinyWorkflow.Web.Engine.Storage;
using Council = ScrutinyWorkflow.Core.Tests.Reviews.Reviews;

namespace ScrutinyWorkflow.Web.Tests.Engine.Embedded;

/// <summary>
/// A snapshot, or a review held in memory, is only ever a head start: whatever the history and wherever it was taken,
/// the review read back is the review a full replay of its events gives.
/// </summary>
public sealed class SnapshotProperties : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;

    private readonly TemporaryFolder folder = new();
    private readonly SqliteReviewStore store;
    private readonly ReviewEventSerializer serializer = new();
    private readonly ReviewDecider decider = new DeciderSpecification().Decider;
    private int reviews;

    public SnapshotProperties() => store = new SqliteReviewStore(new SqliteDatabase(folder.Combine("reviews.db")));

    [Property(MaxTest = 150)]
    public Property A_review_read_from_an_older_snapshot_or_memory_and_the_newer_events_is_the_review_a_full_replay_gives() =>
        Prop.ForAll(ReviewHistories.Histories(), Gen.Choose(0, 1000).ToArbitrary(), (history, cut) =>
        {
            var events = ReviewHistories.Events(decider, history);
            var snapshotAt = cut % (events.Count + 1);
            var reviewId = $"rv-{Interlocked.Increment(ref reviews)}";
            var remembering = new ReviewLoader(store, serializer, NullLogger<ReviewLoader>.Instance);

            Append(reviewId, 0, events.Take(snapshotAt).ToList());
            if (snapshotAt > 0)
            {
                store.WriteAsync(async writer =>
                {
                    await writer.SaveSnapshotAsync(reviewId, ReviewSnapshots.Write(ReviewState.From(events.Take(snapshotAt)), snapshotAt), None);
                    return true;
                }, None).GetAwaiter().GetResult();
                // This loader now holds the review at the snapshot's version, as an instance that read it would.
                Assert.Equal(snapshotAt, Load(remembering, reviewId).Version);
            }
            // Another instance (or the runner) moves the review on past both.
            Append(reviewId, snapshotAt, events.Skip(snapshotAt).ToList());

            var replayed = ReviewState.From(events);
            foreach (var loader in new[] { remembering, new ReviewLoader(store, serializer, NullLogger<ReviewLoader>.Instance) })
            {
                var loaded = Load(loader, reviewId);
                Assert.Equal(events.Count, loaded.Version);
                SameReview.Assert(replayed, loaded.State);
            }
        });

    [Fact]
    public void A_snapshot_read_back_is_the_review_it_was_taken_of()
    {
        var state = ReviewState.From(ReviewHistories.Events(decider, [
            new("dispatch", "A1", 0, 1), new("submit", "A1", 0, 2), new("decline", "A3", 2, 1), new("manager", "A4", 0, 1),
            new("withdraw", "A1", 1, 1), new("close", "A1", 0, 1),
        ]));

        SameReview.Assert(state, ReviewSnapshots.Read(ReviewSnapshots.Write(state, 9))!);
    }

    [Fact]
    public void A_snapshot_of_a_decisions_review_keeps_its_decisions_follow_ups_and_compliance_figures()
    {
        var housing = Actor.LinkHolder(Council.Housing.Email);
        var spec = new DeciderSpecification().GivenDecisionsDispatched().GivenCommands(
            new ActOnFollowUp("M1", new ProvideUpdate("Apology sent.", RecommendationProgress.Done, housing, Council.At(2027, 1, 7))),
            new ActOnFollowUp("M1", new CloseRecommendation(RecommendationClosure.Implemented, "", DecisionsReviews.ScrutinyOfficer, Council.At(2027, 1, 8))),
            new ActOnFollowUp("M3", new ChangeOwner(Council.Data, "The work moved.", DecisionsReviews.ScrutinyOfficer, Council.At(2027, 1, 8))),
            // Past the deadline: answers close and the paper is assembled; M2's date has passed, so it is escalated (to the scrutiny team: Housing has no manager).
            new ProcessDueTimers(Council.At(2027, 1, 18, 9)),
            new ReleaseStatement(Council.At(2027, 1, 18, 11)),
            DecisionsReviews.Recommend(now: Council.At(2027, 1, 19)),
            new RecordPublishedCompliance(2025, 87.5m, Council.At(2027, 1, 19)));
        var state = spec.State;
        Assert.Equal(["R1", "M1", "M2", "M3"], state.FollowUpsInOrder.Select(f => f.RecommendationId));
        Assert.Equal((3, Council.Data.Email), (state.FollowUps["M2"].CurrentRound!.NextStep, state.FollowUps["M3"].Owner!.Email));

        var read = ReviewSnapshots.Read(ReviewSnapshots.Write(state, 30))!;

        SameReview.Assert(state, read);
        Assert.Equal(state.TrackedRemedies, read.TrackedRemedies);
        Assert.Equal(state.NextDue, read.NextDue);
    }

    [Fact]
    public void A_snapshot_written_from_another_shape_of_review_is_not_read()
    {
        var snapshot = ReviewSnapshots.Write(ReviewState.From(ReviewHistories.Events(decider, [])), 1);

        Assert.Null(ReviewSnapshots.Read(snapshot with { Format = "an-older-shape" }));
    }

    private void Append(string reviewId, long expectedVersion, List<ReviewEvent> events)
    {
        if (events.Count > 0)
        {
            store.AppendAsync(reviewId, expectedVersion, [.. events.Select(serializer.Serialize)], [], [], null, RecordedAt, None).GetAwaiter().GetResult();
        }
    }

    private static readonly DateTimeOffset RecordedAt = new(2026, 12, 14, 10, 0, 0, TimeSpan.Zero);

    private Current Load(ReviewLoader loader, string reviewId) =>
        store.ReadAsync(reader => loader.LoadAsync(reader, reviewId, None), None).GetAwaiter().GetResult();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        folder.Dispose();
    }
}
