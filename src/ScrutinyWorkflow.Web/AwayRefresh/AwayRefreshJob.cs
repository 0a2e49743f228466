using ScrutinyWorkflow.Core.Reviews;
using ScrutinyWorkflow.Web.Engine;
using ScrutinyWorkflow.Web.Hosting;
using ScrutinyWorkflow.Web.Officers;

namespace ScrutinyWorkflow.Web.AwayRefresh;

/// <summary>What one pass found: reviews looked at, reviews where a change was recorded, and addresses the directory could not answer for.</summary>
public sealed record AwayRefreshPass(int Reviews, int Changed, int Unreadable);

/// <summary>
/// Reads again, through the directory, the automatic replies of every officer who still owes answers in a review
/// taking them, and records what changed (the core says what a change is; the decider records it once). An officer
/// whose replies cannot be read is left as last noted: "the directory is down" is not "they are back".
/// </summary>
public sealed class AwayRefreshJob(IReviewQueries queries, IReviewCommands commands, IOfficerDirectory directory, CouncilClock clock, ILogger<AwayRefreshJob> logger) : IOfficersAway
{
    /// <summary>The Functions app's timer: five past every hour.</summary>
    public const string HourlySchedule = "0 5 * * * *";

    public async Task<AwayRefreshPass> RunAsync(CancellationToken cancellationToken)
    {
        int reviews = 0, changed = 0, unreadable = 0;
        var open = ReviewSummary.StatusName(ReviewStatus.Open);
        for (var page = 1; ; page++)
        {
            var list = await queries.ListAsync(new ReviewListQuery(page, ReviewListQuery.MaxPageSize, open), cancellationToken);
            foreach (var summary in list.Reviews)
            {
                try
                {
                    var (looked, recorded, missed) = await RefreshAsync(summary.Id, cancellationToken);
                    reviews += looked ? 1 : 0;
                    changed += recorded ? 1 : 0;
                    unreadable += missed;
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // One review's trouble (a busy store) waits for the next pass; the others go on.
                    logger.LogWarning(ex, "Officers' automatic replies for review {ReviewId} were not refreshed.", summary.Id);
                }
            }
            if (page >= list.Pages)
            {
                return new AwayRefreshPass(reviews, changed, unreadable);
            }
        }
    }

    /// <summary>
    /// One review, as a pass does it, straight after it is sent (from its check page or the API): the officers away
    /// past the deadline are noted then, not up to an interval later. A failure here is logged and left to the next
    /// pass; the review went out either way. So is a dispatch the engine had only received when its caller stopped
    /// waiting: the review is still a draft here, with nobody yet asked.
    /// </summary>
    public async Task RefreshReviewAsync(string reviewId, CancellationToken cancellationToken)
    {
        try
        {
            await RefreshAsync(reviewId, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Officers' automatic replies for review {ReviewId} were not read at dispatch; the next pass reads them.", reviewId);
        }
    }

    /// <summary>
    /// Who of the officers named on a review's questions, or asked since, is away until after its deadline: the
    /// warning the scrutiny officer sees before sending it. Read as a pass reads them, so the warning and what is noted
    /// at dispatch never disagree; an officer whose replies cannot be read is not listed.
    /// </summary>
    public async Task<IReadOnlyList<AwayPastDeadline>> AwayAsync(ReviewState review, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(review);
        var asked = review.Questions.SelectMany(q => q.OfficerEmails).Concat(review.Assignments.Select(a => a.OfficerEmail)).Distinct(StringComparer.Ordinal);
        var (readings, _) = await ReadAsync(review, asked, cancellationToken);
        return [.. readings.Where(r => r.Reading.AwayPastDeadline).Select(r => new AwayPastDeadline(r.Reading.Email, r.Replies!))];
    }

    private async Task<(bool Looked, bool Recorded, int Unreadable)> RefreshAsync(string reviewId, CancellationToken cancellationToken)
    {
        if (await queries.FindAsync(reviewId, cancellationToken) is not { } review
            || AwayChanges.OfficersToCheck(review.State, clock.Now) is not { Count: > 0 } officers)
        {
            return (false, false, 0);
        }
        var (read, unreadable) = await ReadAsync(review.State, officers, cancellationToken);
        if (AwayChanges.Command(review.State, read.Select(r => r.Reading), clock.Now) is not { } command)
        {
            return (true, false, unreadable);
        }
        var outcome = await commands.HandleAsync(reviewId, command, expectedVersion: null, cancellationToken);
        return (true, outcome is CommandApplied { Recorded.Count: > 0 } or CommandReceived, unreadable);
    }

    /// <summary>Each officer's automatic replies, judged against the end of the review's deadline day (council time).</summary>
    private async Task<(List<(AwayReading Reading, AutomaticReplies? Replies)> Read, int Unreadable)> ReadAsync(
        ReviewState review, IEnumerable<string> emails, CancellationToken cancellationToken)
    {
        var deadlinePasses = clock.EndOf(review.Deadline);
        List<(AwayReading, AutomaticReplies?)> read = [];
        var unreadable = 0;
        foreach (var email in emails)
        {
            try
            {
                var replies = await directory.FindAutomaticRepliesAsync(email, cancellationToken);
                read.Add((new AwayReading(email, replies?.AwayUntilAfter(deadlinePasses) == true, replies?.Until), replies));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                unreadable++;
                logger.LogWarning(ex, "The automatic replies of {Email} could not be read; they stay as last noted.", email);
            }
        }
        return (read, unreadable);
    }
}
