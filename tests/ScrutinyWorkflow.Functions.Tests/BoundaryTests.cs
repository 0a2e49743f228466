using System.Reflection;

namespace ScrutinyWorkflow.Functions.Tests;

/// <summary>The Functions app is the product plus its triggers: it uses the product's library, never the web host.</summary>
public sealed class BoundaryTests
{
    [Fact]
    public void The_functions_app_uses_the_product_and_no_web_host()
    {
        var references = typeof(Program).Assembly.GetReferencedAssemblies().Select(a => a.Name).ToList();

        Assert.Contains("ScrutinyWorkflow.Web", references);
        Assert.DoesNotContain("ScrutinyWorkflow.WebHost", references);
        // The product is a library: an executable here would be a second host's entry point in the app.
        Assert.Null(Assembly.Load("ScrutinyWorkflow.Web").EntryPoint);
    }
}
