using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using ScrutinyWorkflow.Functions.Hosting;

namespace ScrutinyWorkflow.Functions;

/// <summary>The Function App: the web host's services in the isolated worker, with ASP.NET Core integration for HTTP.</summary>
public static class Program
{
    public static void Main(string[] args)
    {
        var builder = FunctionsApplication.CreateBuilder(args);
        builder.ConfigureFunctionsWebApplication();
        builder.AddScrutinyFunctionsApp();
        builder.AddScrutinyTelemetry();
        builder.Build().Run();
    }
}
