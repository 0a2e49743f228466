using System.Diagnostics;

namespace ScrutinyWorkflow.Hardening;

/// <summary>One case's outcome: what came back, and whether it was the answer the case expects.</summary>
internal sealed record CaseOutcome(HostileCase Case, int Status, bool Handled, string Why);

/// <summary>What a run of the corpus found.</summary>
internal sealed record CorpusReport(
    IReadOnlyList<CaseOutcome> Outcomes,
    bool KeptServing,
    double PeakMemoryMiB,
    double MemoryBoundMiB,
    IReadOnlyList<string> LeftBehind,
    IReadOnlyList<string> SecretsInLog,
    TimeSpan Took)
{
    public int Tried => Outcomes.Count;

    public int Handled => Outcomes.Count(o => o.Handled);

    public bool Passed => Handled == Tried && KeptServing && PeakMemoryMiB < MemoryBoundMiB && LeftBehind.Count == 0 && SecretsInLog.Count == 0;

    public IEnumerable<string> Lines()
    {
        yield return $"cases tried: {Tried}; handled (expected status and message): {Handled}";
        foreach (var kind in Outcomes.GroupBy(o => o.Case.Kind))
        {
            yield return $"  {kind.Key}: {kind.Count(o => o.Handled)}/{kind.Count()}";
        }
        foreach (var miss in Outcomes.Where(o => !o.Handled))
        {
            yield return $"  NOT HANDLED {miss.Case.Kind} / {miss.Case.Name}: {miss.Why}";
        }
        yield return $"kept serving: {(KeptServing ? "yes" : "NO")}";
        yield return $"peak memory (VmHWM): {PeakMemoryMiB:0} MiB (bound {MemoryBoundMiB:0} MiB)";
        yield return $"half-made things left: {(LeftBehind.Count == 0 ? "none" : string.Join(", ", LeftBehind))}";
        yield return $"secrets in the host's log: {(SecretsInLog.Count == 0 ? "none" : string.Join(", ", SecretsInLog))}";
        yield return $"took {Took.TotalSeconds:0} s";
    }
}

/// <summary>
/// Runs the corpus against the real host in a child process, one case after another, then checks the host: still
/// serving, its peak memory under the bound, nothing half-made left (upload buffers in its temp folder, temporary files
/// in its data folder, reviews nobody meant to create), and no link token, answer or draft in its log.
/// </summary>
internal static class CorpusRun
{
    /// <summary>
    /// The most the host may hold at its peak. The host at rest is about 100 MiB; the bombs are refused as they inflate
    /// into nothing and at most two reports are read at once, so a run never comes near this.
    /// </summary>
    public const double MemoryBoundMiB = 512;

    public static async Task<CorpusReport> RunAsync(IReadOnlyList<HostileCase> cases, string root, Action<string>? progress = null)
    {
        var clock = Stopwatch.StartNew();
        // Monday 14 December 2026, 10:00, for ever: the review's dates stay ahead of "today" whenever this runs.
        await using var host = await HostUnderTest.StartAsync(root, new DateTimeOffset(2026, 12, 14, 10, 0, 0, TimeSpan.Zero));
        var target = new CorpusTarget(host);
        await target.PrepareAsync(HostileCorpus.Injections);

        var outcomes = new List<CaseOutcome>();
        foreach (var @case in cases)
        {
            var outcome = await TryAsync(@case, target);
            outcomes.Add(outcome);
            progress?.Invoke($"{(outcome.Handled ? "ok  " : "MISS")} {@case.Kind} / {@case.Name}{(outcome.Handled ? "" : ": " + outcome.Why)}");
        }

        using var client = host.Client();
        var serving = host.IsServing && (await client.GetAsync("/api/reviews")).IsSuccessStatusCode;
        var peak = host.IsServing ? host.PeakMemoryMiB() : double.NaN;
        var left = await LeftBehindAsync(host, target);
        await host.KillAsync();
        var secrets = SecretsIn(host.LogFiles, target);
        return new CorpusReport(outcomes, serving, peak, MemoryBoundMiB, left, secrets, clock.Elapsed);
    }

    private static async Task<CaseOutcome> TryAsync(HostileCase @case, CorpusTarget target)
    {
        try
        {
            using var response = await @case.Send(target);
            var body = await response.Content.ReadAsStringAsync();
            var said = body + " " + response.Headers.Location;
            var status = (int)response.StatusCode;
            var why = status != @case.Status ? $"answered {status}, not {@case.Status}: {Snippet(body)}"
                : !said.Contains(@case.Phrase, StringComparison.OrdinalIgnoreCase) ? $"did not say \"{@case.Phrase}\": {Snippet(said)}"
                : @case.Absent?.FirstOrDefault(a => body.Contains(a, StringComparison.OrdinalIgnoreCase)) is { } found ? $"contains \"{found}\""
                : "";
            return new CaseOutcome(@case, status, why.Length == 0, why);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or InvalidOperationException or IOException)
        {
            return new CaseOutcome(@case, 0, false, $"{ex.GetType().Name}: {ex.Message}");
        }
    }

    private static async Task<IReadOnlyList<string>> LeftBehindAsync(HostUnderTest host, CorpusTarget target)
    {
        // The runtime's own diagnostics sockets live in the temp folder while it runs; they are not half-made work.
        var left = Directory.EnumerateFileSystemEntries(host.TempPath, "*", SearchOption.AllDirectories)
            .Where(path => !Path.GetFileName(path).StartsWith("dotnet-diagnostic-", StringComparison.Ordinal) && !Path.GetFileName(path).StartsWith("clr-debug-pipe-", StringComparison.Ordinal))
            .Select(path => $"temp: {Path.GetFileName(path)}")
            .Concat(Directory.EnumerateFiles(host.DataPath, "*", SearchOption.AllDirectories)
                .Where(path => path.EndsWith(".tmp", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".partial", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".next", StringComparison.OrdinalIgnoreCase))
                .Select(path => $"data: {Path.GetRelativePath(host.DataPath, path)}"))
            .ToList();
        using var client = host.Client();
        var list = await System.Net.Http.Json.HttpClientJsonExtensions.GetFromJsonAsync<System.Text.Json.JsonElement>(client, "/api/reviews?pageSize=1");
        var reviews = list.GetProperty("total").GetInt32();
        if (reviews != target.ReviewsCreated)
        {
            left.Add($"reviews: {reviews} listed where {target.ReviewsCreated} were created");
        }
        return left;
    }

    private static List<string> SecretsIn(IEnumerable<string> logs, CorpusTarget target)
    {
        var text = string.Concat(logs.Select(File.ReadAllText));
        return [.. target.Tokens.Select(token => ("a link token", token))
            .Append(("answer text", CorpusTarget.AnswerMarker)).Append(("draft text", CorpusTarget.DraftMarker))
            .Where(secret => text.Contains(secret.Item2, StringComparison.Ordinal))
            .Select(secret => secret.Item1)
            .Distinct()];
    }

    private static string Snippet(string text)
    {
        var flat = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return flat.Length > 200 ? flat[..200] + "..." : flat;
    }
}
