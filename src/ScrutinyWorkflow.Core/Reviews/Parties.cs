using System.Globalization;

namespace ScrutinyWorkflow.Core.Reviews;

/// <summary>The focus report a review responds to, as the Ombudsman published it.</summary>
public sealed record FocusReport(string Title, YearMonth Published);

/// <summary>
/// Where an extracted item came from and why it was taken, so the scrutiny officer can check it against the report.
/// </summary>
/// <param name="Page">The 1-based page it starts on, when the format has pages.</param>
/// <param name="Reason">Plain English: what in the layout made this an area, a question or the title.</param>
/// <param name="Confidence">From 0 to 1: how sure the extractor is; the lower ones deserve a closer look.</param>
public sealed record ReportSource(int? Page, string Reason, double Confidence);

/// <summary>The scrutiny panel that receives the position statement.</summary>
public sealed record Panel(string Name, string Email);

/// <summary>
/// A person who can be asked a question, as the officer directory knew them when the review was drafted.
/// Kept in the events so the statement and the audit trail name people as they were at the time.
/// </summary>
public sealed record Officer(string Email, string Name, string Designation, string? ManagerEmail)
{
    public static string NormaliseEmail(string email) => email.Trim().ToLowerInvariant();

    /// <summary>The same person with their and their manager's addresses in the one form the review keeps.</summary>
    public Officer Normalised() => this with { Email = NormaliseEmail(Email), ManagerEmail = ManagerEmail is null ? null : NormaliseEmail(ManagerEmail) };
}

/// <summary>
/// Who answers through a link: an officer for themselves, or (after an escalation) their manager on their behalf,
/// which the record keeps as "answered by the manager on behalf of the officer".
/// </summary>
public sealed record Respondent(string Email, string? OnBehalfOf = null)
{
    /// <summary>A stable text form, for link tokens and indexes: the email, or "manager&gt;officer".</summary>
    public string Key => OnBehalfOf is null ? Email : $"{Email}>{OnBehalfOf}";

    public static Respondent FromKey(string key) => key.Split('>') is [var manager, var officer] ? new(manager, officer) : new(key);
}

/// <summary>A calendar month, as focus reports give their publication date ("December 2020").</summary>
public readonly record struct YearMonth(int Year, int Month)
{
    public static bool TryParse(string? text, out YearMonth value)
    {
        value = default;
        if (text is null)
        {
            return false;
        }
        if (DateTime.TryParseExact(text.Trim(), "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            value = new YearMonth(date.Year, date.Month);
            return true;
        }
        return false;
    }

    /// <summary>The wire and storage form: <c>2020-12</c>.</summary>
    public override string ToString() => $"{Year:D4}-{Month:D2}";

    /// <summary>The form people read: <c>December 2020</c>.</summary>
    public string ToDisplayString() =>
        new DateTime(Year, Month, 1).ToString("MMMM yyyy", CultureInfo.InvariantCulture);
}
