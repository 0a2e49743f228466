using System.Globalization;
using System.Net;

namespace ScrutinyWorkflow.Web.Tests.Hostile;

/// <summary>One huge review must not hold up other reviews' mail: the runner lets reviews take turns.</summary>
public sealed class RunnerFairnessTests : IAsyncDisposable
{
    private const int BigReviewOfficers = 1000;
    private const string SmallReviewOfficer = "small.review@council.example";

    private readonly TestWorld world = new();

    public async ValueTask DisposeAsync() => await world.DisposeAsync();

    [Fact]
    public async Task A_small_review_dispatched_after_a_thousand_officer_review_has_its_request_mailed_among_the_first()
    {
        world.Settings["Scrutiny:DirectoryPath"] = WriteDirectory();
        var big = await world.App.CreateReviewAsync(Review("Every service, every question", Enumerable.Range(0, BigReviewOfficers).Select(Officer)));
        var small = await world.App.CreateReviewAsync(Review("One question", [SmallReviewOfficer]));
        foreach (var id in new[] { big, small })
        {
            Assert.Equal(HttpStatusCode.Accepted, (await world.App.CreateClient().PostAsync($"/api/reviews/{id}/dispatch", Api.NoBody())).StatusCode);
        }

        await world.App.RunRunnerAsync();

        // The order the messages were written in is the order of their files' last writes.
        var sent = world.App.Mailbox.List()
            .OrderBy(m => File.GetLastWriteTimeUtc(Path.Combine(world.DataPath, "mail", m.FileName)))
            .ToList();
        Assert.Equal(BigReviewOfficers + 1, sent.Count);
        var smallAt = sent.FindIndex(m => m.MessageId.Contains(small, StringComparison.Ordinal));
        var bigBefore = sent.Take(smallAt).Count(m => m.MessageId.Contains(big, StringComparison.Ordinal));
        // Before taking turns it came after all thousand; now at most the runner's parallel writes go first.
        Assert.True(bigBefore < 50, $"{bigBefore} of the big review's {BigReviewOfficers} requests were mailed before the small review's one.");
        Assert.Contains(sent.Skip(smallAt + 1), m => m.MessageId.Contains(big, StringComparison.Ordinal));
    }

    private static string Officer(int n) => $"officer{n:0000}@council.example";

    /// <summary>A directory with a thousand and one officers, the scrutiny team's manager for each.</summary>
    private string WriteDirectory()
    {
        var path = Path.Combine(world.DataPath, "directory.csv");
        File.WriteAllLines(path, ["email,name,designation,manager", $"{SmallReviewOfficer},Sam Small,Service Manager,",
            .. Enumerable.Range(0, BigReviewOfficers).Select(n => $"{Officer(n)},Officer {n},Service Manager,")]);
        return path;
    }

    private static object Review(string title, IEnumerable<string> officers) => new
    {
        focusReport = new { title, published = "2020-12" },
        panel = new { name = "Children and Families Scrutiny Panel", email = "panel@council.example" },
        meetingDate = "2027-01-20",
        deadline = "2027-01-08",
        areas = new object[]
        {
            new { heading = "Everything", questions = officers.Select((o, n) => new { text = $"Question {n.ToString(CultureInfo.InvariantCulture)} for {o}?", officers = new[] { o } }).ToArray() },
        },
    };
}
