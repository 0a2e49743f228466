using ScrutinyWorkflow.Hardening;

namespace ScrutinyWorkflow.Web.Tests.Hostile;

/// <summary>
/// The hostile corpus's short form (about one case in five of each kind, and the quick variant of the expensive ones)
/// against the real host in a child process. The full corpus is one command (README, "Hardening").
/// </summary>
[Trait("Speed", "Slow")]
public sealed class HostileCorpusTests : IDisposable
{
    private readonly TemporaryFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task Every_hostile_case_gets_its_clear_answer_and_the_host_keeps_serving_within_its_memory_with_nothing_left_behind_and_nothing_secret_logged()
    {
        var cases = HostileCorpus.Short();

        var report = await CorpusRun.RunAsync(cases, folder.Path);

        Assert.True(cases.Count >= 50, $"The short form has {cases.Count} cases.");
        Assert.True(report.Passed, string.Join("\n", report.Lines()));
        Assert.Equal(report.Tried, report.Handled);
        Assert.True(report.KeptServing);
        Assert.Empty(report.LeftBehind);
        Assert.Empty(report.SecretsInLog);
        Assert.InRange(report.PeakMemoryMiB, 1, CorpusRun.MemoryBoundMiB);
    }

    [Fact]
    public void The_full_corpus_has_at_least_250_cases_of_every_kind_the_probe_sent()
    {
        var cases = HostileCorpus.Full();

        Assert.True(cases.Count >= 250, $"The corpus has {cases.Count} cases.");
        Assert.Superset(
            new HashSet<string> { "forged-link", "other-review", "expired-link", "replayed", "cross-site", "wrong-json-type", "deep-json", "invalid-utf8", "control-characters", "injection", "long-answer", "field-flood", "slow-client", "whitespace-id", "pdf-bomb", "docx-bomb", "deep-pdf", "deep-markdown" },
            cases.Select(c => c.Kind).ToHashSet());
    }
}
