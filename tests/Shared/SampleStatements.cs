using ScrutinyWorkflow.Core.Reviews;
using ScrutinyWorkflow.Core.Statements;

namespace ScrutinyWorkflow.Testing;

/// <summary>
/// Position statements with answers written as officers write them, in the documented Markdown: the same ones for the
/// Word, HTML and filing tests and the benchmark. Compiled into each from this one file.
/// </summary>
internal static class SampleStatements
{
    public static readonly Reporter Sian = new("Siân Llewellyn", "Head of Service, Children in Care");
    public static readonly Reporter DataTeam = new("Children's Services Data Team", "Performance and Data Team");
    public static readonly Reporter Tom = new("Tom Okafor", "Team Manager, Looked After Children");

    public const string RichAnswer = """
        As at 31 December there were **three** young people aged 16 or 17 in bed and breakfast, each for *fewer than five nights*.

        What we do when one is placed:

        - the duty manager is told the same day
        - a social worker visits within 24 hours
          - and again every week

        Our steps, in order:

        1. find a supported lodging placement
        2. review the placement at 28 days

        | Quarter | Placements |
        |---------|-----------:|
        | Q1      | 4          |
        | Q2      | 2          |

        See the [placement sufficiency strategy](https://www.council.example/sufficiency) for more.

        <script>alert('stolen')</script>

        A [tricky link](javascript:alert(1)) and <b onclick="evil()">a tag</b> left behind.
        """;

    public static PositionStatement Small(string? firstAnswer = null, bool released = true) => new(
        new FocusReport("Careless: helping to improve council services to children in care", new YearMonth(2020, 12)),
        new Panel("Children and Families Scrutiny Panel", "panel@council.example"),
        new DateOnly(2027, 1, 20),
        new DateOnly(2027, 1, 9),
        [
            new StatementArea("Accommodation for 16 and 17 year olds",
            [
                new StatementRow("Q1", "How many 16 and 17 year olds are in bed and breakfast accommodation?", firstAnswer ?? RichAnswer, null, [Sian, DataTeam], Number: 1),
                new StatementRow("Q2", "How do we assess their needs?", null, new DateOnly(2027, 1, 8), [Tom], Number: 2),
            ]),
            new StatementArea("Care leavers",
            [
                new StatementRow("Q3", "Does every care leaver have a personal adviser?", "Yes: all 212 of them.", null, [Tom], LateAnswer: true, Number: 3),
            ]),
        ],
        released,
        AskedOn: new DateOnly(2026, 12, 7),
        Deadline: new DateOnly(2027, 1, 8));

    /// <summary>A large statement: six areas of ten questions, each answer several paragraphs, lists and a table long.</summary>
    public static PositionStatement Large(int areas = 6, int questionsPerArea = 10)
    {
        var number = 0;
        return Small() with
        {
            Areas =
            [
                .. Enumerable.Range(1, areas).Select(a => new StatementArea($"Area of focus {a}",
                [
                    .. Enumerable.Range(1, questionsPerArea).Select(_ =>
                    {
                        number++;
                        return new StatementRow($"Q{number}", $"Question {number}: how does the council make sure every child in care is heard when their plan changes?",
                            number % 7 == 0 ? null : LongAnswer(number), number % 7 == 0 ? new DateOnly(2027, 1, 8) : null, number % 3 == 0 ? [Sian, DataTeam] : [Tom], Number: number);
                    }),
                ])),
            ],
        };
    }

    private static string LongAnswer(int number) => string.Join("\n\n", Enumerable.Range(1, 4).Select(p =>
        $"Paragraph {p} of answer {number}. The service has reviewed **every placement** made in the last year, with the *independent reviewing officers*, and found that plans were updated on time in most cases; where they were not, the reasons were recorded and followed up with the team manager concerned.")) + """


        - visits within statutory timescales: 94%
        - plans reviewed on time: 91%
        - children seen alone: 88%

        1. audit ten cases a month
        2. report to the corporate parenting board
        3. see the [improvement plan](https://www.council.example/improvement)

        | Measure | This year | Last year |
        |---|---|---|
        | Visits | 94% | 90% |
        | Reviews | 91% | 87% |
        """;
}
