using ScrutinyWorkflow.Core.Reviews;

namespace ScrutinyWorkflow.Core.Recommendations;

/// <summary>
/// What a follow-up was made against: a review's position statement or a monthly decisions paper (the panel's
/// recommendation), or one of a decisions review's upheld decisions (a remedy the council agreed with the Ombudsman).
/// </summary>
public enum RecommendationSubject
{
    Review,
    DecisionsPaper,

    /// <summary>
    /// A remedy whose evidence is followed up. Its date is the council's promise to the Ombudsman, so it is chased as
    /// <see cref="Decisions.RemedyChasing"/> says, not as a recommendation's update is.
    /// </summary>
    Remedy,
}

/// <summary>
/// The paper a follow-up came out of, by its id (a review id, or a decisions paper's; for a remedy, its decisions
/// review's).
/// </summary>
public sealed record RecommendationSource(RecommendationSubject Subject, string Id, string Title);

/// <summary>
/// Who is acting. <see cref="ScrutinyTeam"/> is set at the edge, only for a person signed in who passes the scrutiny
/// team's access rule; a person arriving through an owner's link is never on the scrutiny team, whatever address they
/// give. The decider trusts this flag and nothing else to decide who may record and close recommendations.
/// </summary>
public sealed record Actor(string Email, bool ScrutinyTeam)
{
    public static Actor ScrutinyOfficer(string email) => new(Officer.NormaliseEmail(email), true);

    public static Actor LinkHolder(string email) => new(Officer.NormaliseEmail(email), false);
}

/// <summary>Where the owner says the recommendation stands.</summary>
public enum RecommendationProgress
{
    InProgress,

    /// <summary>The owner says it is done; only the scrutiny officer closes it.</summary>
    Done,
}

/// <summary>Why the scrutiny officer closed a recommendation.</summary>
public enum RecommendationClosure
{
    Implemented,
    NotImplemented,

    /// <summary>Overtaken by events or by a later recommendation: no longer asked for.</summary>
    NoLongerNeeded,
}

public static class RecommendationClosures
{
    /// <summary>
    /// Why it was closed, in the words people read, lower case to sit inside a sentence ("Closed: not implemented",
    /// "closed by the scrutiny team as not implemented"): the paper, the trail and the mail say it the same way.
    /// </summary>
    public static string Describe(this RecommendationClosure closure) => closure switch
    {
        RecommendationClosure.Implemented => "implemented",
        RecommendationClosure.NotImplemented => "not implemented",
        _ => "no longer needed",
    };
}

/// <summary>What someone (or the scheduler) asks of one recommendation. <see cref="Now"/> is council-local time.</summary>
public abstract record RecommendationCommand(DateTimeOffset Now);

/// <summary>
/// The panel made a recommendation: record it with its owner and the date their first update is due, and ask them.
/// Inputs are as the caller read them (null when unreadable) so the decider says what is wrong with all of them at once.
/// </summary>
public sealed record RecordRecommendation(
    string RecommendationId,
    RecommendationSource Source,
    string? Text,
    Officer? Owner,
    DateOnly? UpdateDue,
    Actor By,
    DateTimeOffset Now) : RecommendationCommand(Now);

/// <summary>Ask the owner for the next update, by <paramref name="Due"/>, once they have given the last one.</summary>
public sealed record RequestUpdate(DateOnly? Due, Actor By, DateTimeOffset Now) : RecommendationCommand(Now);

/// <summary>Move the date the awaited update is due (later or earlier); its chasers are scheduled again.</summary>
public sealed record ChangeUpdateDate(DateOnly? Due, Actor By, DateTimeOffset Now) : RecommendationCommand(Now);

/// <summary>
/// The owner's update, in their words: through their link, by their manager after an escalation, or recorded by the
/// scrutiny team from what the owner sent them.
/// </summary>
public sealed record ProvideUpdate(string Text, RecommendationProgress Progress, Actor By, DateTimeOffset Now) : RecommendationCommand(Now);

/// <summary>Sent by the scheduler when the recommendation's next chaser is due.</summary>
public sealed record ProcessRecommendationTimers(DateTimeOffset Now) : RecommendationCommand(Now);

/// <summary>The scrutiny officer closes the recommendation, saying why; nobody else can.</summary>
public sealed record CloseRecommendation(RecommendationClosure Closure, string Note, Actor By, DateTimeOffset Now) : RecommendationCommand(Now);

/// <summary>
/// The recommendation passes to another owner (the owner left, or the work moved); an awaited update is now theirs to
/// give, and they are asked for it with the same date.
/// </summary>
public sealed record ChangeOwner(Officer? NewOwner, string Reason, Actor By, DateTimeOffset Now) : RecommendationCommand(Now);
