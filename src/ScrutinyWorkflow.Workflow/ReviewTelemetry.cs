using System.Diagnostics;

namespace ScrutinyWorkflow.Workflow;

/// <summary>
/// Our spans, one around each command a review is sent and each effect carried out, named after what they did so a
/// trace reads as the review's story; hosts export them (Application Insights in Azure) by this source's name.
/// </summary>
public static class ReviewTelemetry
{
    public const string SourceName = "ScrutinyWorkflow";

    public static ActivitySource Source { get; } = new(SourceName);

    public static Activity? Command(string reviewId, object command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var activity = Source.StartActivity($"command {command.GetType().Name}");
        activity?.SetTag("scrutiny.review_id", reviewId);
        return activity;
    }

    public static Activity? Effect(string reviewId, string effectId, object effect)
    {
        ArgumentNullException.ThrowIfNull(effect);
        var activity = Source.StartActivity($"effect {effect.GetType().Name}");
        activity?.SetTag("scrutiny.review_id", reviewId);
        activity?.SetTag("scrutiny.effect_id", effectId);
        return activity;
    }
}
