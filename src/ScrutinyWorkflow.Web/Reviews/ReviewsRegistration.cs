namespace ScrutinyWorkflow.Web.Reviews;

public static class ReviewsRegistration
{
    /// <summary>The JSON API's own parts: an engine too busy to take a command is a 503 with when to try again.</summary>
    public static IHostApplicationBuilder AddReviewsApi(this IHostApplicationBuilder builder)
    {
        builder.Services.AddExceptionHandler<ReviewBusyExceptionHandler>();
        return builder;
    }
}
