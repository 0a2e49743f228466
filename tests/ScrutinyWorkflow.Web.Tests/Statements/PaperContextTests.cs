using System.Collections.Immutable;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using ScrutinyWorkflow.Core.Reviews;
using ScrutinyWorkflow.Web.Hosting;
using ScrutinyWorkflow.Web.Statements;
using static ScrutinyWorkflow.Testing.SampleDecisionsPapers;

namespace ScrutinyWorkflow.Web.Tests.Statements;

public sealed class PaperContextTests
{
    private static PaperContext Context(FakeReviewQueries queries) =>
        new(queries, new CouncilClock(new FakeTimeProvider(Now), Options.Create(new ScrutinyOptions())));

    /// <summary>Four hundred and fifty other papers to other panels: more than two pages of the list at its largest page size.</summary>
    private static IEnumerable<ReviewState> Crowd() =>
        Enumerable.Range(1, 450).Select(i => EarlierPapers()[2] with { ReviewId = $"rv-crowd-{i:D3}" });

    [Fact]
    public async Task It_pages_through_the_whole_list_and_loads_only_earlier_papers_to_the_panel_and_decisions_reviews()
    {
        var earlier = EarlierPapers();
        var octoberDecisions = Review() with { ReviewId = "rv-decisions-2026-10", DecisionsMonth = new YearMonth(2026, 10), MeetingDate = new DateOnly(2026, 12, 10), Panel = new Panel("Place Scrutiny Panel", "place@council.example") };
        // The remedies of the earlier decisions review sit last in the list, past the first two pages.
        var queries = new FakeReviewQueries([Review(), .. earlier, .. Crowd(), octoberDecisions]);

        var inputs = await Context(queries).GatherAsync(Review(), CancellationToken.None);

        Assert.Equal(3, queries.PagesRead);
        Assert.Equal(["rv-careless", "rv-housing"], inputs.EarlierToPanel.Select(r => r.ReviewId).Order(StringComparer.Ordinal));
        Assert.Equal(["rv-careless", "rv-decisions-2026-10", "rv-housing"], queries.Loaded.Order(StringComparer.Ordinal));
        Assert.Equal(4, inputs.Remedies.Count);
        Assert.Equal(Now, inputs.Now);
    }

    [Fact]
    public async Task Decisions_reviews_are_told_by_their_kind_not_by_their_titles()
    {
        // A decisions review whose paper's title was changed, and a focus report whose title happens to begin as a decisions paper's.
        var retitled = Review() with { ReviewId = "rv-retitled", FocusReport = new FocusReport("Complaints upheld this autumn", new YearMonth(2026, 10)), MeetingDate = new DateOnly(2026, 12, 10), Panel = new Panel("Place Scrutiny Panel", "place@council.example") };
        var lookalike = EarlierPapers()[2] with { ReviewId = "rv-lookalike", FocusReport = new FocusReport("Ombudsman decisions on children's care: a focus report", new YearMonth(2026, 6)) };
        var queries = new FakeReviewQueries([Review(), retitled, lookalike]);

        var inputs = await Context(queries).GatherAsync(Review(), CancellationToken.None);

        Assert.Contains("rv-retitled", queries.Loaded);
        Assert.DoesNotContain("rv-lookalike", queries.Loaded);
        Assert.NotEmpty(inputs.Remedies);
    }

    [Fact]
    public void A_line_listed_before_kinds_were_kept_may_be_a_decisions_review_and_is_loaded_to_find_out()
    {
        var line = Web.Engine.ReviewSummary.From(EarlierPapers()[2]) with { Kind = null };

        Assert.True(line.MayBeDecisions);
        Assert.False((line with { Kind = "focus-report" }).MayBeDecisions);
    }

    [Fact]
    public async Task A_position_statement_gathers_no_remedies_and_a_draft_is_never_loaded()
    {
        var statement = EarlierPapers()[0] with { ReviewId = "rv-new", MeetingDate = new DateOnly(2027, 3, 1) };
        var draft = Review() with { ReviewId = "rv-draft", Status = ReviewStatus.Draft, MeetingDate = new DateOnly(2026, 12, 1) };
        var queries = new FakeReviewQueries([statement, draft, .. EarlierPapers()]);

        var inputs = await Context(queries).GatherAsync(statement, CancellationToken.None);

        Assert.Empty(inputs.Remedies);
        Assert.DoesNotContain("rv-draft", queries.Loaded);
        Assert.Equal(["rv-careless", "rv-housing"], inputs.EarlierToPanel.Select(r => r.ReviewId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_published_figure_entered_on_an_earlier_months_review_reaches_this_months_paper_the_later_month_winning()
    {
        var place = new Panel("Place Scrutiny Panel", "place@council.example");
        var september = Review() with { ReviewId = "rv-decisions-2026-09", DecisionsMonth = new YearMonth(2026, 9), MeetingDate = new DateOnly(2026, 11, 5), Panel = place, PublishedCompliance = ImmutableDictionary<int, decimal>.Empty.Add(2026, 70m).Add(2025, 64m) };
        var october = Review() with { ReviewId = "rv-decisions-2026-10", DecisionsMonth = new YearMonth(2026, 10), MeetingDate = new DateOnly(2026, 12, 10), Panel = place, PublishedCompliance = ImmutableDictionary<int, decimal>.Empty.Add(2026, 72.5m) };
        var queries = new FakeReviewQueries([Review(), october, september]);

        var inputs = await Context(queries).GatherAsync(Review(), CancellationToken.None);

        Assert.Equal(72.5m, inputs.PublishedCompliance[2026]);
        Assert.Equal(64m, inputs.PublishedCompliance[2025]);
    }
}
