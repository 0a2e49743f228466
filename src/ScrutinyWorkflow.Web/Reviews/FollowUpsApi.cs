using Microsoft.AspNetCore.Http.HttpResults;
using ScrutinyWorkflow.Core.Decisions;
using ScrutinyWorkflow.Core.Recommendations;
using ScrutinyWorkflow.Core.Reviews;
using ScrutinyWorkflow.Web.Engine;
using ScrutinyWorkflow.Web.Hosting;
using ScrutinyWorkflow.Web.Officers;
using ScrutinyWorkflow.Web.SignIn;

namespace ScrutinyWorkflow.Web.Reviews;

/// <summary>
/// The JSON API for the work between focus reports: a month's Ombudsman decisions as a review of their own, and the
/// follow-ups of any review (the panel's recommendations, R1...; the remedies' evidence, M1...). As in
/// <see cref="ReviewsApi"/>, each endpoint binds, hands the command to the command port and maps the outcome; the
/// person acting is the one signed in, who passed the scrutiny team's access rule to reach a change.
/// </summary>
public static class FollowUpsApi
{
    public static IEndpointRouteBuilder MapFollowUpsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/reviews").WithTags("Follow-ups").AddEndpointFilter(ReviewProblems.RefuseImpossibleIds);
        var reads = api.MapGroup("").RequireAuthorization(ScrutinyPolicies.Reader);
        var changes = api.MapGroup("").RequireAuthorization(ScrutinyPolicies.Officer);

        changes.MapPost("/decisions", CreateDecisionsReview);
        reads.MapGet("/{id}/follow-ups", ListFollowUps);
        changes.MapPost("/{id}/recommendations", RecordRecommendation);
        changes.MapPost("/{id}/follow-ups/{followUpId}/updates", RecordUpdate);
        changes.MapPost("/{id}/follow-ups/{followUpId}/request-update", RequestUpdate);
        changes.MapPost("/{id}/follow-ups/{followUpId}/due-date", ChangeDueDate);
        changes.MapPost("/{id}/follow-ups/{followUpId}/owner", ChangeOwner);
        changes.MapPost("/{id}/follow-ups/{followUpId}/close", Close);
        changes.MapPost("/{id}/published-compliance", RecordPublishedCompliance);
        return app;
    }

    private static async Task<Results<Created<CreatedReview>, ProblemHttpResult>> CreateDecisionsReview(
        DecisionsReviewRequest? body, IOfficerDirectory directory, IReviewCommands commands, CouncilClock clock, CancellationToken cancellationToken)
    {
        if (body is null)
        {
            return ReviewProblems.Invalid([new("body", "Send the month's decisions as a JSON object (see README for an example).")]);
        }
        if (FollowUpRequests.UnknownRemedyKinds(body.Decisions) is { Count: > 0 } unknownKinds)
        {
            return ReviewProblems.Invalid(unknownKinds);
        }
        var id = ReviewsApi.NewReviewId();
        var decisions = FollowUpRequests.Decisions(body.Decisions);
        var known = await directory.FindWithManagersAsync(decisions.Select(d => d.OfficerEmail), cancellationToken);
        var command = new DraftDecisionsReview(id, ReviewRequests.Month(body.Month), body.Panel?.Name, body.Panel?.Email,
            ReviewRequests.Date(body.MeetingDate), ReviewRequests.Date(body.Deadline), decisions, known, clock.Now);
        return await commands.HandleAsync(id, command, expectedVersion: null, cancellationToken) switch
        {
            CommandApplied or CommandReceived => TypedResults.Created($"/api/reviews/{id}", new CreatedReview(id)),
            var other => ReviewProblems.For(other),
        };
    }

    private static async Task<Results<Ok<IReadOnlyList<FollowUpView>>, NotFound>> ListFollowUps(string id, IReviewQueries queries, CouncilClock clock, CancellationToken cancellationToken) =>
        await queries.FindAsync(id, cancellationToken) is { } review
            ? TypedResults.Ok(FollowUpView.AllOf(review.State, clock.Now))
            : TypedResults.NotFound();

    private static async Task<Results<Accepted<ReviewView>, ProblemHttpResult>> RecordRecommendation(
        string id, RecommendationRequest? body, HttpContext context, IOfficerDirectory directory, ICurrentOfficer current, IReviewCommands commands, CouncilClock clock, CancellationToken cancellationToken)
    {
        var command = new RecordPanelRecommendation(body?.Text, await OwnerAsync(directory, body?.Owner, cancellationToken), ReviewRequests.Date(body?.UpdateDue), Acting(current), clock.Now);
        return await ReviewsApi.AcceptedOrProblem(id, context, commands, command, cancellationToken);
    }

    private static Task<Results<Accepted<ReviewView>, ProblemHttpResult>> RecordUpdate(
        string id, string followUpId, UpdateRequest? body, HttpContext context, ICurrentOfficer current, IReviewCommands commands, CouncilClock clock, CancellationToken cancellationToken) =>
        Act(id, followUpId, context, commands, new ProvideUpdate(body?.Text ?? "", FollowUpRequests.Progress(body?.Progress), Acting(current), clock.Now), cancellationToken);

    private static Task<Results<Accepted<ReviewView>, ProblemHttpResult>> RequestUpdate(
        string id, string followUpId, DueRequest? body, HttpContext context, ICurrentOfficer current, IReviewCommands commands, CouncilClock clock, CancellationToken cancellationToken) =>
        Act(id, followUpId, context, commands, new Core.Recommendations.RequestUpdate(ReviewRequests.Date(body?.Due), Acting(current), clock.Now), cancellationToken);

    private static Task<Results<Accepted<ReviewView>, ProblemHttpResult>> ChangeDueDate(
        string id, string followUpId, DueRequest? body, HttpContext context, ICurrentOfficer current, IReviewCommands commands, CouncilClock clock, CancellationToken cancellationToken) =>
        Act(id, followUpId, context, commands, new ChangeUpdateDate(ReviewRequests.Date(body?.Due), Acting(current), clock.Now), cancellationToken);

    private static async Task<Results<Accepted<ReviewView>, ProblemHttpResult>> ChangeOwner(
        string id, string followUpId, OwnerRequest? body, HttpContext context, IOfficerDirectory directory, ICurrentOfficer current, IReviewCommands commands, CouncilClock clock, CancellationToken cancellationToken)
    {
        var owner = await OwnerAsync(directory, body?.Owner, cancellationToken);
        return await Act(id, followUpId, context, commands, new Core.Recommendations.ChangeOwner(owner, body?.Reason ?? "", Acting(current), clock.Now), cancellationToken);
    }

    private static Task<Results<Accepted<ReviewView>, ProblemHttpResult>> Close(
        string id, string followUpId, CloseRequest? body, HttpContext context, ICurrentOfficer current, IReviewCommands commands, CouncilClock clock, CancellationToken cancellationToken) =>
        FollowUpRequests.Closure(body?.Closure) is { } closure
            ? Act(id, followUpId, context, commands, new CloseRecommendation(closure, body?.Note ?? "", Acting(current), clock.Now), cancellationToken)
            : Task.FromResult<Results<Accepted<ReviewView>, ProblemHttpResult>>(
                ReviewProblems.Invalid([new("closure", "Say why it is closed: implemented, not-implemented or no-longer-needed.")]));

    private static Task<Results<Accepted<ReviewView>, ProblemHttpResult>> RecordPublishedCompliance(
        string id, PublishedComplianceRequest? body, HttpContext context, IReviewCommands commands, CouncilClock clock, CancellationToken cancellationToken) =>
        ReviewsApi.AcceptedOrProblem(id, context, commands, new Core.Reviews.RecordPublishedCompliance(body?.Year ?? 0, body?.Percent, clock.Now), cancellationToken);

    private static Task<Results<Accepted<ReviewView>, ProblemHttpResult>> Act(
        string id, string followUpId, HttpContext context, IReviewCommands commands, RecommendationCommand command, CancellationToken cancellationToken) =>
        ReviewsApi.AcceptedOrProblem(id, context, commands, new ActOnFollowUp(followUpId, command), cancellationToken);

    /// <summary>The directory's entry for the owner named; null when none is named or found, for the decider to say so.</summary>
    private static async Task<Officer?> OwnerAsync(IOfficerDirectory directory, string? email, CancellationToken cancellationToken) =>
        email is { Length: > 0 } ? await directory.FindAsync(Officer.NormaliseEmail(email), cancellationToken) : null;

    /// <summary>Only a person who passed the scrutiny team's access rule reaches a change here, so they act as the scrutiny team.</summary>
    private static Actor Acting(ICurrentOfficer current) => Actor.ScrutinyOfficer(current.SignedIn?.Email ?? "");
}

// Requests: every member nullable, so a missing or mistyped field becomes a named problem rather than a crash.

/// <summary>A month's decisions to review: the month (yyyy-MM), the panel that gets the paper, its meeting and the date the learning is due.</summary>
public sealed record DecisionsReviewRequest(string? Month, PanelRequest? Panel, string? MeetingDate, string? Deadline, IReadOnlyList<DecisionRequest?>? Decisions);

/// <summary>
/// One decision: <see cref="Finding"/> is upheld (fault causing injustice), fault-no-injustice, not-upheld,
/// not-investigated or premature; <see cref="Officer"/> is the service's officer asked for the learning and the remedies' evidence.
/// </summary>
public sealed record DecisionRequest(string? Reference, string? DecisionDate, string? Category, string? Finding, string? Summary, string? Officer, IReadOnlyList<RemedyRequest?>? Remedies);

/// <summary>One remedy: <see cref="Kind"/> is apology, payment, procedure, training or other; <see cref="Due"/> yyyy-MM-dd.</summary>
public sealed record RemedyRequest(string? Kind, string? Text, decimal? Amount, string? Due);

public sealed record RecommendationRequest(string? Text, string? Owner, string? UpdateDue);

/// <summary>An update recorded by the scrutiny team from what the owner sent them: <see cref="Progress"/> is in-progress or done.</summary>
public sealed record UpdateRequest(string? Text, string? Progress);

public sealed record DueRequest(string? Due);

public sealed record OwnerRequest(string? Owner, string? Reason);

/// <summary><see cref="Closure"/> is implemented, not-implemented or no-longer-needed; a note is required unless implemented.</summary>
public sealed record CloseRequest(string? Closure, string? Note);

/// <summary>The Ombudsman's published compliance rate (percent) for the year beginning 1 April <see cref="Year"/>.</summary>
public sealed record PublishedComplianceRequest(int? Year, decimal? Percent);

/// <summary>Reads the follow-up requests' words into core values; what cannot be read becomes null, for the decider to name.</summary>
public static class FollowUpRequests
{
    public static IReadOnlyList<DecisionInput> Decisions(IReadOnlyList<DecisionRequest?>? decisions) =>
        [.. (decisions ?? []).Select(d => new DecisionInput(
            d?.Reference,
            ReviewRequests.Date(d?.DecisionDate),
            d?.Category,
            Finding(d?.Finding),
            d?.Summary,
            string.IsNullOrWhiteSpace(d?.Officer) ? null : Officer.NormaliseEmail(d.Officer),
            [.. (d?.Remedies ?? []).Select(r => new RemedyInput(Kind(r?.Kind) ?? RemedyKind.Other, r?.Text, r?.Amount, ReviewRequests.Date(r?.Due)))]))];

    public static DecisionFinding? Finding(string? text) => Normalised(text) switch
    {
        "upheld" or "upheld-with-injustice" or "fault-causing-injustice" => DecisionFinding.UpheldWithInjustice,
        "fault-no-injustice" or "fault-without-injustice" => DecisionFinding.FaultWithoutInjustice,
        "not-upheld" or "no-fault" => DecisionFinding.NotUpheld,
        "not-investigated" or "closed-after-initial-enquiries" => DecisionFinding.NotInvestigated,
        "premature" => DecisionFinding.Premature,
        _ => null,
    };

    public static string FindingName(DecisionFinding finding) => finding switch
    {
        DecisionFinding.UpheldWithInjustice => "upheld",
        DecisionFinding.FaultWithoutInjustice => "fault-no-injustice",
        DecisionFinding.NotUpheld => "not-upheld",
        DecisionFinding.NotInvestigated => "not-investigated",
        _ => "premature",
    };

    /// <summary>The kinds a remedy can be given as, in the words the API's answers use.</summary>
    public static IReadOnlyList<string> KindNames { get; } = [.. Enum.GetValues<RemedyKind>().Select(KindName)];

    /// <summary>The kind of remedy named, or null for a name that is none of <see cref="KindNames"/> (or their longer forms), or none.</summary>
    public static RemedyKind? Kind(string? text) => Normalised(text) switch
    {
        "apology" => RemedyKind.Apology,
        "payment" or "financial-redress" => RemedyKind.FinancialRedress,
        "procedure" or "procedure-change" or "policy" => RemedyKind.ProcedureChange,
        "training" or "staff-training" => RemedyKind.StaffTraining,
        "other" => RemedyKind.Other,
        _ => null,
    };

    /// <summary>
    /// Each remedy whose kind is missing or not one the API knows, named by its path in the body. A kind is never
    /// guessed: a remedy counted as "other" would go to the panel's compliance tables under the wrong heading.
    /// </summary>
    public static IReadOnlyList<Problem> UnknownRemedyKinds(IReadOnlyList<DecisionRequest?>? decisions) =>
        [.. (decisions ?? []).SelectMany((d, i) => (d?.Remedies ?? [])
            .Select((r, j) => (Remedy: r, Path: $"decisions[{i}].remedies[{j}].kind"))
            .Where(r => r.Remedy is not null && Kind(r.Remedy.Kind) is null)
            .Select(r => new Problem(r.Path, string.IsNullOrWhiteSpace(r.Remedy!.Kind)
                ? $"Say what kind of remedy this is: {KindList}."
                : $"\u201c{r.Remedy.Kind.Trim()}\u201d is not a kind of remedy; use {KindList}.")))];

    private static string KindList => $"{string.Join(", ", KindNames.Take(KindNames.Count - 1))} or {KindNames[^1]}";

    public static string KindName(RemedyKind kind) => kind switch
    {
        RemedyKind.Apology => "apology",
        RemedyKind.FinancialRedress => "payment",
        RemedyKind.ProcedureChange => "procedure",
        RemedyKind.StaffTraining => "training",
        _ => "other",
    };

    /// <summary>An update is in progress unless the owner says it is done.</summary>
    public static RecommendationProgress Progress(string? text) => Normalised(text) == "done" ? RecommendationProgress.Done : RecommendationProgress.InProgress;

    public static RecommendationClosure? Closure(string? text) => Normalised(text) switch
    {
        "implemented" => RecommendationClosure.Implemented,
        "not-implemented" => RecommendationClosure.NotImplemented,
        "no-longer-needed" => RecommendationClosure.NoLongerNeeded,
        _ => null,
    };

    public static string StandingName(RecommendationStanding standing) => standing switch
    {
        RecommendationStanding.AwaitingUpdate => "awaiting-update",
        RecommendationStanding.UpdateOverdue => "update-overdue",
        RecommendationStanding.InProgress => "in-progress",
        RecommendationStanding.ReportedDone => "reported-done",
        _ => "closed",
    };

    private static string Normalised(string? text) => (text ?? "").Trim().ToLowerInvariant().Replace(' ', '-').Replace('_', '-');
}

// Responses.

/// <summary>One update as given: its round, the words, in-progress or done, who gave it and when.</summary>
public sealed record FollowUpUpdateView(int Round, string Text, string Progress, string By, bool ByScrutinyTeam, DateTimeOffset At);

/// <summary>
/// A follow-up as the API gives it. <see cref="Kind"/> is recommendation or remedy; <see cref="Standing"/> is
/// awaiting-update, update-overdue, in-progress, reported-done or closed, and <see cref="Status"/> says it in the words
/// the panel's paper uses; <see cref="Decision"/> is a remedy's decision reference.
/// </summary>
public sealed record FollowUpView(
    string Id, string Kind, string Text, string Owner, string? OwnerName, string Standing, string Status, DateOnly? Due, string? Decision,
    IReadOnlyList<FollowUpUpdateView> Updates, string? Closure, string? ClosingNote)
{
    public static IReadOnlyList<FollowUpView> AllOf(ReviewState state, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        return [.. state.FollowUpsInOrder.Select(f => From(state, f, now))];
    }

    private static FollowUpView From(ReviewState state, RecommendationState followUp, DateTimeOffset now)
    {
        var row = RecommendationProgressRows.From(followUp, now);
        var remedy = FollowUpIds.IsRemedy(followUp.RecommendationId);
        return new(
            followUp.RecommendationId,
            remedy ? "remedy" : "recommendation",
            followUp.Text,
            followUp.Owner!.Email,
            followUp.Owner.Name,
            FollowUpRequests.StandingName(row.Standing),
            row.Status,
            followUp.CurrentRound?.Due,
            state.DecisionOfRemedy(followUp.RecommendationId)?.Reference,
            [.. followUp.Rounds.Where(r => r.Update is not null).Select(r => new FollowUpUpdateView(
                r.Round, r.Update!.Text, r.Update.Progress == RecommendationProgress.Done ? "done" : "in-progress", r.Update.By, r.Update.ByScrutinyTeam, r.Update.At))],
            followUp.Closed is { } closed ? closed.Closure switch
            {
                RecommendationClosure.Implemented => "implemented",
                RecommendationClosure.NotImplemented => "not-implemented",
                _ => "no-longer-needed",
            } : null,
            followUp.Closed?.Note);
    }
}
