using Microsoft.Extensions.DependencyInjection;
using ScrutinyWorkflow.Web.Engine;
using ScrutinyWorkflow.Web.Engine.Serialization;
using ScrutinyWorkflow.Web.Engine.Storage;
using static ScrutinyWorkflow.Web.Tests.EndToEnd.AssuranceReviewScenario;

namespace ScrutinyWorkflow.Web.Tests.EndToEnd;

public sealed class RestartTests
{
    [Fact]
    public async Task A_host_stopped_after_dispatch_and_after_answers_reaches_the_same_statement_without_mailing_anyone_twice()
    {
        await using var uninterrupted = new TestWorld();
        var expectedId = await CreateAndDispatchAsync(uninterrupted.App);
        await SendRequestsAsync(uninterrupted.App);
        await FirstAnswersAsync(uninterrupted.App);
        await FirstRemindersAsync(uninterrupted.App);
        await MoreAnswersAsync(uninterrupted.App);
        await SecondRemindersAndEscalationsAsync(uninterrupted.App);
        await DeadlinePassesAsync(uninterrupted.App);
        await ReleaseAsync(uninterrupted.App, expectedId);
        var expected = await AssertFiledStatementAsync(uninterrupted.App, expectedId);

        await using var world = new TestWorld();
        var id = await CreateAndDispatchAsync(world.App);
        await world.RestartAsync();                     // stopped after dispatch, before any request was mailed
        await SendRequestsAsync(world.App);
        await FirstAnswersAsync(world.App);
        await world.RestartAsync();                     // stopped after some answers
        await FirstRemindersAsync(world.App);
        await MoreAnswersAsync(world.App);
        await world.RestartAsync();
        await SecondRemindersAndEscalationsAsync(world.App);
        await DeadlinePassesAsync(world.App);
        await world.RestartAsync();                     // stopped before the statement was checked
        await ReleaseAsync(world.App, id);

        Assert.Equal(expected, await AssertFiledStatementAsync(world.App, id));
        AssertMailSentOnce(world.App.Mailbox);
    }

    [Fact]
    public async Task A_crash_between_sending_a_message_and_recording_it_does_not_send_it_again()
    {
        await using var world = new TestWorld();
        await CreateAndDispatchAsync(world.App);

        // Carry out every pending effect as the runner would, but "crash" before any is marked done.
        var outbox = world.App.Services.GetRequiredService<IOutbox>();
        var carrier = world.App.Services.GetRequiredService<IEffectCarrier>();
        var pending = await outbox.PendingAsync(world.Clock.GetUtcNow(), 100, CancellationToken.None);
        Assert.Equal(4, pending.Count);
        var review = (await world.App.Services.GetRequiredService<IReviewQueries>().FindAsync(pending[0].ReviewId, CancellationToken.None))!.State;
        foreach (var effect in pending)
        {
            await carrier.DeliverAsync(effect.ReviewId, review, effect.Id, ReviewEffectSerializer.Deserialize(effect.Kind, effect.Payload), CancellationToken.None);
        }
        Assert.Equal(4, world.App.Mailbox.List().Count);

        await world.RestartAsync();
        var pass = await world.App.RunRunnerAsync();

        Assert.Equal(4, pass.EffectsCompleted);
        Assert.Equal(4, world.App.Mailbox.List().Count);
        Assert.Empty(await world.App.Services.GetRequiredService<IOutbox>().PendingAsync(world.Clock.GetUtcNow(), 100, CancellationToken.None));
    }

    [Fact]
    public async Task A_reminder_held_up_until_after_the_officer_answered_is_not_sent()
    {
        await using var world = new TestWorld();
        var id = await CreateAndDispatchAsync(world.App);
        await SendRequestsAsync(world.App);

        // The reminders are decided at 09:00 on 31 December, but the mail does not go out (an outage, say)...
        world.Clock.SetUtcNow(Uk(2026, 12, 31, 9, 0));
        await world.App.Services.GetRequiredService<IReviewCommands>().HandleAsync(id, new Core.Reviews.ProcessDueTimers(Uk(2026, 12, 31, 9, 0)), null, CancellationToken.None);
        // ...and Tom answers both his questions, and Zoë one of hers, before it does.
        await world.App.AnswerAsync(world.App.LinkFor(Tom, Q2), Q2, Answer2);
        await world.App.AnswerAsync(world.App.LinkFor(Tom, Q4), Q4, Answer4);
        await world.App.AnswerAsync(world.App.LinkFor(Zoe, Q6), Q6, Answer6);
        await world.App.RunRunnerAsync();

        var reminders = world.App.Mailbox.List().Where(m => m.Subject.StartsWith("Reminder:", StringComparison.Ordinal)).ToList();
        Assert.Equal([Data, Head, Zoe], reminders.Select(m => m.To.Single()[(m.To.Single().IndexOf('<', StringComparison.Ordinal) + 1)..^1]).Order());
        var zoe = Assert.Single(reminders, m => m.To.Single().Contains(Zoe, StringComparison.Ordinal));
        Assert.DoesNotContain(Q6, zoe.TextBody, StringComparison.Ordinal);
        Assert.Contains(Q7, zoe.TextBody, StringComparison.Ordinal);
        Assert.Empty(await world.App.Services.GetRequiredService<IOutbox>().PendingAsync(world.Clock.GetUtcNow(), 100, CancellationToken.None));
    }
}
