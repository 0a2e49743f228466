using Microsoft.AspNetCore.Components;
using ScrutinyWorkflow.Core.Calendar;
using ScrutinyWorkflow.Core.Reviews;
using ScrutinyWorkflow.Web.Pages;

namespace ScrutinyWorkflow.Web.Responses;

/// <summary>The review a link belongs to, as its pages introduce it.</summary>
public sealed record LinkReview(
    string Token,
    string ReviewId,
    string PanelName,
    string ReportTitle,
    string ReportPublished,
    string? OnBehalfOfName,
    DateOnly? LastAnswerDay,
    bool TakesAnswers,
    string TeamName,
    string TeamEmail)
{
    public string PageAddress => $"/respond/{Token}";

    public string CheckAddress(string assignmentId) => $"/respond/{Token}/check/{assignmentId}";
}

/// <summary>What the person typed and what went wrong with it, shown back against its question.</summary>
public sealed record Attempt(string AssignmentId, string? Text, string? Colleague, string? Reason, IReadOnlyList<FieldError> Errors)
{
    /// <summary>The people in the directory a colleague's name or job title matched, for the person to choose one.</summary>
    public IReadOnlyList<Officer> ColleagueChoices { get; init; } = [];

    public static Attempt Refused(string message) => new("", null, null, null, [new(null, message)]);
}

/// <summary>One of the person's questions on their page: where it sits, its state, and what they can do with it.</summary>
public sealed record LinkQuestion(
    string AssignmentId,
    string QuestionId,
    string Area,
    string Text,
    QuestionState State,
    bool TakesAnswer,
    bool CanDecline,
    string Value,
    bool Answered,
    bool DraftPending,
    IReadOnlyList<string> OthersAsked,
    MarkupString? Shown,
    string Colleague,
    string Reason,
    bool DeclineOpen,
    bool IsCurrent = true,
    string? OthersWords = null,
    int Number = 0,
    IReadOnlyList<Officer>? ColleagueChoices = null)
{
    public string AnswerId => $"answer-{AssignmentId}";

    public string ColleagueId => $"colleague-{AssignmentId}";

    public string ReasonId => $"reason-{AssignmentId}";
}

/// <summary>Everything the link page shows.</summary>
public sealed record LinkPageModel(
    LinkReview Review,
    IReadOnlyList<LinkQuestion> Questions,
    IReadOnlyList<FieldError> Errors,
    string? Message,
    string? MessageFor,
    string? KeptText,
    string? PreviewFor,
    MarkupString? Preview)
{
    /// <summary>The follow-ups this person owns, or that were escalated to them as a manager (issue 26).</summary>
    public IReadOnlyList<LinkFollowUp> FollowUps { get; init; } = [];

    public bool NothingLeft => Questions.All(q => !q.TakesAnswer) && FollowUps.All(f => !f.TakesUpdate);

    /// <summary>Every question handed on, declined or withdrawn, and no follow-up to give: the link has nothing of this person's left.</summary>
    public bool NoneCurrent => Questions.Count > 0 && Questions.All(q => !q.IsCurrent) && FollowUps.All(f => !f.TakesUpdate);

    public string? ErrorFor(string fieldId) => Errors.FirstOrDefault(e => e.FieldId == fieldId)?.Message;

    /// <summary>Each question's state as the person needs it: not started, draft saved, submitted, or what happened to it.</summary>
    public static QuestionState StateOf(ReviewState state, Assignment assignment, Answer? answer, Respondent respondent, bool draftPending)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(assignment);
        string Name(Respondent who) => who.OnBehalfOf is { } officer
            ? $"{state.OfficerOrAddress(who.Email).Name} on behalf of {state.OfficerOrAddress(officer).Name}"
            : who == respondent ? "you" : state.OfficerOrAddress(who.Email).Name;
        string On(DateTimeOffset at) => LongDate.Format(DateOnly.FromDateTime(at.DateTime));

        return assignment.Outcome switch
        {
            AssignmentOutcome.Reassigned => new("Passed on", "govuk-tag--grey", "Passed to a colleague: no answer needed from you"),
            AssignmentOutcome.Declined => new("Not for you", "govuk-tag--grey", "You said this is not for you: the scrutiny team has been told"),
            AssignmentOutcome.Withdrawn => new("Withdrawn", "govuk-tag--grey", "Withdrawn from the review: no answer needed"),
            AssignmentOutcome.ClosedEarly => new("Closed", "govuk-tag--red", "Not answered: the review was closed early"),
            AssignmentOutcome.NoResponse => new("Not answered", "govuk-tag--red", "No response received"),
            _ when answer is not null => new("Answered", "govuk-tag--green", (answer.Late ? $"Answered by {Name(answer.SubmittedBy)} (accepted late) on {On(answer.SubmittedAt)}" : $"Answered by {Name(answer.SubmittedBy)} on {On(answer.SubmittedAt)}")
                + (answer.LastAmendment is { } amended ? $", amended by {Name(amended.By)} on {On(amended.At)}" : "")),
            _ when draftPending => new("Draft saved", "govuk-tag--yellow", "Draft saved: not yet submitted"),
            _ => new("Not started", "govuk-tag--blue", "Nothing saved yet"),
        };
    }
}

/// <summary>A question's state: a short GOV.UK tag, its colour, and the sentence that says who did what and when.</summary>
public sealed record QuestionState(string Tag, string TagClass, string Description);

/// <summary>
/// The check-your-answer page: the question, and the saved answer as the panel will read it. <see cref="Replacing"/>
/// is the answer someone else wrote that submitting replaces, by <see cref="ReplacingWhose"/>.
/// </summary>
public sealed record CheckAnswerModel(LinkReview Review, LinkQuestion Question, string Text, MarkupString Rendered, bool Amending, string? ReplacingWhose = null, string? Replacing = null);

/// <summary>The confirmation: which question, and the reference of the answer as it now stands.</summary>
public sealed record AnswerSubmittedModel(LinkReview Review, LinkQuestion Question, string Reference, bool Amended);

/// <summary>
/// One follow-up on a person's link page: what the panel recommended (or the remedy and its date), where it stands,
/// the update awaited and by when, their earlier words, and the form to give an update while it is open.
/// </summary>
public sealed record LinkFollowUp(
    string Id,
    string Heading,
    string Text,
    string Status,
    DateOnly? AwaitedBy,
    IReadOnlyList<EarlierWords> Earlier,
    bool TakesUpdate,
    string Value,
    string? Progress,
    string? EscalatedFrom = null,
    string? Remedy = null,
    DateOnly? RemedyDue = null)
{
    public string UpdateId => $"update-{Id}";

    public string ProgressId => $"progress-{Id}";
}

/// <summary>An update given before, in the words given, with who gave it and when.</summary>
public sealed record EarlierWords(string Text, string Progress, string GivenBy, string When);

/// <summary>What the person sent as their update, with what was wrong with it, shown back under its follow-up.</summary>
public sealed record UpdateAttempt(string FollowUpId, string Text, string? Progress, IReadOnlyList<FieldError> Errors);

/// <summary>The confirmation after an update: which follow-up, and what happens next.</summary>
public sealed record UpdateGivenModel(LinkReview Review, LinkFollowUp FollowUp, bool Done);
