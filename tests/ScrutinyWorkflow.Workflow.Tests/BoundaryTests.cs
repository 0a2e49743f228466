using ScrutinyWorkflow.Workflow.AzureStorage;

namespace ScrutinyWorkflow.Workflow.Tests;

/// <summary>The engine and its Azure Storage sidecar stand without the web host, so its tests (and any host) can use them alone.</summary>
public sealed class BoundaryTests
{
    [Fact]
    public void The_engines_tests_reference_no_web_host()
    {
        var references = typeof(BoundaryTests).Assembly.GetReferencedAssemblies().Select(a => a.Name).ToList();

        Assert.DoesNotContain("ScrutinyWorkflow.Web", references);
        Assert.Contains("ScrutinyWorkflow.Workflow", references);
    }

    [Theory]
    [InlineData(typeof(ReviewTimer))]
    [InlineData(typeof(DurableTaskSidecar))]
    public void The_engine_and_its_sidecar_use_nothing_of_the_product_but_the_core(Type engine)
    {
        var ours = engine.Assembly.GetReferencedAssemblies().Select(a => a.Name!).Where(n => n.StartsWith("ScrutinyWorkflow.", StringComparison.Ordinal));

        Assert.All(ours, name => Assert.Equal("ScrutinyWorkflow.Core", name));
    }
}
