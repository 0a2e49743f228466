using ScrutinyWorkflow.Core.Reviews;
using ScrutinyWorkflow.Core.Statements;
using ScrutinyWorkflow.Web.Statements;

namespace ScrutinyWorkflow.Web.Tests.Statements;

public sealed class StatementHtmlTests
{
    private static readonly Reporter Asha = new("Asha Patel", "Head of Service, Children in Care");
    private static readonly Reporter Ben = new("Ben Okafor", "Data and Performance Lead");

    private static PositionStatement Statement(string answer) => new(
        new FocusReport("Careless: helping to improve council services to children in care", new YearMonth(2020, 12)),
        new Panel("Children and Families Scrutiny Panel", "panel@council.example"),
        new DateOnly(2027, 1, 20),
        new DateOnly(2027, 1, 9),
        [
            new StatementArea("Accommodation for 16 and 17 year olds",
            [
                new StatementRow("Q1", "How many are in bed and breakfast?", answer, null, [Asha, Ben]),
                new StatementRow("Q2", "How do we assess their needs?", null, new DateOnly(2027, 1, 8), [Ben]),
            ]),
            new StatementArea("Care leavers", [new StatementRow("Q3", "Does every care leaver have an adviser?", "Yes.", null, [Asha])]),
        ]);

    [Fact]
    public void Html_joins_reporters_marks_missing_answers_and_encodes_what_people_wrote()
    {
        var html = StatementHtml.Render(Statement("<script>alert('x')</script>\n\nSecond paragraph"));

        Assert.Contains("Asha Patel / Ben Okafor", html, StringComparison.Ordinal);
        Assert.Contains("Head of Service, Children in Care / Data and Performance Lead", html, StringComparison.Ordinal);
        Assert.Contains("No response received by 8 January 2027", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("<p>Second paragraph</p>", html, StringComparison.Ordinal);
        Assert.Contains("<caption>Care leavers</caption>", html, StringComparison.Ordinal);
    }
}
