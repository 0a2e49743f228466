using DocumentFormat.OpenXml;
using ScrutinyWorkflow.Core.Calendar;
using ScrutinyWorkflow.Core.Statements;

namespace ScrutinyWorkflow.Documents.Statements;

/// <summary>
/// The position statement as the Word appendix a panel's agenda pack carries: its title, the panel and meeting, then
/// per area of focus in the report's order a heading and a table (Question | Position statement | Reporter |
/// Designation) whose header row repeats on every page, questions numbered down the statement.
/// </summary>
public static class StatementDocx
{
    public const string ContentType = WordDocument.ContentType;
    public const string Question = "Question";
    public const string PositionStatementColumn = "Position statement";
    public const string Reporter = "Reporter";
    public const string Designation = "Designation";
    public const string LateMarker = "Received after the deadline.";
    public const string NotReleasedMarker = "Not yet released: this statement is for the scrutiny team to check before it goes to the panel.";
    public const string ChangesHeading = "Changes since the last version";

    public static byte[] Write(StatementPaper paper, int appendixNumber, WordLayout layout)
    {
        var statement = paper.Statement;
        var title = CoverReport.AppendixTitle(appendixNumber);
        using var word = new WordDocument(title, layout);
        word.AddHeading(1, title);
        if (!statement.Released)
        {
            word.AddParagraph(NotReleasedMarker, bold: true);
        }
        word.AddParticulars(Particulars(statement), layout.Landscape);
        if (statement.ChangedRows.Count > 0)
        {
            word.AddHeading(2, ChangesHeading);
            word.AddBullets(statement.ChangedRows.Select(c => c.Describe()));
        }

        var width = WordDocument.TextWidth(layout.Landscape);
        (string, int)[] columns =
        [
            (Question, width * 26 / 100),
            (PositionStatementColumn, width * 46 / 100),
            (Reporter, width * 14 / 100),
            (Designation, width - (width * 86 / 100)),
        ];
        foreach (var area in statement.Areas)
        {
            word.AddHeading(2, area.Heading);
            word.AddTable(columns, area.Rows.Select(row => (IReadOnlyList<IReadOnlyList<OpenXmlElement>>)
            [
                WordDocument.PlainText($"{row.Number}. {row.Question}"),
                Answer(word, paper, row, columns[1].Item2),
                WordDocument.PlainText(string.Join(" / ", row.Reporters.Select(r => r.Name))),
                WordDocument.PlainText(string.Join(" / ", row.Reporters.Select(r => r.Designation))),
            ]));
        }
        ProgressSection.Add(word, paper.Progress, layout.Landscape);
        return word.ToBytes();
    }

    /// <summary>The particulars the appendix opens with, in the same words as the HTML view.</summary>
    public static IEnumerable<(string Label, string Value)> Particulars(PositionStatement statement)
    {
        yield return ("Panel", statement.Panel.Name);
        yield return ("Meeting date", LongDate.Format(statement.MeetingDate));
        yield return ("Focus report", $"{statement.FocusReport.Title} ({statement.FocusReport.Published.ToDisplayString()})");
        yield return ("Compiled", LongDate.Format(statement.CompiledOn));
        yield return ("Version", statement.Version == 1 ? "1" : $"{statement.Version}, replacing version {statement.Version - 1}");
        if (statement.ClosedEarlyOn is { } closedOn)
        {
            yield return ("Closed early", statement.ClosedEarlyReason is { } reason ? $"{LongDate.Format(closedOn)}: {reason}" : LongDate.Format(closedOn));
        }
    }

    private static List<OpenXmlElement> Answer(WordDocument word, StatementPaper paper, StatementRow row, int width)
    {
        if (paper.AnswerTo(row) is not { } answer)
        {
            return WordDocument.PlainText(row.Unanswered!, italic: true);
        }
        // The cell's padding comes out of its width; a nested table fits inside what is left.
        var blocks = word.Blocks(answer, width - 216);
        if (row.LateAnswer)
        {
            blocks.AddRange(WordDocument.PlainText(LateMarker, italic: true));
        }
        return blocks;
    }
}
