using ScrutinyWorkflow.Core.Recommendations;

namespace ScrutinyWorkflow.Core.Reviews;

/// <summary>
/// Something the world must be told or given because of what happened: an email, a filing. Effects leave the core
/// as outbox entries written with the events that caused them, and are carried out idempotently afterwards. Mail to
/// officers is one message per officer per step, listing every question of theirs it concerns.
/// </summary>
public abstract record ReviewEffect;

/// <summary>Ask an officer the questions listed, with their one link for the review.</summary>
public sealed record SendRequest(string OfficerEmail, IReadOnlyList<string> AssignmentIds) : ReviewEffect;

/// <summary>Remind an officer of the questions listed that they have not answered.</summary>
public sealed record SendReminder(string OfficerEmail, IReadOnlyList<string> AssignmentIds, int ReminderNumber) : ReviewEffect;

/// <summary>Raise an officer's unanswered questions with their manager (or the scrutiny team), copying the officer.</summary>
public sealed record SendEscalation(string OfficerEmail, string? ManagerEmail, IReadOnlyList<string> AssignmentIds) : ReviewEffect;

/// <summary>Tell an officer that a colleague asked the same question has answered it, so they need not.</summary>
public sealed record SendAnsweredByColleague(string OfficerEmail, string QuestionId) : ReviewEffect;

/// <summary>Tell an officer asked a question that someone has changed its answer.</summary>
public sealed record SendAmendmentNotice(string OfficerEmail, string QuestionId) : ReviewEffect;

/// <summary>
/// Give the person who submitted or amended an answer through their page (an officer, or a manager on an officer's
/// behalf) a receipt: the answer they sent, when, and its reference. The text and reference travel with the effect
/// because the answer may be amended again before the receipt goes out, and a receipt must name what this person sent.
/// </summary>
/// <remarks>Recorded only before receipts were grouped; still carried out from an outbox written then.</remarks>
public sealed record SendReceipt(Respondent To, string AssignmentId, string QuestionId, string Reference, string Text, DateTimeOffset At, bool Amended) : ReviewEffect;

/// <summary>
/// Give whoever submitted or amended answers through their page (an officer, or a manager on an officer's behalf) one
/// receipt for all they sent in a short while: each answer's text as sent, when, and its reference.
/// </summary>
public sealed record SendReceipts(Respondent To, IReadOnlyList<ReceiptLine> Answers) : ReviewEffect;

/// <summary>Tell an officer that their request has been handed to someone else.</summary>
public sealed record SendReassignmentNotice(string AssignmentId) : ReviewEffect;

/// <summary>Tell the scrutiny team at once that an officer has said a question is not for them.</summary>
public sealed record SendDeclineNotice(string AssignmentId) : ReviewEffect;

/// <summary>Tell an officer still to answer that the deadline has moved.</summary>
public sealed record SendDeadlineNotice(string OfficerEmail, IReadOnlyList<string> AssignmentIds) : ReviewEffect;

/// <summary>Tell an officer that a question they were asked has been withdrawn.</summary>
public sealed record SendWithdrawalNotice(string OfficerEmail, string QuestionId) : ReviewEffect;

/// <summary>Tell an officer with unanswered questions that the review was closed early.</summary>
public sealed record SendClosedNotice(string OfficerEmail, IReadOnlyList<string> AssignmentIds) : ReviewEffect;

/// <summary>Tell an officer with unanswered questions that answers are open again.</summary>
public sealed record SendReopenedNotice(string OfficerEmail, IReadOnlyList<string> AssignmentIds) : ReviewEffect;

/// <summary>Ask the scrutiny team to check the assembled statement before it goes to the panel.</summary>
public sealed record SendStatementForCheck : ReviewEffect;

public sealed record FileStatement : ReviewEffect;

public sealed record NotifyPanel : ReviewEffect;

/// <summary>Tell the scrutiny team that a message to someone could not be delivered, and what the mail service said.</summary>
public sealed record SendUndeliverableNotice(string Email, string MessageId, string Reason) : ReviewEffect;

public static class ReviewEffects
{
    /// <summary>
    /// The effects of one decision's events, given the state before and after them. Chasers and requests are
    /// gathered per officer, so three questions mean one email, not three.
    /// </summary>
    public static IReadOnlyList<ReviewEffect> Of(IReadOnlyList<ReviewEvent> events, ReviewState before, ReviewState after)
    {
        var effects = new List<ReviewEffect>();
        effects.AddRange(PerOfficer<RequestSent>(events, e => e.OfficerEmail, (officer, batch) => new SendRequest(officer, Ids(batch, e => e.AssignmentId))));
        effects.AddRange(PerOfficer<ReminderSent>(events, e => OfficerOf(after, e.AssignmentId), (officer, batch) =>
            new SendReminder(officer, Ids(batch, e => e.AssignmentId), batch.Max(e => e.ReminderNumber))));
        effects.AddRange(PerOfficer<Escalated>(events, e => OfficerOf(after, e.AssignmentId), (officer, batch) =>
            new SendEscalation(officer, batch[0].ManagerEmail, Ids(batch, e => e.AssignmentId))));
        foreach (var @event in events)
        {
            effects.AddRange(@event switch
            {
                OfficerReminded e => [new SendReminder(e.OfficerEmail, e.AssignmentIds, 0)],
                // The receipt waits in the state for the person's next answers (ReceiptSent sends it). An answer the
                // scrutiny team records late or corrects gets none: the officer did not send it through their page,
                // answers are closed so there is nothing left for them to amend, and "you sent this" would not be true.
                AnswerSubmitted e => CoOfficers(after, e.QuestionId, except: OfficerOf(after, e.AssignmentId))
                    .Select(officer => new SendAnsweredByColleague(officer, e.QuestionId)),
                AnswerAmended e => CoOfficers(after, e.QuestionId, except: (e.By?.OnBehalfOf ?? e.By?.Email) ?? OfficerOf(after, e.AssignmentId))
                    .Select(officer => new SendAmendmentNotice(officer, e.QuestionId)),
                ReceiptSent e => [new SendReceipts(e.To, e.Answers)],
                AssignmentReassigned e => [new SendReassignmentNotice(e.AssignmentId)],
                QuestionDeclined e => [new SendDeclineNotice(e.AssignmentId)],
                DeadlineChanged => OpenPerOfficer(after).Select(g => new SendDeadlineNotice(g.Key, g.Value)),
                QuestionWithdrawn e => before.Assignments.OfQuestion(e.QuestionId)
                    .Where(a => a.IsCurrent)
                    .Select(a => a.OfficerEmail).Distinct()
                    .Select(officer => new SendWithdrawalNotice(officer, e.QuestionId)),
                ReviewClosedEarly => OpenPerOfficer(before).Select(g => new SendClosedNotice(g.Key, g.Value)),
                AnswersReopened => OpenPerOfficer(after).Select(g => new SendReopenedNotice(g.Key, g.Value)),
                StatementAssembled => [new SendStatementForCheck()],
                StatementReleased => [new FileStatement()],
                StatementFiled => [new NotifyPanel()],
                MailUndeliverable e => [new SendUndeliverableNotice(e.Email, e.MessageId, e.Reason)],
                FollowUpChanged e => RecommendationEffects.Of([e.Change], after.FollowUps[e.FollowUpId]).Select(effect => new FollowUpEffect(e.FollowUpId, effect)),
                _ => [],
            });
        }
        return effects;
    }

    /// <summary>
    /// Whether an effect still makes sense when it is finally carried out. A chaser held up (a mail outage, a
    /// stopped runner) must not reach someone who has since answered, been replaced, or whose review has closed.
    /// Notices that tell people what happened are always wanted.
    /// </summary>
    public static bool StillWanted(ReviewEffect effect, ReviewState now) => effect switch
    {
        SendRequest e => StillOpen(e.AssignmentIds, now).Any(),
        SendReminder e => StillOpen(e.AssignmentIds, now).Any(),
        SendEscalation e => StillOpen(e.AssignmentIds, now).Any(),
        SendDeadlineNotice e => StillOpen(e.AssignmentIds, now).Any(),
        SendStatementForCheck => now.Status == ReviewStatus.Assembled,
        // Only a released statement is filed, whatever an older version of the product queued.
        FileStatement => now.Status == ReviewStatus.Released,
        // A follow-up's chaser is wanted as long as its own rules still want it, whatever became of the review.
        FollowUpEffect e => now.FollowUps.GetValueOrDefault(e.FollowUpId) is { } followUp && RecommendationEffects.StillWanted(e.Effect, followUp),
        _ => true,
    };

    /// <summary>Of the assignments listed, those still waiting for an answer while answers are taken.</summary>
    public static IEnumerable<Assignment> StillOpen(IEnumerable<string> assignmentIds, ReviewState state) =>
        state.Status == ReviewStatus.Open
            ? assignmentIds.Select(state.FindAssignment).OfType<Assignment>().Where(a => a.IsOpen)
            : [];

    private static IEnumerable<ReviewEffect> PerOfficer<TEvent>(IReadOnlyList<ReviewEvent> events, Func<TEvent, string> officerOf, Func<string, List<TEvent>, ReviewEffect> effect)
        where TEvent : ReviewEvent =>
        events.OfType<TEvent>().GroupBy(officerOf).Select(g => effect(g.Key, [.. g]));

    private static List<string> Ids<TEvent>(IEnumerable<TEvent> events, Func<TEvent, string> id) => [.. events.Select(id)];

    private static Dictionary<string, IReadOnlyList<string>> OpenPerOfficer(ReviewState state) =>
        state.Assignments.Where(a => a.IsOpen).GroupBy(a => a.OfficerEmail).ToDictionary(g => g.Key, g => (IReadOnlyList<string>)[.. g.Select(a => a.Id)]);

    private static IEnumerable<string> CoOfficers(ReviewState state, string questionId, string except) =>
        state.Assignments.OfQuestion(questionId).Where(a => a.IsCurrent && a.OfficerEmail != except).Select(a => a.OfficerEmail).Distinct();

    private static string OfficerOf(ReviewState state, string assignmentId) => state.FindAssignment(assignmentId)!.OfficerEmail;
}
