using System.Globalization;
using System.Text.RegularExpressions;

namespace ScrutinyWorkflow.Core.Decisions;

/// <summary>
/// The Ombudsman's fixed wording, as patterns: the labels of a statement's header, its section headings, and the
/// phrases its findings and time limits are written in. Kept apart from the reading so the words can be checked
/// against published statements in one place.
/// </summary>
internal static partial class DecisionWording
{
    /// <summary>Section headings of a decision statement, in the forms the Ombudsman has used over the years.</summary>
    private static readonly string[] SectionHeadings =
    [
        "the ombudsman's final decision", "the ombudsman’s final decision", "summary", "the complaint", "the complaints",
        "the ombudsman's role and powers", "the ombudsman’s role and powers", "what i have and have not investigated",
        "what i have investigated", "what i have not investigated", "what i have and have not considered",
        "legal and administrative background", "relevant law and guidance", "law and guidance", "background",
        "how i considered this complaint", "how i considered this complaint and the council's response",
        "what i found", "what happened", "my findings", "findings", "analysis", "conclusions", "conclusion", "my assessment", "assessment",
        "agreed action", "agreed actions", "action", "actions", "recommended action", "recommended actions", "recommendations",
        "final decision", "decision", "my decision", "investigator's decision on behalf of the ombudsman",
        "investigator’s decision on behalf of the ombudsman", "parts of the complaint that i did not investigate",
    ];

    public static readonly string[] ActionHeadings = ["agreed action", "agreed actions", "action", "actions", "recommended action", "recommended actions", "recommendations"];

    public static readonly string[] FinalDecisionHeadings = ["final decision", "decision", "my decision"];

    /// <summary>The section heading a block is ("Agreed action", "5. Final decision:"), lower case; null for any other text.</summary>
    public static string? SectionHeading(string text)
    {
        var bare = SectionNumber().Replace(text, "").TrimEnd(':', '.', ' ').Trim().ToLowerInvariant();
        return bare.Length < 80 && SectionHeadings.Contains(bare) ? bare.Replace('’', '\'') : null;
    }

    /// <summary>"23 012 345", however it was spaced or run together.</summary>
    public static string FormatReference(Match match) =>
        $"{match.Groups["a"].Value} {match.Groups["b"].Value} {match.Groups["c"].Value}";

    public static DateOnly? ParseDate(string text)
    {
        if (LongDate().Match(text) is { Success: true } m
            && MonthNumber(m.Groups["month"].Value) is { } month
            && int.TryParse(m.Groups["day"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var day)
            && int.TryParse(m.Groups["year"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            && day <= DateTime.DaysInMonth(year, month))
        {
            return new DateOnly(year, month, day);
        }
        if (NumericDate().Match(text) is { Success: true } n
            && DateOnly.TryParseExact(n.Value.Replace('.', '/').Replace('-', '/'), ["d/M/yyyy", "dd/MM/yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }
        return null;
    }

    private static int? MonthNumber(string name)
    {
        var index = Array.FindIndex(Months, prefix => name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase));
        return index < 0 ? null : index + 1;
    }

    private static readonly string[] Months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

    /// <summary>"one", "twelve", "3": how many units a time limit gives; null for anything else.</summary>
    public static int? Count(string word) => word.ToLowerInvariant() switch
    {
        "a" or "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        "twenty" => 20,
        "thirty" => 30,
        var digits when int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is > 0 and <= 366 => n,
        _ => null,
    };

    private const string MonthNames = "January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec";

    [GeneratedRegex(@"\b(?<day>\d{1,2})(?:st|nd|rd|th)?\s+(?<month>" + MonthNames + @")\.?,?\s+(?<year>(?:19|20)\d{2})\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LongDate();

    [GeneratedRegex(@"\b\d{1,2}[/.-]\d{1,2}[/.-](?:19|20)\d{2}\b", RegexOptions.CultureInvariant)]
    private static partial Regex NumericDate();

    [GeneratedRegex(@"^\s*(?:\d{1,2}(?:\.\d{1,2})*\.?|[A-Z]\.|[ivx]+\.)\s+", RegexOptions.CultureInvariant)]
    private static partial Regex SectionNumber();

    /// <summary>The Ombudsman's reference: two digits, three, three ("23 012 345"), spaced or not.</summary>
    [GeneratedRegex(@"(?<!\d)(?<a>\d{2})[ \u00A0]?(?<b>\d{3})[ \u00A0]?(?<c>\d{3})(?!\d)", RegexOptions.CultureInvariant)]
    public static partial Regex Reference();

    [GeneratedRegex(@"^(?:complaint\s+reference|reference\s+number|reference|our\s+ref(?:erence)?|ref(?:erence)?\s+no\.?|case\s+reference|ref)\s*[:.]?\s*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex ReferenceLabel();

    [GeneratedRegex(@"\((?<a>\d{2})[ \u00A0]?(?<b>\d{3})[ \u00A0]?(?<c>\d{3})\)", RegexOptions.CultureInvariant)]
    public static partial Regex ReferenceInBrackets();

    [GeneratedRegex(@"^(?:final\s+)?(?:decision\s+)?date(?:\s+of\s+(?:final\s+)?decision)?\s*:\s*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex DateLabel();

    [GeneratedRegex(@"^(?:complaint\s+against|council|authority|organisation|body\s+complained\s+about)\s*:\s*(?<name>.+)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex CouncilLabel();

    [GeneratedRegex(@"^(?:category|service|subject|complaint\s+category)\s*:\s*(?<name>.+)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex CategoryLabel();

    [GeneratedRegex(@"^(?:decision|outcome|finding)\s*:\s*(?<name>.+)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex OutcomeLabel();

    [GeneratedRegex(@"^summary\s*:?\s*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex SummaryLabel();

    /// <summary>A council's name: "Leeds City Council", "London Borough of Camden", "Royal Borough of Greenwich".</summary>
    [GeneratedRegex(@"\b(?:(?:London|Royal)\s+Borough\s+of\s+[A-Z][\w'’-]*(?:\s+(?:and\s+)?[A-Z][\w'’-]*)*|(?:[A-Z][\w'’-]*\s+){1,5}(?:City\s+|County\s+|Borough\s+|District\s+|Metropolitan\s+Borough\s+|Town\s+)?Council)\b", RegexOptions.CultureInvariant)]
    public static partial Regex CouncilName();

    // Findings, from the clearest words to the loosest. Each reads one sentence at a time.
    [GeneratedRegex(@"\bpremature\b|not\s+(?:yet\s+)?(?:had|been\s+given)\s+(?:the\s+|a\s+)?(?:chance|opportunity)\s+to\s+(?:respond|consider|deal|look)|(?:has|have)\s+not\s+(?:yet\s+)?(?:completed|been\s+through|used)\s+(?:the\s+|its\s+)?(?:council's\s+|council’s\s+)?complaints?\s+(?:procedure|process)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex PrematureWords();

    [GeneratedRegex(@"\bdiscontinu(?:e|ed|ing)\b|\b(?:will|shall|did|do|have|has)\s+not\s+(?:decided\s+to\s+)?investigat|\bdecided\s+not\s+to\s+investigat|\bnot\s+to\s+investigate\b|closed\s+after\s+initial\s+enquiries|\bnot\s+investigated\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex NotInvestigatedWords();

    [GeneratedRegex(@"\b(?:did|does|has|have|had)\s+not\s+(?:cause|caused|lead\s+to|result\s+in)(?:\s+[\w’']+){0,4}?\s+(?:significant\s+)?injustice|\bno\s+(?:significant\s+)?injustice\b|\bwithout\s+(?:causing\s+)?(?:significant\s+)?injustice\b|\bnot\s+cause\s+(?:significant\s+)?injustice", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex NoInjusticeWords();

    [GeneratedRegex(@"\b(?:fault|maladministration)\b(?:\s+[\w’',]+){0,8}?\s+(?:causing|caused|causes|cause|leading\s+to|led\s+to|resulting\s+in|resulted\s+in)\b(?:\s+[\w’']+){0,5}?\s+(?:injustice|distress|uncertainty|frustration|time\s+and\s+trouble|upset|anxiety|(?:financial\s+)?loss|harm)\b|\binjustice\s+(?:caused|arising)\s+(?:by|from)\b|\bmaladministration\s+and\s+injustice\b|\bfault\s+and\s+injustice\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex InjusticeWords();

    [GeneratedRegex(@"\bno\s+fault\b|\b(?:did|do|does|could|can)\s+not\s+find\s+(?:any\s+|evidence\s+of\s+)?fault\b|\bnot\s+at\s+fault\b|\bfound\s+no\s+(?:evidence\s+of\s+)?fault\b|\bwas\s+not\s+fault\b|\bnot\s+upheld\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex NoFaultWords();

    [GeneratedRegex(@"\bfault\b|\bmaladministration\b|\bupheld\b|\buphold\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex FaultWords();

    /// <summary>
    /// "within one month of the final decision", "within 20 working days of the date of our final decision",
    /// "within one calendar month", "within four weeks": how long, and (in group "from") what it runs from.
    /// </summary>
    [GeneratedRegex(@"\bwithin\s+(?<count>\w+)\s+(?:calendar\s+)?(?<unit>working\s+days?|weeks?|months?|days?)(?<from>\s+(?:of|from)\s+(?:the\s+date\s+of\s+)?(?:the\s+|my\s+|our\s+|this\s+)?(?:final\s+)?(?:decision(?:\s+statement)?|statement))?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex TimeLimit();

    /// <summary>"by 30 April 2024", "no later than 3 May 2024", "before 1 June 2024".</summary>
    [GeneratedRegex(@"\b(?:by|no\s+later\s+than|before|on\s+or\s+before)\s+(?<date>(?:\d{1,2}(?:st|nd|rd|th)?\s+(?:" + MonthNames + @")\.?,?\s+(?:19|20)\d{2})|\d{1,2}/\d{1,2}/(?:19|20)\d{2})", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex DateLimit();

    [GeneratedRegex(@"£\s?(?<amount>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?<pence>\d{2}))?", RegexOptions.CultureInvariant)]
    public static partial Regex Amount();

    [GeneratedRegex(@"\bapologi[sz]|\bapology\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex ApologyWords();

    [GeneratedRegex(@"\bpay\b|\bpays\b|\bpayment\b|£|\brefund|\breimburse|\bwaive\b|\bcredit\b|\bsymbolic\s+payment", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex PaymentWords();

    [GeneratedRegex(@"\btrain(?:ing)?\b|\bremind(?:s|er)?\b|\bbriefing\b|\bshare\s+(?:the\s+)?(?:learning|findings)|\bguidance\s+to\s+(?:its\s+)?staff|\bstaff\s+(?:are|is)\s+aware", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex TrainingWords();

    [GeneratedRegex(@"\breview\b|\bprocedures?\b|\bpolic(?:y|ies)\b|\bprocess(?:es)?\b|\bpractice\b|\bchange\b|\bamend\b|\bupdate\b|\bintroduce\b|\baction\s+plan\b|\bimprove", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex ProcedureWords();

    /// <summary>The closing request every agreed action ends with, which is not a remedy.</summary>
    [GeneratedRegex(@"\b(?:provide|send|give)\s+(?:us|the\s+ombudsman)\s+(?:with\s+)?evidence\b|\bevidence\s+(?:that\s+)?it\s+has\s+complied\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex EvidenceRequest();

    /// <summary>A lead-in that introduces the remedies after it rather than being one ("the Council has agreed to:").</summary>
    [GeneratedRegex(@"(?:agreed\s+to|will|should|must|has\s+agreed|the\s+following|following\s+action(?:s)?|to\s+remedy[^:]*|recommend(?:ed)?(?:\s+that)?(?:\s+the\s+council)?)\s*:\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex LeadIn();

    /// <summary>The words before an action that say when and who ("Within one month of the final decision, the Council will").</summary>
    [GeneratedRegex(@"^.*?\bthe\s+council\s+(?:has\s+)?(?:agreed\s+to|will|should|must|is\s+to|shall)\s+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex ActionPreamble();
}
