using DocumentFormat.OpenXml;
using ScrutinyWorkflow.Core.Calendar;
using ScrutinyWorkflow.Core.Statements;

namespace ScrutinyWorkflow.Documents.Statements;

/// <summary>
/// "Progress on recommendations" as both papers end with it: one table (Recommendation | Owner | Status | Owner's
/// latest update), its header row repeated on every page, in the same words as the HTML views.
/// </summary>
public static class ProgressSection
{
    public const string Heading = "Progress on recommendations";
    public const string Recommendation = "Recommendation";
    public const string Owner = "Owner";
    public const string Status = "Status";
    public const string LatestUpdate = "Owner's latest update";
    public const string NoUpdate = "No update yet.";

    /// <summary>"Made on: Careless (10 December 2026)", under the recommendation's words.</summary>
    public static string MadeOn(ProgressEntry entry) => $"Made on: {entry.MadeOn}";

    /// <summary>"Given on 5 January 2027", under the owner's words.</summary>
    public static string GivenOn(ProgressEntry entry) => entry.Row.WordsGivenAt is { } at ? $"Given on {LongDate.Format(DateOnly.FromDateTime(at.DateTime))}" : "";

    /// <summary>The scrutiny officer's note when closing it, under the status.</summary>
    public static string? ClosingNote(ProgressEntry entry) => entry.Row.ClosingNote is { } note ? $"Note: {note}" : null;

    internal static void Add(WordDocument word, IReadOnlyList<ProgressEntry> entries, bool landscape)
    {
        if (entries.Count == 0)
        {
            return;
        }
        word.AddHeading(2, Heading);
        var width = WordDocument.TextWidth(landscape);
        (string, int)[] columns =
        [
            (Recommendation, width * 34 / 100),
            (Owner, width * 18 / 100),
            (Status, width * 18 / 100),
            (LatestUpdate, width - (width * 70 / 100)),
        ];
        word.AddTable(columns, entries.Select(entry => (IReadOnlyList<IReadOnlyList<OpenXmlElement>>)
        [
            [.. WordDocument.PlainText(entry.Row.Recommendation), .. WordDocument.PlainText(MadeOn(entry), italic: true)],
            [.. WordDocument.PlainText(entry.Row.Owner), .. WordDocument.PlainText(entry.Row.Designation, italic: true)],
            [.. WordDocument.PlainText(entry.Row.Status), .. ClosingNote(entry) is { } note ? WordDocument.PlainText(note, italic: true) : []],
            entry.Row.OwnersWords is { } words
                ? [.. WordDocument.PlainText(words), .. WordDocument.PlainText(GivenOn(entry), italic: true)]
                : WordDocument.PlainText(NoUpdate, italic: true),
        ]), rowsWhole: true);
    }
}
