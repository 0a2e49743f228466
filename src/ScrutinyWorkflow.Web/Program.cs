using ScrutinyWorkflow.Web;
using ScrutinyWorkflow.Web.Home;
using ScrutinyWorkflow.Web.Hosting;
using ScrutinyWorkflow.Web.Mail;
using ScrutinyWorkflow.Web.Officers;
using ScrutinyWorkflow.Web.Responses;
using ScrutinyWorkflow.Web.Reviews;

var builder = WebApplication.CreateBuilder(args);
if (string.IsNullOrEmpty(builder.Configuration["urls"]))
{
    // The documented local address, unless ASPNETCORE_URLS (or --urls) says otherwise.
    builder.WebHost.UseUrls("http://localhost:5080");
}

builder.AddScrutinyOptions();
builder.AddEmbeddedReviewStore();
builder.AddOfficerDirectory();
builder.AddEmbeddedMail();
builder.AddEmbeddedStatementFiling();
builder.AddReviews();
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<BadRequestExceptionHandler>();
builder.Services.AddAntiforgery();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseSecurityHeaders();
app.UseAntiforgery();

app.MapHomePage();
app.MapReviewsApi();
app.MapReportUploadApi();
app.MapResponsePages();
app.MapMailOutbox();

app.Run();

/// <summary>Visible to the HTTP tests' WebApplicationFactory.</summary>
public partial class Program;
