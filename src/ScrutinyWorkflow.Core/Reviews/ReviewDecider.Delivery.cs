namespace ScrutinyWorkflow.Core.Reviews;

public sealed partial class ReviewDecider
{
    /// <summary>
    /// A delivery report: the person is marked undeliverable and the scrutiny team told, once per message and
    /// address however often the mail service repeats its report (webhooks are retried).
    /// </summary>
    private static Decision RecordBounce(RecordUndeliverable c, ReviewState state)
    {
        if (state.Status == ReviewStatus.None)
        {
            return NotFound();
        }
        if (string.IsNullOrWhiteSpace(c.Email) || string.IsNullOrWhiteSpace(c.MessageId))
        {
            return Invalid([new("email", "A delivery report names the address and the message it is about.")]);
        }
        var email = Officer.NormaliseEmail(c.Email);
        return state.Undeliverable.TryGetValue(email, out var known) && known.MessageId == c.MessageId
            ? Decision.Accept()
            : Decision.Accept(new MailUndeliverable(email, c.MessageId, string.IsNullOrWhiteSpace(c.Reason) ? "The mail service gave no reason." : c.Reason.Trim(), c.Now));
    }
}
