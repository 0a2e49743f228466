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
    public static Attempt Refused(string message) => new("", null, null, null, [new(null, message)]);
}

/// <summary>One of the person's questions on their page: where it sits, its state, and what they can do with it.</summary>
public sealed record LinkQuestion(
    string AssignmentId,
    string QuestionId,
    string Area,
    string Text,
    string State,
    string StateClass,
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
    bool IsCurrent = true)
{
    public string AnswerId => $"answer-{AssignmentId}";

    public string ColleagueId => $"colleague-{AssignmentId}";

    public string ReasonId => $"reason-{AssignmentId}";

    public int Number => QuestionIds.NumberOf(QuestionId);
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
    public bool NothingLeft => Questions.All(q => !q.TakesAnswer);

    /// <summary>Every question handed on, declined or withdrawn: the link has nothing of this person's left.</summary>
    public bool NoneCurrent => Questions.All(q => !q.IsCurrent);

    public string? ErrorFor(string fieldId) => Errors.FirstOrDefault(e => e.FieldId == fieldId)?.Message;

    /// <summary>Each question's state as the person needs it (a GOV.UK tag): not started, draft saved, submitted, or what happened to it.</summary>
    public static (string Text, string Class) StateOf(ReviewState state, Assignment assignment, Answer? answer, Respondent respondent, bool draftPending)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(assignment);
        string Name(Respondent who) => who.OnBehalfOf is { } officer
            ? $"{state.OfficerOrAddress(who.Email).Name} on behalf of {state.OfficerOrAddress(officer).Name}"
            : who == respondent ? "you" : state.OfficerOrAddress(who.Email).Name;
        string On(DateTimeOffset at) => LongDate.Format(DateOnly.FromDateTime(at.DateTime));

        return assignment.Outcome switch
        {
            AssignmentOutcome.Reassigned => ("Passed to a colleague: no answer needed from you", "govuk-tag--grey"),
            AssignmentOutcome.Declined => ("You said this is not for you: the scrutiny team has been told", "govuk-tag--grey"),
            AssignmentOutcome.Withdrawn => ("Withdrawn from the review: no answer needed", "govuk-tag--grey"),
            AssignmentOutcome.ClosedEarly => ("Not answered: the review was closed early", "govuk-tag--red"),
            AssignmentOutcome.NoResponse => ("No response received", "govuk-tag--red"),
            _ when answer is not null => ((answer.Late ? $"Answered by {Name(answer.SubmittedBy)} (accepted late) on {On(answer.SubmittedAt)}" : $"Answered by {Name(answer.SubmittedBy)} on {On(answer.SubmittedAt)}")
                + (answer.LastAmendment is { } amended ? $", amended by {Name(amended.By)} on {On(amended.At)}" : ""), "govuk-tag--green"),
            _ when draftPending => ("Draft saved: not yet submitted", "govuk-tag--yellow"),
            _ => ("Not started", "govuk-tag--blue"),
        };
    }
}

/// <summary>The check-your-answer page: the question, and the saved answer as the panel will read it.</summary>
public sealed record CheckAnswerModel(LinkReview Review, LinkQuestion Question, string Text, MarkupString Rendered, bool Amending);

/// <summary>The confirmation: which question, and the reference of the answer as it now stands.</summary>
public sealed record AnswerSubmittedModel(LinkReview Review, LinkQuestion Question, string Reference, bool Amended);
