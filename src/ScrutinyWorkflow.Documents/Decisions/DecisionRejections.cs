namespace ScrutinyWorkflow.Documents.Decisions;

/// <summary>
/// Why decision statements are refused: the reasons a focus report is refused (empty, too large, damaged...), told
/// for a decision, and the reasons only decisions have.
/// </summary>
public static class DecisionRejections
{
    public const string NoDecisionStatement = "no-decision-statement";
    public const string CsvUnreadable = "csv-unreadable";
    public const string CsvNoColumns = "csv-no-decision-columns";

    private const string ByHand = "or paste the text of each decision statement instead";

    /// <summary>A refusal the shared readers gave, ending with what to do about a decision rather than a report.</summary>
    internal static IngestionRejected ForDecisions(IngestionRejected rejection) => rejection with
    {
        Detail = rejection.Detail.Replace(Rejections.ByHand, ByHand, StringComparison.Ordinal),
    };

    internal static IngestionRejected NotADecision(string detail) => new(
        NoDecisionStatement,
        "No decision statement was found",
        $"{detail} Check that this is one of the Ombudsman's decision statements about the council (its final decision, "
        + $"or its page on the Ombudsman's website), {ByHand}.");

    internal static IngestionRejected Unreadable(string problem) => new(
        CsvUnreadable,
        "The spreadsheet could not be read",
        $"It is not a well-formed CSV file: {problem}. Save it again from the spreadsheet as CSV (comma separated) and upload that, {ByHand}.");

    internal static IngestionRejected NoColumns(IReadOnlyList<string> header) => new(
        CsvNoColumns,
        "The spreadsheet has no columns for decisions",
        $"Its first line should name its columns, with at least “Reference” and “Decision date” (and “Council”, "
        + $"“Category”, “Decision”, “Summary”, “Remedies” where you have them); it names {Names(header)}. Add the "
        + $"column names and upload it again, {ByHand}.");

    private static string Names(IReadOnlyList<string> header) =>
        header.Count == 0 ? "none" : string.Join(", ", header.Take(8).Select(name => $"“{(name.Length > 40 ? name[..40] + "…" : name)}”"));
}
