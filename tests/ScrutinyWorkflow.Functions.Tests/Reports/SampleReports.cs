using System.Text.Json;
using ScrutinyWorkflow.Tests.Shared;
using ScrutinyWorkflow.Web.Engine;

namespace ScrutinyWorkflow.Functions.Tests.Reports;

/// <summary>The real focus reports in samples/reports, with what reading each should find.</summary>
internal static class SampleReports
{
    public static string PathOf(string fileName) => Path.Combine(Loopback.RepositoryRoot(), "samples", "reports", fileName);

    public static (string Title, int Questions) Expected(string name)
    {
        var expected = JsonDocument.Parse(File.ReadAllText(PathOf(name + ".expected.json"))).RootElement;
        return (expected.GetProperty("title").GetString()!, expected.GetProperty("areas").EnumerateArray().Sum(a => a.GetProperty("questions").GetArrayLength()));
    }

    public static async Task<IReadOnlyList<ReviewSummary>> ReviewsAsync(IServiceProvider services)
    {
        var queries = (IReviewQueries)services.GetService(typeof(IReviewQueries))!;
        return (await queries.ListAsync(new ReviewListQuery(), CancellationToken.None)).Reviews;
    }
}
