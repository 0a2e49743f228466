using ScrutinyWorkflow.Core.Reviews;

namespace ScrutinyWorkflow.Web.ReviewPages;

/// <summary>
/// Officers the mail service could not reach who still owe answers: until she hands their questions on (to their
/// right address or someone else) or reminds them once their mailbox is fixed, nobody has asked them anything.
/// </summary>
public static class UndeliverableOfficers
{
    /// <summary>The last bounce for each officer with questions still open, unless she has reminded them by hand since.</summary>
    public static IReadOnlyList<MailUndeliverable> ToActOn(ReviewState review)
    {
        ArgumentNullException.ThrowIfNull(review);
        return [.. review.Undeliverable.Values
            .Where(bounce => review.Assignments.OfOfficer(bounce.Email).Any(a => a.IsOpen))
            .Where(bounce => !(review.RemindedByHand.TryGetValue(bounce.Email, out var reminded) && reminded > bounce.At))
            .OrderBy(bounce => bounce.At)
            .ThenBy(bounce => bounce.Email, StringComparer.Ordinal)];
    }
}
