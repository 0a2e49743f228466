using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using ScrutinyWorkflow.Core.Reviews;
using ScrutinyWorkflow.Core.Statements;
using ScrutinyWorkflow.Web.Officers;
using ScrutinyWorkflow.Web.Reviews.Storage;

namespace ScrutinyWorkflow.Web.Reviews;

/// <summary>The JSON API for scrutiny officers and their scripts. Each command endpoint loads, decides and appends, nothing more.</summary>
public static class ReviewsApi
{
    public static IEndpointRouteBuilder MapReviewsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/reviews").WithTags("Reviews");

        api.MapGet("/", ListReviews);
        api.MapPost("/", CreateReview);
        api.MapGet("/{id}", GetReview);
        api.MapPut("/{id}/questions", ReviseQuestions);
        api.MapPost("/{id}/dispatch", Dispatch);
        api.MapPost("/{id}/assignments/{assignmentId}/reassign", Reassign);
        api.MapPost("/{id}/deadline", ExtendDeadline);
        api.MapPost("/{id}/close", CloseEarly);
        api.MapGet("/{id}/events", GetEvents);
        api.MapGet("/{id}/statement", GetStatement);
        return app;
    }

    private static async Task<Results<Created<CreatedReview>, ProblemHttpResult>> CreateReview(
        HttpRequest request, IOfficerDirectory directory, ReviewService reviews, ReviewDecider decider, CouncilClock clock, CancellationToken cancellationToken)
    {
        if (await ReadJsonAsync<ReviewRequest>(request, cancellationToken) is not { } body)
        {
            return ReviewProblems.Invalid([new("body", "Send the review as a JSON object (see README for an example).")]);
        }
        var parse = ReviewRequestParser.Parse(body);
        var id = NewReviewId();
        var command = new DraftReview(id, parse.FocusReport, parse.Panel, parse.MeetingDate, parse.Deadline, parse.Areas,
            await FindOfficersAsync(directory, parse.Areas, cancellationToken), clock.Now);

        if (parse.Problems.Count > 0)
        {
            // Report every bad field at once: ask the pure decider about the rest, without appending anything.
            var more = decider.Decide(command, ReviewState.Initial) is Rejected r ? r.Rejection.Problems : [];
            return ReviewProblems.Invalid([.. parse.Problems, .. more.Where(p => !parse.Covers(p))]);
        }
        return (await reviews.HandleAsync(id, command, cancellationToken)).Decision switch
        {
            Rejected r => ReviewProblems.For(r.Rejection),
            _ => TypedResults.Created($"/api/reviews/{id}", new CreatedReview(id)),
        };
    }

    private static async Task<Results<Ok<ReviewView>, ProblemHttpResult>> ReviseQuestions(
        string id, HttpRequest request, IOfficerDirectory directory, ReviewService reviews, CouncilClock clock, CancellationToken cancellationToken)
    {
        if (await ReadJsonAsync<QuestionsRequest>(request, cancellationToken) is not { } body)
        {
            return ReviewProblems.Invalid([new("body", "Send the areas as a JSON object: { \"areas\": [...] }.")]);
        }
        var problems = new List<Problem>();
        var areas = ReviewRequestParser.ParseAreas(body.Areas, problems);
        if (problems.Count > 0)
        {
            return ReviewProblems.Invalid(problems);
        }
        var command = new Core.Reviews.ReviseQuestions(areas, await FindOfficersAsync(directory, areas, cancellationToken), clock.Now);
        var handled = await reviews.HandleAsync(id, command, cancellationToken);
        return handled.Decision switch
        {
            Rejected r => ReviewProblems.For(r.Rejection),
            _ => TypedResults.Ok(ReviewView.From(handled.State)),
        };
    }

    private static async Task<Results<Accepted<ReviewView>, ProblemHttpResult>> Dispatch(
        string id, ReviewService reviews, CouncilClock clock, CancellationToken cancellationToken) =>
        await AcceptedOrProblem(id, reviews, new DispatchReview(clock.Now), cancellationToken);

    private static async Task<Results<Accepted<ReviewView>, ProblemHttpResult>> Reassign(
        string id, string assignmentId, ReassignRequest body, IOfficerDirectory directory, ReviewService reviews, CouncilClock clock, CancellationToken cancellationToken)
    {
        var to = body.To ?? "";
        var officer = EmailAddress.IsValid(to) ? await directory.FindAsync(to, cancellationToken) : null;
        return await AcceptedOrProblem(id, reviews, new ReassignAssignment(assignmentId, to, officer, body.Reason ?? "", clock.Now), cancellationToken);
    }

    private static async Task<Results<Accepted<ReviewView>, ProblemHttpResult>> ExtendDeadline(
        string id, DeadlineRequest body, ReviewService reviews, CouncilClock clock, CancellationToken cancellationToken)
    {
        if (!ReviewRequestParser.TryParseDate(body.Deadline, out var deadline))
        {
            return ReviewProblems.Invalid([new("deadline", "Give the new deadline as yyyy-MM-dd.")]);
        }
        return await AcceptedOrProblem(id, reviews, new Core.Reviews.ExtendDeadline(deadline, clock.Now), cancellationToken);
    }

    private static async Task<Results<Accepted<ReviewView>, ProblemHttpResult>> CloseEarly(
        string id, CloseRequest? body, ReviewService reviews, CouncilClock clock, CancellationToken cancellationToken) =>
        await AcceptedOrProblem(id, reviews, new Core.Reviews.CloseEarly(body?.Reason ?? "", clock.Now), cancellationToken);

    private static async Task<Results<Ok<ReviewView>, NotFound>> GetReview(string id, ReviewService reviews, CancellationToken cancellationToken) =>
        await reviews.LoadAsync(id, cancellationToken) is { } loaded ? TypedResults.Ok(ReviewView.From(loaded.State)) : TypedResults.NotFound();

    private static async Task<Ok<IReadOnlyList<ReviewSummary>>> ListReviews(ReviewService reviews, CancellationToken cancellationToken) =>
        TypedResults.Ok<IReadOnlyList<ReviewSummary>>([.. (await reviews.LoadRecentAsync(200, cancellationToken)).Select(ReviewSummary.From)]);

    private static async Task<Results<Ok<IReadOnlyList<AuditEntry>>, NotFound>> GetEvents(string id, ReviewService reviews, CancellationToken cancellationToken)
    {
        if (await reviews.LoadAsync(id, cancellationToken) is not { } loaded)
        {
            return TypedResults.NotFound();
        }
        return TypedResults.Ok<IReadOnlyList<AuditEntry>>([.. loaded.History.Select(h => new AuditEntry(
            h.Stored.Version, h.Stored.Type, h.Stored.SchemaVersion, h.Event.At, h.Stored.RecordedAt,
            JsonSerializer.SerializeToElement(h.Event, h.Event.GetType(), ReviewEventSerializer.JsonOptions)))]);
    }

    private static async Task<Results<ContentHttpResult, NotFound>> GetStatement(string id, ReviewService reviews, CancellationToken cancellationToken)
    {
        if (await reviews.LoadAsync(id, cancellationToken) is not { State.AssembledAt: not null } loaded)
        {
            return TypedResults.NotFound();
        }
        return TypedResults.Content(StatementHtml.Render(PositionStatement.From(loaded.State)), "text/html; charset=utf-8");
    }

    private static async Task<Results<Accepted<ReviewView>, ProblemHttpResult>> AcceptedOrProblem(
        string id, ReviewService reviews, ReviewCommand command, CancellationToken cancellationToken)
    {
        var handled = await reviews.HandleAsync(id, command, cancellationToken);
        return handled.Decision is Rejected rejected
            ? ReviewProblems.For(rejected.Rejection)
            : TypedResults.Accepted($"/api/reviews/{id}", ReviewView.From(handled.State));
    }

    private static async Task<IReadOnlyList<Officer>> FindOfficersAsync(IOfficerDirectory directory, IEnumerable<AreaInput> areas, CancellationToken cancellationToken)
    {
        var found = new List<Officer>();
        foreach (var email in areas.SelectMany(a => a.Questions).SelectMany(q => q.OfficerEmails).Select(Officer.NormaliseEmail).Distinct())
        {
            if (EmailAddress.IsValid(email) && await directory.FindAsync(email, cancellationToken) is { } officer)
            {
                found.Add(officer);
            }
        }
        return found;
    }

    private static async Task<T?> ReadJsonAsync<T>(HttpRequest request, CancellationToken cancellationToken) where T : class
    {
        try
        {
            return await request.ReadFromJsonAsync<T>(ReviewRequestParser.JsonOptions, cancellationToken);
        }
        catch (JsonException)
        {
            return null;
        }
        catch (InvalidOperationException)
        {
            // Not JSON at all (wrong content type).
            return null;
        }
    }

    /// <summary>Review ids are made here, at the edge: 48 random bits, short enough to read out on the phone.</summary>
    internal static string NewReviewId() =>
        "rv-" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(6));
}
