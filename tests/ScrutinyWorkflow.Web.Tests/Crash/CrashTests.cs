using ScrutinyWorkflow.Hardening;

namespace ScrutinyWorkflow.Web.Tests.Crash;

/// <summary>
/// The crash test's short form: a few reviews on a fake clock in the real host, killed with SIGKILL at random moments
/// and started again, beside a crash-free run of the same inputs. The full form (100 reviews, 50 kills and more) is one
/// command (README, "Hardening").
/// </summary>
[Trait("Speed", "Slow")]
public sealed class CrashTests : IDisposable
{
    private readonly TemporaryFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task A_host_killed_at_random_moments_ends_with_the_same_statements_every_acknowledged_answer_and_nobody_mailed_twice()
    {
        // New moments every run; the seed in a failure's message repeats it (tools/Hardening -- crash --seed n).
        var seed = Environment.TickCount;
        var run = new CrashRun(reviews: 6, kills: 5, seed) { KillWhileChasing = false };

        var report = await run.RunAsync(folder.Path);

        Assert.True(report.Passed, $"seed {seed}:\n" + string.Join("\n", report.Lines()));
        Assert.True(report.Kills >= 5, $"Only {report.Kills} kills.");
        Assert.True(report.Acknowledged > 0);
        Assert.Empty(report.DifferentStatements);
        Assert.Empty(report.Missing);
        Assert.Empty(report.MailedTwice);
        Assert.Empty(report.MailDifferences);
    }
}
