using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using ScrutinyWorkflow.Functions.Http;
using ScrutinyWorkflow.Functions.Reviews;
using ScrutinyWorkflow.Web.AwayRefresh;
using ScrutinyWorkflow.Web.FocusReports;
using ScrutinyWorkflow.Web.Hosting;
using ScrutinyWorkflow.Web.Links;
using ScrutinyWorkflow.Web.Mail;
using ScrutinyWorkflow.Web.Officers;
using ScrutinyWorkflow.Web.Pages;
using ScrutinyWorkflow.Web.Reports;
using ScrutinyWorkflow.Web.Reviews;
using ScrutinyWorkflow.Web.Routing;
using ScrutinyWorkflow.Web.SignIn;
using ScrutinyWorkflow.Web.Statements;

namespace ScrutinyWorkflow.Functions.Hosting;

public static class ProductRegistration
{
    /// <summary>
    /// Everything the web host registers, through the same calls, with the review engine the Functions host supplies
    /// (the Durable extension) and the web host's pipeline for the HTTP triggers to hand requests to.
    /// </summary>
    public static IHostApplicationBuilder AddScrutinyProduct(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddScrutinyHosting();
        builder.Services.TryAddSingleton<Microsoft.AspNetCore.Hosting.IWebHostEnvironment, WorkerWebEnvironment>();
        builder.AddPages();
        builder.AddReviews();
        builder.AddFunctionsReviewEngine();
        builder.AddStatements();
        builder.AddAccountStorage();
        builder.AddResponseLinks();
        builder.AddOfficerDirectory();
        builder.AddAwayRefreshJob();
        builder.AddFocusReportReading();
        builder.AddMail();
        builder.AddSignIn();
        builder.AddQuestionRouting();
        builder.AddFocusReportFeedJob();
        builder.AddWebPipeline();
        // What a web host's server would have registered for its middleware.
        builder.Services.TryAddSingleton(new System.Diagnostics.DiagnosticListener("Microsoft.AspNetCore"));
        builder.Services.TryAddSingleton<System.Diagnostics.DiagnosticSource>(sp => sp.GetRequiredService<System.Diagnostics.DiagnosticListener>());
        return builder;
    }
}
