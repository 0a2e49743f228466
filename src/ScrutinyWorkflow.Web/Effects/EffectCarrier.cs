using ScrutinyWorkflow.Core.Reviews;
using ScrutinyWorkflow.Web.Engine;
using ScrutinyWorkflow.Web.Hosting;
using ScrutinyWorkflow.Web.Mail;
using ScrutinyWorkflow.Web.Notifications;
using ScrutinyWorkflow.Web.Statements;
using ScrutinyWorkflow.Workflow;

namespace ScrutinyWorkflow.Web.Effects;

/// <summary>
/// Carries out one effect: an email, or filing the statement. Every step is safe to repeat: mail is idempotent per
/// message id and filing leaves a document already filed for the release, so a crash anywhere here only means the effect is carried out again,
/// never that a person hears twice. What came of it (where the statement was filed, that the panel was told) goes back
/// as a command for the review to decide. Both engines use it: the embedded runner for its outbox, the Durable
/// runtime's hand-on of a review's work.
/// </summary>
public sealed class EffectCarrier(
    ReviewMessages messages,
    IMailSender mail,
    IStatementFiling filing,
    StatementDocuments documents,
    CouncilClock clock,
    ILogger<EffectCarrier> logger) : IEffectCarrier
{
    public async Task<ReviewCommand?> DeliverAsync(string reviewId, ReviewState review, string effectId, ReviewEffect effect, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(review);
        using var span = ReviewTelemetry.Effect(reviewId, effectId, effect);
        if (!ReviewEffects.StillWanted(effect, review))
        {
            logger.LogInformation("Effect {EffectId} ({Effect}) is no longer wanted: the review or assignment has moved on.", effectId, effect.GetType().Name);
            return null;
        }

        switch (effect)
        {
            case FileStatement:
                // The Word paper (with the cover report for a position statement) and the HTML view, into the release's
                // folder; the Word paper's place is recorded.
                var folder = FilingFolder.For(review);
                var locations = new List<string>();
                foreach (var document in await documents.ForFilingAsync(review, cancellationToken))
                {
                    locations.Add(await filing.FileAsync(folder, document, cancellationToken));
                }
                return new RecordStatementFiled(locations[0], clock.Now);
            case NotifyPanel:
                var attachments = (await documents.ForEmailAsync(review, cancellationToken)).Select(d => new MailAttachment(d.FileName, d.ContentType, d.Content)).ToList();
                await SendAsync(await messages.PanelNoticeAsync(effectId, review, clock.Now, attachments), review, cancellationToken);
                return new RecordPanelNotified(clock.Now);
            default:
                await SendAsync(await messages.ComposeAsync(effectId, effect, review, clock.Now), review, cancellationToken);
                return null;
        }
    }

    /// <summary>
    /// Sends the message; an address the mail service refuses for good is not tried again and again, but the
    /// scrutiny team is told who has not heard, and the effect counts as carried out.
    /// </summary>
    private async Task SendAsync(OutgoingMail message, ReviewState review, CancellationToken cancellationToken)
    {
        try
        {
            await mail.SendAsync(message, cancellationToken);
        }
        catch (MailRefusedException refused)
        {
            logger.LogWarning(refused, "Message {MessageId} was refused for {Recipients}; telling the scrutiny team.", message.MessageId, string.Join(", ", refused.Recipients));
            try
            {
                await mail.SendAsync(await messages.UndeliverableAsync(message, refused.Recipients, refused.Message, review, clock.Now), cancellationToken);
            }
            catch (MailRefusedException teamRefused)
            {
                // The team's own address refused: nobody is left to tell by mail, so the log is where it shows.
                logger.LogError(teamRefused, "The scrutiny team could not be told that message {MessageId} was refused.", message.MessageId);
            }
        }
    }
}

public static class EffectsRegistration
{
    /// <summary>What carries out the reviews' effects, and the messages it sends, for whichever engine runs them.</summary>
    public static IHostApplicationBuilder AddEffects(this IHostApplicationBuilder builder)
    {
        builder.AddReviewMessages();
        builder.Services.AddSingleton<IEffectCarrier, EffectCarrier>();
        return builder;
    }
}
