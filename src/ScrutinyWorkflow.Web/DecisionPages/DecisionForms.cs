using System.Globalization;
using ScrutinyWorkflow.Core.Decisions;
using ScrutinyWorkflow.Core.Reviews;
using ScrutinyWorkflow.Web.Pages;
using ScrutinyWorkflow.Web.ReviewPages;

namespace ScrutinyWorkflow.Web.DecisionPages;

/// <summary>What the first page was given: the statements pasted, the month, the panel and the two dates (a chosen file cannot be shown back).</summary>
public sealed record DecisionsStartForm(string Pasted, DateAnswer Month, string PanelName, string PanelEmail, DateAnswer Meeting, DateAnswer Deadline)
{
    public static DecisionsStartForm Empty { get; } = new("", DateAnswer.Empty, "", "", DateAnswer.Empty, DateAnswer.Empty);

    public static DecisionsStartForm Read(IFormCollection form)
    {
        ArgumentNullException.ThrowIfNull(form);
        return new(form["pasted"].ToString(), DateAnswer.Read(form, "month"), form["panel-name"].ToString(), form["panel-email"].ToString(),
            DateAnswer.Read(form, "meeting"), DateAnswer.Read(form, "deadline"))
        {
            KeptToken = form[KeptDecisions.Field].ToString() is { Length: > 0 } kept ? kept : null,
        };
    }

    /// <summary>The statements read from the file uploaded before, kept in the form (see <see cref="KeptDecisions"/>).</summary>
    public string? KeptToken { get; init; }

    /// <summary>That file's name, to say which statements will be used.</summary>
    public string? KeptFileName { get; init; }
}

/// <summary>What was read for a field, and why it deserves a check; blank when it read cleanly or was typed.</summary>
public sealed record DecisionDoubts(string Reference = "", string Date = "", string Council = "", string Category = "", string Finding = "", string Summary = "")
{
    public int Count => new[] { Reference, Date, Council, Category, Finding, Summary }.Count(d => d.Length > 0);
}

/// <summary>One remedy on the check page, as read or typed, with the words its date was worked out from.</summary>
public sealed record RemedyRow(string Kind, string Text, string Amount, DateAnswer Due, string DueWording = "", string Doubt = "")
{
    public static RemedyRow Blank { get; } = new(nameof(RemedyKind.Apology), "", "", DateAnswer.Empty);

    /// <summary>The amount in pounds as typed ("£1,250.00" as well as "1250"); null when blank or no amount.</summary>
    public decimal? Pounds =>
        decimal.TryParse(Amount.Trim().TrimStart('£').Replace(",", "", StringComparison.Ordinal), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var pounds)
            ? pounds
            : null;
}

/// <summary>
/// One decision on the check page: every field as the scrutiny officer sees it, the officer the routing rules
/// proposed (kept to tell her choice from theirs), and what was read with doubt.
/// </summary>
public sealed record DecisionRow(
    string Reference,
    DateAnswer Date,
    string Council,
    string Category,
    string Finding,
    string Summary,
    string Officer,
    IReadOnlyList<RemedyRow> Remedies,
    DecisionDoubts Doubts,
    string ProposedOfficer = "",
    string Rule = "",
    string RuleReason = "",
    string ReadFrom = "")
{
    public static DecisionRow Blank { get; } = new("", DateAnswer.Empty, "", "", "", "", "", [], new());

    public DecisionFinding? ChosenFinding => Enum.TryParse<DecisionFinding>(Finding, out var finding) && Enum.IsDefined(finding) ? finding : null;

    /// <summary>How many fields are marked "Check this", remedies included.</summary>
    public int DoubtCount => Doubts.Count + Remedies.Count(r => r.Doubt.Length > 0);
}

/// <summary>
/// The check page: the month, the panel and dates, and every decision. The whole proposal lives in the form itself
/// (visible fields, and hidden ones for what was read and why it is doubtful), so nothing is kept on the server
/// before the review is created, any instance can take the next post, and she may leave the page without trace.
/// </summary>
public sealed record DecisionsCheckForm(
    DateAnswer Month, string PanelName, string PanelEmail, DateAnswer Meeting, DateAnswer Deadline, IReadOnlyList<DecisionRow> Decisions,
    string SearchFor = "", IReadOnlyList<OfficerChoice>? Results = null)
{
    /// <summary>Far more than a council's month; a bound on the work one post can ask for.</summary>
    public const int MaxDecisions = 100;

    public const int MaxRemedies = 20;

    public static string Prefix(int decision) => $"d{decision}-";

    public static string Prefix(int decision, int remedy) => $"d{decision}-m{remedy}-";

    /// <summary>The month typed, or null when blank or no month.</summary>
    public YearMonth? ChosenMonth => new DateAnswer("1", Month.Month, Month.Year).Date is { } first ? new YearMonth(first.Year, first.Month) : null;

    public static DecisionsCheckForm Read(IFormCollection form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var decisions = new List<DecisionRow>();
        for (var i = 0; i < Math.Min(Count(form, "decisions"), MaxDecisions); i++)
        {
            var p = Prefix(i);
            var remedies = new List<RemedyRow>();
            for (var j = 0; j < Math.Min(Count(form, p + "remedies"), MaxRemedies); j++)
            {
                var q = Prefix(i, j);
                remedies.Add(new(form[q + "kind"].ToString(), form[q + "text"].ToString(), form[q + "amount"].ToString(), DateAnswer.Read(form, q + "due"),
                    form[q + "wording"].ToString(), form[q + "doubt"].ToString()));
            }
            decisions.Add(new(
                form[p + "reference"].ToString(), DateAnswer.Read(form, p + "date"), form[p + "council"].ToString(), form[p + "category"].ToString(),
                form[p + "finding"].ToString(), form[p + "summary"].ToString(), form[p + "officer"].ToString(), remedies,
                new(form[p + "doubt-reference"].ToString(), form[p + "doubt-date"].ToString(), form[p + "doubt-council"].ToString(),
                    form[p + "doubt-category"].ToString(), form[p + "doubt-finding"].ToString(), form[p + "doubt-summary"].ToString()),
                form[p + "proposed"].ToString(), form[p + "rule"].ToString(), form[p + "rule-reason"].ToString(), form[p + "read-from"].ToString()));
        }
        return new(DateAnswer.Read(form, "month"), form["panel-name"].ToString(), form["panel-email"].ToString(),
            DateAnswer.Read(form, "meeting"), DateAnswer.Read(form, "deadline"), decisions);
    }

    private static int Count(IFormCollection form, string name) =>
        int.TryParse(form[name], NumberStyles.None, CultureInfo.InvariantCulture, out var count) ? count : 0;

    /// <summary>
    /// What the form itself can tell is wrong before the decider sees it: boxes filled in that make no date, an amount
    /// that is no amount. The decider is given only values, so these would otherwise be lost as blanks.
    /// </summary>
    public IReadOnlyList<FieldError> Unreadable()
    {
        var errors = new List<FieldError>();
        for (var i = 0; i < Decisions.Count; i++)
        {
            var d = Decisions[i];
            if (d.Date.Unreadable($"The date of decision {i + 1}") is { } date)
            {
                errors.Add(new(Prefix(i) + "date-day", date));
            }
            for (var j = 0; j < d.Remedies.Count; j++)
            {
                var r = d.Remedies[j];
                if (r.Amount.Trim().Length > 0 && r.Pounds is null)
                {
                    errors.Add(new(Prefix(i, j) + "amount", $"The amount of remedy {j + 1} of decision {i + 1} must be in pounds, for example 250 or 250.00"));
                }
                if (r.Due.Unreadable($"The due date of remedy {j + 1} of decision {i + 1}") is { } due)
                {
                    errors.Add(new(Prefix(i, j) + "due-day", due));
                }
            }
        }
        return errors;
    }

    /// <summary>The decisions as the decider takes them; the rule's choice goes with an officer only while she kept the one it proposed.</summary>
    public IReadOnlyList<DecisionInput> Inputs() =>
    [
        .. Decisions.Select(d => new DecisionInput(
            Blank(d.Reference), d.Date.Date, Blank(d.Category), d.ChosenFinding, Blank(d.Summary), Blank(d.Officer),
            [.. d.Remedies.Select(r => new RemedyInput(Enum.TryParse<RemedyKind>(r.Kind, out var kind) && Enum.IsDefined(kind) ? kind : RemedyKind.Other,
                Blank(r.Text), r.Pounds, r.Due.Date))],
            d.Rule.Length > 0 && d.ProposedOfficer.Length > 0 && Core.Reviews.Officer.NormaliseEmail(d.Officer) == d.ProposedOfficer
                ? new RoutingChoice(d.Rule, d.RuleReason)
                : null)),
    ];

    private static string? Blank(string text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
