using ScrutinyWorkflow.Core.Reviews;

namespace ScrutinyWorkflow.Core.Recommendations;

/// <summary>The outcome of deciding a recommendation command: events to append, or why not (the review's rejection shape).</summary>
public abstract record RecommendationDecision
{
    public static RecommendationDecision Accept(params RecommendationEvent[] events) => new RecommendationAccepted(events);

    public static RecommendationDecision Reject(string code, string message, params Problem[] problems) =>
        new RecommendationRejected(new Rejection(code, message, problems));
}

/// <summary>Accepted with no events means the command was already satisfied (an idempotent no-op).</summary>
public sealed record RecommendationAccepted(IReadOnlyList<RecommendationEvent> Events) : RecommendationDecision;

public sealed record RecommendationRejected(Rejection Rejection) : RecommendationDecision;

/// <summary>Codes only recommendations refuse with; the shared ones (not-found, invalid, not-yours) are <see cref="RejectionCodes"/>'.</summary>
public static class RecommendationRejectionCodes
{
    public const string Closed = "recommendation-closed";
    public const string ScrutinyOfficerOnly = "scrutiny-officer-only";
    public const string UpdateAwaited = "update-awaited";
}
