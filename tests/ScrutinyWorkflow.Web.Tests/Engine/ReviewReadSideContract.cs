using ScrutinyWorkflow.Core.Reviews;
using ScrutinyWorkflow.Web.Engine;
using ScrutinyWorkflow.Web.Links;

namespace ScrutinyWorkflow.Web.Tests.Engine;

/// <summary>
/// What the API, pages, audit trail and response links read, the same whichever runtime keeps the review: the
/// embedded runtime's SQLite store and the Durable runtime's Azure Table read side each run these through their own
/// write path (a subclass per adapter).
/// </summary>
public abstract class ReviewReadSideContract
{
    protected static readonly Officer Asha = new("head.of.service@council.example", "Siân Llewellyn", "Head of Service, Children in Care", "aisha.rahman@council.example");
    protected static readonly Officer Dee = new("aisha.rahman@council.example", "Aisha Rahman", "Director of Children's Services", null);
    private static readonly CancellationToken None = CancellationToken.None;

    protected abstract IReviewQueries Queries { get; }

    protected abstract ILinkIndex Index { get; }

    /// <summary>The adapter's own link maker (its key), to make the token a person's email would carry.</summary>
    protected abstract ResponseLinks Links { get; }

    /// <summary>Decides the commands in turn and records what they decide through the adapter's own write path.</summary>
    protected abstract Task ApplyAsync(string reviewId, IReadOnlyList<ReviewCommand> commands);

    protected static DateTimeOffset At(int day, int hour = 10) => new(day < 14 ? 2027 : 2026, day < 14 ? 1 : 12, day, hour, 0, 0, TimeSpan.Zero);

    /// <summary>A one-question review drafted on the given day and sent, then whatever else is given.</summary>
    protected static ReviewCommand[] Opened(string id, DateTimeOffset drafted, params ReviewCommand[] more) =>
    [
        new DraftReview(id, $"Careless {id}", new YearMonth(2020, 12), "Children and Families Scrutiny Panel", "panel@council.example",
            new DateOnly(2027, 1, 20), new DateOnly(2027, 1, 8), [new AreaInput("Accommodation", [new QuestionInput("How many?", [Asha.Email])])], [Asha, Dee], drafted),
        new DispatchReview(drafted),
        .. more,
    ];

    /// <summary>A month's decisions drafted on the given day and sent: one upheld with one remedy (a follow-up, M1), one not upheld.</summary>
    protected static ReviewCommand[] DecisionsSent(string id, DateTimeOffset drafted) =>
    [
        new DraftDecisionsReview(id, new YearMonth(2026, 11), "Audit and Governance Panel", "audit.panel@council.example", new DateOnly(2027, 1, 20), new DateOnly(2027, 1, 8),
            [
                new DecisionInput("26 001 001", new DateOnly(2026, 11, 12), "Housing", Core.Decisions.DecisionFinding.NotUpheld, "No fault.", null, []),
                new DecisionInput("26 001 002", new DateOnly(2026, 11, 13), "Adult care services", Core.Decisions.DecisionFinding.UpheldWithInjustice, "Delay.", Asha.Email,
                    [new RemedyInput(Core.Decisions.RemedyKind.Apology, "Apologise to Mrs X.", null, new DateOnly(2027, 1, 4))]),
            ], [Asha, Dee], drafted),
        new DispatchReview(drafted),
    ];

    [Fact]
    public async Task A_review_reads_back_as_decided_with_its_version_and_its_audit_trail_in_order()
    {
        await ApplyAsync("rv-1", Opened("rv-1", At(14), new SubmitAnswer("A1", new string('x', 50_000), At(16))));

        var review = await Queries.FindAsync("rv-1", None);
        var trail = await Queries.AuditTrailAsync("rv-1", None);

        Assert.Equal(5, review!.Version);
        Assert.Equal(ReviewStatus.Assembled, review.State.Status);
        Assert.Equal(new string('x', 50_000), review.State.Answers["Q1"].Text);
        Assert.Equal([1L, 2, 3, 4, 5], trail!.Select(e => e.Version));
        Assert.Equal(["review-drafted", "review-dispatched", "request-sent", "answer-submitted", "statement-assembled"], trail!.Select(e => e.Type));
        Assert.Null(await Queries.FindAsync("rv-none", None));
        Assert.Null(await Queries.AuditTrailAsync("rv-none", None));
    }

    [Fact]
    public async Task Links_made_by_a_request_and_by_an_escalation_lead_to_their_person_and_no_one_else()
    {
        await ApplyAsync("rv-2", Opened("rv-2", At(14), new ProcessDueTimers(At(8, 9))));

        var officer = await Index.FindAsync(Links.HashOf(Links.TokenFor("rv-2", new Respondent(Asha.Email))), None);
        var manager = await Index.FindAsync(Links.HashOf(Links.TokenFor("rv-2", new Respondent(Dee.Email, Asha.Email))), None);

        Assert.Equal(new LinkTarget("rv-2", Asha.Email), officer);
        Assert.Equal(new LinkTarget("rv-2", $"{Dee.Email}>{Asha.Email}"), manager);
        Assert.Null(await Index.FindAsync(Links.HashOf(Links.TokenFor("rv-2", new Respondent(Dee.Email))), None));
        Assert.Null(await Index.FindAsync(Links.HashOf(Links.TokenFor("rv-3", new Respondent(Asha.Email))), None));
    }

    [Fact]
    public async Task The_list_pages_reviews_newest_first_with_their_status_and_answers()
    {
        await ApplyAsync("rv-old", Opened("rv-old", At(14)));
        await ApplyAsync("rv-new", Opened("rv-new", At(15), new SubmitAnswer("A1", "Forty-two.", At(16))));

        var all = await Queries.ListAsync(new ReviewListQuery(PageSize: 10), None);
        var first = await Queries.ListAsync(new ReviewListQuery(PageSize: 1), None);
        var second = await Queries.ListAsync(new ReviewListQuery(Page: 2, PageSize: 1), None);

        Assert.Equal([("rv-new", "assembled", 1), ("rv-old", "open", 0)], all.Reviews.Select(r => (r.Id, r.Status, r.Answered)));
        Assert.Equal(["rv-new"], first.Reviews.Select(r => r.Id));
        Assert.Equal(2, first.Total);
        Assert.Equal(["rv-old"], second.Reviews.Select(r => r.Id));
    }

    [Fact]
    public async Task The_list_counts_a_decline_to_hand_on_and_an_officer_the_mail_could_not_reach_so_the_dashboard_reads_no_review_whole()
    {
        await ApplyAsync("rv-4",
        [
            new DraftReview("rv-4", "Careless rv-4", new YearMonth(2020, 12), "Children and Families Scrutiny Panel", "panel@council.example",
                new DateOnly(2027, 1, 20), new DateOnly(2027, 1, 8),
                [new AreaInput("Accommodation", [new QuestionInput("How many?", [Asha.Email]), new QuestionInput("How quickly?", [Dee.Email])])], [Asha, Dee], At(14)),
            new DispatchReview(At(14)),
            new DeclineQuestion("A1", null, [], "Not mine", At(15)),
            new RecordUndeliverable(Dee.Email, "rv-4.request.2", "550 no such user", At(15)),
        ]);
        await ApplyAsync("rv-5", Opened("rv-5", At(16)));

        var list = await Queries.ListAsync(new ReviewListQuery(PageSize: 10), None);

        Assert.Equal([("rv-5", 0, 0), ("rv-4", 1, 1)], list.Reviews.Select(r => (r.Id, r.Declines, r.Unreachable)));
    }

    [Fact]
    public async Task The_list_says_which_kind_of_review_each_line_is_and_how_many_follow_ups_so_readers_load_only_the_reviews_that_matter()
    {
        await ApplyAsync("rv-6", Opened("rv-6", At(14)));
        await ApplyAsync("rv-7", DecisionsSent("rv-7", At(15)));

        var list = await Queries.ListAsync(new ReviewListQuery(PageSize: 10), None);

        Assert.Equal([("rv-7", "decisions", true, 1, true), ("rv-6", "focus-report", false, 0, false)],
            list.Reviews.Select(r => (r.Id, r.Kind, r.MayBeDecisions, r.FollowUps, r.MayHaveFollowUps)));
    }
}
