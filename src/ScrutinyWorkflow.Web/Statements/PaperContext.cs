using ScrutinyWorkflow.Core.Decisions;
using ScrutinyWorkflow.Core.Reviews;
using ScrutinyWorkflow.Core.Statements;
using ScrutinyWorkflow.Web.Engine;
using ScrutinyWorkflow.Web.Hosting;

namespace ScrutinyWorkflow.Web.Statements;

/// <summary>
/// What a paper needs from the council's other reviews, and the moment it is made: the earlier papers to the same panel
/// (for "Progress on recommendations") and, for a decisions paper, the remedies of every decisions review that could
/// fall in its Ombudsman year. Gathered through the engine's read port so the papers' builders stay pure.
/// </summary>
/// <remarks>
/// The whole review list is paged through (it is one line per review, cheap to read); a review is loaded only when its
/// line says it could matter: one to the same panel whose meeting came before this paper's, or, for a decisions paper,
/// a decisions review (by the line's kind) with its meeting from a year before the Ombudsman year's start (a
/// remedy is due within months of its decision) to any time after. Drafts and deleted drafts are never loaded: a
/// draft has no recommendations and its remedies are not yet followed.
/// </remarks>
public sealed class PaperContext(IReviewQueries reviews, CouncilClock clock)
{
    public async Task<PaperInputs> GatherAsync(ReviewState paper, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(paper);
        var now = clock.Now;
        var decisions = paper is { Kind: ReviewKind.Decisions, DecisionsMonth: not null };
        var yearStarts = paper.DecisionsMonth is { } month ? new DateOnly(YearCompliance.FirstYearOf(new DateOnly(month.Year, month.Month, 1)), 4, 1) : DateOnly.MaxValue;
        var panel = paper.Panel?.Name.Trim();

        List<ReviewState> samePanel = [];
        List<TrackedRemedy> remedies = [];
        List<ReviewState> otherDecisions = [];
        foreach (var line in await ListAllAsync(cancellationToken))
        {
            if (line.Id == paper.ReviewId || line.Status is "draft" or "deleted")
            {
                continue;
            }
            var earlierToPanel = panel is not null && string.Equals(line.Panel.Trim(), panel, StringComparison.OrdinalIgnoreCase) && line.MeetingDate < paper.MeetingDate;
            var mayHoldRemedies = decisions && line.MayBeDecisions && line.MeetingDate >= yearStarts.AddYears(-1);
            if (!earlierToPanel && !mayHoldRemedies || await reviews.FindAsync(line.Id, cancellationToken) is not { } found)
            {
                continue;
            }
            if (earlierToPanel)
            {
                samePanel.Add(found.State);
            }
            if (mayHoldRemedies)
            {
                remedies.AddRange(DecisionsPaper.CountedRemedies(found.State));
                otherDecisions.Add(found.State);
            }
        }
        return new PaperInputs(samePanel, remedies, now) { PublishedCompliance = PublishedOn(otherDecisions) };
    }

    /// <summary>
    /// The Ombudsman's published figures entered on other decisions reviews, by year; where two months' reviews both
    /// have one for a year, the later month's (a correction is entered on the review open when it comes).
    /// </summary>
    private static Dictionary<int, decimal> PublishedOn(IEnumerable<ReviewState> decisionsReviews)
    {
        var published = new Dictionary<int, decimal>();
        foreach (var review in decisionsReviews.Where(r => r.DecisionsMonth is not null).OrderBy(r => r.DecisionsMonth!.Value.Year).ThenBy(r => r.DecisionsMonth!.Value.Month))
        {
            foreach (var (year, percent) in review.PublishedCompliance)
            {
                published[year] = percent;
            }
        }
        return published;
    }

    private async Task<List<ReviewSummary>> ListAllAsync(CancellationToken cancellationToken)
    {
        // Newest first: a review drafted while this reads pushes the rest down a place, so a line may come twice (kept
        // once) but none is skipped.
        List<ReviewSummary> all = [];
        HashSet<string> seen = new(StringComparer.Ordinal);
        for (var page = 1; ; page++)
        {
            var lines = await reviews.ListAsync(new ReviewListQuery(page, ReviewListQuery.MaxPageSize), cancellationToken);
            all.AddRange(lines.Reviews.Where(r => seen.Add(r.Id)));
            if (page >= lines.Pages || lines.Reviews.Count == 0)
            {
                return all;
            }
        }
    }
}

/// <summary>What <see cref="PaperContext"/> gathered for one paper, as of <see cref="Now"/> (council-local).</summary>
public sealed record PaperInputs(IReadOnlyList<ReviewState> EarlierToPanel, IReadOnlyList<TrackedRemedy> Remedies, DateTimeOffset Now)
{
    /// <summary>The Ombudsman's published figures entered on other decisions reviews, by the year's first year.</summary>
    public IReadOnlyDictionary<int, decimal> PublishedCompliance { get; init; } = new Dictionary<int, decimal>();
}
