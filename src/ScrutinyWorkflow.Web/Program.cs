using ScrutinyWorkflow.Web;
using ScrutinyWorkflow.Web.Deployment;

var builder = WebApplication.CreateBuilder(args);
builder.AddScrutinyProduct(ProductHost.WebHost);

var app = builder.Build();
app.UseScrutinyProduct();
app.MapScrutinyProduct();
app.Run();

/// <summary>Visible to the HTTP tests' WebApplicationFactory.</summary>
public partial class Program;
