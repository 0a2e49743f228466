using System.Text.RegularExpressions;
using ScrutinyWorkflow.Core.Calendar;
using ScrutinyWorkflow.Core.Reports;
using static ScrutinyWorkflow.Core.Decisions.DecisionWording;

namespace ScrutinyWorkflow.Core.Decisions;

/// <summary>
/// Proposes the fields of the Ombudsman's decision statements from a document's blocks (as every focus-report reader
/// produces them): reference, decision date, council, category, finding, summary and the remedies agreed, each field
/// marked for checking where it was not read with confidence.
/// </summary>
/// <remarks>
/// A statement as published opens with its date, "Complaint reference:" and "Complaint against:" (the PDF), or with
/// "Council name (23 012 345)", "Category :", "Decision :" and "Decision date :" (the web page); then "Summary:", the
/// numbered sections, "Agreed action" and "Final decision". Several statements pasted one after another are told apart
/// where a new header begins after a statement's body. What comes out is a draft the scrutiny officer checks.
/// </remarks>
public static partial class DecisionStatementReader
{
    /// <summary>A month's decisions about one council are a handful; a year's, a few hundred at most.</summary>
    public const int MaxDecisions = 500;

    /// <summary>Summaries run to a paragraph; anything far longer is a layout read as one block.</summary>
    public const int MaxSummaryLength = 4_000;

    /// <summary>A remedy is a sentence or two.</summary>
    public const int MaxRemedyLength = 2_000;

    /// <summary>A statement's header, before its body starts, is a few lines; a title with a reference is short.</summary>
    private const int MaxHeaderWords = 25;

    public static DecisionReading Read(IReadOnlyList<ReportBlock> blocks, WorkingCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        ArgumentNullException.ThrowIfNull(calendar);
        var cleaned = blocks
            .Select(block => block with { Text = ReportText.Clean(block.Text) })
            .SelectMany(SplitRunOnLabels)
            .Where(block => block.Text.Any(char.IsLetterOrDigit))
            .ToList();
        if (cleaned.Count == 0)
        {
            return new DecisionsNotRead(DecisionReadFailure.NoText, "The document has no text that could be read.");
        }

        var decisions = Statements(cleaned)
            .Where(LooksLikeAStatement)
            .Take(MaxDecisions)
            .Select(statement => ReadOne(statement, calendar))
            .ToList();
        return decisions.Count > 0
            ? new DecisionsRead(decisions)
            : new DecisionsNotRead(DecisionReadFailure.NotADecision,
                "Nothing in it reads as a decision statement: no complaint reference (like 23 012 345), no “Summary:” and no “Final decision”.");
    }

    /// <summary>
    /// One decision from a spreadsheet's row, each field as the cell gave it. Fields in their own cells are taken as
    /// given; only a cell that cannot be read (a date that is not one) or is empty is marked for checking.
    /// </summary>
    public static ProposedDecision FromFields(DecisionFields fields, WorkingCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentNullException.ThrowIfNull(calendar);
        var reference = Reference().Match(fields.Reference ?? "") is { Success: true } match
            ? new ReadValue<string?>(FormatReference(match))
            : new ReadValue<string?>(Blank(fields.Reference), "This is not a complaint reference like 23 012 345.");
        var date = Blank(fields.DecisionDate) is not { } dateText ? new ReadValue<DateOnly?>(null, "No decision date was given.")
            : (DateOnly.TryParseExact(dateText, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var iso) ? iso : ParseDate(dateText)) is { } parsed
                ? new ReadValue<DateOnly?>(parsed)
                : new ReadValue<DateOnly?>(null, $"“{dateText}” could not be read as a date.");
        var summary = Blank(fields.Summary);
        var finding = (Blank(fields.Outcome) is { } outcome ? DecisionFindingWords.FromOutcomeLabel(outcome) ?? DecisionFindingWords.Classify(outcome)?.Finding : null) is { } given
            ? new ReadValue<DecisionFinding?>(given)
            : summary is not null && DecisionFindingWords.Classify(summary) is { } fromSummary
                ? new ReadValue<DecisionFinding?>(fromSummary.Finding, "Worked out from the summary: the decision column was empty or not one the Ombudsman uses.")
                : new ReadValue<DecisionFinding?>(null, "No decision (upheld, not upheld...) was given.");
        return new ProposedDecision(
            reference,
            date,
            Blank(fields.Council) is { } council ? new(council) : new(null, "No council was given."),
            Blank(fields.Category) is { } category ? new(category) : new(null, "No category was given."),
            finding,
            summary is null ? new(null, "No summary was given.") : new(summary.Length > MaxSummaryLength ? summary[..MaxSummaryLength] + "…" : summary),
            RemedyReader.FromList((fields.Remedies ?? "").Split([';', '\n']), date.Value, calendar));
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : ReportText.Clean(text);

    /// <summary>
    /// Text pasted from the web page keeps its header lines together ("Category : Housing Decision : Upheld Decision
    /// date : 12 Mar 2024" in one block, once the line breaks are lost): each label starts a block of its own again.
    /// </summary>
    private static IEnumerable<ReportBlock> SplitRunOnLabels(ReportBlock block)
    {
        var parts = RunOnLabel().Split(block.Text);
        return parts.Length == 1 ? [block] : parts.Select(part => block with { Kind = BlockKind.Paragraph, Text = part.Trim() });
    }

    [GeneratedRegex(@"\s+(?=(?:Category|Decision\s+date|Decision|Date|Complaint\s+reference|Complaint\s+against|Reference\s+number|Our\s+ref|Summary)\s?:)", RegexOptions.CultureInvariant)]
    private static partial Regex RunOnLabel();

    /// <summary>
    /// Splits the blocks into statements: a new one starts where a header line (a reference, "Complaint against:",
    /// a decision date) comes after the body of the one before, taking with it the title lines just above it.
    /// </summary>
    private static List<List<ReportBlock>> Statements(List<ReportBlock> blocks)
    {
        var statements = new List<List<ReportBlock>>();
        var current = new List<ReportBlock>();
        var inBody = false;
        for (var i = 0; i < blocks.Count; i++)
        {
            if (inBody && StartsAHeader(blocks, i))
            {
                var carried = new List<ReportBlock>();
                while (current.Count > 0 && IsTitleLine(current[^1]))
                {
                    carried.Insert(0, current[^1]);
                    current.RemoveAt(current.Count - 1);
                }
                statements.Add(current);
                current = carried;
                inBody = false;
            }
            current.Add(blocks[i]);
            inBody |= IsBody(blocks[i]);
        }
        statements.Add(current);
        return statements;
    }

    private static bool StartsAHeader(List<ReportBlock> blocks, int index)
    {
        var text = blocks[index].Text;
        if (IsHeaderLabel(text))
        {
            return true;
        }
        // A date alone on its line opens the PDF form, but dates also stand alone in a body: only with a label below.
        return IsDateOnly(text) && blocks.Skip(index + 1).Take(3).Any(next => IsHeaderLabel(next.Text));
    }

    private static bool IsHeaderLabel(string text) =>
        (ReferenceLabel().Match(text) is { Success: true, Length: > 0 } label && Reference().IsMatch(text[label.Length..]))
        || CouncilLabel().IsMatch(text)
        || (ReferenceInBrackets().IsMatch(text) && Words(text) <= MaxHeaderWords)
        || (DateLabel().IsMatch(text) && ParseDate(text) is not null);

    private static bool IsDateOnly(string text) => Words(text) <= 5 && ParseDate(text) is not null && !text.Contains(':', StringComparison.Ordinal);

    private static bool IsBody(ReportBlock block) =>
        SectionHeading(block.Text) is not null and not "the ombudsman's final decision"
        || (SummaryLabel().Match(block.Text) is { Success: true } summary && summary.Length > 0 && block.Text.Length > summary.Length);

    private static bool IsTitleLine(ReportBlock block) =>
        SectionHeading(block.Text) is null && !IsBody(block) && Words(block.Text) <= 15 && block.Text[^1] is not ('.' or ';' or ',')
        && (block.Kind == BlockKind.Heading || block.Text.Contains("Council", StringComparison.Ordinal) || block.Text.Contains("decision", StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// A statement has a header line (a reference, "Complaint against:", a decision date) or, failing that, both a
    /// "Summary:" and the sections a decision ends with: a focus report's "Summary" and "Conclusions" are not enough.
    /// </summary>
    private static bool LooksLikeAStatement(List<ReportBlock> statement) =>
        statement.Any(block => IsHeaderLabel(block.Text))
        || (statement.Any(block => SummaryLabel().Match(block.Text) is { Success: true } label && label.Length > 0 && block.Text.Length > label.Length)
            && statement.Any(block => SectionHeading(block.Text) is { } heading && (FinalDecisionHeadings.Contains(heading) || ActionHeadings.Contains(heading))));

    private static ProposedDecision ReadOne(List<ReportBlock> statement, WorkingCalendar calendar)
    {
        var bodyStarts = statement.FindIndex(IsBody);
        var header = bodyStarts < 0 ? statement : statement[..bodyStarts];
        var summary = SummaryOf(statement);
        var finalDecision = SectionText(statement, FinalDecisionHeadings);
        var decisionDate = DecisionDateOf(header);
        var finding = FindingOf(header, summary.Value, finalDecision, statement);
        var remedies = RemedyReader.Read(ActionSection(statement), decisionDate.Value, calendar);
        if (remedies.Count == 0 && finding.Value?.IsUpheld() == true && summary.Value is { } summaryText)
        {
            remedies = RemedyReader.FromSummary(summaryText, decisionDate.Value, calendar);
        }
        return new ProposedDecision(
            ReferenceOf(header, statement),
            decisionDate,
            CouncilOf(header, summary.Value),
            CategoryOf(header, summary.Value),
            finding,
            summary,
            remedies,
            statement.Select(block => block.Page).FirstOrDefault(page => page is not null));
    }

    private static ReadValue<string?> ReferenceOf(List<ReportBlock> header, List<ReportBlock> statement)
    {
        foreach (var block in statement)
        {
            if (ReferenceLabel().Match(block.Text) is { Success: true, Length: > 0 } label && Reference().Match(block.Text, label.Length) is { Success: true } labelled)
            {
                return new(FormatReference(labelled));
            }
        }
        foreach (var block in header)
        {
            if (ReferenceInBrackets().Match(block.Text) is { Success: true } bracketed)
            {
                return new(FormatReference(bracketed));
            }
        }
        foreach (var block in header)
        {
            if (Reference().Match(block.Text) is { Success: true } bare)
            {
                return new(FormatReference(bare), $"Taken from a number shaped like a reference (“{bare.Value}”) with no label beside it.");
            }
        }
        return new(null, "No complaint reference (like 23 012 345) was found.");
    }

    private static ReadValue<DateOnly?> DecisionDateOf(List<ReportBlock> header)
    {
        foreach (var block in header)
        {
            if (DateLabel().IsMatch(block.Text) && ParseDate(block.Text) is { } labelled)
            {
                return new(labelled);
            }
        }
        if (header.Take(4).FirstOrDefault(block => IsDateOnly(block.Text)) is { } top)
        {
            // The PDF form opens with the decision's date on a line of its own.
            return new(ParseDate(top.Text));
        }
        return header.Select(block => ParseDate(block.Text)).FirstOrDefault(date => date is not null) is { } any
            ? new(any, "Taken from a date in the statement's heading that is not labelled as the decision date.")
            : new(null, "No decision date was found.");
    }

    private static ReadValue<string?> CouncilOf(List<ReportBlock> header, string? summary)
    {
        foreach (var block in header)
        {
            if (CouncilLabel().Match(block.Text) is { Success: true } labelled)
            {
                return new(labelled.Groups["name"].Value.Trim().TrimEnd('.'));
            }
        }
        // The web page's title, "Leeds City Council (23 012 345)", ends with the reference; a browser's printed header
        // ("12/7/26, 6:28 PM Leeds City Council (23 012 345) - Local Government...") only contains it.
        var titles = header
            .Select(block => (Text: block.Text.Trim(), Bracket: ReferenceInBrackets().Match(block.Text.Trim())))
            .Where(title => title.Bracket.Success && title.Bracket.Index > 0)
            .OrderByDescending(title => title.Bracket.Index + title.Bracket.Length == title.Text.Length)
            .ToList();
        if (titles.Count > 0)
        {
            var (text, bracket) = titles[0];
            var name = text[..bracket.Index].Trim().TrimEnd('-', '–', ':').Trim();
            return bracket.Index + bracket.Length == text.Length
                ? new(name)
                : new(FirstCouncilName(name) ?? name, "Taken from a line that names more than the council: check it.");
        }
        var named = header.Select(block => block.Text).Append(summary ?? "").Select(FirstCouncilName).FirstOrDefault(name => name is not null);
        return named is null
            ? new(null, "No council was named (by “Complaint against:” or the title).")
            : new(named, "Taken from a council named in the text, not from “Complaint against:”.");
    }

    private static string? FirstCouncilName(string text)
    {
        foreach (Match match in CouncilName().Matches(text))
        {
            var name = Regex.Replace(match.Value, @"^(?:The|the|Against|against)\s+", "");
            if (name.Contains(' ', StringComparison.Ordinal))
            {
                return name;
            }
        }
        return null;
    }

    private static ReadValue<string?> CategoryOf(List<ReportBlock> header, string? summary)
    {
        foreach (var block in header)
        {
            if (CategoryLabel().Match(block.Text) is { Success: true } labelled)
            {
                return new(labelled.Groups["name"].Value.Trim());
            }
        }
        return DecisionCategories.Guess(summary ?? string.Join(' ', header.Select(block => block.Text))) is { } guessed
            ? new(guessed, "Worked out from the words of the summary: the statement gives no category.")
            : new(null, "No category was given, and the summary did not say which service it was about.");
    }

    private static ReadValue<string?> SummaryOf(List<ReportBlock> statement)
    {
        for (var i = 0; i < statement.Count; i++)
        {
            var label = SummaryLabel().Match(statement[i].Text);
            if (!label.Success || label.Length == 0 || (label.Length == statement[i].Text.Length && SectionHeading(statement[i].Text) is null))
            {
                continue;
            }
            var parts = new List<string>();
            if (statement[i].Text.Length > label.Length)
            {
                parts.Add(statement[i].Text[label.Length..].Trim());
            }
            for (var j = i + 1; j < statement.Count && SectionHeading(statement[j].Text) is null && !IsHeaderLabel(statement[j].Text) && (parts.Count == 0 || statement[j].Kind == BlockKind.Paragraph && parts.Count < 3); j++)
            {
                parts.Add(statement[j].Text);
            }
            var text = string.Join(" ", parts);
            return text.Length > MaxSummaryLength
                ? new(text[..MaxSummaryLength] + "…", $"The summary ran to {text.Length:N0} characters, more than a summary may have, so it is cut short.")
                : text.Length == 0 ? new(null, "The “Summary” heading had no text under it.") : new(text);
        }
        return new(null, "No “Summary:” was found.");
    }

    private static ReadValue<DecisionFinding?> FindingOf(List<ReportBlock> header, string? summary, string? finalDecision, List<ReportBlock> statement)
    {
        if (finalDecision is not null && DecisionFindingWords.Classify(finalDecision) is { } fromFinal)
        {
            return fromFinal.Sure ? new(fromFinal.Finding) : new(fromFinal.Finding, "The final decision says fault was found but not plainly whether it caused injustice.");
        }
        var label = header.Select(block => OutcomeLabel().Match(block.Text)).FirstOrDefault(match => match.Success);
        var fromLabel = label is null ? null : DecisionFindingWords.FromOutcomeLabel(label.Groups["name"].Value);
        var fromSummary = summary is null ? null : DecisionFindingWords.Classify(summary);
        if (fromSummary is { Sure: true } && (fromLabel is null || fromLabel.Value.IsUpheld() == fromSummary.Finding.IsUpheld()))
        {
            return new(fromSummary.Finding);
        }
        if (fromLabel is { } labelled)
        {
            return labelled == DecisionFinding.UpheldWithInjustice && fromSummary?.Finding == DecisionFinding.FaultWithoutInjustice
                ? new(DecisionFinding.FaultWithoutInjustice)
                : new(labelled, fromSummary is null || fromSummary.Finding == labelled ? null : $"The statement's heading says “{label!.Groups["name"].Value.Trim()}”, but its summary reads otherwise.");
        }
        if (fromSummary is not null)
        {
            return new(fromSummary.Finding, "The summary says fault was found but not plainly whether it caused injustice.");
        }
        var anywhere = DecisionFindingWords.Classify(string.Join(" ", statement.Select(block => block.Text)));
        return anywhere is null
            ? new(null, "No finding was found: no “Final decision” section, and the summary did not say.")
            : new(anywhere.Finding, "Worked out from the body of the statement, which has no “Final decision” section.");
    }

    /// <summary>The text of the first section under one of <paramref name="headings"/>, up to the next section.</summary>
    private static string? SectionText(List<ReportBlock> statement, string[] headings)
    {
        var blocks = Section(statement, headings);
        return blocks.Count == 0 ? null : string.Join(" ", blocks.Select(block => block.Text));
    }

    private static List<ReportBlock> ActionSection(List<ReportBlock> statement) => Section(statement, ActionHeadings);

    private static List<ReportBlock> Section(List<ReportBlock> statement, string[] headings)
    {
        // The last such section: a contents list or a "what I have investigated" note can name it earlier.
        var start = statement.FindLastIndex(block => SectionHeading(block.Text) is { } heading && headings.Contains(heading));
        if (start < 0)
        {
            return [];
        }
        var section = new List<ReportBlock>();
        for (var i = start + 1; i < statement.Count && SectionHeading(statement[i].Text) is null; i++)
        {
            section.Add(statement[i]);
        }
        return section;
    }

    private static int Words(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
}
