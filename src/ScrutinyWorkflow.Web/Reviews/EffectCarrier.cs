using System.Text;
using ScrutinyWorkflow.Core.Reviews;
using ScrutinyWorkflow.Core.Statements;
using ScrutinyWorkflow.Web.Hosting;
using ScrutinyWorkflow.Web.Mail;
using ScrutinyWorkflow.Web.Notifications;
using ScrutinyWorkflow.Web.Statements;
using ScrutinyWorkflow.Workflow;

namespace ScrutinyWorkflow.Web.Reviews;

/// <summary>
/// Carries out one effect: an email, or filing the statement. Every step is safe to repeat: mail is idempotent per
/// message id and filing replaces the same file, so a crash anywhere here only means the effect is carried out again,
/// never that a person hears twice. What came of it (where the statement was filed, that the panel was told) goes back
/// as a command for the review to decide. Both engines use it: the embedded runner for its outbox, the Durable
/// orchestration's activity for its effects.
/// </summary>
public sealed class EffectCarrier(
    IReviewQueries queries,
    ReviewMessages messages,
    IMailSender mail,
    IStatementFiling filing,
    CouncilClock clock,
    ILogger<EffectCarrier> logger) : IEffectDelivery
{
    public const string StatementFileName = "position-statement.html";

    /// <param name="effectId">Stable for this effect: it becomes the message id, which is what makes mail idempotent.</param>
    public async Task<ReviewCommand?> DeliverAsync(string reviewId, string effectId, ReviewEffect effect, CancellationToken cancellationToken)
    {
        var review = await queries.FindAsync(reviewId, cancellationToken)
            ?? throw new InvalidOperationException($"Effect {effectId} belongs to review {reviewId}, which does not exist.");
        return await DeliverAsync(reviewId, review.State, effectId, effect, cancellationToken);
    }

    /// <summary>The same, for a caller that has just read the review (the embedded runner reads it once for a batch of effects).</summary>
    public async Task<ReviewCommand?> DeliverAsync(string reviewId, ReviewState review, string effectId, ReviewEffect effect, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(review);
        if (!ReviewEffects.StillWanted(effect, review))
        {
            logger.LogInformation("Effect {EffectId} ({Effect}) is no longer wanted: the review or assignment has moved on.", effectId, effect.GetType().Name);
            return null;
        }

        switch (effect)
        {
            case FileStatement:
                var html = StatementHtml.Render(PositionStatement.From(review));
                var location = await filing.FileAsync(reviewId, StatementFileName, "text/html", Encoding.UTF8.GetBytes(html), cancellationToken);
                return new RecordStatementFiled(location, clock.Now);
            case NotifyPanel:
                await mail.SendAsync(messages.Compose(effectId, effect, review, clock.Now), cancellationToken);
                return new RecordPanelNotified(clock.Now);
            default:
                await mail.SendAsync(messages.Compose(effectId, effect, review, clock.Now), cancellationToken);
                return null;
        }
    }
}
