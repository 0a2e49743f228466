using System.Text.Json.Serialization;
using ScrutinyWorkflow.Core.Reviews;
using ScrutinyWorkflow.Web.Officers;

namespace ScrutinyWorkflow.Web.Engine;

/// <summary>
/// Carries out one effect of a decision (an email, filing the statement) for either runtime; safe to repeat, since the
/// effect's id makes mail idempotent and filing a release twice leaves one. Implemented outside the engine
/// (<c>Effects/</c>), which uses mail and the statement's documents.
/// </summary>
public interface IEffectCarrier
{
    /// <param name="review">The review as it stands now: an effect it no longer wants (the assignment moved on) is not carried out.</param>
    /// <param name="effectId">Stable for this effect: it becomes the message id, which is what makes mail idempotent.</param>
    /// <returns>What came of it, as a command for the review to decide (where the statement was filed), or null.</returns>
    Task<ReviewCommand?> DeliverAsync(string reviewId, ReviewState review, string effectId, ReviewEffect effect, CancellationToken cancellationToken);
}

/// <summary>A review as last recorded: its state and its stream's version, which the API gives out as the ETag.</summary>
public sealed record ReviewSnapshot(ReviewState State, long Version);

/// <summary>One event of the audit trail, with where and when it was recorded.</summary>
public sealed record RecordedEvent(long Version, string Type, int SchemaVersion, ReviewEvent Event, DateTimeOffset RecordedAt);

/// <summary>What a command came to, with the review as it stands afterwards (unchanged unless it was applied).</summary>
public abstract record CommandOutcome(ReviewState State, long Version);

/// <summary>Decided and recorded; <see cref="Recorded"/> is empty when it was already satisfied (an idempotent repeat).</summary>
public sealed record CommandApplied(ReviewState State, long Version, IReadOnlyList<ReviewEvent> Recorded) : CommandOutcome(State, Version);

/// <summary>The decider refused it; nothing was recorded.</summary>
public sealed record CommandRefused(Rejection Rejection, ReviewState State, long Version) : CommandOutcome(State, Version);

/// <summary>
/// The caller decided on a version the review has moved past (a stale edit); nothing was recorded. Only a caller
/// that names the version it saw gets this: the others are decided again on the latest state.
/// </summary>
public sealed record CommandStale(long ExpectedVersion, ReviewState State, long Version) : CommandOutcome(State, Version);

/// <summary>
/// Received but not decided yet: the engine queues commands, and this one was still waiting when the caller stopped
/// waiting. It will be decided; nothing is lost. <see cref="CommandOutcome.State"/> is the review as last recorded.
/// </summary>
public sealed record CommandReceived(ReviewState State, long Version) : CommandOutcome(State, Version);

/// <summary>
/// The store stayed locked (by another process sharing it) past every retry, or another writer moved the review at the
/// same moment: nothing was recorded, and the same command can simply be sent again in a moment.
/// </summary>
public sealed class ReviewBusyException(Exception inner)
    : Exception("The review store is busy; nothing was recorded. Try again in a moment.", inner)
{
    /// <summary>Whether a command failed because the store was busy (either runtime's way of saying so), not broken.</summary>
    public static bool Means(Exception exception) => exception is ReviewBusyException or Storage.StreamConflictException;
}

/// <summary>
/// The one way commands reach a review, whichever engine runs it (embedded SQLite, or Durable orchestrations).
/// </summary>
public interface IReviewCommands
{
    /// <param name="expectedVersion">The version the caller saw, to refuse a stale edit; null to decide on the latest.</param>
    Task<CommandOutcome> HandleAsync(string reviewId, ReviewCommand command, long? expectedVersion, CancellationToken cancellationToken);
}

/// <summary>An officer whose automatic replies, as read now, say they are away until after the review's deadline.</summary>
public sealed record AwayPastDeadline(string Email, AutomaticReplies Replies);

/// <summary>
/// Officers' automatic replies, for the review's pages and API: one reader for the warning before a review is sent and
/// for what is noted once it is, so the two never disagree.
/// </summary>
public interface IOfficersAway
{
    /// <summary>Who of the officers named on the review's questions, or asked since, is away until after its deadline.</summary>
    Task<IReadOnlyList<AwayPastDeadline>> AwayAsync(ReviewState review, CancellationToken cancellationToken);

    /// <summary>Notes in the review who is away now, straight after it is sent; never fails the sending.</summary>
    Task RefreshReviewAsync(string reviewId, CancellationToken cancellationToken);
}

/// <summary>How pages and the API read reviews, whichever engine runs them.</summary>
public interface IReviewQueries
{
    Task<ReviewSnapshot?> FindAsync(string reviewId, CancellationToken cancellationToken);

    /// <summary>
    /// The review for a page about to send it a command. A runtime of many hosts may give it as this host last read or
    /// recorded it, a moment behind another host's decision: the command is decided on the review as stored whatever
    /// this gives, so only what such a page shows before deciding (a form sent back to correct) can be behind.
    /// </summary>
    Task<ReviewSnapshot?> FindBeforeCommandAsync(string reviewId, CancellationToken cancellationToken) => FindAsync(reviewId, cancellationToken);

    /// <summary>Every event of the review in order, or null when there is no such review.</summary>
    Task<IReadOnlyList<RecordedEvent>?> AuditTrailAsync(string reviewId, CancellationToken cancellationToken);

    /// <summary>One page of the review list, filtered and sorted as asked, with how many reviews match in all.</summary>
    Task<ReviewListPage> ListAsync(ReviewListQuery query, CancellationToken cancellationToken);

    /// <summary>
    /// Why the runtime is not keeping this review's time (its orchestration failed), for the review's page; null when
    /// all is well, and always on a runtime with nothing per review to fail.
    /// </summary>
    Task<string?> RuntimeProblemAsync(string reviewId, CancellationToken cancellationToken) => Task.FromResult<string?>(null);
}

/// <summary>How the review list is ordered: newest first, or by deadline, meeting date or title (earliest or A first).</summary>
public enum ReviewSort
{
    Newest,
    Deadline,
    Meeting,
    Title,
}

/// <summary>A page of the review list (numbered from 1), optionally only the reviews of one status (as the API names it).</summary>
public sealed record ReviewListQuery(int Page = 1, int PageSize = ReviewListQuery.DefaultPageSize, string? Status = null, ReviewSort Sort = ReviewSort.Newest)
{
    public const int DefaultPageSize = 25;
    public const int MaxPageSize = 200;

    /// <summary>Rows to skip before this page.</summary>
    public int Offset => (Page - 1) * PageSize;

    /// <summary>
    /// Statuses that all count as the one filtered on, for a list that groups them (the dashboard's "Released" holds
    /// statements released, filed and sent to the panel alike); none means <see cref="Status"/> alone.
    /// </summary>
    public IReadOnlyList<string>? AnyStatusOf { get; init; }

    /// <summary>The statuses a review must have one of to be listed, or null for every review.</summary>
    public IReadOnlyList<string>? Matching => AnyStatusOf is { Count: > 0 } group ? group : Status is { } one ? [one] : null;
}

/// <summary>One page of reviews, and how many there are in all with the same filter, so a caller can always reach the rest.</summary>
public sealed record ReviewListPage(IReadOnlyList<ReviewSummary> Reviews, int Page, int PageSize, int Total)
{
    public int Pages => Total == 0 ? 1 : (Total + PageSize - 1) / PageSize;

    /// <summary>Filters, sorts and pages a list held in memory, the same way the embedded store does in SQL.</summary>
    public static ReviewListPage Of(IEnumerable<(ReviewSummary Summary, DateTimeOffset CreatedAt)> reviews, ReviewListQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        // A deleted draft is out of the list unless asked for by its status, as in the embedded store.
        var statuses = query.Matching;
        var matching = reviews.Where(r => statuses is null ? r.Summary.Status != ReviewSummary.StatusName(ReviewStatus.Discarded) : statuses.Contains(r.Summary.Status))
            .Select(r => (Summary: r.Summary with { StartedAt = r.CreatedAt }, r.CreatedAt)).ToList();
        IEnumerable<(ReviewSummary Summary, DateTimeOffset CreatedAt)> sorted = query.Sort switch
        {
            ReviewSort.Deadline => matching.OrderBy(r => r.Summary.Deadline).ThenBy(r => r.Summary.Id, StringComparer.Ordinal),
            ReviewSort.Meeting => matching.OrderBy(r => r.Summary.MeetingDate).ThenBy(r => r.Summary.Id, StringComparer.Ordinal),
            ReviewSort.Title => matching.OrderBy(r => r.Summary.Title, StringComparer.Ordinal).ThenBy(r => r.Summary.Id, StringComparer.Ordinal),
            _ => matching.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Summary.Id, StringComparer.Ordinal),
        };
        return new([.. sorted.Skip(query.Offset).Take(query.PageSize).Select(r => r.Summary)], query.Page, query.PageSize, matching.Count);
    }
}

/// <summary>
/// One line of the review list. <see cref="Overdue"/> counts the questions still without an answer that have been
/// escalated to a manager or closed with no response; <see cref="NextDue"/> is when the review next wakes (council time);
/// <see cref="Declines"/> and <see cref="Unreachable"/> are what waits on the scrutiny officer because of an officer
/// (<see cref="OfficerAttention"/>); <see cref="StartedAt"/> is when it was drafted, so drafts of one report can be told apart.
/// <see cref="Kind"/> is focus-report or decisions (<see cref="KindName"/>); null on a line listed before the list
/// kept kinds (the Durable runtime's lines are written again only when their review next changes), which a reader
/// that needs the kind must load the review to learn. <see cref="FollowUps"/> counts the review's follow-ups
/// (recommendations and remedies), null likewise on a line from before it was kept: where they stand depends on the
/// day, so a reader that shows it loads the reviews that have any (<see cref="MayHaveFollowUps"/>).
/// </summary>
public sealed record ReviewSummary(
    string Id, string Status, string Title, string Panel, DateOnly MeetingDate, DateOnly Deadline, int Answered, int Questions, int Overdue, DateTime? NextDue,
    int Declines = 0, int Unreachable = 0, DateTimeOffset? StartedAt = null, string? Kind = null, int? FollowUps = null)
{
    /// <summary>Whether the review has follow-ups, or may have (listed before they were counted).</summary>
    [JsonIgnore]
    public bool MayHaveFollowUps => FollowUps is not 0;

    /// <summary>Whether the line is of a monthly decisions review, or may be (listed before kinds were kept).</summary>
    [JsonIgnore]
    public bool MayBeDecisions => Kind is null || Kind == KindName(ReviewKind.Decisions);

    public static string KindName(ReviewKind kind) => kind == ReviewKind.Decisions ? "decisions" : "focus-report";

    public static ReviewSummary From(ReviewState state)
    {
        var questions = state.Questions.ToList();
        var unanswered = questions.Where(q => !state.Answers.ContainsKey(q.QuestionId)).ToList();
        var overdue = unanswered.Count(q => state.Assignments.OfQuestion(q.QuestionId)
            .Any(a => a.IsCurrent && ((a.IsOpen && a.Escalated) || a.Outcome == AssignmentOutcome.NoResponse)));
        return new(state.ReviewId, StatusName(state.Status), state.FocusReport?.Title ?? "", state.Panel?.Name ?? "", state.MeetingDate, state.Deadline,
            questions.Count - unanswered.Count, questions.Count, overdue, state.NextDue,
            OfficerAttention.DeclinesToActOn(state), OfficerAttention.UndeliverableToActOn(state).Count, state.DraftedAt, KindName(state.Kind), state.FollowUps.Count);
    }

    public static string StatusName(ReviewStatus status) => status switch
    {
        ReviewStatus.Draft => "draft",
        ReviewStatus.Open => "open",
        ReviewStatus.ResponsesClosed => "responses-closed",
        ReviewStatus.Assembled => "assembled",
        ReviewStatus.Released => "released",
        ReviewStatus.Filed => "filed",
        ReviewStatus.Completed => "completed",
        ReviewStatus.Discarded => "deleted",
        _ => "none",
    };
}
