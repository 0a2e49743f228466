using System.Text.Json;
using ScrutinyWorkflow.Core.Reviews;
using ScrutinyWorkflow.Web.Engine;

namespace ScrutinyWorkflow.Web.Reviews;

// Requests: every member nullable, so a missing or mistyped field becomes a named problem rather than a crash.

/// <summary>A review to start. <see cref="AutomaticRelease"/>: let the statement go to the panel unreleased at the last publishing time.</summary>
public sealed record ReviewRequest(FocusReportRequest? FocusReport, PanelRequest? Panel, string? MeetingDate, string? Deadline, IReadOnlyList<AreaRequest?>? Areas, bool AutomaticRelease = false);

public sealed record FocusReportRequest(string? Title, string? Published);

public sealed record PanelRequest(string? Name, string? Email);

public sealed record AreaRequest(string? Heading, IReadOnlyList<QuestionRequest?>? Questions);

public sealed record QuestionRequest(string? Id, string? Text, IReadOnlyList<string?>? Officers);

public sealed record QuestionsRequest(IReadOnlyList<AreaRequest?>? Areas);

public sealed record ReassignRequest(string? To, string? Reason);

public sealed record NewQuestionRequest(string? Area, string? Text, IReadOnlyList<string?>? Officers);

public sealed record LateAnswerRequest(string? Text);

public sealed record CorrectionRequest(string? Text);

public sealed record DeadlineRequest(string? Deadline);

public sealed record MeetingDateRequest(string? MeetingDate);

public sealed record ReopenRequest(string? Until);

public sealed record ReasonRequest(string? Reason);

// Responses.

public sealed record CreatedReview(string Id);

/// <summary>A page of the review list, with links to the pages either side (null at the ends) and how many there are.</summary>
public sealed record ReviewListView(IReadOnlyList<ReviewSummary> Reviews, int Page, int PageSize, int Total, int Pages, string? Previous, string? Next)
{
    public static ReviewListView From(ReviewListPage page, ReviewListQuery query)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(query);
        return new(page.Reviews, page.Page, page.PageSize, page.Total, page.Pages,
            page.Page > 1 ? Link(query with { Page = Math.Min(page.Page - 1, page.Pages) }) : null,
            page.Page < page.Pages ? Link(query with { Page = page.Page + 1 }) : null);
    }

    /// <summary>The API address of a page of the list.</summary>
    public static string Link(ReviewListQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var link = $"/api/reviews?page={query.Page}&pageSize={query.PageSize}&sort={query.Sort.ToString().ToLowerInvariant()}";
        return query.Status is { } status ? $"{link}&status={Uri.EscapeDataString(status)}" : link;
    }
}

public sealed record AuditEntry(long Version, string Type, int SchemaVersion, DateTimeOffset At, DateTimeOffset RecordedAt, JsonElement Data);

public sealed record FocusReportView(string Title, string Published);

/// <summary><see cref="RoutedBy"/>: the routing rule that proposed the officers, while they are the ones it proposed.</summary>
/// <summary>
/// A question as the API gives it: <see cref="Id"/> names it in addresses and commands; <see cref="Number"/> is the one
/// number people know it by, as the pages, the statement and answer references show it (<see cref="ReviewState.NumberOf"/>).
/// </summary>
public sealed record QuestionView(string Id, int Number, string Text, IReadOnlyList<string> Officers, ReportSource? Source, bool Answered, RoutingChoice? RoutedBy = null);

public sealed record AreaView(string Heading, IReadOnlyList<QuestionView> Questions);

/// <summary>
/// One officer asked one question. <see cref="State"/> is draft, requested, reminded, escalated, answered, declined,
/// withdrawn, closed-early or no-response.
/// </summary>
public sealed record AssignmentView(string Id, string Area, string QuestionId, string Question, string Officer, string? OfficerName, string State);

public sealed record ReviewView(
    string Id,
    string Status,
    FocusReportView? FocusReport,
    Panel? Panel,
    DateOnly MeetingDate,
    DateOnly Deadline,
    DateTime? NextDue,
    string? FiledLocation,
    string? ClosedEarlyReason,
    IReadOnlyList<AreaView> Areas,
    IReadOnlyList<AssignmentView> Assignments,
    int StatementVersion = 0,
    int ReleasedVersion = 0,
    string Kind = "focus-report",
    IReadOnlyList<DecisionView>? Decisions = null)
{
    public static ReviewView From(ReviewState state)
    {
        var areaOf = state.Areas.SelectMany(a => a.Questions.Select(q => (q.QuestionId, a.Heading))).ToDictionary(x => x.QuestionId, x => x.Heading);
        IReadOnlyList<AssignmentView> assignments = state.Status == ReviewStatus.Draft
            ? [.. state.Questions.SelectMany(q => q.OfficerEmails.Select(email => new AssignmentView(
                "", areaOf[q.QuestionId], q.QuestionId, q.Text, email, state.Officers.GetValueOrDefault(email)?.Name, "draft")))]
            : [.. state.Assignments.Where(a => a.Outcome != AssignmentOutcome.Reassigned).Select(a => new AssignmentView(
                a.Id, state.Placing(a.QuestionId).Heading, a.QuestionId, state.Placing(a.QuestionId).Question.Text, a.OfficerEmail, state.Officers.GetValueOrDefault(a.OfficerEmail)?.Name, StateName(a)))];

        return new ReviewView(
            state.ReviewId,
            ReviewSummary.StatusName(state.Status),
            state.FocusReport is { } report ? new FocusReportView(report.Title, report.Published.ToString()) : null,
            state.Panel,
            state.MeetingDate,
            state.Deadline,
            state.NextDue,
            state.FiledLocation,
            state.ClosedEarlyReason,
            [.. state.Areas.Select(a => new AreaView(a.Heading, [.. a.Questions.Select(q => new QuestionView(
                q.QuestionId, state.NumberOf(q.QuestionId), q.Text, q.OfficerEmails, q.Source, state.Answers.ContainsKey(q.QuestionId), q.RoutedBy))]))],
            assignments,
            state.StatementVersion,
            state.ReleasedVersion,
            ReviewSummary.KindName(state.Kind),
            state.Kind == ReviewKind.Decisions ? [.. state.Decisions.Select(DecisionView.From)] : null);
    }

    private static string StateName(Assignment assignment) => assignment.Outcome switch
    {
        AssignmentOutcome.Answered => "answered",
        AssignmentOutcome.NoResponse => "no-response",
        AssignmentOutcome.Declined => "declined",
        AssignmentOutcome.Withdrawn => "withdrawn",
        AssignmentOutcome.ClosedEarly => "closed-early",
        _ when assignment.Escalated => "escalated",
        _ when assignment.RemindersSent > 0 => "reminded",
        _ => "requested",
    };
}

/// <summary>An officer asked in a review who is away until after its deadline; <see cref="Until"/> is null when their automatic replies have no end.</summary>
public sealed record OfficerAway(string Email, string Name, DateTimeOffset? From, DateTimeOffset? Until, string? Manager);

/// <summary>
/// One of a decisions review's decisions as recorded: <see cref="Finding"/> as the API names it (upheld,
/// fault-no-injustice, not-upheld, not-investigated, premature); <see cref="QuestionId"/> is the learning question
/// asked of <see cref="Officer"/> for an upheld decision.
/// </summary>
public sealed record DecisionView(string Reference, DateOnly DecisionDate, string Category, string Finding, string Summary, string? Officer, string? QuestionId, IReadOnlyList<RemedyView> Remedies)
{
    public static DecisionView From(RecordedDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        return new(decision.Reference, decision.DecisionDate, decision.Category, FollowUpRequests.FindingName(decision.Finding), decision.Summary, decision.OfficerEmail, decision.QuestionId,
            [.. decision.Remedies.Select(r => new RemedyView(r.FollowUpId, FollowUpRequests.KindName(r.Kind), r.Text, r.Amount, r.Due))]);
    }
}

/// <summary>A remedy as recorded; <see cref="FollowUpId"/> names the follow-up that asks for its evidence.</summary>
public sealed record RemedyView(string FollowUpId, string Kind, string Text, decimal? Amount, DateOnly Due);
