namespace ScrutinyWorkflow.Core.Reviews;

public sealed partial class ReviewDecider
{
    /// <summary>Records who is away (as the directory said at dispatch); noting the same again changes nothing.</summary>
    private static Decision NoteAway(NoteOfficersAway c, ReviewState state)
    {
        if (state.Status == ReviewStatus.None)
        {
            return NotFound();
        }
        if (state.Status is not (ReviewStatus.Draft or ReviewStatus.Open))
        {
            return Decision.Reject(RejectionCodes.NotOpen, "Answers are no longer being collected, so nobody is chased.");
        }
        var away = c.Away
            .Where(a => !string.IsNullOrWhiteSpace(a.Email))
            .Select(a => a with { Email = Officer.NormaliseEmail(a.Email) })
            .Where(a => !state.Away.TryGetValue(a.Email, out var known) || known != a)
            .DistinctBy(a => a.Email)
            .ToList();
        return away.Count == 0 ? Decision.Accept() : Decision.Accept(new OfficersAwayNoted(away, c.Now));
    }

    /// <summary>
    /// A reminder due for an officer who is still away (their automatic replies have no end, or end after now) goes
    /// to their manager as an escalation instead: the officer will not read it in time, and the manager can answer
    /// or pass the question on. Officers with no manager in the directory are reminded as usual.
    /// </summary>
    private static ReviewEvent? EarlyEscalation(ReviewState state, Assignment assignment, ChaseStep step, int stepIndex, DateTimeOffset now) =>
        step.Action == ChaseAction.Reminder
        && state.Away.TryGetValue(assignment.OfficerEmail, out var absence)
        && (absence.Until is null || absence.Until > now)
        && state.Officers.GetValueOrDefault(assignment.OfficerEmail)?.ManagerEmail is { } manager
            ? new Escalated(assignment.Id, stepIndex, manager, now)
            : null;
}
