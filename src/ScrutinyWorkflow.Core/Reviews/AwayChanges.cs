namespace ScrutinyWorkflow.Core.Reviews;

/// <summary>
/// What the directory says of an officer now, as their automatic replies read: away until after the review's
/// deadline (back at <see cref="Until"/>; null: no end set), or not. An officer whose replies could not be read has
/// no reading at all, which changes nothing.
/// </summary>
public sealed record AwayReading(string Email, bool AwayPastDeadline, DateTimeOffset? Until = null);

/// <summary>
/// Officers' automatic replies read again while a review takes answers, not only at dispatch: someone who turns on
/// "out of office" later has their chasers go to their manager from then on, and someone back has them again.
/// </summary>
public static class AwayChanges
{
    /// <summary>The officers worth asking about: those with questions still open in a review taking answers; nobody otherwise.</summary>
    public static IReadOnlyList<string> OfficersToCheck(ReviewState review, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(review);
        return review.Status == ReviewStatus.Open && review.TakesAnswersAt(now)
            ? [.. review.Assignments.Where(a => a.IsOpen).Select(a => a.OfficerEmail).Distinct(StringComparer.Ordinal)]
            : [];
    }

    /// <summary>
    /// The command that records what changed since the review last noted it, or null when nothing did. An officer
    /// back (or now back before the deadline) is noted as away until <paramref name="now"/>, which ends their early
    /// escalation without forgetting that they were away.
    /// </summary>
    public static NoteOfficersAway? Command(ReviewState review, IEnumerable<AwayReading> readings, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(readings);
        var asked = OfficersToCheck(review, now).ToHashSet(StringComparer.Ordinal);
        List<OfficerAbsence> changes = [];
        foreach (var reading in readings.Where(r => !string.IsNullOrWhiteSpace(r.Email)).DistinctBy(r => Officer.NormaliseEmail(r.Email)))
        {
            var email = Officer.NormaliseEmail(reading.Email);
            if (!asked.Contains(email))
            {
                continue;
            }
            var known = review.Away.GetValueOrDefault(email);
            if (reading.AwayPastDeadline)
            {
                if (known != new OfficerAbsence(email, reading.Until))
                {
                    changes.Add(new OfficerAbsence(email, reading.Until));
                }
            }
            else if (known is not null && (known.Until is null || known.Until > now))
            {
                changes.Add(new OfficerAbsence(email, now));
            }
        }
        return changes.Count == 0 ? null : new NoteOfficersAway(changes, now);
    }
}
