using ScrutinyWorkflow.Core.Reviews;
using ScrutinyWorkflow.Web.Pages;

namespace ScrutinyWorkflow.Web.ReviewPages;

/// <summary>What the start-a-review form was given, kept to show back with its errors (a chosen file cannot be).</summary>
public sealed record StartForm(
    string Title, DateAnswer Published, string PanelName, string PanelEmail, DateAnswer Meeting, DateAnswer Deadline, string Questions, bool AutomaticRelease = false)
{
    public static StartForm Empty { get; } = new("", DateAnswer.Empty, "", "", DateAnswer.Empty, DateAnswer.Empty, "");

    public static StartForm Read(IFormCollection form)
    {
        ArgumentNullException.ThrowIfNull(form);
        return new(form["title"].ToString(), DateAnswer.Read(form, "published"), form["panel-name"].ToString(), form["panel-email"].ToString(),
            DateAnswer.Read(form, "meeting"), DateAnswer.Read(form, "deadline"), form["questions"].ToString(), form["release"].ToString() == "automatic")
        {
            KeptToken = form[KeptReports.Field].ToString() is { Length: > 0 } kept ? kept : null,
        };
    }

    /// <summary>The report read from the file uploaded before, kept in the form (see <see cref="KeptReports"/>).</summary>
    public string? KeptToken { get; init; }

    /// <summary>That file's name, to say which report will be used.</summary>
    public string? KeptFileName { get; init; }

    /// <summary>The month typed, or null when it was left blank or is no month (the report's own, or the decider's problem, then).</summary>
    public YearMonth? PublishedMonth =>
        new DateAnswer("1", Published.Month, Published.Year).Date is { } first ? new YearMonth(first.Year, first.Month) : null;
}

/// <summary>Someone in the directory, as a picker shows them.</summary>
public sealed record OfficerChoice(string Email, string Label)
{
    public static OfficerChoice Of(Officer officer) =>
        new(officer.Email, string.IsNullOrWhiteSpace(officer.Designation) ? $"{officer.Name}, {officer.Email}" : $"{officer.Name}, {officer.Designation}, {officer.Email}");
}

/// <summary>One question being written or edited: in a draft, or added after the review went out.</summary>
public sealed record QuestionForm(
    string ReviewId,
    string ReviewTitle,
    long Version,
    string? QuestionId,
    bool AfterDispatch,
    string Text,
    string Area,
    string NewArea,
    IReadOnlyList<string> AreaHeadings,
    IReadOnlyList<OfficerChoice> Officers,
    string Search,
    IReadOnlyList<OfficerChoice>? Results,
    IReadOnlyList<FieldError> Errors,
    int Number = 0)
{
    /// <summary>The select's value for "a new area of focus".</summary>
    public const string NewAreaChoice = "new-area";

    public string PostTo => AfterDispatch ? $"/reviews/{ReviewId}/questions/new" : $"/reviews/{ReviewId}/draft/questions/{QuestionId ?? "new"}";

    public string BackTo => AfterDispatch ? $"/reviews/{ReviewId}" : $"/reviews/{ReviewId}/draft";

    /// <summary>The heading the question goes under: the area chosen, or the new one typed.</summary>
    public string Heading => Area == NewAreaChoice ? NewArea : Area;

    public string? ErrorFor(string field) => Errors.FirstOrDefault(e => e.FieldId == field)?.Message;
}

/// <summary>A one-step form on a review's page: reassign, accept a late answer, withdraw, move a date, close, reopen.</summary>
public sealed record ActionForm(
    string ReviewId,
    string ReviewTitle,
    long Version,
    string Title,
    string PostTo,
    string? Intro,
    IReadOnlyList<ActionField> Fields,
    string Submit,
    bool Warning,
    IReadOnlyList<FieldError> Errors,
    IReadOnlyList<OfficerChoice>? Results = null)
{
    public string BackTo { get; init; } = $"/reviews/{ReviewId}";
}

public enum FieldKind
{
    Text,
    TextArea,
    Date,
    Officer,

    /// <summary>One of a few choices (<see cref="ActionField.Options"/>), as GOV.UK radios.</summary>
    Radios,
}

/// <summary>One choice of a <see cref="FieldKind.Radios"/> field; <see cref="Hint"/> says what choosing it means.</summary>
public sealed record RadioOption(string Value, string Label, string? Hint = null);

/// <summary>One field of an <see cref="ActionForm"/>, with what was typed in it and what is wrong with it.</summary>
public sealed record ActionField(string Name, string Label, string? Hint, FieldKind Kind, string Value = "", DateAnswer? Date = null, string? Error = null,
    IReadOnlyList<RadioOption>? Options = null)
{
    /// <summary>Where an error about this field links to: the first box of a date.</summary>
    public string Anchor => Kind == FieldKind.Date ? $"{Name}-day" : Name;
}
