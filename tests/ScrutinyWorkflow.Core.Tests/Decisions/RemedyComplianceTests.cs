using ScrutinyWorkflow.Core.Decisions;
using ScrutinyWorkflow.Core.Reviews;

namespace ScrutinyWorkflow.Core.Tests.Decisions;

public sealed class RemedyComplianceTests
{
    private static DateTimeOffset At(int year, int month, int day, int hour = 10) => new(year, month, day, hour, 0, 0, TimeSpan.Zero);

    private static TrackedRemedy Remedy(DateOnly due, DateTimeOffset? evidenced = null, string reference = "24 001 001", int number = 1) =>
        new(reference, number, RemedyKind.Apology, due, evidenced);

    private static readonly DateOnly Due = new(2024, 4, 12);

    [Fact]
    public void Given_no_evidence_a_remedy_is_not_yet_due_until_the_end_of_its_day_and_outstanding_from_the_next()
    {
        Assert.Equal(RemedyStanding.NotYetDue, Remedy(Due).StandingAt(At(2024, 4, 12, 23)));
        Assert.Equal(RemedyStanding.Outstanding, Remedy(Due).StandingAt(At(2024, 4, 13, 0)));
    }

    [Fact]
    public void Given_evidence_on_the_due_date_or_before_it_the_remedy_is_on_time_even_before_its_date_has_come()
    {
        Assert.Equal(RemedyStanding.OnTime, Remedy(Due, At(2024, 4, 12, 17)).StandingAt(At(2024, 5, 1)));
        Assert.Equal(RemedyStanding.OnTime, Remedy(Due, At(2024, 4, 2)).StandingAt(At(2024, 4, 3)));
    }

    [Fact]
    public void Given_evidence_after_the_due_date_the_remedy_is_late_however_long_ago()
    {
        Assert.Equal(RemedyStanding.Late, Remedy(Due, At(2024, 4, 15)).StandingAt(At(2025, 1, 1)));
    }

    [Fact]
    public void The_years_rate_is_remedies_done_on_time_over_remedies_due_and_leaves_out_those_not_yet_due()
    {
        var now = At(2025, 3, 20);
        YearCompliance year = YearCompliance.Of(2024,
        [
            Remedy(new(2024, 4, 12), At(2024, 4, 10), "A"),
            Remedy(new(2024, 6, 3), At(2024, 6, 3), "B"),
            Remedy(new(2024, 9, 30), At(2024, 10, 7), "C"),
            Remedy(new(2025, 1, 15), null, "D"),
            Remedy(new(2025, 3, 28), null, "E"),
            // The Ombudsman's year ends on 31 March: these two belong to the years either side.
            Remedy(new(2024, 3, 31), null, "F"),
            Remedy(new(2025, 4, 1), null, "G"),
        ], now);

        Assert.Equal("2024/25", year.Name);
        Assert.Equal(new RemedyTally(OnTime: 2, Late: 1, Outstanding: 1, NotYetDue: 1), year.ByRemedy);
        Assert.Equal(50.0m, year.ByRemedy.OnTimeRate);
        Assert.Equal(75.0m, year.ByRemedy.DoneRate);
    }

    [Fact]
    public void By_decision_a_case_counts_as_its_worst_remedy_as_the_Ombudsman_counts_cases()
    {
        var now = At(2024, 8, 1);
        var year = YearCompliance.Of(2024,
        [
            Remedy(new(2024, 5, 1), At(2024, 4, 30), "A", 1),
            Remedy(new(2024, 7, 1), At(2024, 7, 5), "A", 2),
            Remedy(new(2024, 5, 1), At(2024, 4, 30), "B", 1),
            Remedy(new(2024, 6, 1), At(2024, 5, 30), "B", 2),
        ], now);

        Assert.Equal(new RemedyTally(OnTime: 1, Late: 1, Outstanding: 0, NotYetDue: 0), year.ByDecision);
        Assert.Equal(new RemedyTally(OnTime: 3, Late: 1, Outstanding: 0, NotYetDue: 0), year.ByRemedy);
    }

    [Fact]
    public void A_year_with_nothing_due_has_no_rate_rather_than_a_rate_of_nothing()
    {
        var year = YearCompliance.Of(2024, [Remedy(new(2024, 12, 1))], At(2024, 6, 1));

        Assert.Null(year.ByRemedy.OnTimeRate);
    }

    [Fact]
    public void A_months_paper_counts_the_remedies_due_in_it_and_lists_earlier_ones_still_outstanding()
    {
        var now = At(2024, 11, 4);
        TrackedRemedy[] remedies =
        [
            Remedy(new(2024, 10, 1), At(2024, 9, 28), "A"),
            Remedy(new(2024, 10, 18), At(2024, 10, 22), "B"),
            Remedy(new(2024, 10, 31), null, "C"),
            Remedy(new(2024, 8, 30), null, "D"),
            Remedy(new(2024, 9, 13), At(2024, 10, 2), "E"),
            Remedy(new(2024, 11, 29), null, "F"),
        ];

        var month = RemedyCompliance.ForMonth(new YearMonth(2024, 10), remedies, now);

        Assert.Equal(new RemedyTally(OnTime: 1, Late: 1, Outstanding: 1, NotYetDue: 0), month.DueInMonth);
        Assert.Equal(["D"], month.OutstandingFromEarlier.Select(r => r.DecisionReference));
        Assert.Equal(2024, month.Year.FirstYear);
        Assert.Equal(new RemedyTally(OnTime: 1, Late: 2, Outstanding: 2, NotYetDue: 1), month.Year.ByRemedy);
    }

    [Fact]
    public void A_month_in_the_first_quarter_of_a_calendar_year_belongs_to_the_Ombudsmans_year_begun_the_April_before()
    {
        Assert.Equal(2024, YearCompliance.FirstYearOf(new DateOnly(2025, 3, 31)));
        Assert.Equal(2025, YearCompliance.FirstYearOf(new DateOnly(2025, 4, 1)));
    }
}
