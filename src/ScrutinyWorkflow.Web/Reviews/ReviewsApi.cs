using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using ScrutinyWorkflow.Core.Reviews;
using ScrutinyWorkflow.Web.Engine;
using ScrutinyWorkflow.Web.Engine.Serialization;
using ScrutinyWorkflow.Web.Hosting;
using ScrutinyWorkflow.Web.Officers;
using ScrutinyWorkflow.Web.Routing;
using ScrutinyWorkflow.Web.SignIn;

namespace ScrutinyWorkflow.Web.Reviews;

/// <summary>
/// The JSON API for scrutiny officers and their scripts. Each command endpoint binds the request, hands the
/// command to the command port, and maps the outcome; the rules, and every field problem, are the decider's.
/// </summary>
public static class ReviewsApi
{
    public static IEndpointRouteBuilder MapReviewsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/reviews").WithTags("Reviews").AddEndpointFilter(ReviewProblems.RefuseImpossibleIds);
        var reads = api.MapGroup("").RequireAuthorization(ScrutinyPolicies.Reader);
        var changes = api.MapGroup("").RequireAuthorization(ScrutinyPolicies.Officer);

        reads.MapGet("/", ListReviews);
        changes.MapPost("/", CreateReview);
        reads.MapGet("/{id}", GetReview);
        changes.MapPut("/{id}/questions", ReviseQuestions);
        changes.MapPost("/{id}/dispatch", Dispatch);
        changes.MapPost("/{id}/questions", AddQuestion);
        changes.MapPost("/{id}/questions/{questionId}/withdraw", WithdrawQuestion);
        changes.MapPost("/{id}/assignments/{assignmentId}/reassign", Reassign);
        changes.MapPost("/{id}/assignments/{assignmentId}/late-answer", AcceptLateAnswer);
        changes.MapPost("/{id}/officers/{email}/remind", RemindOfficer);
        changes.MapPost("/{id}/deadline", ChangeDeadline);
        changes.MapPost("/{id}/meeting-date", ChangeMeetingDate);
        changes.MapPost("/{id}/close", CloseEarly);
        changes.MapPost("/{id}/reopen", ReopenAnswers);
        changes.MapPost("/{id}/release", Release);
        changes.MapPost("/{id}/questions/{questionId}/correct", CorrectAnswer);
        reads.MapGet("/{id}/events", GetEvents);
        reads.MapGet("/{id}/away", OfficersAway);
        return app;
    }

    private static async Task<Results<Created<CreatedReview>, ProblemHttpResult>> CreateReview(
        HttpContext context, IOfficerDirectory directory, DraftRouting routing, IReviewCommands commands, CouncilClock clock, CancellationToken cancellationToken)
    {
        var (body, unreadable) = await ReadJsonAsync<ReviewRequest>(context.Request, cancellationToken);
        if (body is null)
        {
            return ReviewProblems.Invalid([unreadable ?? new("body", "Send the review as a JSON object (see README for an example).")]);
        }
        var id = NewReviewId();
        // A question that names nobody gets the officers the routing rules propose, for the scrutiny officer to confirm.
        var areas = routing.Propose(ReviewRequests.Areas(body.Areas));
        var command = ReviewRequests.ToDraft(id, body, await directory.FindWithManagersAsync(ReviewRequests.OfficersNamed(areas), cancellationToken), clock.Now) with { Areas = areas };
        return await commands.HandleAsync(id, command, expectedVersion: null, cancellationToken) switch
        {
            CommandApplied or CommandReceived => TypedResults.Created($"/api/reviews/{id}", new CreatedReview(id)),
            var other => ReviewProblems.For(other),
        };
    }

    private static async Task<Results<Ok<ReviewView>, ProblemHttpResult>> ReviseQuestions(
        string id, HttpContext context, IOfficerDirectory directory, IReviewCommands commands, CouncilClock clock, CancellationToken cancellationToken)
    {
        if (!VersionTags.TryReadExpected(context.Request, out var expected))
        {
            return ReviewProblems.UnreadableIfMatch();
        }
        var (body, unreadable) = await ReadJsonAsync<QuestionsRequest>(context.Request, cancellationToken);
        if (body is null)
        {
            return ReviewProblems.Invalid([unreadable ?? new("body", "Send the areas as a JSON object: { \"areas\": [...] }.")]);
        }
        var areas = ReviewRequests.Areas(body.Areas);
        var command = new Core.Reviews.ReviseQuestions(areas, await directory.FindWithManagersAsync(ReviewRequests.OfficersNamed(areas), cancellationToken), clock.Now);
        return await commands.HandleAsync(id, command, expected, cancellationToken) switch
        {
            (CommandApplied or CommandReceived) and var done => Ok(context.Response, done),
            var other => ReviewProblems.For(other),
        };

        static Ok<ReviewView> Ok(HttpResponse response, CommandOutcome done)
        {
            VersionTags.Set(response, done.Version);
            return TypedResults.Ok(ReviewView.From(done.State));
        }
    }

    /// <summary>
    /// Sends the requests, then notes who the directory says is away until after the deadline, so their chasers go
    /// to their managers early (the decider's rule); a directory that cannot tell leaves everyone chased as usual.
    /// </summary>
    private static async Task<Results<Accepted<ReviewView>, ProblemHttpResult>> Dispatch(
        string id, HttpContext context, IReviewCommands commands, IOfficersAway away, CouncilClock clock, CancellationToken cancellationToken)
    {
        var result = await AcceptedOrProblem(id, context, commands, new DispatchReview(clock.Now), cancellationToken);
        if (result.Result is Accepted<ReviewView>)
        {
            await away.RefreshReviewAsync(id, cancellationToken);
        }
        return result;
    }

    private static async Task<Results<Accepted<ReviewView>, ProblemHttpResult>> AddQuestion(
        string id, NewQuestionRequest body, HttpContext context, IOfficerDirectory directory, IReviewCommands commands, CouncilClock clock, CancellationToken cancellationToken)
    {
        var officers = (body.Officers ?? []).Select(o => o ?? "").ToList();
        var command = new Core.Reviews.AddQuestion(body.Area ?? "", body.Text ?? "", officers, await directory.FindWithManagersAsync(officers, cancellationToken), clock.Now);
        return await AcceptedOrProblem(id, context, commands, command, cancellationToken);
    }

    private static Task<Results<Accepted<ReviewView>, ProblemHttpResult>> WithdrawQuestion(
        string id, string questionId, ReasonRequest? body, HttpContext context, IReviewCommands commands, CouncilClock clock, CancellationToken cancellationToken) =>
        AcceptedOrProblem(id, context, commands, new Core.Reviews.WithdrawQuestion(questionId, body?.Reason ?? "", clock.Now), cancellationToken);

    private static async Task<Results<Accepted<ReviewView>, ProblemHttpResult>> Reassign(
        string id, string assignmentId, ReassignRequest? body, HttpContext context, IOfficerDirectory directory, IReviewQueries queries, IReviewCommands commands, CouncilClock clock, CancellationToken cancellationToken)
    {
        // With no one named, the decider hands the question to the colleague its officer suggested when declining it.
        var named = body?.To is { Length: > 0 } to ? [to]
            : (await queries.FindAsync(id, cancellationToken))?.State.FindAssignment(assignmentId)?.Declined?.SuggestedEmail is { } suggested ? [suggested] : Array.Empty<string>();
        var command = new ReassignAssignment(assignmentId, body?.To, await directory.FindWithManagersAsync(named, cancellationToken), body?.Reason ?? "", clock.Now);
        return await AcceptedOrProblem(id, context, commands, command, cancellationToken);
    }

    private static Task<Results<Accepted<ReviewView>, ProblemHttpResult>> AcceptLateAnswer(
        string id, string assignmentId, LateAnswerRequest? body, HttpContext context, IReviewCommands commands, CouncilClock clock, CancellationToken cancellationToken) =>
        AcceptedOrProblem(id, context, commands, new Core.Reviews.AcceptLateAnswer(assignmentId, body?.Text ?? "", clock.Now), cancellationToken);

    private static Task<Results<Accepted<ReviewView>, ProblemHttpResult>> CorrectAnswer(
        string id, string questionId, CorrectionRequest? body, HttpContext context, IReviewCommands commands, CouncilClock clock, CancellationToken cancellationToken) =>
        AcceptedOrProblem(id, context, commands, new Core.Reviews.CorrectAnswer(questionId, body?.Text ?? "", clock.Now), cancellationToken);

    private static Task<Results<Accepted<ReviewView>, ProblemHttpResult>> RemindOfficer(
        string id, string email, HttpContext context, IReviewCommands commands, CouncilClock clock, CancellationToken cancellationToken) =>
        AcceptedOrProblem(id, context, commands, new Core.Reviews.RemindOfficer(email, clock.Now), cancellationToken);

    private static Task<Results<Accepted<ReviewView>, ProblemHttpResult>> ChangeDeadline(
        string id, DeadlineRequest? body, HttpContext context, IReviewCommands commands, CouncilClock clock, CancellationToken cancellationToken) =>
        AcceptedOrProblem(id, context, commands, new Core.Reviews.ChangeDeadline(ReviewRequests.Date(body?.Deadline), clock.Now), cancellationToken);

    private static Task<Results<Accepted<ReviewView>, ProblemHttpResult>> ChangeMeetingDate(
        string id, MeetingDateRequest? body, HttpContext context, IReviewCommands commands, CouncilClock clock, CancellationToken cancellationToken) =>
        AcceptedOrProblem(id, context, commands, new Core.Reviews.ChangeMeetingDate(ReviewRequests.Date(body?.MeetingDate), clock.Now), cancellationToken);

    private static Task<Results<Accepted<ReviewView>, ProblemHttpResult>> CloseEarly(
        string id, ReasonRequest? body, HttpContext context, IReviewCommands commands, CouncilClock clock, CancellationToken cancellationToken) =>
        AcceptedOrProblem(id, context, commands, new Core.Reviews.CloseEarly(body?.Reason ?? "", clock.Now), cancellationToken);

    private static Task<Results<Accepted<ReviewView>, ProblemHttpResult>> ReopenAnswers(
        string id, ReopenRequest? body, HttpContext context, IReviewCommands commands, CouncilClock clock, CancellationToken cancellationToken) =>
        AcceptedOrProblem(id, context, commands, new Core.Reviews.ReopenAnswers(ReviewRequests.Date(body?.Until), clock.Now), cancellationToken);

    private static Task<Results<Accepted<ReviewView>, ProblemHttpResult>> Release(
        string id, HttpContext context, IReviewCommands commands, CouncilClock clock, CancellationToken cancellationToken) =>
        AcceptedOrProblem(id, context, commands, new ReleaseStatement(clock.Now), cancellationToken);

    private static async Task<Results<Ok<ReviewView>, NotFound>> GetReview(string id, HttpResponse response, IReviewQueries queries, CancellationToken cancellationToken)
    {
        if (await queries.FindAsync(id, cancellationToken) is not { } review)
        {
            return TypedResults.NotFound();
        }
        VersionTags.Set(response, review.Version);
        return TypedResults.Ok(ReviewView.From(review.State));
    }

    /// <summary>
    /// The officers asked in the review whose automatic replies say they are away until after the deadline, so the
    /// scrutiny officer can ask someone else (or their manager) before dispatch rather than learn it from a chaser.
    /// </summary>
    private static async Task<Results<Ok<IReadOnlyList<OfficerAway>>, NotFound>> OfficersAway(
        string id, IReviewQueries queries, IOfficersAway away, CancellationToken cancellationToken)
    {
        if (await queries.FindAsync(id, cancellationToken) is not { } review)
        {
            return TypedResults.NotFound();
        }
        OfficerAway Row(AwayPastDeadline absent)
        {
            var officer = review.State.OfficerOrAddress(absent.Email);
            return new(officer.Email, officer.Name, absent.Replies.From, absent.Replies.Until, officer.ManagerEmail);
        }
        return TypedResults.Ok<IReadOnlyList<OfficerAway>>([.. (await away.AwayAsync(review.State, cancellationToken)).Select(Row)]);
    }

    private static async Task<Results<Ok<ReviewListView>, ProblemHttpResult>> ListReviews(
        string? page, string? pageSize, string? status, string? sort, IReviewQueries queries, CancellationToken cancellationToken)
    {
        var problems = new List<Problem>();
        var query = ReviewRequests.ListQuery(page, pageSize, status, sort, problems);
        if (problems.Count > 0)
        {
            return ReviewProblems.Invalid(problems);
        }
        return TypedResults.Ok(ReviewListView.From(await queries.ListAsync(query, cancellationToken), query));
    }

    private static async Task<Results<Ok<IReadOnlyList<AuditEntry>>, NotFound>> GetEvents(string id, IReviewQueries queries, CancellationToken cancellationToken) =>
        await queries.AuditTrailAsync(id, cancellationToken) is { } trail
            ? TypedResults.Ok<IReadOnlyList<AuditEntry>>([.. trail.Select(e => new AuditEntry(
                e.Version, e.Type, e.SchemaVersion, e.Event.At, e.RecordedAt,
                JsonSerializer.SerializeToElement(Private(e.Event), Private(e.Event).GetType(), ReviewEventSerializer.JsonOptions)))])
            : TypedResults.NotFound();

    /// <summary>A saved answer is the officer's own until they submit it: the trail shows that it was saved, not what it said.</summary>
    private static ReviewEvent Private(ReviewEvent @event) => @event is AnswerSaved saved ? saved with { Text = "" } : @event;

    internal static async Task<Results<Accepted<ReviewView>, ProblemHttpResult>> AcceptedOrProblem(
        string id, HttpContext context, IReviewCommands commands, ReviewCommand command, CancellationToken cancellationToken)
    {
        if (!VersionTags.TryReadExpected(context.Request, out var expected))
        {
            return ReviewProblems.UnreadableIfMatch();
        }
        var outcome = await commands.HandleAsync(id, command, expected, cancellationToken);
        if (outcome is not (CommandApplied or CommandReceived))
        {
            return ReviewProblems.For(outcome);
        }
        VersionTags.Set(context.Response, outcome.Version);
        return TypedResults.Accepted($"/api/reviews/{id}", ReviewView.From(outcome.State));
    }

    /// <summary>The body, or what is wrong with it: a value of the wrong type is named by its path.</summary>
    private static async Task<(T? Body, Problem? Problem)> ReadJsonAsync<T>(HttpRequest request, CancellationToken cancellationToken) where T : class
    {
        if (!request.HasJsonContentType())
        {
            return (null, null);
        }
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
        }
        catch (JsonException)
        {
            // Not JSON at all: the body as a whole is wrong.
            return (null, null);
        }
        using (document)
        {
            try
            {
                return (document.RootElement.Deserialize<T>(ReviewRequests.JsonOptions), null);
            }
            catch (JsonException ex)
            {
                return (null, ReviewProblems.WrongJsonType(ex));
            }
        }
    }

    /// <summary>Review ids are made here, at the edge: 48 random bits, short enough to read out on the phone.</summary>
    internal static string NewReviewId() =>
        "rv-" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(6));
}
