using ScrutinyWorkflow.Web.AwayRefresh;
using ScrutinyWorkflow.Web.DeliveryReports;
using ScrutinyWorkflow.Web.FocusReports;
using ScrutinyWorkflow.Web.Home;
using ScrutinyWorkflow.Web.Hosting;
using ScrutinyWorkflow.Web.Links;
using ScrutinyWorkflow.Web.Mail;
using ScrutinyWorkflow.Web.Officers;
using ScrutinyWorkflow.Web.Pages;
using ScrutinyWorkflow.Web.Reports;
using ScrutinyWorkflow.Web.Responses;
using ScrutinyWorkflow.Web.ReviewPages;
using ScrutinyWorkflow.Web.Reviews;
using ScrutinyWorkflow.Web.Routing;
using ScrutinyWorkflow.Web.SignIn;
using ScrutinyWorkflow.Web.Statements;

var builder = WebApplication.CreateBuilder(args);

builder.AddScrutinyHosting();
builder.AddPages();
builder.AddReviews();
builder.AddReviewEngine();
builder.AddStatements();
builder.AddResponseLinks();
builder.AddOfficerDirectory();
builder.AddAwayRefresh();
builder.AddFocusReportReading();
builder.AddMail();
builder.AddSignIn();
builder.AddFocusReportFeed();
builder.AddQuestionRouting();

var app = builder.Build();

app.UseScrutinyHosting();
app.UsePages();
app.UseSignIn();
app.UseScrutinyForms();

app.MapHomePage();
app.MapScrutinyOfficerPages();
app.MapReviewsApi();
app.MapOfficersApi();
app.MapReportUploadApi();
app.MapStatementPages();
app.MapResponsePages();
app.MapLinksApi();
app.MapSentMail();
app.MapSignIn();
app.MapDeliveryReports();

app.Run();

/// <summary>Visible to the HTTP tests' WebApplicationFactory.</summary>
public partial class Program;
