using System.Diagnostics;
using System.Globalization;

namespace ScrutinyWorkflow.EngineBenchmarks;

/// <summary>Small helpers for timing and reporting.</summary>
internal static class Figures
{
    public static double Percentile(IReadOnlyList<double> values, double fraction)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }
        var sorted = values.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(fraction * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    /// <summary>The median of <paramref name="runs"/> timings of <paramref name="work"/>, in milliseconds, after two warm-up runs.</summary>
    public static async Task<double> MedianMsAsync(int runs, Func<Task> work)
    {
        await work();
        await work();
        var times = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            await work();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }
        return Percentile(times, 0.5);
    }

    /// <summary>The peak resident set of a process (VmHWM), in MiB; this process when no id is given.</summary>
    public static double PeakResidentMiB(int? processId = null)
    {
        var status = File.ReadAllLines($"/proc/{processId?.ToString(CultureInfo.InvariantCulture) ?? "self"}/status");
        var line = status.First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
    }

    public static string Ms(double value) => value.ToString(value < 10 ? "0.000" : "0.0", CultureInfo.InvariantCulture) + " ms";

    public static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "ScrutinyWorkflow.sln")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new InvalidOperationException("Cannot find the repository root.");
    }

    /// <summary>A fresh folder for one run's data, deleted afterwards.</summary>
    public static string TemporaryFolder(string name)
    {
        var path = Path.Combine(Path.GetTempPath(), "scrutiny-bench", $"{name}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>Dates that leave every rule content: a deadline some weeks off and the meeting well after it.</summary>
    public static (DateOnly Deadline, DateOnly Meeting) Dates(DateTimeOffset now)
    {
        var deadline = DateOnly.FromDateTime(now.DateTime).AddDays(45);
        while (deadline.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            deadline = deadline.AddDays(1);
        }
        return (deadline, deadline.AddDays(21));
    }
}
