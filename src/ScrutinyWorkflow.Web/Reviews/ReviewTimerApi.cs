using Microsoft.AspNetCore.Http.HttpResults;
using ScrutinyWorkflow.Web.Engine;
using ScrutinyWorkflow.Web.SignIn;
using ScrutinyWorkflow.Workflow;

namespace ScrutinyWorkflow.Web.Reviews;

/// <summary>What a review's clock is doing, as the review's orchestration reports it.</summary>
public sealed record ReviewTimerView(string ReviewId, string? Problem);

/// <summary>
/// The operator's view of a review's clock on the Durable runtime, and the command that restarts it: the review is in
/// the store, so a new orchestration picks up exactly where the failed one stopped. The embedded runtime has no
/// orchestration (its runner reads every due time from the database), so there these answer 404 saying so.
/// </summary>
public static class ReviewTimerApi
{
    public static IEndpointRouteBuilder MapReviewTimerApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/reviews/{id}/timer").WithTags("Reviews").AddEndpointFilter(ReviewProblems.RefuseImpossibleIds);
        api.MapGet("", Show).RequireAuthorization(ScrutinyPolicies.Reader);
        api.MapPost("/restart", Restart).RequireAuthorization(ScrutinyPolicies.Officer);
        return app;
    }

    private static async Task<Results<Ok<ReviewTimerView>, ProblemHttpResult>> Show(string id, IServiceProvider services, IReviewQueries queries, CancellationToken cancellationToken)
    {
        if (await Refusal(id, services, queries, cancellationToken) is { } refused)
        {
            return refused;
        }
        return TypedResults.Ok(new ReviewTimerView(id, await services.GetRequiredService<IReviewTimers>().ProblemAsync(id, cancellationToken)));
    }

    private static async Task<Results<Accepted<ReviewTimerView>, ProblemHttpResult>> Restart(
        string id, IServiceProvider services, IReviewQueries queries, ILogger<ReviewTimerView> logger, CancellationToken cancellationToken)
    {
        if (await Refusal(id, services, queries, cancellationToken) is { } refused)
        {
            return refused;
        }
        var timers = services.GetRequiredService<IReviewTimers>();
        logger.LogWarning("Review {ReviewId}'s orchestration restarted by an operator (it was: {Problem}).", id, await timers.ProblemAsync(id, cancellationToken) ?? "running");
        await timers.RestartAsync(id, cancellationToken);
        return TypedResults.Accepted($"/api/reviews/{id}/timer", new ReviewTimerView(id, null));
    }

    private static async Task<ProblemHttpResult?> Refusal(string id, IServiceProvider services, IReviewQueries queries, CancellationToken cancellationToken)
    {
        if (services.GetService<IReviewTimers>() is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No orchestration on this runtime",
                detail: "The embedded runtime keeps no orchestration per review: its runner reads every due time from the database, so there is nothing to restart.");
        }
        return await queries.FindAsync(id, cancellationToken) is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such review", detail: $"There is no review {id}.")
            : null;
    }
}
