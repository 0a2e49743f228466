using ScrutinyWorkflow.Web;
using ScrutinyWorkflow.Web.Deployment;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    // The pages' files come with the build (ProductWebRoot.targets), wherever the host is started from.
    WebRootPath = Path.Combine(AppContext.BaseDirectory, "wwwroot"),
});
builder.AddScrutinyProduct(ProductHost.WebHost);

var app = builder.Build();
app.UseScrutinyProduct();
app.MapScrutinyProduct();
app.Run();

/// <summary>Visible to the HTTP tests' WebApplicationFactory.</summary>
public partial class Program;
