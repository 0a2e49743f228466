using CsvHelper;
using ScrutinyWorkflow.Core.Calendar;
using ScrutinyWorkflow.Core.Decisions;

namespace ScrutinyWorkflow.Documents.Decisions;

/// <summary>
/// A CSV of decisions, a row each, as a scrutiny team keeps them in a spreadsheet or exports them: columns found by
/// their names (in any order, any case), the remedies in one cell separated by semicolons.
/// </summary>
internal static class DecisionSpreadsheet
{
    private enum Column
    {
        Reference,
        DecisionDate,
        Council,
        Category,
        Outcome,
        Summary,
        Remedies,
    }

    /// <summary>The names each column goes by, lower case with spaces and punctuation taken out.</summary>
    private static readonly Dictionary<string, Column> Names = new(StringComparer.Ordinal)
    {
        ["reference"] = Column.Reference,
        ["ref"] = Column.Reference,
        ["complaintreference"] = Column.Reference,
        ["referencenumber"] = Column.Reference,
        ["ourref"] = Column.Reference,
        ["casereference"] = Column.Reference,
        ["decisiondate"] = Column.DecisionDate,
        ["date"] = Column.DecisionDate,
        ["dateofdecision"] = Column.DecisionDate,
        ["council"] = Column.Council,
        ["authority"] = Column.Council,
        ["organisation"] = Column.Council,
        ["complaintagainst"] = Column.Council,
        ["category"] = Column.Category,
        ["service"] = Column.Category,
        ["decision"] = Column.Outcome,
        ["outcome"] = Column.Outcome,
        ["finding"] = Column.Outcome,
        ["summary"] = Column.Summary,
        ["remedies"] = Column.Remedies,
        ["remedy"] = Column.Remedies,
        ["agreedaction"] = Column.Remedies,
        ["agreedactions"] = Column.Remedies,
        ["actions"] = Column.Remedies,
    };

    public static IngestionOutcome Read(string text, WorkingCalendar calendar)
    {
        CsvMalformedRecord? malformed = null;
        var options = CsvReaderOptions.Default with
        {
            TrackLineNumbers = true,
            MalformedData = CsvMalformedDataHandling.Skip,
            OnMalformedRecord = record => malformed ??= record,
        };
        using var reader = CsvReader.FromText(text, options);
        var header = reader.Headers.Select(name => name.Trim()).ToList();
        var columns = new Dictionary<Column, int>();
        for (var i = 0; i < header.Count; i++)
        {
            if (Names.TryGetValue(Key(header[i]), out var column))
            {
                columns.TryAdd(column, i);
            }
        }
        if (!columns.ContainsKey(Column.Reference) && !columns.ContainsKey(Column.Summary))
        {
            return malformed is { } early ? Malformed(early) : DecisionRejections.NoColumns(header);
        }

        var decisions = new List<ProposedDecision>();
        while (reader.Read() && decisions.Count < DecisionStatementReader.MaxDecisions)
        {
            string? Cell(Column column) => columns.TryGetValue(column, out var at) && at < reader.FieldCount ? reader.GetString(at) : null;
            var fields = new DecisionFields(Cell(Column.Reference), Cell(Column.DecisionDate), Cell(Column.Council), Cell(Column.Category),
                Cell(Column.Outcome), Cell(Column.Summary), Cell(Column.Remedies));
            if (new[] { fields.Reference, fields.DecisionDate, fields.Summary, fields.Remedies }.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }
            decisions.Add(DecisionStatementReader.FromFields(fields, calendar));
        }
        // A half-quoted cell usually means a summary cut in two: refuse rather than propose half a decision.
        return malformed is { } record ? Malformed(record)
            : decisions.Count == 0 ? DecisionRejections.NotADecision("The spreadsheet has its column names but no rows of decisions under them.")
            : new DecisionsIngested(decisions, "csv");
    }

    private static IngestionRejected Malformed(CsvMalformedRecord record) => DecisionRejections.Unreadable(record.Reason switch
    {
        CsvMalformedReason.StrayQuote => $"line {record.LineNumber} has a quote inside a cell that is not quoted",
        CsvMalformedReason.TextAfterClosingQuote => $"line {record.LineNumber} has text after a closing quote",
        CsvMalformedReason.UnterminatedQuote => $"a quoted cell starting on line {record.LineNumber} is never closed",
        var reason => $"line {record.LineNumber} is malformed ({reason})",
    });

    private static string Key(string name) => new([.. name.ToLowerInvariant().Where(char.IsLetter)]);
}
