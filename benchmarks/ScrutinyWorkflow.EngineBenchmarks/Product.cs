using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using ScrutinyWorkflow.Core.Reviews;
using ScrutinyWorkflow.Web.Deployment;
using ScrutinyWorkflow.Web.Engine;
using ScrutinyWorkflow.Web.Hosting;
using ScrutinyWorkflow.Web.Links;
using ScrutinyWorkflow.Web.Mail;
using ScrutinyWorkflow.Web.Officers;

namespace ScrutinyWorkflow.EngineBenchmarks;

/// <summary>The product's services, registered as Program.cs registers them, on a data folder of the benchmark's own.</summary>
internal static class Product
{
    public static async Task<WebApplication> StartAsync(string dataPath)
    {
        Directory.CreateDirectory(dataPath);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = dataPath, EnvironmentName = "Production" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Scrutiny:DataPath"] = dataPath,
            ["Scrutiny:DirectoryPath"] = Path.Combine(Figures.RepositoryRoot(), "samples", "directory.json"),
            ["Scrutiny:PublicBaseUrl"] = "http://127.0.0.1",
            ["Scrutiny:TeamEmail"] = "scrutiny@council.example",
            // Commands only: the effects they queue wait, so the figures are the engine's alone.
            ["Scrutiny:Runner:Enabled"] = "false",
        });
        builder.AddScrutinyHosting();
        builder.AddReviews();
        builder.AddReviewEngine(DeploymentProfile.Read(builder, ProductHost.WebHost));
        builder.AddResponseLinks();
        builder.AddOfficerDirectory(DeploymentProfile.Read(builder, ProductHost.WebHost));
        builder.AddMail(DeploymentProfile.Read(builder, ProductHost.WebHost));
        var app = builder.Build();
        await app.StartAsync();
        return app;
    }

    public static IReadOnlyList<Officer> Officers(int count) =>
        [.. Enumerable.Range(1, count).Select(n => new Officer($"officer{n}@council.example", $"Officer {n}", "Service Manager", null))];

    /// <summary>A draft with <paramref name="questions"/> questions, each asked of <paramref name="perQuestion"/> of the officers in turn.</summary>
    public static DraftReview Draft(string reviewId, int questions, int perQuestion, IReadOnlyList<Officer> officers, DateTimeOffset now)
    {
        var (deadline, meeting) = Figures.Dates(now);
        var asked = Enumerable.Range(0, questions).Select(q => new QuestionInput(
            $"Question {q + 1}: how does the service make sure every child is seen within the timescale?",
            [.. Enumerable.Range(0, perQuestion).Select(o => officers[((q * perQuestion) + o) % officers.Count].Email)]));
        return new DraftReview(reviewId, "Careless: helping to improve council services to children in care", new YearMonth(2020, 12),
            "Children and Families Scrutiny Panel", "panel@council.example", meeting, deadline,
            [.. asked.Chunk(10).Select((chunk, i) => new AreaInput($"Area {i + 1}", chunk))], officers, now);
    }

    public static async Task<CommandOutcome> MustAsync(IReviewCommands commands, string reviewId, ReviewCommand command)
    {
        var outcome = await commands.HandleAsync(reviewId, command, null, CancellationToken.None);
        return outcome is CommandApplied ? outcome : throw new InvalidOperationException($"{command.GetType().Name} on {reviewId} came to {outcome}.");
    }
}
