using System.Globalization;
using System.Text.RegularExpressions;
using ScrutinyWorkflow.Core.Calendar;
using ScrutinyWorkflow.Core.Reports;
using static ScrutinyWorkflow.Core.Decisions.DecisionWording;

namespace ScrutinyWorkflow.Core.Decisions;

/// <summary>
/// Reads the remedies out of a statement's "Agreed action": each bullet or numbered action is a remedy, and a
/// lead-in ("Within one month of the final decision, the Council has agreed to:") gives the actions under it their
/// time limit. A due date is worked out from the limit and the decision date, and the wording kept beside it.
/// </summary>
internal static partial class RemedyReader
{
    public static List<ProposedRemedy> Read(IReadOnlyList<ReportBlock> section, DateOnly? decisionDate, WorkingCalendar calendar)
    {
        var remedies = new List<ProposedRemedy>();
        string? leadIn = null;
        foreach (var block in section)
        {
            var text = ParagraphNumber().Replace(block.Text, "");
            if (text.Length == 0 || IsEvidenceRequestOnly(text) || NotRecommended().IsMatch(text))
            {
                continue;
            }
            // Pasted text loses its bullets: "the Council will: apologise...; pay...; and review..." on one line.
            if (text.IndexOf(':', StringComparison.Ordinal) is var colon and > 0 && text[(colon + 1)..].Contains(';', StringComparison.Ordinal))
            {
                leadIn = text[..(colon + 1)];
                remedies.AddRange(text[(colon + 1)..].Split(';').SelectMany(part => Remedies(part, leadIn, decisionDate, calendar)));
                continue;
            }
            if (LeadIn().IsMatch(text))
            {
                leadIn = text;
                continue;
            }
            if (block.Kind == BlockKind.ListItem || IsAction(text))
            {
                // A numbered action with its own limit stands alone; a bullet takes its lead-in's.
                remedies.AddRange(Remedies(text, block.Kind == BlockKind.ListItem ? leadIn : null, decisionDate, calendar));
            }
        }
        return remedies;
    }

    /// <summary>
    /// For a statement with no "Agreed action", the remedies its summary names ("The Council has agreed to apologise
    /// and pay Ms X £300"), each marked for checking because a summary leaves out the time limits.
    /// </summary>
    public static List<ProposedRemedy> FromSummary(string summary, DateOnly? decisionDate, WorkingCalendar calendar)
    {
        if (AgreedTo().Match(summary) is not { Success: true } agreed)
        {
            return [];
        }
        var sentence = summary[(agreed.Index + agreed.Length)..].Split('.', 2)[0];
        return [.. Remedies(sentence, null, decisionDate, calendar).Select(remedy => remedy with
        {
            Doubt = Join(remedy.Doubt, "Taken from the summary: the statement has no “Agreed action” section."),
        })];
    }

    /// <summary>Remedies listed one to an entry (a spreadsheet's cell split at semicolons), each with its own time limit.</summary>
    public static List<ProposedRemedy> FromList(IEnumerable<string> entries, DateOnly? decisionDate, WorkingCalendar calendar) =>
        [.. entries.Where(entry => !string.IsNullOrWhiteSpace(entry)).SelectMany(entry => Remedies(ReportText.Clean(entry), null, decisionDate, calendar))];

    private static IEnumerable<ProposedRemedy> Remedies(string text, string? leadIn, DateOnly? decisionDate, WorkingCalendar calendar)
    {
        // "apologise to Mrs X and pay her £300" is two remedies, each done (and evidenced) on its own.
        foreach (var part in SecondAction().Split(text))
        {
            var action = Tidy(ActionPreamble().Replace(part, ""));
            if (action.Length == 0 || IsEvidenceRequestOnly(action))
            {
                continue;
            }
            yield return Remedy(action, part, leadIn, decisionDate, calendar);
        }
    }

    private static ProposedRemedy Remedy(string action, string original, string? leadIn, DateOnly? decisionDate, WorkingCalendar calendar)
    {
        var doubts = new List<string>();
        if (action.Length > DecisionStatementReader.MaxRemedyLength)
        {
            action = action[..DecisionStatementReader.MaxRemedyLength] + "…";
            doubts.Add("The action ran on far longer than an action does, so it is cut short.");
        }
        var kind = KindOf(action);
        if (kind == RemedyKind.Other)
        {
            doubts.Add("It could not be told what kind of remedy this is.");
        }
        decimal? amount = null;
        if (kind == RemedyKind.FinancialRedress)
        {
            amount = AmountOf(action);
            if (amount is null)
            {
                doubts.Add("No amount could be read for this payment.");
            }
        }
        var (due, wording) = DueDate(original, leadIn, decisionDate, calendar, doubts);
        return new ProposedRemedy(kind, action, amount, due, wording, doubts.Count == 0 ? null : string.Join(" ", doubts));
    }

    /// <summary>
    /// The action's own verb first ("review how it monitors visits, and share the findings" is a review); failing
    /// that, its words, training and reminders before procedures: "remind staff of the procedure" is a reminder.
    /// </summary>
    private static RemedyKind KindOf(string action) =>
        LeadingVerb().Match(action) is { Success: true } verb ? verb.Groups["verb"].Value.ToLowerInvariant() switch
        {
            var v when v.StartsWith("apolog", StringComparison.Ordinal) => RemedyKind.Apology,
            "pay" or "refund" or "reimburse" or "waive" or "cancel" => PaymentWords().IsMatch(action) ? RemedyKind.FinancialRedress : RemedyKind.Other,
            "remind" or "train" or "brief" or "provide training" => RemedyKind.StaffTraining,
            _ => RemedyKind.ProcedureChange,
        }
        : ApologyWords().IsMatch(action) && !PaymentWords().IsMatch(action) ? RemedyKind.Apology
        : PaymentWords().IsMatch(action) && Amount().IsMatch(action) ? RemedyKind.FinancialRedress
        : ApologyWords().IsMatch(action) ? RemedyKind.Apology
        : PaymentWords().IsMatch(action) ? RemedyKind.FinancialRedress
        : TrainingWords().IsMatch(action) ? RemedyKind.StaffTraining
        : ProcedureWords().IsMatch(action) ? RemedyKind.ProcedureChange
        : RemedyKind.Other;

    private static decimal? AmountOf(string action)
    {
        var matches = Amount().Matches(action);
        if (matches.Count == 0)
        {
            return null;
        }
        // "£300 for distress and £150 for time and trouble" in one payment is the sum the council pays.
        return matches.Sum(m => decimal.Parse(m.Groups["amount"].Value.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture)
            + (m.Groups["pence"].Success ? decimal.Parse(m.Groups["pence"].Value, CultureInfo.InvariantCulture) / 100m : 0m));
    }

    private static (DateOnly? Due, string? Wording) DueDate(string action, string? leadIn, DateOnly? decisionDate, WorkingCalendar calendar, List<string> doubts)
    {
        foreach (var source in new[] { action, leadIn })
        {
            if (source is null)
            {
                continue;
            }
            if (DateLimit().Match(source) is { Success: true } byDate && ParseDate(byDate.Groups["date"].Value) is { } date)
            {
                return (date, byDate.Value);
            }
            if (TimeLimit().Match(source) is { Success: true } within)
            {
                return (FromLimit(within, decisionDate, calendar, doubts), within.Value);
            }
        }
        doubts.Add("No time limit was found for this action.");
        return (null, null);
    }

    private static DateOnly? FromLimit(Match within, DateOnly? decisionDate, WorkingCalendar calendar, List<string> doubts)
    {
        if (Count(within.Groups["count"].Value) is not { } count)
        {
            doubts.Add($"The time limit “{within.Value}” could not be counted.");
            return null;
        }
        if (decisionDate is not { } from)
        {
            doubts.Add("The decision date could not be read, so the due date could not be worked out.");
            return null;
        }
        if (!within.Groups["from"].Success)
        {
            doubts.Add("The time limit does not say what it runs from: it is counted from the decision date.");
        }
        var unit = within.Groups["unit"].Value.ToLowerInvariant();
        // Months and weeks are calendar ones, as the Ombudsman counts them; only "working days" skip closed days.
        return unit.StartsWith("working", StringComparison.Ordinal) ? calendar.AddWorkingDays(from, count)
            : unit.StartsWith("month", StringComparison.Ordinal) ? from.AddMonths(count)
            : unit.StartsWith("week", StringComparison.Ordinal) ? from.AddDays(7 * count)
            : from.AddDays(count);
    }

    private static bool IsAction(string text) =>
        ApologyWords().IsMatch(text) || PaymentWords().IsMatch(text) || TrainingWords().IsMatch(text)
        || (ProcedureWords().IsMatch(text) && (TimeLimit().IsMatch(text) || ActionPreamble().IsMatch(text)));

    private static bool IsEvidenceRequestOnly(string text) =>
        EvidenceRequest().IsMatch(text) && !ApologyWords().IsMatch(text) && !PaymentWords().IsMatch(text) && !TrainingWords().IsMatch(text);

    private static string Tidy(string text)
    {
        var tidy = TrailingAnd().Replace(text.Trim().TrimEnd(';', ',', ' '), "").TrimEnd(';', ',', ' ');
        tidy = LeadingAnd().Replace(tidy, "");
        tidy = TimeLimitLead().Replace(tidy, "");
        return tidy.Length > 0 ? char.ToUpperInvariant(tidy[0]) + tidy[1..] : tidy;
    }

    private static string? Join(string? first, string second) => first is null ? second : $"{first} {second}";

    [GeneratedRegex(@"^\s*(?:\d{1,3}\.|\(?[a-z]\)|\(?[ivx]+\))\s+", RegexOptions.CultureInvariant)]
    private static partial Regex ParagraphNumber();

    [GeneratedRegex(@",?\s+and\s+(?=(?:to\s+)?(?:pay|apologi[sz]e|remind|review|provide\s+(?!us\b)|arrange|carry\s+out|train|issue|write|reconsider|make\s+a\s+payment)\b)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SecondAction();

    /// <summary>"The Council has already apologised, so I have not recommended a further apology": not a remedy.</summary>
    [GeneratedRegex(@"\balready\s+(?:apologised|apologized|paid|reviewed|agreed\s+and\s+completed)\b|\bnot\s+recommend(?:ed)?\b|\bno\s+further\s+(?:action|remedy)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NotRecommended();

    [GeneratedRegex(@"^(?<verb>apologi[sz]e|pay|refund|reimburse|waive|cancel|remind|train|brief|provide\s+training|review|change|amend|update|introduce|revise|audit|create|develop)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LeadingVerb();

    [GeneratedRegex(@"\s+and$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TrailingAnd();

    [GeneratedRegex(@"^and\s+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LeadingAnd();

    /// <summary>"Within one month of the final decision, apologise..." keeps the action; the limit is in the wording.</summary>
    [GeneratedRegex(@"^(?:within\s+\w+\s+(?:calendar\s+)?(?:working\s+days?|weeks?|months?|days?)(?:\s+(?:of|from)\s+(?:the\s+date\s+of\s+)?(?:the\s+|my\s+|our\s+|this\s+)?(?:final\s+)?(?:decision(?:\s+statement)?|statement))?|by\s+\d{1,2}\s+\w+\s+\d{4}),?\s+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TimeLimitLead();

    [GeneratedRegex(@"\b(?:has|have)\s+agreed\s+to\s+|\bwill\s+now\s+|\bagreed\s+to\s+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AgreedTo();
}
