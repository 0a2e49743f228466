using System.Text;
using ScrutinyWorkflow.Core.Reviews;
using ScrutinyWorkflow.Core.Statements;
using ScrutinyWorkflow.Web.Mail;
using ScrutinyWorkflow.Web.Reviews.Storage;
using ScrutinyWorkflow.Web.Statements;

namespace ScrutinyWorkflow.Web.Reviews.Runner;

/// <summary>
/// Carries out one outbox entry. Every step is safe to repeat: mail is idempotent per message id, filing
/// replaces the same file, and recording a filing or a notification twice is a no-op in the decider.
/// So a crash anywhere here only means the entry is carried out again, never that a person hears twice.
/// </summary>
public sealed class EffectCarrier(
    ReviewService reviews,
    ReviewMessages messages,
    IMailSender mail,
    IStatementFiling filing,
    CouncilClock clock,
    ILogger<EffectCarrier> logger)
{
    public const string StatementFileName = "position-statement.html";

    public async Task CarryOutAsync(PendingEffect pending, CancellationToken cancellationToken)
    {
        var effect = ReviewEffectSerializer.Deserialize(pending.Kind, pending.Payload);
        var review = await reviews.LoadAsync(pending.ReviewId, cancellationToken)
            ?? throw new InvalidOperationException($"Effect {pending.Id} belongs to review {pending.ReviewId}, which does not exist.");
        if (!ReviewEffects.StillWanted(effect, review.State))
        {
            logger.LogInformation("Effect {EffectId} ({Kind}) is no longer wanted: the review or assignment has moved on.", pending.Id, pending.Kind);
            return;
        }

        switch (effect)
        {
            case FileStatement:
                var html = StatementHtml.Render(PositionStatement.From(review.State));
                var location = await filing.FileAsync(pending.ReviewId, StatementFileName, "text/html", Encoding.UTF8.GetBytes(html), cancellationToken);
                Expect((await reviews.HandleAsync(pending.ReviewId, new RecordStatementFiled(location, clock.Now), cancellationToken)).Decision, pending);
                break;
            case NotifyPanel:
                await mail.SendAsync(messages.Compose(pending.Id, effect, review.State, clock.Now), cancellationToken);
                Expect((await reviews.HandleAsync(pending.ReviewId, new RecordPanelNotified(clock.Now), cancellationToken)).Decision, pending);
                break;
            default:
                await mail.SendAsync(messages.Compose(pending.Id, effect, review.State, clock.Now), cancellationToken);
                break;
        }
    }

    private static void Expect(Decision decision, PendingEffect pending)
    {
        if (decision is Rejected rejected)
        {
            throw new InvalidOperationException($"Recording the result of {pending.Id} was refused: {rejected.Rejection.Message}");
        }
    }
}
