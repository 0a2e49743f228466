using ScrutinyWorkflow.Web.Engine.Serialization;
using ScrutinyWorkflow.Web.Engine.Storage;
using ScrutinyWorkflow.Web.Links;

namespace ScrutinyWorkflow.Web.Tests.Engine.Storage;

/// <summary>The three ports of one store adapter; an adapter may serve them from one object or several.</summary>
public sealed record StoreUnderTest(IReviewStore Reviews, IOutbox Outbox, ILinkIndex Links);

/// <summary>
/// What every review store adapter must do, run against real storage. An adapter's test class
/// subclasses this, owns the storage for one test (a new instance is made per test), and returns a new
/// store object over that same storage from every call to <see cref="CreateStore"/>.
/// </summary>
public abstract class ReviewStoreContract
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 10, 9, 0, 0, TimeSpan.Zero);
    private static readonly CancellationToken None = CancellationToken.None;

    /// <summary>A fresh store object over this test's storage, as a restarted process would make.</summary>
    protected abstract StoreUnderTest CreateStore();

    [Fact]
    public async Task Appended_events_load_back_with_their_type_schema_data_and_recorded_time()
    {
        var store = CreateStore();
        var recordedAt = new DateTimeOffset(2025, 6, 2, 14, 30, 15, 123, TimeSpan.FromHours(1)).AddTicks(4567);

        await store.Reviews.AppendAsync(
            "review-1", 0,
            [new NewEvent("ReviewDrafted", 2, """{"title":"Children in care","note":"ünïcödé"}"""),
             new NewEvent("QuestionsConfirmed", 1, "{}")],
            [], [], null, recordedAt, None);

        var history = await store.Reviews.LoadAsync("review-1", None);

        Assert.NotNull(history);
        Assert.Equal("review-1", history.ReviewId);
        Assert.Equal(2, history.Version);
        Assert.Equal(
            [new StoredEvent(1, "ReviewDrafted", 2, """{"title":"Children in care","note":"ünïcödé"}""", recordedAt),
             new StoredEvent(2, "QuestionsConfirmed", 1, "{}", recordedAt)],
            history.Events);
        Assert.Equal(TimeSpan.FromHours(1), history.Events[0].RecordedAt.Offset);
    }

    [Fact]
    public async Task Versions_number_from_one_and_carry_on_across_appends()
    {
        var store = CreateStore();

        await store.Reviews.AppendAsync("review-1", 0, [Event("A")], [], [], null, T0, None);
        await store.Reviews.AppendAsync("review-1", 1, [Event("B"), Event("C")], [], [], null, T0.AddMinutes(1), None);
        await store.Reviews.AppendAsync("review-1", 3, [Event("D")], [], [], null, T0.AddMinutes(2), None);

        var history = await store.Reviews.LoadAsync("review-1", None);

        Assert.NotNull(history);
        Assert.Equal(4, history.Version);
        Assert.Equal([1L, 2L, 3L, 4L], history.Events.Select(e => e.Version));
        Assert.Equal(["A", "B", "C", "D"], history.Events.Select(e => e.Type));
        Assert.Equal(T0.AddMinutes(1), history.Events[2].RecordedAt);
    }

    [Fact]
    public async Task Loading_a_review_that_was_never_written_gives_null()
    {
        var store = CreateStore();
        await store.Reviews.AppendAsync("review-1", 0, [Event("A")], [], [], null, T0, None);

        Assert.Null(await store.Reviews.LoadAsync("review-2", None));
    }

    [Fact]
    public async Task Appending_at_a_stale_version_throws_and_writes_nothing()
    {
        var store = CreateStore();
        var due = new DateTime(2025, 3, 12, 9, 0, 0);
        await store.Reviews.AppendAsync("review-1", 0, [Event("A")], [Effect("e1")], [], due, T0, None);
        await store.Reviews.AppendAsync("review-1", 1, [Event("B")], [], [], due, T0, None);

        var conflict = await Assert.ThrowsAsync<StreamConflictException>(() => store.Reviews.AppendAsync(
            "review-1", 1, [Event("Stale")], [Effect("e2")], [], new DateTime(2025, 3, 11, 9, 0, 0),
            T0.AddHours(1), None));

        Assert.Equal("review-1", conflict.ReviewId);
        Assert.Equal(1, conflict.ExpectedVersion);
        var history = await store.Reviews.LoadAsync("review-1", None);
        Assert.Equal(["A", "B"], history!.Events.Select(e => e.Type));
        Assert.Equal(["e1"], (await store.Outbox.PendingAsync(T0.AddDays(30), 10, None)).Select(p => p.Id));
        Assert.Empty(await store.Reviews.DueAsync(new DateTime(2025, 3, 11, 23, 59, 59), 10, None));
        Assert.Equal(["review-1"], await store.Reviews.DueAsync(due, 10, None));
    }

    [Fact]
    public async Task Starting_a_stream_that_already_exists_is_a_conflict()
    {
        var store = CreateStore();
        await store.Reviews.AppendAsync("review-1", 0, [Event("First")], [], [], null, T0, None);

        await Assert.ThrowsAsync<StreamConflictException>(() =>
            store.Reviews.AppendAsync("review-1", 0, [Event("Second")], [], [], null, T0, None));

        var history = await store.Reviews.LoadAsync("review-1", None);
        Assert.Equal(["First"], history!.Events.Select(e => e.Type));
    }

    [Fact]
    public async Task Appending_to_a_stream_that_does_not_exist_at_a_later_version_is_a_conflict()
    {
        var store = CreateStore();

        await Assert.ThrowsAsync<StreamConflictException>(() =>
            store.Reviews.AppendAsync("review-1", 3, [Event("A")], [], [], null, T0, None));

        Assert.Null(await store.Reviews.LoadAsync("review-1", None));
        Assert.Empty(await store.Reviews.ListAsync(10, None));
    }

    [Fact]
    public async Task Of_several_concurrent_appenders_at_the_same_version_exactly_one_succeeds()
    {
        await CreateStore().Reviews.AppendAsync("review-1", 0, [Event("Drafted")], [], [], null, T0, None);
        const int writers = 16;

        // Each writer has its own store object, as separate requests or processes would.
        var outcomes = await TogetherAsync(writers, async writer =>
        {
            var store = CreateStore();
            try
            {
                await store.Reviews.AppendAsync(
                    "review-1", 1, [Event($"Writer{writer}")], [Effect($"effect-{writer}")], [],
                    new DateTime(2025, 4, 1, 9, 0, 0).AddDays(writer), T0.AddMinutes(writer), None);
                return (Writer: writer, Won: true);
            }
            catch (StreamConflictException)
            {
                return (Writer: writer, Won: false);
            }
        });

        var winner = Assert.Single(outcomes, o => o.Won).Writer;
        var history = await CreateStore().Reviews.LoadAsync("review-1", None);
        Assert.Equal(2, history!.Version);
        Assert.Equal(["Drafted", $"Writer{winner}"], history.Events.Select(e => e.Type));
        var pending = await CreateStore().Outbox.PendingAsync(T0.AddDays(1), 100, None);
        Assert.Equal([$"effect-{winner}"], pending.Select(p => p.Id));
        Assert.Equal(
            ["review-1"],
            await CreateStore().Reviews.DueAsync(new DateTime(2025, 4, 1, 9, 0, 0).AddDays(winner), 10, None));
        Assert.Empty(
            await CreateStore().Reviews.DueAsync(new DateTime(2025, 4, 1, 9, 0, 0).AddDays(winner).AddTicks(-1), 10, None));
    }

    [Fact]
    public async Task Concurrent_writers_that_reload_after_a_conflict_all_land_in_turn()
    {
        await CreateStore().Reviews.AppendAsync("review-1", 0, [Event("Drafted")], [], [], null, T0, None);
        const int writers = 8;

        await TogetherAsync(writers, async writer =>
        {
            var store = CreateStore();
            while (true)
            {
                var version = (await store.Reviews.LoadAsync("review-1", None))!.Version;
                try
                {
                    await store.Reviews.AppendAsync(
                        "review-1", version, [Event($"Writer{writer}")], [], [], null, T0, None);
                    return writer;
                }
                catch (StreamConflictException)
                {
                    // Someone else got in first: reload and go again, as an endpoint would.
                }
            }
        });

        var history = await CreateStore().Reviews.LoadAsync("review-1", None);
        Assert.Equal(1 + writers, history!.Version);
        Assert.Equal(Enumerable.Range(1, 1 + writers).Select(v => (long)v), history.Events.Select(e => e.Version));
        Assert.Equal(
            Enumerable.Range(0, writers).Select(w => $"Writer{w}").Order(),
            history.Events.Skip(1).Select(e => e.Type).Order());
    }

    [Fact]
    public async Task Concurrent_appends_to_different_reviews_all_succeed()
    {
        const int reviews = 8;

        await TogetherAsync(reviews, async review =>
        {
            await CreateStore().Reviews.AppendAsync(
                $"review-{review}", 0, [Event("Drafted")], [Effect($"effect-{review}")], [],
                null, T0.AddMinutes(review), None);
            return review;
        });

        var store = CreateStore();
        Assert.Equal(reviews, (await store.Reviews.ListAsync(100, None)).Count);
        Assert.Equal(reviews, (await store.Outbox.PendingAsync(T0.AddDays(1), 100, None)).Count);
    }

    [Fact]
    public async Task A_repeated_effect_id_throws_and_leaves_the_events_effects_and_timer_as_they_were()
    {
        var store = CreateStore();
        var due = new DateTime(2025, 3, 12, 9, 0, 0);
        await store.Reviews.AppendAsync("review-1", 0, [Event("A")], [Effect("e1")], [], due, T0, None);

        await Assert.ThrowsAsync<InvalidOperationException>(() => store.Reviews.AppendAsync(
            "review-1", 1, [Event("B")], [Effect("e2"), Effect("e1")], [],
            new DateTime(2025, 3, 11, 9, 0, 0), T0.AddMinutes(1), None));

        var history = await store.Reviews.LoadAsync("review-1", None);
        Assert.Equal(1, history!.Version);
        Assert.Equal(["A"], history.Events.Select(e => e.Type));
        Assert.Equal(["e1"], (await store.Outbox.PendingAsync(T0.AddDays(1), 10, None)).Select(p => p.Id));
        Assert.Empty(await store.Reviews.DueAsync(new DateTime(2025, 3, 11, 9, 0, 0), 10, None));

        // The stream is still usable at the version it really has.
        await store.Reviews.AppendAsync("review-1", 1, [Event("B")], [Effect("e2")], [], null, T0, None);
        Assert.Equal(2, (await store.Reviews.LoadAsync("review-1", None))!.Version);
    }

    [Fact]
    public async Task Events_effects_and_timer_from_one_append_are_all_visible_together()
    {
        var store = CreateStore();
        var due = new DateTime(2025, 3, 17, 9, 0, 0);

        await store.Reviews.AppendAsync(
            "review-1", 0, [Event("Drafted"), Event("RequestSent")],
            [Effect("mail-1", "RequestMail", """{"to":"a@example.org"}""")], [], due, T0, None);

        Assert.Equal(2, (await store.Reviews.LoadAsync("review-1", None))!.Version);
        Assert.Equal(
            [new PendingEffect("mail-1", "review-1", "RequestMail", """{"to":"a@example.org"}""", 0)],
            await store.Outbox.PendingAsync(T0, 10, None));
        Assert.Equal(["review-1"], await store.Reviews.DueAsync(due, 10, None));
    }

    [Fact]
    public async Task Appending_no_events_is_refused_and_writes_nothing()
    {
        var store = CreateStore();

        await Assert.ThrowsAsync<ArgumentException>(() => store.Reviews.AppendAsync(
            "review-1", 0, [], [Effect("e1")], [], new DateTime(2025, 3, 12, 9, 0, 0), T0, None));

        Assert.Null(await store.Reviews.LoadAsync("review-1", None));
        Assert.Empty(await store.Outbox.PendingAsync(T0.AddDays(1), 10, None));
    }

    [Fact]
    public async Task A_new_store_object_sees_everything_an_earlier_one_wrote()
    {
        var before = CreateStore();
        var due = new DateTime(2025, 3, 12, 9, 0, 0);
        await before.Reviews.AppendAsync(
            "review-1", 0, [Event("Drafted", """{"n":1}""")], [Effect("e1"), Effect("e2")], [],
            due, T0, None);
        await before.Outbox.CompleteAsync("e1", T0.AddMinutes(1), None);
        await before.Outbox.DeferAsync("e2", "mail server down", T0.AddHours(1), None);
        await before.Reviews.AppendAsync("review-1", 1, [Event("Sent")], [], [new IndexedLink("hash-1", "assignment-1")], due, T0, None);

        var after = CreateStore();

        var history = await after.Reviews.LoadAsync("review-1", None);
        Assert.Equal([new StoredEvent(1, "Drafted", 1, """{"n":1}""", T0), new StoredEvent(2, "Sent", 1, "{}", T0)], history!.Events);
        Assert.Equal(["review-1"], await after.Reviews.ListAsync(10, None));
        Assert.Equal(["review-1"], await after.Reviews.DueAsync(due, 10, None));
        Assert.Empty(await after.Outbox.PendingAsync(T0.AddMinutes(59), 10, None));
        Assert.Equal(
            [new PendingEffect("e2", "review-1", "Effect", "{}", 1)],
            await after.Outbox.PendingAsync(T0.AddHours(1), 10, None));
        Assert.Equal(new LinkTarget("review-1", "assignment-1"), await after.Links.FindAsync("hash-1", None));
        await after.Reviews.AppendAsync("review-1", 2, [Event("Confirmed")], [], [], null, T0, None);
    }

    [Fact]
    public async Task Due_gives_reviews_due_at_or_before_now_soonest_first_and_skips_those_with_no_timer()
    {
        var store = CreateStore();
        var now = new DateTime(2025, 3, 12, 9, 0, 0);
        await Start(store, "later", now.AddMinutes(-1));
        await Start(store, "not-yet", now.AddTicks(1));
        await Start(store, "no-timer", null);
        await Start(store, "exactly-now", now);
        await Start(store, "earliest", now.AddDays(-3));

        Assert.Equal(["earliest", "later", "exactly-now"], await store.Reviews.DueAsync(now, 10, None));
        Assert.Equal(["earliest", "later"], await store.Reviews.DueAsync(now, 2, None));
        Assert.Empty(await store.Reviews.DueAsync(now.AddDays(-4), 10, None));
        Assert.Equal(
            ["earliest", "later", "exactly-now", "not-yet"], await store.Reviews.DueAsync(now.AddYears(1), 10, None));
    }

    [Fact]
    public async Task A_later_append_moves_or_clears_the_timer()
    {
        var store = CreateStore();
        var now = new DateTime(2025, 3, 12, 9, 0, 0);
        await Start(store, "review-1", now.AddHours(-1));

        await store.Reviews.AppendAsync("review-1", 1, [Event("ReminderSent")], [], [], now.AddDays(2), T0, None);
        Assert.Empty(await store.Reviews.DueAsync(now, 10, None));
        Assert.Equal(["review-1"], await store.Reviews.DueAsync(now.AddDays(2), 10, None));

        await store.Reviews.AppendAsync("review-1", 2, [Event("StatementFiled")], [], [], null, T0, None);
        Assert.Empty(await store.Reviews.DueAsync(DateTime.MaxValue, 10, None));
    }

    [Fact]
    public async Task List_gives_reviews_newest_created_first_up_to_the_limit()
    {
        var store = CreateStore();
        await store.Reviews.AppendAsync("oldest", 0, [Event("Drafted")], [], [], null, T0, None);
        await store.Reviews.AppendAsync("newest", 0, [Event("Drafted")], [], [], null, T0.AddDays(2), None);
        await store.Reviews.AppendAsync("middle", 0, [Event("Drafted")], [], [], null, T0.AddDays(1), None);

        // Later appends do not make a review newer: it is the order they were started in.
        await store.Reviews.AppendAsync("oldest", 1, [Event("Confirmed")], [], [], null, T0.AddDays(5), None);

        Assert.Equal(["newest", "middle", "oldest"], await store.Reviews.ListAsync(10, None));
        Assert.Equal(["newest", "middle"], await store.Reviews.ListAsync(2, None));
    }

    [Fact]
    public async Task List_orders_by_instant_whatever_offset_the_time_was_recorded_in()
    {
        var store = CreateStore();

        // 09:30+01:00 is 08:30 UTC, before 09:00 UTC even though its text sorts after it.
        await store.Reviews.AppendAsync(
            "earlier", 0, [Event("Drafted")], [], [], null, new DateTimeOffset(2025, 3, 10, 9, 30, 0, TimeSpan.FromHours(1)), None);
        await store.Reviews.AppendAsync("later", 0, [Event("Drafted")], [], [], null, T0, None);

        Assert.Equal(["later", "earlier"], await store.Reviews.ListAsync(10, None));
    }

    [Fact]
    public async Task Pending_offers_new_effects_at_once_oldest_append_first_and_in_the_order_given()
    {
        var store = CreateStore();
        await store.Reviews.AppendAsync(
            "review-b", 0, [Event("A")], [Effect("b-2"), Effect("b-1")], [], null, T0.AddMinutes(5), None);
        await store.Reviews.AppendAsync(
            "review-a", 0, [Event("A")], [Effect("a-1")], [], null, T0, None);
        await store.Reviews.AppendAsync(
            "review-a", 1, [Event("B")], [Effect("a-3"), Effect("a-2")], [], null, T0.AddMinutes(10), None);

        Assert.Equal(
            ["a-1", "b-2", "b-1", "a-3", "a-2"],
            (await store.Outbox.PendingAsync(T0, 10, None)).Select(p => p.Id));
        Assert.Equal(["a-1", "b-2"], (await store.Outbox.PendingAsync(T0, 2, None)).Select(p => p.Id));
    }

    [Fact]
    public async Task A_completed_effect_is_not_offered_again_and_completing_it_twice_is_harmless()
    {
        var store = CreateStore();
        await store.Reviews.AppendAsync(
            "review-1", 0, [Event("A")], [Effect("e1"), Effect("e2")], [], null, T0, None);

        await store.Outbox.CompleteAsync("e1", T0.AddMinutes(1), None);
        await store.Outbox.CompleteAsync("e1", T0.AddMinutes(2), None);

        Assert.Equal(["e2"], (await store.Outbox.PendingAsync(T0.AddDays(1), 10, None)).Select(p => p.Id));
    }

    [Fact]
    public async Task A_deferred_effect_is_not_offered_before_its_retry_time_and_counts_its_attempts()
    {
        var store = CreateStore();
        await store.Reviews.AppendAsync(
            "review-1", 0, [Event("A")], [Effect("e1"), Effect("e2")], [], null, T0, None);

        await store.Outbox.DeferAsync("e1", "SMTP 451", T0.AddMinutes(5), None);

        Assert.Equal(["e2"], (await store.Outbox.PendingAsync(T0.AddMinutes(5).AddTicks(-1), 10, None)).Select(p => p.Id));
        Assert.Equal(
            [new PendingEffect("e1", "review-1", "Effect", "{}", 1), new PendingEffect("e2", "review-1", "Effect", "{}", 0)],
            await store.Outbox.PendingAsync(T0.AddMinutes(5), 10, None));

        await store.Outbox.DeferAsync("e1", "SMTP 451 again", T0.AddMinutes(30), None);

        Assert.Equal(["e2"], (await store.Outbox.PendingAsync(T0.AddMinutes(29), 10, None)).Select(p => p.Id));
        Assert.Equal(2, (await store.Outbox.PendingAsync(T0.AddMinutes(30), 10, None))[0].Attempts);
    }

    [Fact]
    public async Task A_retry_time_is_compared_as_an_instant_whatever_its_offset()
    {
        var store = CreateStore();
        await store.Reviews.AppendAsync("review-1", 0, [Event("A")], [Effect("e1")], [], null, T0, None);

        // 11:00+01:00 is 10:00 UTC.
        await store.Outbox.DeferAsync("e1", "timeout", new DateTimeOffset(2025, 3, 10, 11, 0, 0, TimeSpan.FromHours(1)), None);

        Assert.Empty(await store.Outbox.PendingAsync(new DateTimeOffset(2025, 3, 10, 9, 59, 0, TimeSpan.Zero), 10, None));
        Assert.Single(await store.Outbox.PendingAsync(new DateTimeOffset(2025, 3, 10, 10, 0, 0, TimeSpan.Zero), 10, None));
    }

    [Fact]
    public async Task Deferring_a_completed_effect_does_not_offer_it_again()
    {
        var store = CreateStore();
        await store.Reviews.AppendAsync("review-1", 0, [Event("A")], [Effect("e1")], [], null, T0, None);
        await store.Outbox.CompleteAsync("e1", T0.AddMinutes(1), None);

        await store.Outbox.DeferAsync("e1", "late failure report", T0.AddMinutes(2), None);

        Assert.Empty(await store.Outbox.PendingAsync(T0.AddDays(1), 10, None));
    }

    [Fact]
    public async Task Completing_or_deferring_an_unknown_effect_is_an_error()
    {
        var store = CreateStore();
        await store.Reviews.AppendAsync("review-1", 0, [Event("A")], [Effect("e1")], [], null, T0, None);

        await Assert.ThrowsAsync<InvalidOperationException>(() => store.Outbox.CompleteAsync("nope", T0, None));
        await Assert.ThrowsAsync<InvalidOperationException>(() => store.Outbox.DeferAsync("nope", "x", T0, None));
        Assert.Equal(["e1"], (await store.Outbox.PendingAsync(T0, 10, None)).Select(p => p.Id));
    }

    [Fact]
    public async Task Links_are_indexed_with_the_events_that_create_them()
    {
        var store = CreateStore();

        await store.Reviews.AppendAsync("review-1", 0, [Event("Drafted"), Event("Sent")], [Effect("e1")], [new IndexedLink("hash-1", "assignment-1"), new IndexedLink("hash-2", "assignment-2")], null, T0, None);

        Assert.Equal(new LinkTarget("review-1", "assignment-1"), await store.Links.FindAsync("hash-1", None));
        Assert.Equal(new LinkTarget("review-1", "assignment-2"), await store.Links.FindAsync("hash-2", None));
    }

    [Fact]
    public async Task An_append_that_loses_the_race_indexes_none_of_its_links()
    {
        var store = CreateStore();
        await Start(store, "review-1", null);
        await store.Reviews.AppendAsync("review-1", 1, [Event("Sent")], [], [], null, T0, None);

        await Assert.ThrowsAsync<StreamConflictException>(() =>
            store.Reviews.AppendAsync("review-1", 1, [Event("Sent")], [], [new IndexedLink("hash-1", "assignment-1")], null, T0, None));

        Assert.Null(await store.Links.FindAsync("hash-1", None));
    }

    [Fact]
    public async Task Indexing_the_same_link_again_for_the_same_assignment_changes_nothing()
    {
        var store = CreateStore();
        await store.Reviews.AppendAsync("review-1", 0, [Event("Drafted")], [], [new IndexedLink("hash-1", "assignment-1")], null, T0, None);

        await store.Reviews.AppendAsync("review-1", 1, [Event("Reminded")], [], [new IndexedLink("hash-1", "assignment-1")], null, T0, None);

        Assert.Equal(new LinkTarget("review-1", "assignment-1"), await store.Links.FindAsync("hash-1", None));
        Assert.Equal(2, (await store.Reviews.LoadAsync("review-1", None))!.Version);
    }

    [Fact]
    public async Task A_hash_already_used_for_a_different_assignment_is_refused_and_nothing_of_that_append_is_kept()
    {
        var store = CreateStore();
        await store.Reviews.AppendAsync("review-1", 0, [Event("Drafted")], [], [new IndexedLink("hash-1", "assignment-1")], null, T0, None);

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            store.Reviews.AppendAsync("review-1", 1, [Event("Sent")], [Effect("e1")], [new IndexedLink("hash-1", "assignment-2")], null, T0, None));
        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            store.Reviews.AppendAsync("review-2", 0, [Event("Drafted")], [], [new IndexedLink("hash-1", "assignment-1")], null, T0, None));

        Assert.Equal(new LinkTarget("review-1", "assignment-1"), await store.Links.FindAsync("hash-1", None));
        Assert.Equal(1, (await store.Reviews.LoadAsync("review-1", None))!.Version);
        Assert.Null(await store.Reviews.LoadAsync("review-2", None));
        Assert.Empty(await store.Outbox.PendingAsync(T0, 10, None));
    }

    [Fact]
    public async Task Finding_an_unknown_link_gives_null()
    {
        var store = CreateStore();
        await store.Reviews.AppendAsync("review-1", 0, [Event("Drafted")], [], [new IndexedLink("hash-1", "assignment-1")], null, T0, None);

        Assert.Null(await store.Links.FindAsync("hash-2", None));
    }

    [Fact]
    public async Task Several_links_can_point_at_one_assignment()
    {
        var store = CreateStore();

        // A reissued link has a new token; the index keys on the hash alone, so both resolve.
        await store.Reviews.AppendAsync("review-1", 0, [Event("Drafted")], [], [new IndexedLink("hash-1", "assignment-1"), new IndexedLink("hash-2", "assignment-1")], null, T0, None);

        Assert.Equal(new LinkTarget("review-1", "assignment-1"), await store.Links.FindAsync("hash-1", None));
        Assert.Equal(new LinkTarget("review-1", "assignment-1"), await store.Links.FindAsync("hash-2", None));
    }

    /// <summary>
    /// Runs the work on the thread pool, every copy held at one gate and released at once, so their
    /// appends overlap as much as the machine allows. The assertions never depend on how much they do.
    /// </summary>
    private static Task<T[]> TogetherAsync<T>(int count, Func<int, Task<T>> work)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = Enumerable.Range(0, count)
            .Select(index => Task.Run(async () =>
            {
                await gate.Task;
                return await work(index);
            }))
            .ToArray();
        gate.SetResult();
        return Task.WhenAll(running);
    }

    private static NewEvent Event(string type, string data = "{}") => new(type, 1, data);

    private static OutboxEntry Effect(string id, string kind = "Effect", string payload = "{}") =>
        new(id, kind, payload);

    private static Task Start(StoreUnderTest store, string reviewId, DateTime? due) =>
        store.Reviews.AppendAsync(reviewId, 0, [Event("Drafted")], [], [], due, T0, None);
}
