using DocumentFormat.OpenXml;
using ScrutinyWorkflow.Core.Calendar;
using ScrutinyWorkflow.Core.Decisions;
using ScrutinyWorkflow.Core.Statements;

namespace ScrutinyWorkflow.Documents.Statements;

/// <summary>
/// The monthly decisions paper as the Word appendix the panel's pack carries, landscape as the position statement is:
/// its title and particulars, every decision in one table, the learning from the upheld ones (answers printed as the
/// statement prints them), remedy compliance against the Ombudsman's published figure, and progress on the panel's
/// earlier recommendations. Every table's header row repeats on each page. The HTML view uses the same words.
/// </summary>
public static class DecisionsPaperDocx
{
    public const string DecisionsHeading = "Decisions";
    public const string LearningHeading = "Learning from upheld decisions";
    public const string ComplianceHeading = "Remedy compliance";
    public const string OutstandingHeading = "Remedies outstanding from earlier months";
    public const string NoLearning = "None of the month's decisions was upheld, so no service was asked what it had learned.";
    public const string NoOutstanding = "No remedy from an earlier month is outstanding.";
    public const string NotReleasedMarker = "Not yet released: this paper is for the scrutiny team to check before it goes to the panel.";

    public static readonly string[] DecisionColumns = ["Reference", "Decided", "Category", "Finding", "Summary", "Remedies"];
    public static readonly string[] LearningColumns = ["Decision", "What the service has learned", "Reporter", "Designation"];
    public static readonly string[] TallyColumns = ["Remedies", "On time", "Late", "Outstanding", "Not yet due"];
    public static readonly string[] OutstandingColumns = ["Decision", "Remedy", "Was due by"];

    public static byte[] Write(DecisionsPaper paper, WordLayout layout)
    {
        ArgumentNullException.ThrowIfNull(paper);
        ArgumentNullException.ThrowIfNull(layout);
        using var word = new WordDocument(paper.Title, layout);
        word.AddHeading(1, paper.Title);
        if (!paper.Released)
        {
            word.AddParagraph(NotReleasedMarker, bold: true);
        }
        word.AddParticulars(Particulars(paper), layout.Landscape);
        word.AddParagraph(paper.Summary);
        var width = WordDocument.TextWidth(layout.Landscape);

        if (paper.Decisions.Count > 0)
        {
            word.AddHeading(2, DecisionsHeading);
            word.AddTable(Columns(DecisionColumns, width, [10, 13, 11, 12, 26]), paper.Decisions.Select(d => (IReadOnlyList<IReadOnlyList<OpenXmlElement>>)
            [
                WordDocument.PlainText(d.Reference),
                WordDocument.PlainText(LongDate.Format(d.DecisionDate)),
                WordDocument.PlainText(d.Category),
                WordDocument.PlainText(d.FindingInWords, bold: d.IsUpheld),
                WordDocument.PlainText(d.Summary),
                Remedies(d),
            ]), rowsWhole: true);
        }

        word.AddHeading(2, LearningHeading);
        if (paper.Learning.Count == 0)
        {
            word.AddParagraph(NoLearning);
        }
        else
        {
            var columns = Columns(LearningColumns, width, [22, 50, 14]);
            word.AddTable(columns, paper.Learning.Select(l => (IReadOnlyList<IReadOnlyList<OpenXmlElement>>)
            [
                [.. WordDocument.PlainText($"{l.Decision.Reference}: {l.Decision.Category}"), .. WordDocument.PlainText(l.Decision.FindingInWords, italic: true)],
                Answer(word, paper, l, columns[1].Item2),
                WordDocument.PlainText(string.Join(" / ", l.Row.Reporters.Select(r => r.Name))),
                WordDocument.PlainText(string.Join(" / ", l.Row.Reporters.Select(r => r.Designation))),
            ]));
        }

        word.AddHeading(2, ComplianceHeading);
        word.AddTable(Columns(TallyColumns, width, [40, 15, 15, 15]), Tallies(paper).Select(t => (IReadOnlyList<IReadOnlyList<OpenXmlElement>>)
        [
            WordDocument.PlainText(t.Label),
            WordDocument.PlainText(Count(t.Tally.OnTime)),
            WordDocument.PlainText(Count(t.Tally.Late)),
            WordDocument.PlainText(Count(t.Tally.Outstanding)),
            WordDocument.PlainText(Count(t.Tally.NotYetDue)),
        ]), together: true);
        word.AddParticulars(Rates(paper), layout.Landscape);
        word.AddLeadIn(OutstandingHeading);
        if (paper.Compliance.OutstandingFromEarlier.Count == 0)
        {
            word.AddParagraph(NoOutstanding);
        }
        else
        {
            word.AddTable(Columns(OutstandingColumns, width, [25, 50]), paper.Compliance.OutstandingFromEarlier.Select(r => (IReadOnlyList<IReadOnlyList<OpenXmlElement>>)
            [
                WordDocument.PlainText(r.DecisionReference),
                WordDocument.PlainText(RemedyOf(r)),
                WordDocument.PlainText(LongDate.Format(r.Due)),
            ]));
        }

        ProgressSection.Add(word, paper.Progress, layout.Landscape);
        return word.ToBytes();
    }

    /// <summary>The particulars the paper opens with, in the same words as the HTML view.</summary>
    public static IEnumerable<(string Label, string Value)> Particulars(DecisionsPaper paper)
    {
        ArgumentNullException.ThrowIfNull(paper);
        yield return ("Panel", paper.Panel.Name);
        yield return ("Meeting date", LongDate.Format(paper.MeetingDate));
        yield return ("Decisions made in", paper.Month.ToDisplayString());
        yield return ("Compiled", LongDate.Format(paper.CompiledOn));
        yield return ("Version", paper.Version == 1 ? "1" : $"{paper.Version}, replacing version {paper.Version - 1}");
    }

    /// <summary>The compliance table's rows: the month's remedies, then the Ombudsman's year to date by remedy and by decision.</summary>
    public static IEnumerable<(string Label, RemedyTally Tally)> Tallies(DecisionsPaper paper)
    {
        ArgumentNullException.ThrowIfNull(paper);
        var year = paper.Compliance.Year;
        yield return ($"Due in {paper.Month.ToDisplayString()}", paper.Compliance.DueInMonth);
        yield return ($"{year.Name} to date, by remedy", year.ByRemedy);
        yield return ($"{year.Name} to date, by decision (as the Ombudsman counts)", year.ByDecision);
    }

    /// <summary>The year's rates beside the Ombudsman's published figure.</summary>
    public static IEnumerable<(string Label, string Value)> Rates(DecisionsPaper paper)
    {
        ArgumentNullException.ThrowIfNull(paper);
        var year = paper.YearRate;
        yield return ($"{year.Year.Name} to date, by remedy", year.ByRemedyInWords);
        yield return ($"{year.Year.Name} to date, by decision", year.ByDecisionInWords);
        yield return ("Ombudsman's published figure", year.PublishedInWords);
    }

    /// <summary>"Due by 3 December 2026: done late", under each remedy.</summary>
    public static string DueLine(PaperRemedy remedy)
    {
        ArgumentNullException.ThrowIfNull(remedy);
        return $"Due by {LongDate.Format(remedy.Due)}: {remedy.StandingInWords.ToLowerInvariant()}";
    }

    public const string NoRemedies = "None";

    /// <summary>"Remedy 1: Payment", as the table of remedies outstanding from earlier months names one.</summary>
    public static string RemedyOf(TrackedRemedy remedy)
    {
        ArgumentNullException.ThrowIfNull(remedy);
        return $"Remedy {remedy.Number}: {remedy.Kind.Describe()}";
    }

    private static List<OpenXmlElement> Remedies(PaperDecision decision)
    {
        if (decision.Remedies.Count == 0)
        {
            return WordDocument.PlainText(NoRemedies, italic: true);
        }
        return [.. decision.Remedies.SelectMany(r => (IEnumerable<OpenXmlElement>)[.. WordDocument.PlainText($"{r.Number}. {r.Describe()}"), .. WordDocument.PlainText(DueLine(r), italic: true)])];
    }

    private static List<OpenXmlElement> Answer(WordDocument word, DecisionsPaper paper, DecisionLearning learning, int width) =>
        paper.AnswerTo(learning) is { } answer
            ? [.. word.Blocks(answer, width - 216), .. learning.Row.LateAnswer ? WordDocument.PlainText(StatementDocx.LateMarker, italic: true) : []]
            : WordDocument.PlainText(learning.Row.Unanswered!, italic: true);

    private static string Count(int count) => count.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Columns at the given percentages of the text width, the last taking what is left.</summary>
    private static (string, int)[] Columns(string[] headers, int width, int[] percents)
    {
        var widths = percents.Select(p => width * p / 100).ToList();
        widths.Add(width - widths.Sum());
        return [.. headers.Zip(widths)];
    }
}
