using ScrutinyWorkflow.Web.AwayRefresh;
using ScrutinyWorkflow.Web.DecisionPages;
using ScrutinyWorkflow.Web.DeliveryReports;
using ScrutinyWorkflow.Web.Deployment;
using ScrutinyWorkflow.Web.Effects;
using ScrutinyWorkflow.Web.Engine;
using ScrutinyWorkflow.Web.FocusReports;
using ScrutinyWorkflow.Web.Home;
using ScrutinyWorkflow.Web.Hosting;
using ScrutinyWorkflow.Web.Links;
using ScrutinyWorkflow.Web.Mail;
using ScrutinyWorkflow.Web.Officers;
using ScrutinyWorkflow.Web.Pages;
using ScrutinyWorkflow.Web.Responses;
using ScrutinyWorkflow.Web.ReviewPages;
using ScrutinyWorkflow.Web.Reviews;
using ScrutinyWorkflow.Web.Routing;
using ScrutinyWorkflow.Web.SharedKeys;
using ScrutinyWorkflow.Web.SignIn;
using ScrutinyWorkflow.Web.Statements;

namespace ScrutinyWorkflow.Web;

/// <summary>
/// The product as one composition, for whichever host runs it: the web host's Program.cs and the Functions app call
/// these three and add only what their host needs of its own (the Functions app: its triggers and the Durable
/// extension's client). A capability is registered, put in the pipeline and mapped here once.
/// </summary>
public static class ScrutinyProduct
{
    /// <summary>
    /// Reads the deployment's profile, refuses an unsafe one before anything is registered, then registers every
    /// capability with it. The profile is returned to the host for what it adds itself.
    /// </summary>
    public static DeploymentProfile AddScrutinyProduct(this IHostApplicationBuilder builder, ProductHost host)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var profile = DeploymentProfile.Read(builder, host).ThrowIfUnsafe();
        builder.Services.AddSingleton(profile);

        builder.AddScrutinyHosting();
        builder.AddSharedKeys(profile);
        builder.AddPages();
        builder.AddReviews();
        builder.AddReviewEngine(profile);
        builder.AddEffects();
        builder.AddReviewsApi();
        builder.AddStatements(profile);
        builder.AddResponseLinks();
        builder.AddOfficerDirectory(profile);
        builder.AddAwayRefresh(profile);
        builder.AddFocusReportReading();
        builder.AddMail(profile);
        builder.AddSignIn(profile);
        builder.AddFocusReportFeed(profile);
        builder.AddQuestionRouting();
        return profile;
    }

    /// <summary>
    /// The request pipeline, in its order: who is calling (behind the Functions host), errors and headers, pages, who is
    /// signed in, then forms' tokens.
    /// </summary>
    public static IApplicationBuilder UseScrutinyProduct(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.ApplicationServices.GetRequiredService<DeploymentProfile>().Host == ProductHost.FunctionsWorker)
        {
            app.UseForwardedHeaders(FunctionsHostForwarding.Options());
        }
        app.UseScrutinyHosting();
        app.UsePages();
        app.UseSignIn();
        app.UseScrutinyForms();
        return app;
    }

    /// <summary>Every page and API route.</summary>
    public static IEndpointRouteBuilder MapScrutinyProduct(this IEndpointRouteBuilder app)
    {
        app.MapHomePage();
        app.MapScrutinyOfficerPages();
        app.MapDecisionPages();
        app.MapReviewsApi();
        app.MapFollowUpsApi();
        app.MapReviewTimerApi();
        app.MapOfficersApi();
        app.MapReportUploadApi();
        app.MapStatementPages();
        app.MapResponsePages();
        app.MapLinksApi();
        app.MapSentMail();
        app.MapSignIn();
        app.MapDeliveryReports();
        return app;
    }
}
