using System.Text;
using ScrutinyWorkflow.Core.Reviews;
using ScrutinyWorkflow.Core.Statements;
using ScrutinyWorkflow.Web.Hosting;
using ScrutinyWorkflow.Web.Mail;
using ScrutinyWorkflow.Web.Notifications;
using ScrutinyWorkflow.Web.Statements;

namespace ScrutinyWorkflow.Web.Reviews;

/// <summary>
/// Carries out one outbox entry. Every step is safe to repeat: mail is idempotent per message id, filing
/// replaces the same file, and recording a filing or a notification twice is a no-op in the decider.
/// So a crash anywhere here only means the entry is carried out again, never that a person hears twice.
/// Both engines use it: the embedded runner for its outbox, the Durable activities for theirs.
/// </summary>
public sealed class EffectCarrier(
    IReviewQueries queries,
    IReviewCommands commands,
    ReviewMessages messages,
    IMailSender mail,
    IStatementFiling filing,
    CouncilClock clock,
    ILogger<EffectCarrier> logger)
{
    public const string StatementFileName = "position-statement.html";

    /// <param name="effectId">Stable for this effect: it becomes the message id, which is what makes mail idempotent.</param>
    public async Task CarryOutAsync(string reviewId, string effectId, ReviewEffect effect, CancellationToken cancellationToken)
    {
        var review = await queries.FindAsync(reviewId, cancellationToken)
            ?? throw new InvalidOperationException($"Effect {effectId} belongs to review {reviewId}, which does not exist.");
        if (!ReviewEffects.StillWanted(effect, review.State))
        {
            logger.LogInformation("Effect {EffectId} ({Effect}) is no longer wanted: the review or assignment has moved on.", effectId, effect.GetType().Name);
            return;
        }

        switch (effect)
        {
            case FileStatement:
                var html = StatementHtml.Render(PositionStatement.From(review.State));
                var location = await filing.FileAsync(reviewId, StatementFileName, "text/html", Encoding.UTF8.GetBytes(html), cancellationToken);
                Expect(await commands.HandleAsync(reviewId, new RecordStatementFiled(location, clock.Now), null, cancellationToken), effectId);
                break;
            case NotifyPanel:
                await mail.SendAsync(messages.Compose(effectId, effect, review.State, clock.Now), cancellationToken);
                Expect(await commands.HandleAsync(reviewId, new RecordPanelNotified(clock.Now), null, cancellationToken), effectId);
                break;
            default:
                await mail.SendAsync(messages.Compose(effectId, effect, review.State, clock.Now), cancellationToken);
                break;
        }
    }

    private static void Expect(CommandOutcome outcome, string effectId)
    {
        if (outcome is CommandRefused refused)
        {
            throw new InvalidOperationException($"Recording the result of {effectId} was refused: {refused.Rejection.Message}");
        }
    }
}
