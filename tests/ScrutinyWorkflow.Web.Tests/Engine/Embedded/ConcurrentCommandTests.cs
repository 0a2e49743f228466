using System.Net;
using Microsoft.Extensions.DependencyInjection;
using ScrutinyWorkflow.Core.Reviews;
using ScrutinyWorkflow.Web.Engine;
using ScrutinyWorkflow.Web.Hosting;
using static ScrutinyWorkflow.Web.Tests.EndToEnd.AssuranceReviewScenario;

namespace ScrutinyWorkflow.Web.Tests.Engine.Embedded;

/// <summary>Commands on one review arriving at once never fail because of each other: each is decided on what the one before left.</summary>
public sealed class ConcurrentCommandTests
{
    [Fact]
    public async Task Commands_racing_on_one_review_all_succeed_or_are_refused_by_a_rule_never_by_a_conflict()
    {
        await using var world = new TestWorld();
        var id = await CreateAndDispatchAsync(world.App);
        var commands = world.App.Services.GetRequiredService<IReviewCommands>();
        var now = world.App.Services.GetRequiredService<CouncilClock>().Now;
        var assignments = (await world.App.GetReviewAsync(id)).Assignments;

        // Every officer saves drafts and submits, all at once, while the scrutiny officer closes the review early.
        var racing = assignments.SelectMany(a => Enumerable.Range(0, 6).Select(i => (ReviewCommand)(i < 5
                ? new SaveAnswer(a.Id, $"Draft {i} for {a.Id}", now, new Respondent(a.Officer))
                : new SubmitAnswer(a.Id, $"Answer for {a.Id}", now, new Respondent(a.Officer)))))
            .Append(new CloseEarly("The panel's meeting moved forward.", now))
            .ToList();
        var outcomes = await Task.WhenAll(racing.Select(command => Task.Run(() => commands.HandleAsync(id, command, null, CancellationToken.None))));

        Assert.All(outcomes, outcome => Assert.True(outcome is CommandApplied or CommandRefused, $"A command came to {outcome.GetType().Name}."));
        // The rules that may refuse one of them: answers closed, the assignment closed, or (for a question two officers
        // share) a colleague's answer submitted before this officer's draft, which is not saved over it.
        Assert.All(outcomes.OfType<CommandRefused>(), refused => Assert.Contains(refused.Rejection.Code, new[] { RejectionCodes.NotOpen, RejectionCodes.AssignmentClosed, RejectionCodes.AnsweredBySomeoneElse }));
        var submitted = racing.Zip(outcomes).Where(p => p.First is SubmitAnswer && p.Second is CommandApplied { Recorded.Count: > 0 }).Select(p => ((SubmitAnswer)p.First).AssignmentId);
        var final = await world.App.Services.GetRequiredService<IReviewQueries>().FindAsync(id, CancellationToken.None);
        Assert.All(submitted, assignment => Assert.True(final!.State.Answers.ContainsKey(final.State.FindAssignment(assignment)!.QuestionId)));
        Assert.Equal(racing.Count, outcomes.Length);
    }

    [Fact]
    public async Task Two_commands_racing_on_one_review_both_succeed_or_one_is_refused_by_a_rule()
    {
        await using var world = new TestWorld();
        var commands = world.App.Services.GetRequiredService<IReviewCommands>();
        var now = world.App.Services.GetRequiredService<CouncilClock>().Now;
        for (var round = 0; round < 10; round++)
        {
            var id = await CreateAndDispatchAsync(world.App);
            var head = (await world.App.GetReviewAsync(id)).Assignments.First(a => a.Officer == Head);

            var outcomes = await Task.WhenAll(
                Task.Run(() => commands.HandleAsync(id, new SubmitAnswer(head.Id, "Our answer.", now, new Respondent(Head)), null, CancellationToken.None)),
                Task.Run(() => commands.HandleAsync(id, new CloseEarly("Moved forward.", now), null, CancellationToken.None)));

            Assert.IsType<CommandApplied>(outcomes[1]);
            var answered = (await world.App.GetReviewAsync(id)).Areas.SelectMany(a => a.Questions).Single(q => q.Id == head.QuestionId).Answered;
            switch (outcomes[0])
            {
                case CommandApplied:
                    Assert.True(answered);
                    break;
                case CommandRefused refused:
                    Assert.Contains(refused.Rejection.Code, new[] { RejectionCodes.NotOpen, RejectionCodes.AssignmentClosed });
                    Assert.False(answered);
                    break;
                default:
                    Assert.Fail($"The answer came to {outcomes[0].GetType().Name}.");
                    break;
            }
        }
    }

    [Fact]
    public async Task Officers_answering_one_review_through_their_pages_at_once_all_have_their_answers_stored_once()
    {
        await using var world = new TestWorld();
        var id = await CreateAndDispatchAsync(world.App);
        await SendRequestsAsync(world.App);
        var answering = new (string Officer, string Question)[] { (Head, Q1), (Data, Q1), (Tom, Q2), (Head, Q3), (Tom, Q4), (Data, Q5), (Zoe, Q6), (Zoe, Q7), (Head, Q8) };

        var responses = await Task.WhenAll(answering.Select(a =>
            Task.Run(() => world.App.AnswerAsync(world.App.LinkFor(a.Officer, a.Question), a.Question, $"{a.Officer} on {a.Question}"))));

        // The joint question's two officers press Submit at once: the second either saw the first's answer and names
        // it as replaced (taken, as an amendment), or wrote without seeing it and is refused (409), or had their
        // check page replaced by the colleague's answer before they reached it (sent back to the question, 302), the
        // colleague's answer standing, so nobody's words are overwritten unseen. Every other answer is taken.
        var joint = responses.Take(2).ToList();
        Assert.All(responses.Skip(2), r => Assert.Equal(HttpStatusCode.SeeOther, r.StatusCode));
        Assert.Contains(joint, r => r.StatusCode == HttpStatusCode.SeeOther);
        Assert.All(joint, r => Assert.True(r.StatusCode is HttpStatusCode.SeeOther or HttpStatusCode.Conflict or HttpStatusCode.Found, r.StatusCode.ToString()));
        var review = await world.App.GetReviewAsync(id);
        Assert.All(review.Areas.SelectMany(a => a.Questions), q => Assert.True(q.Answered, $"{q.Id} has no answer."));
        var trail = await world.App.Services.GetRequiredService<IReviewQueries>().AuditTrailAsync(id, CancellationToken.None);
        var submitted = trail!.Select(e => e.Event).OfType<AnswerSubmitted>().Select(e => e.QuestionId).ToList();
        Assert.Equal(submitted.Distinct().Count(), submitted.Count);
        Assert.Equal(8, submitted.Count);
        // When both were taken, the second amended what the first submitted: both texts are in the trail, neither lost.
        Assert.Equal(joint.Count(r => r.StatusCode == HttpStatusCode.SeeOther) - 1, trail!.Select(e => e.Event).OfType<AnswerAmended>().Count());
    }
}
